"""What each stage imports: commands that only read a scenario never pay for the NLP pipeline."""

from __future__ import annotations

import subprocess
import sys


def test_reading_a_scenario_or_writing_a_report_does_not_load_the_nlp_pipeline() -> None:
    # spaCy takes about 2 s to import: every command that only reads a scenario (solve,
    # forecast, report) pays it when the scenario, report or forecast packages import
    # extraction (a draft helper reading numbers once did, and the report took 8 s, not 6).
    code = "import sys, zopa.scenario, zopa.report, zopa.forecast; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stdout + done.stderr


def test_importing_the_forecasts_does_not_load_scoringrules_or_scipy() -> None:
    # scoringrules imports scipy.special (about 1 s, with numpy's f2py): a report, a
    # question page or a forecast listing that scores nothing must not pay for it, so
    # scoringrules and scipy are imported where they score, pool or calibrate.
    code = (
        "import sys, zopa.scenario, zopa.report, zopa.report.views, zopa.forecast, zopa.web; "
        "print(sorted(m for m in ('scoringrules', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr

"""The pipeline version stored per document: stable across processes, sensitive to lexicons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zopa.extract import build_pipeline, pipeline_version

_PRINT_VERSION = (
    "from zopa.extract import build_pipeline, pipeline_version; "
    "print(pipeline_version(build_pipeline()))"
)


def _version_in_process(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(
        [sys.executable, "-c", _PRINT_VERSION], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip()


def test_the_version_is_the_same_in_every_process() -> None:
    # Set iteration order differs between these processes; the version must not.
    assert _version_in_process("1") == _version_in_process("2")


def test_a_different_issue_lexicon_changes_the_version(tmp_path: Path) -> None:
    lexicon = tmp_path / "issues.yaml"
    lexicon.write_text(
        "version: 1\nissues:\n  - id: water\n    label: Water rights\n    terms: [river]\n",
        encoding="utf-8",
    )
    shipped = pipeline_version(build_pipeline())
    custom = pipeline_version(build_pipeline(issues_path=lexicon))
    assert shipped != custom
    assert shipped.split(";")[0] == custom.split(";")[0]  # same spaCy model


_DUMP_ITEMS = """
import json, sys
from zopa.extract import build_pipeline, ACTORS, QUOTES, EVENTS, CLAIMS, ESTIMATES, FIELDS
from zopa.ingest import normalise_text
doc = build_pipeline()(normalise_text(open(sys.argv[1], encoding="utf-8").read()))
items = [
    [group, s.start_char, s.end_char, s.label_, s.kb_id_, getattr(s._, FIELDS)]
    for group in (ACTORS, QUOTES, EVENTS, CLAIMS, ESTIMATES)
    for s in doc.spans[group]
]
print(json.dumps(items, sort_keys=True, default=str))
"""


def test_extraction_gives_the_same_items_in_every_process() -> None:
    text = Path(__file__).resolve().parents[1] / "gold" / "texts" / "us-iran.txt"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _DUMP_ITEMS, str(text)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert '"zopa_events"' in outputs[0]

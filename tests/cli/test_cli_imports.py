"""Start-up: a command imports the heavy libraries only when it uses them.

spaCy, matplotlib and SQLAlchemy each take a large share of a second to import;
``zopa --help`` and ``zopa scenario check`` use none of them. Each case runs the
real ``python -m zopa`` in a fresh interpreter and reads what it imported from
``-X importtime``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from tests.scenario.conftest import two_sided

HEAVY = ("spacy", "matplotlib", "sqlalchemy")


def modules_imported(*args: str) -> set[str]:
    """Every module a fresh ``python -X importtime ARGS`` imports (dotted names)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    # in an empty folder: a store in the working folder (sqlite:///zopa.db) is read
    with tempfile.TemporaryDirectory() as empty:
        result = subprocess.run(
            [sys.executable, "-X", "importtime", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            cwd=empty,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = (line.split("|") for line in result.stderr.splitlines())
    return {parts[2].strip() for parts in lines if len(parts) == 3} - {"imported package"}


def _imported(*args: str) -> set[str]:
    """Top-level packages a fresh ``python -X importtime ARGS`` imports."""
    return {name.split(".")[0] for name in modules_imported(*args)}


@pytest.mark.parametrize(
    "command",
    [["--help"], ["solve", "--help"], ["extract", "--help"], ["demo", "--help"]],
    ids=" ".join,
)
def test_help_imports_no_heavy_library(command: list[str]) -> None:
    # Nor numpy: the options' bounds come from zopa.limits.
    assert _imported("-m", "zopa", *command) & {*HEAVY, "numpy"} == set()


def test_scenario_check_imports_no_heavy_library(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(yaml.safe_dump(two_sided()), encoding="utf-8")
    imported = _imported("-m", "zopa", "scenario", "check", str(scenario))
    assert imported & set(HEAVY) == set()
    assert "pydantic" in imported, "the check should have run"


def test_solve_without_a_chart_imports_no_heavy_library(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(yaml.safe_dump(two_sided()), encoding="utf-8")
    imported = _imported("-m", "zopa", "solve", str(scenario), "--draws", "50", "--seed", "1")
    assert imported & set(HEAVY) == set()
    assert "numpy" in imported, "the solve should have run"


def test_ingesting_text_imports_no_html_or_nlp_library(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: Talks\n---\nDelegations met in Geneva.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'z.db'}"
    imported = _imported("-m", "zopa", "--db", url, "ingest", str(article))
    assert imported & {"spacy", "matplotlib", "trafilatura"} == set()
    assert "sqlalchemy" in imported, "the ingest should have run"


def test_listing_evidence_imports_no_nlp_library(tmp_path: Path) -> None:
    # The listings read the store only: they lived in zopa.extract, whose package
    # imports spaCy to register its pipeline components.
    url = f"sqlite:///{tmp_path / 'z.db'}"
    for command in (["events", "--json"], ["actors"]):
        imported = _imported("-m", "zopa", "--db", url, *command)
        assert "spacy" not in imported, command
        assert "sqlalchemy" in imported, "the listing should have run"


def test_the_forecast_stage_leaves_scipy_stats_and_salib_alone() -> None:
    # The simulator's Wilson interval (scipy.stats) and sensitivity (SALib, which loads
    # pandas) are imported when used: scoring and listing forecasts need neither.
    imported = modules_imported("-c", "import zopa.forecast")
    assert {"scipy.stats", "SALib", "pandas"} & imported == set()
    assert "zopa.simulate" in imported, "the simulator's forecast source is registered"


def test_importing_the_models_leaves_scipy_and_the_store_alone() -> None:
    # Refit workers preload zopa.models; scipy.special alone took ~0.4 s of it.
    imported = _imported("-c", "import zopa.models")
    assert imported & {"scipy", *HEAVY} == set()
    assert "numpy" in imported


def test_the_listing_commands_are_the_extractors_kinds() -> None:
    # The CLI registers one listing per kind from its own columns, without importing
    # zopa.extract (spaCy) to read them: the two must name the same kinds.
    from zopa.cli._extract import _COLUMNS
    from zopa.extract import KIND_FIELDS

    assert list(_COLUMNS) == list(KIND_FIELDS)

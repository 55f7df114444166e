"""The demo store of the web tests: the example corpus ingested and extracted, the shipped
scenario stored with forecasts as of its date, built once per session through the CLI."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from zopa.cli import app
from zopa.scenario import save_scenario
from zopa.store import open_store

SCENARIO_FILE = EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"
SCENARIO = "russia-ukraine-2025"
"""The name the shipped scenario is stored under (its id)."""
AS_OF = "2025-08-07"


def build_demo_store(folder: Path) -> str:
    """Build the demo store in ``folder`` and return its URL."""
    url = f"sqlite:///{folder / 'demo.db'}"
    runner = CliRunner()
    for args in (
        ["ingest", str(EXAMPLES / "corpus")],
        ["extract"],
        ["forecast", "run", str(SCENARIO_FILE), "--as-of", AS_OF, "--runs", "200"],
    ):
        result = runner.invoke(app, ["--db", url, *args])
        assert result.exit_code == 0, (args, result.stderr)
    store = open_store(url)
    try:
        save_scenario(store, None, SCENARIO_FILE.read_text(encoding="utf-8"))
    finally:
        store.close()
    return url

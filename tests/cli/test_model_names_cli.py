"""The model names the solve tables print are the names ``--models`` takes, printed whole."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from zopa.cli import app

SCENARIO = str(EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml")


def test_solve_takes_the_short_names_its_tables_print_whole(tmp_path: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "70"})  # a narrow terminal
    args = ["--db", f"sqlite:///{tmp_path / 'z.db'}", "solve", SCENARIO, "--draws", "20"]
    result = runner.invoke(app, [*args, "--seed", "1", "--models", "compromise,median"])
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ ")]
    assert any(line.startswith("│ compromise ") for line in rows)
    assert any(line.startswith("│ median ") for line in rows)
    wrong = runner.invoke(app, [*args, "--models", "compromize"])
    assert wrong.exit_code == 1
    assert "(or their short names: compromise, " in wrong.stderr

"""``zopa scenario draft --base`` through the CLI: the analyst's renamed file comes back whole."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.scenario.border_talks import border_db
from zopa.cli import app

runner = CliRunner()


def test_cli_redraft_of_a_renamed_file_duplicates_nothing_and_keeps_comments(
    tmp_path: Path,
) -> None:
    # The report: an analyst renamed actors, `draft --base` duplicated them and
    # dropped the comments (137 → 739 lines).
    db = border_db(tmp_path)
    first = tmp_path / "first.yaml"
    assert runner.invoke(app, ["--db", db, "scenario", "draft", "-o", str(first)]).exit_code == 0
    text = first.read_text(encoding="utf-8")
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        "# analyst: renamed the parties\n"
        + text.replace("id: venezuela\n", "id: caracas  # renamed\n").replace(
            "name: Guyana\n", "name: Co-operative Republic of Guyana\n"
        ),
        encoding="utf-8",
    )
    again = tmp_path / "again.yaml"
    result = runner.invoke(
        app, ["--db", db, "scenario", "draft", "--base", str(edited), "-o", str(again)]
    )
    assert result.exit_code == 0, result.output
    merged = again.read_text(encoding="utf-8")
    assert merged == edited.read_text(encoding="utf-8")
    assert "# analyst: renamed the parties" in merged and "# renamed" in merged


def test_cli_draft_refuses_an_invalid_base_with_its_file_and_line(tmp_path: Path) -> None:
    db = border_db(tmp_path)
    base = tmp_path / "base.yaml"
    base.write_text("id: s\ntitle: t\nissues: []\nactors: []\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", db, "scenario", "draft", "--base", str(base)])
    assert result.exit_code == 1
    assert "base.yaml:3" in result.output

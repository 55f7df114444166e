"""A listing's ``--type`` that no item can have is an error, not an empty table."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli import app


@pytest.mark.parametrize(
    ("command", "value", "what"),
    [
        ("actors", "company", "actor kind"),
        ("events", "consult", "PLOVER event type"),
        ("quotes", "paraphrase", "quote kind"),
        ("claims", "wish", "claim stance"),
    ],
)
def test_an_unknown_type_is_one_error_line_naming_the_allowed_ones(
    tmp_path: Path, command: str, value: str, what: str
) -> None:
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    result = CliRunner().invoke(app, ["--db", url, command, "--type", value])
    assert result.exit_code == 1, result.stdout
    assert result.stderr.count("\n") == 1
    assert f"--type '{value}' is no {what}; use one of" in result.stderr


def test_actors_unsure_checks_the_type_too(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    result = CliRunner().invoke(app, ["--db", url, "actors", "--unsure", "--type", "nonsense"])
    assert result.exit_code == 1 and "is no actor kind" in result.stderr

"""A scenario path that is no regular file is refused for what it is, never read (nor waited on)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.special_files import fifo
from zopa.cli import app
from zopa.errors import ScenarioError
from zopa.scenario import check_file

runner = CliRunner()


def test_scenario_check_on_a_named_pipe_does_not_block(tmp_path: Path) -> None:
    with fifo(tmp_path / "fifo.yaml") as pipe:
        result = runner.invoke(app, ["scenario", "check", str(pipe)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {pipe}: a named pipe (FIFO), not a regular file; pass a scenario file"
    )


@pytest.mark.parametrize(("path", "kind"), [("/dev/zero", "a character device")])
def test_device_is_refused(path: str, kind: str) -> None:
    with pytest.raises(ScenarioError, match=f"^{path}: {kind}, not a regular file"):
        check_file(path)


def test_symlink_loop_is_named_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    with pytest.raises(ScenarioError, match="a symbolic link loop"):
        check_file(tmp_path / "a.yaml")


def test_non_utf8_file_name_is_printed_escaped(tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.yaml"))
    path.write_text("id: x\n", encoding="utf-8")
    result = runner.invoke(app, ["scenario", "check", str(path)])
    assert result.exit_code == 1
    assert "caf\\xe9.yaml" in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)

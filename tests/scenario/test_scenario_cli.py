"""``zopa scenario check|draft`` and ``zopa solve`` through typer's CliRunner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from zopa.cli import app

Writer = Callable[..., Path]
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "russia-ukraine-2025.yaml"
)

runner = CliRunner()


def test_check_valid_file(write_scenario: Writer, scenario_data: dict[str, Any]) -> None:
    result = runner.invoke(app, ["scenario", "check", str(write_scenario(scenario_data))])
    assert result.exit_code == 0, result.output
    assert "valid (0 error(s), 0 warning(s))" in result.output


def test_check_invalid_file_exits_1_with_lines(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][0]["positions"]["lnd"] = {"position": 1, "salience": 2}
    path = write_scenario(scenario_data)
    result = runner.invoke(app, ["scenario", "check", str(path), "--json"])
    assert result.exit_code == 1
    (report,) = json.loads(result.stdout)
    assert report["valid"] is False
    (problem,) = report["problems"]
    assert problem["line"] > 0 and problem["hint"] == "did you mean 'land'?"


def test_solve_bad_file_is_one_line_error(write_scenario: Writer) -> None:
    path = write_scenario("id: x\nissues: !!python/object:os.system {}\n")
    result = runner.invoke(app, ["solve", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}:2:")


def test_solve_table_json_and_chart(tmp_path: Path) -> None:
    args = ["solve", str(EXAMPLE), "--seed", "11", "--draws", "300", "--loop-draws", "10"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "territory" in table.output and "package ZOPA" in table.output
    as_json = runner.invoke(app, [*args, "--json", "--chart", str(tmp_path / "c")])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["seed"] == 11 and data["draws"] == 300
    assert [i["id"] for i in data["issues"]][:2] == ["territory", "alignment"]
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()[:2000]


def test_solve_out_folder(
    tmp_path: Path, write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    out = tmp_path / "run"
    result = runner.invoke(
        app,
        [
            "solve",
            str(write_scenario(scenario_data)),
            "-m",
            "zopa.compromise.v1",
            "--draws",
            "50",
            "--seed",
            "1",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    saved = json.loads((out / "solve.json").read_text())
    assert saved["issues"][0]["zopa"] == {**saved["issues"][0]["zopa"], "low": 40, "high": 55}
    assert (out / "solve.png").stat().st_size > 0 and (out / "solve.svg").stat().st_size > 0


def test_solve_unknown_model_is_one_line(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    result = runner.invoke(app, ["solve", str(write_scenario(scenario_data)), "-m", "zopa.nope.v1"])
    assert result.exit_code == 1
    assert "no entry named 'zopa.nope.v1' in the models registry" in result.output


def test_draft_empty_store_is_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'z.db'}"
    result = runner.invoke(app, ["--db", db, "scenario", "draft", "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 1
    assert "zopa extract" in result.output


def test_solve_says_which_red_lines_bind_nothing(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    # B's red line (at most 55) would leave [40, 55]; as an organisation's it binds nothing.
    scenario_data["actors"][1]["kind"] = "organisation"
    args = ["solve", str(write_scenario(scenario_data)), "--seed", "1", "--draws", "50"]
    result = runner.invoke(app, [*args, "--models", "compromise"])
    assert result.exit_code == 0, result.output
    assert "rl 55 (binds nothing)" in result.output and "rl 40 (" not in result.output
    assert "red lines that bind nothing (their actor has no veto): b on land" in " ".join(
        result.output.split()
    )

"""Placeholder values: ``scenario check`` warns on each; ``solve`` and ``simulate`` refuse them.

A draft writes ``placeholder: true`` where it has no evidence. Such values must
never turn into a verdict unnoticed: the commands that compute refuse them
unless ``--allow-placeholders``, and then every output says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.cli.test_forecast_run_cli import scenario_data as with_questions
from zopa.cli import app
from zopa.errors import ScenarioError
from zopa.scenario import find_placeholders, load_for_models, load_scenario, placeholder_banner

Writer = Callable[..., Path]
runner = CliRunner()


def flagged(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the first actor's land position and the second's capability placeholders."""
    first = data["actors"][0]["positions"]["land"]
    value = first["position"]
    first["position"] = {
        **(value if isinstance(value, dict) else {"value": value}),
        "placeholder": True,
    }
    data["actors"][1]["capability"] = {"value": 1, "placeholder": True}
    return data


def line_of(path: Path, key: str, after: str = "") -> int:
    """1-based line of the value of the first ``key:`` after the first line holding ``after``.

    A flagged value is a mapping; its line is that of its first entry, the one after the key.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(k for k, line in enumerate(lines) if after in line)
    return next(k for k in range(start, len(lines)) if lines[k].strip() == f"{key}:") + 2


def test_placeholders_are_found_in_file_order_by_name(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    data = flagged(scenario_data)
    data["issues"][0]["status_quo"] = {"value": 50, "placeholder": True}
    data["actors"][1]["positions"]["land"]["red_line"] = {"value": 55, "placeholder": True}
    scenario = load_scenario(write_scenario(data))
    assert [p.name for p in find_placeholders(scenario)] == [
        "issues.land.status_quo",
        "actors.a.positions.land.position",
        "actors.b.capability",
        "actors.b.positions.land.red_line",
    ]
    banner = placeholder_banner(scenario)
    assert banner is not None and banner.startswith("PLACEHOLDERS: 4 values are placeholders")


def test_check_warns_on_each_placeholder_with_its_line_and_counts_them(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(flagged(scenario_data))
    result = runner.invoke(app, ["scenario", "check", str(path), "--json"])
    assert result.exit_code == 0, result.output  # a draft with placeholders is valid
    (report,) = json.loads(result.stdout)
    assert report["valid"] is True and report["placeholders"] == 2
    flags = [p for p in report["problems"] if "placeholder value" in p["message"]]
    assert [(p["severity"], p["line"], p["path"], p["message"]) for p in flags] == [
        (
            "warning",
            line_of(path, "position"),
            "actors[0].positions.land.position",
            "placeholder value actors.a.positions.land.position (no evidence behind it)",
        ),
        (
            "warning",
            line_of(path, "capability", after="id: b"),
            "actors[1].capability",
            "placeholder value actors.b.capability (no evidence behind it)",
        ),
    ]
    assert {p["hint"] for p in flags} == {"set it from the evidence and delete `placeholder: true`"}
    text = runner.invoke(app, ["scenario", "check", str(path)])
    assert text.exit_code == 0
    words = " ".join(text.stdout.split())
    assert words.count("placeholder value actors.") == 2
    assert f"{path}: valid (0 error(s), 2 warning(s)); 2 placeholder value(s)" in words


def test_shipped_examples_hold_no_placeholder() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples" / "scenarios"
    for path in sorted(examples.glob("*.yaml")):
        assert find_placeholders(load_for_models(path)) == [], path


def test_the_library_rule_names_the_file_line_count_and_first_value(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(flagged(scenario_data))
    line = line_of(path, "position")
    with pytest.raises(ScenarioError) as refused:
        load_for_models(path)
    assert str(refused.value) == (
        f"{path}:{line}: 2 values are placeholders (first: actors.a.positions.land.position); "
        "set them or pass --allow-placeholders"
    )
    assert find_placeholders(load_for_models(path, allow_placeholders=True))


SOLVE = ["-m", "zopa.compromise.v1", "--draws", "50", "--seed", "1"]


def test_solve_refuses_placeholders_in_one_line_and_writes_nothing(
    tmp_path: Path, write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(flagged(scenario_data))
    out = tmp_path / "run"
    result = runner.invoke(app, ["solve", str(path), *SOLVE, "--json", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    line = line_of(path, "position")
    assert result.stderr.strip().splitlines() == [
        f"error: {path}:{line}: 2 values are placeholders "
        "(first: actors.a.positions.land.position); set them or pass --allow-placeholders"
    ]
    assert not out.exists()


def test_solve_with_placeholders_allowed_says_so_in_every_output(
    tmp_path: Path, write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(flagged(scenario_data))
    text = runner.invoke(app, ["solve", str(path), *SOLVE, "--allow-placeholders"])
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[0].startswith("PLACEHOLDERS: 2 values are placeholders")
    out = tmp_path / "run"
    as_json = runner.invoke(
        app, ["solve", str(path), *SOLVE, "--allow-placeholders", "--json", "--out", str(out)]
    )
    assert as_json.exit_code == 0, as_json.output
    names = ["actors.a.positions.land.position", "actors.b.capability"]
    assert json.loads(as_json.stdout)["placeholders"] == names
    assert json.loads((out / "solve.json").read_text())["placeholders"] == names


def test_solve_without_placeholders_has_an_empty_field_and_no_banner(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(scenario_data)
    text = runner.invoke(app, ["solve", str(path), *SOLVE])
    assert text.exit_code == 0 and "PLACEHOLDERS" not in text.stdout
    as_json = runner.invoke(app, ["solve", str(path), *SOLVE, "--json"])
    assert json.loads(as_json.stdout)["placeholders"] == []


SIMULATE = ["--runs", "50", "--seed", "1", "--sensitivity", "0", "--as-of", "2025-03-01"]


def test_simulate_refuses_placeholders_unless_allowed_then_says_so(tmp_path: Path) -> None:
    path = tmp_path / "talks.yaml"
    path.write_text(yaml.safe_dump(flagged(with_questions()), sort_keys=False), encoding="utf-8")
    refused = runner.invoke(app, ["simulate", str(path), *SIMULATE])
    assert refused.exit_code == 1 and refused.stdout == ""
    assert "2 values are placeholders" in refused.stderr
    assert "--allow-placeholders" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    allowed = [*SIMULATE, "--allow-placeholders"]
    text = runner.invoke(app, ["simulate", str(path), *allowed])
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[0].startswith("PLACEHOLDERS: 2 values are placeholders")
    as_json = runner.invoke(app, ["simulate", str(path), *allowed, "--json"])
    assert as_json.exit_code == 0, as_json.output
    placeholders = json.loads(as_json.stdout)["placeholders"]
    assert placeholders == ["actors.arland.positions.land.position", "actors.borvia.capability"]

"""Cross-reference and consistency checks, each with a line and a hint; the shipped examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zopa.scenario import Problem, check_file, format_reachability, load_scenario

Writer = Callable[..., Path]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


def _problems(write: Writer, data: dict[str, Any]) -> list[Problem]:
    return check_file(write(data)).problems


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_contradictory_red_line_is_an_error(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    # A wants 90 but says it accepts only values at or below 40: its own position is excluded.
    scenario_data["actors"][0]["positions"]["land"]["accepts"] = "below"
    path = write_scenario(scenario_data)
    errors = [p for p in check_file(path).problems if p.severity == "error"]
    assert len(errors) == 1
    assert "contradictory red line" in errors[0].message
    assert errors[0].line == _line_of(path, "red_line: 40")
    assert errors[0].hint


def test_red_line_equal_to_position_needs_a_side(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][0]["positions"]["land"]["red_line"] = 90
    (problem,) = _problems(write_scenario, scenario_data)
    assert "equals its position" in problem.message
    assert problem.hint is not None and "accepts: above" in problem.hint


def test_uncertainty_that_crosses_the_red_line_is_an_error(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][1]["positions"]["land"]["uncertainty"] = [0, 60]
    (problem,) = _problems(write_scenario, scenario_data)
    assert problem.severity == "error" and "can cross its position" in problem.message


def test_uncertainty_must_contain_the_value(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][0]["positions"]["land"]["uncertainty"] = [60, 80]
    problems = _problems(write_scenario, scenario_data)
    assert any("does not contain the value 90" in p.message for p in problems)


def test_unknown_actor_in_a_format_with_suggestion(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["formats"] = [
        {"id": "talks", "label": "Talks", "kind": "delegations", "participants": ["a", "bb"]}
    ]
    path = write_scenario(scenario_data)
    (problem,) = check_file(path).problems
    assert problem.message == "unknown actor id 'bb'"
    assert problem.hint == "did you mean 'b'?"
    assert problem.line == _line_of(path, "- bb")


def test_a_mediated_format_without_a_mediator_warns(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    fmt = {"id": "t", "label": "T", "kind": "mediated_trilateral", "participants": ["a", "b"]}
    scenario_data["formats"] = [fmt]
    path = write_scenario(scenario_data)
    (problem,) = check_file(path).problems
    assert problem.severity == "warning" and "names no mediator" in problem.message
    assert problem.line == _line_of(path, "kind: mediated_trilateral")
    scenario_data["actors"].append({"id": "m", "name": "M", "kind": "mediator", "capability": 1})
    fmt["mediators"] = ["m"]
    assert check_file(write_scenario(scenario_data)).problems == []


def test_precondition_cycle_is_an_error_and_a_refusal_a_warning(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    def fmt(fid: str, **extra: Any) -> dict[str, Any]:
        return {"id": fid, "label": fid, "kind": "delegations", "participants": ["a", "b"], **extra}

    scenario_data["formats"] = [
        fmt("x", preconditions=[{"actor": "a", "kind": "after_format", "format": "y"}]),
        fmt("y", preconditions=[{"actor": "b", "kind": "after_format", "format": "x"}]),
        fmt(
            "talks",
            venue="Geneva",
            preconditions=[{"actor": "b", "kind": "refuses_venue", "venue": "geneva"}],
        ),
        fmt("summit", preconditions=[{"actor": "a", "kind": "after_format", "format": "talks"}]),
        fmt("open_one"),
    ]
    path = write_scenario(scenario_data)
    problems = check_file(path).problems
    cycles = [p for p in problems if "cycle" in p.message]
    assert {p.severity for p in cycles} == {"error"} and len(cycles) == 2
    (unreachable,) = [p for p in problems if "'summit' can never take place" in p.message]
    assert unreachable.severity == "warning" and "refuses the venue Geneva" in unreachable.message
    statuses = format_reachability(load_scenario_or_none(path))
    assert statuses["open_one"].status == "open"
    assert statuses["talks"].status == "blocked"
    assert statuses["summit"].status == "blocked"


def load_scenario_or_none(path: Path) -> Any:
    report = check_file(path)
    assert report.scenario is not None
    return report.scenario


def test_signatory_both_accepted_and_rejected(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["signatories"] = [{"actor": "a", "accepts": ["b"], "rejects": ["b"]}]
    (problem,) = _problems(write_scenario, scenario_data)
    assert "both accepts and rejects 'b'" in problem.message


def test_ratifier_without_red_line_warns(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"].append({"id": "p", "name": "P", "kind": "veto_player", "capability": 1})
    scenario_data["ratification"] = [{"ratifier": "p", "principal": "b", "issues": ["land"]}]
    (problem,) = _problems(write_scenario, scenario_data)
    assert problem.severity == "warning" and "constrains nothing" in problem.message


def test_a_red_line_that_binds_nothing_warns(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][1]["kind"] = "organisation"  # no veto by default
    path = write_scenario(scenario_data)
    (problem,) = check_file(path).problems
    assert problem.severity == "warning" and "'b'" in problem.message
    assert "binds nothing" in problem.message and problem.line == _line_of(path, "red_line: 55")
    assert problem.hint is not None and "veto: true" in problem.hint
    scenario_data["actors"][1]["veto"] = True
    assert check_file(write_scenario(scenario_data)).problems == []


def test_unknown_model_name(write_scenario: Writer, scenario_data: dict[str, Any]) -> None:
    scenario_data["models"] = ["zopa.compromise.v9"]
    (problem,) = _problems(write_scenario, scenario_data)
    assert "unknown model id 'zopa.compromise.v9'" in problem.message
    assert problem.hint == "did you mean 'zopa.compromise.v1'?"


def test_duplicate_ids(write_scenario: Writer, scenario_data: dict[str, Any]) -> None:
    scenario_data["actors"][1]["id"] = "a"
    problems = _problems(write_scenario, scenario_data)
    assert any("duplicate id 'a' in actors" in p.message for p in problems)


def test_missing_status_quo_is_only_a_warning(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    del scenario_data["issues"][0]["status_quo"]
    report = check_file(write_scenario(scenario_data))
    assert report.ok
    assert [p.severity for p in report.problems] == ["warning"]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_examples_are_valid_and_cite_evidence(path: Path) -> None:
    report = check_file(path)
    assert report.ok, [p.format() for p in report.problems]
    scenario = load_scenario(path)
    for actor in scenario.actors:
        for issue, stance in actor.positions.items():
            values = (stance, stance.position, stance.salience, stance.red_line)
            cited = [e for v in values if v is not None for e in v.evidence]
            assert cited, f"{path.name}: {actor.id} on {issue} cites no evidence"
    documents = [
        e.document
        for actor in scenario.actors
        for stance in actor.positions.values()
        for e in (*stance.evidence, *stance.position.evidence)
        if e.document
    ]
    # Evidence refers to files by name and span only (no article text in the repo).
    assert all(d.endswith(".txt") for d in documents)


def test_at_least_two_negotiations_ship() -> None:
    ids = {load_scenario(p).id for p in EXAMPLES.glob("*.yaml")}
    assert "russia-ukraine-2025" in ids and len(ids) >= 2

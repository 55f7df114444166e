"""`check` and `solve` agree: whatever `check` accepts, `solve` computes or refuses in one line.

A scenario `zopa scenario check` passes must never crash `zopa solve` with a numpy
error; what cannot be solved is an error `check` reports with its line.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zopa.cli import app
from zopa.errors import ScenarioError, ZopaError
from zopa.scenario import Scenario, check_file, check_text, solve_scenario

Writer = Callable[..., Path]
runner = CliRunner()


def _errors(path: Path) -> list[str]:
    return [p.format() for p in check_file(path).problems if p.severity == "error"]


def _no_positions(data: dict[str, Any]) -> dict[str, Any]:
    for actor in data["actors"]:
        actor["positions"] = {}
    return data


def test_no_actor_with_a_position_is_a_check_error(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(_no_positions(scenario_data))
    (error,) = _errors(path)
    assert error.startswith(f"{path}:") and "no actor takes a position" in error
    assert "hint: add `positions:`" in error


def test_solve_refuses_a_scenario_without_positions_in_one_line(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(_no_positions(scenario_data))
    result = runner.invoke(app, ["solve", str(path), "--draws", "10"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "no actor takes a position" in lines[0]


def test_solve_scenario_checks_what_it_is_given(scenario_data: dict[str, Any]) -> None:
    # The library entry point refuses too, without going through a file.
    scenario = Scenario.model_validate(_no_positions(scenario_data))
    with pytest.raises(ScenarioError, match="no actor takes a position"):
        solve_scenario(scenario, draws=10)


def test_no_actor_counted_by_the_models_warns_and_solves_the_zopa_alone(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    for actor in scenario_data["actors"]:
        actor["in_models"] = False
    report = check_file(write_scenario(scenario_data))
    assert report.ok
    assert any("in_models" in p.message for p in report.problems if p.severity == "warning")
    assert report.scenario is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warning on the way
        result = solve_scenario(report.scenario, draws=10, loop_draws=2, rng=0)
    (issue,) = result["issues"]
    assert issue["zopa"]["low"] == 40 and issue["zopa"]["high"] == 55
    assert all(p["point"] is None for p in issue["predictions"].values())


# Values as analysts write them (up to two decimals), ends of the scale included.
score = st.one_of(st.sampled_from([0, 50, 100]), st.integers(0, 10_000).map(lambda v: v / 100))


@st.composite
def small_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """1–3 issues, 1–4 actors, any subset of stances, zero capabilities and saliences."""
    issues: list[dict[str, Any]] = []
    for j in range(draw(st.integers(1, 3))):
        issue: dict[str, Any] = {"id": f"i{j}", "label": "I", "anchors": {0: "a", 100: "b"}}
        if draw(st.booleans()):
            issue["status_quo"] = draw(score)
        issues.append(issue)
    actors = []
    for a in range(draw(st.integers(1, 4))):
        stances: dict[str, Any] = {}
        for issue in issues:
            if not draw(st.booleans()):
                continue
            x = draw(score)
            stance: dict[str, Any] = {"position": x, "salience": draw(score)}
            if draw(st.integers(0, 3)) == 0:
                sd = draw(st.sampled_from([0.5, 5, 50]))
                stance["uncertainty"] = {"distribution": "normal", "sd": sd}
            if draw(st.booleans()):
                red = draw(score)
                stance["red_line"] = red
                stance["accepts"] = "above" if x >= red else "below"
            stances[issue["id"]] = stance
        actors.append(
            {
                "id": f"a{a}",
                "name": "A",
                "kind": draw(st.sampled_from(["state", "mediator", "veto_player"])),
                "capability": draw(score),
                "in_models": draw(st.sampled_from([True, True, True, False])),
                "positions": stances,
            }
        )
    return {"id": "fuzz", "title": "Fuzz", "issues": issues, "actors": actors}


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_whatever_check_accepts_solve_computes_or_refuses_in_one_line(
    data: dict[str, Any],
) -> None:
    report = check_text(yaml.safe_dump(data, sort_keys=False))
    if not report.ok:
        return
    assert report.scenario is not None
    refused: ZopaError | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a numpy warning is a crash the user sees
            solve_scenario(report.scenario, draws=16, loop_draws=2, rng=0)
    except ZopaError as exc:
        refused = exc
    assert refused is None or "\n" not in str(refused)

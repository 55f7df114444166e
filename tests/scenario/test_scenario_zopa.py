"""ZOPA math on small cases computed by hand, and the scenario → arrays conversion."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from zopa.models._zopa import Constraints, blocking_actors, within_zone, zone_of_agreement
from zopa.scenario import Scenario, scenario_arrays


def _constraints(
    red: list[list[float]],
    side: list[list[int]],
    negotiator: list[list[bool]],
    ratifier: list[list[bool]] | None = None,
) -> Constraints:
    r = np.array(red, dtype=float)
    n, m = r.shape
    return Constraints(
        actors=tuple(f"a{k}" for k in range(n)),
        issues=tuple(f"i{k}" for k in range(m)),
        red_line=r,
        side=np.array(side, dtype=np.int8),
        negotiator=np.array(negotiator, dtype=bool),
        ratifier=np.zeros((n, m), bool) if ratifier is None else np.array(ratifier, dtype=bool),
        scale=np.tile([0.0, 100.0], (m, 1)),
    )


def test_two_red_lines_bound_the_zone() -> None:
    # a0 accepts [40, 100], a1 accepts [0, 55]  →  ZOPA [40, 55].
    c = _constraints([[40], [55]], [[1], [-1]], [[True], [True]])
    zone = zone_of_agreement(c)
    assert (zone.low[0], zone.high[0]) == (40, 55)
    assert zone.nonempty.tolist() == [True]
    assert within_zone(np.array([50.0]), zone).tolist() == [True]
    assert within_zone(np.array([56.0]), zone).tolist() == [False]
    assert blocking_actors(np.array([56.0]), c)[:, 0].tolist() == [False, True]
    assert blocking_actors(np.array([39.0]), c)[:, 0].tolist() == [True, False]


def test_crossing_red_lines_leave_no_zone() -> None:
    # a0 needs at least 60, a1 gives at most 50: a gap of 10.
    zone = zone_of_agreement(_constraints([[60], [50]], [[1], [-1]], [[True], [True]]))
    assert zone.nonempty.tolist() == [False]
    assert zone.low[0] - zone.high[0] == 10
    assert not zone.package_nonempty


def test_without_red_lines_the_whole_scale_is_the_zone() -> None:
    zone = zone_of_agreement(_constraints([[np.nan]], [[0]], [[True]]))
    assert (zone.low[0], zone.high[0]) == (0, 100)


def test_non_veto_actors_do_not_bind() -> None:
    # a1 (a mediator) would exclude everything above 20, but has no veto.
    zone = zone_of_agreement(_constraints([[40], [20]], [[1], [-1]], [[True], [False]]))
    assert (zone.low[0], zone.high[0]) == (40, 100)


def test_ratifier_narrows_only_the_issues_it_ratifies() -> None:
    # Issue 0: negotiators agree on [40, 70]; ratifier a2 accepts at most 50 there → [40, 50].
    # Issue 1: a2 also has a red line (at most 10) but does not ratify issue 1.
    c = _constraints(
        red=[[40, 40], [70, 70], [50, 10]],
        side=[[1, 1], [-1, -1], [-1, -1]],
        negotiator=[[True, True], [True, True], [False, False]],
        ratifier=[[False, False], [False, False], [True, False]],
    )
    level1, level2 = zone_of_agreement(c, level=1), zone_of_agreement(c, level=2)
    assert level1.low.tolist() == [40, 40] and level1.high.tolist() == [70, 70]
    assert level2.low.tolist() == [40, 40] and level2.high.tolist() == [50, 70]
    # A package at (60, 60) passes the negotiators but not the parliament on issue 0.
    outcome = np.array([60.0, 60.0])
    assert within_zone(outcome, level1).all()
    assert within_zone(outcome, level2).tolist() == [False, True]
    assert blocking_actors(outcome, c)[:, 0].tolist() == [False, False, True]


def test_package_is_empty_when_one_issue_is() -> None:
    c = _constraints([[40, 80], [55, 20]], [[1, 1], [-1, -1]], [[True, True], [True, True]])
    zone = zone_of_agreement(c)
    assert zone.nonempty.tolist() == [True, False]
    assert not zone.package_nonempty


def test_zone_is_vectorised_over_draws() -> None:
    c = _constraints([[40], [55]], [[1], [-1]], [[True], [True]])
    draws = np.array([[[40.0], [55.0]], [[60.0], [55.0]], [[50.0], [50.0]]])
    zone = zone_of_agreement(c, red_line=draws)
    assert zone.nonempty.tolist() == [[True], [False], [True]]


def test_conversion_scales_salience_and_sets_sides(scenario_data: dict[str, Any]) -> None:
    scenario_data["actors"].append(
        {
            "id": "p",
            "name": "P",
            "kind": "veto_player",
            "capability": 2,
            "in_models": False,
            "positions": {"land": {"position": 0, "salience": 80, "red_line": 45}},
        }
    )
    scenario_data["ratification"] = [{"ratifier": "p", "principal": "b", "issues": ["land"]}]
    arrays = scenario_arrays(Scenario.model_validate(scenario_data))
    problem, c = arrays.problem, arrays.constraints
    assert problem.actors == ("a", "b", "p")
    assert problem.salience[:2, 0].tolist() == [0.5, 0.5]
    assert np.isnan(problem.positions[2, 0])  # in_models: false
    assert problem.reference.tolist() == [50]
    assert c.side[:, 0].tolist() == [1, -1, -1]
    assert c.negotiator[:, 0].tolist() == [True, True, False]
    assert c.ratifier[:, 0].tolist() == [False, False, True]
    zone = zone_of_agreement(c)
    assert (zone.low[0], zone.high[0]) == (40, 45)


@pytest.mark.parametrize(("accepts", "expected"), [("above", (55, 100)), ("below", (0, 55))])
def test_explicit_accepts_side(scenario_data: dict[str, Any], accepts: str, expected: Any) -> None:
    scenario_data["actors"] = scenario_data["actors"][1:]
    stance = scenario_data["actors"][0]["positions"]["land"]
    stance.update(position=55, red_line=55, accepts=accepts)
    zone = zone_of_agreement(scenario_arrays(Scenario.model_validate(scenario_data)).constraints)
    assert (zone.low[0], zone.high[0]) == expected

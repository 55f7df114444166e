"""Monte Carlo: deterministic for a seed, intervals from the declared uncertainty, P(ZOPA)."""

from __future__ import annotations

from typing import Any

import numpy as np

from zopa.models._montecarlo import NORMAL, TRIANGULAR, UNIFORM, Spread, sample_values
from zopa.scenario import Scenario, solve_scenario


def _solve(data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return solve_scenario(Scenario.model_validate(data), **kwargs)


def _prediction(result: dict[str, Any], model: str = "zopa.compromise.v1") -> dict[str, Any]:
    pred: dict[str, Any] = result["issues"][0]["predictions"][model]
    return pred


def test_same_seed_same_result_and_seed_is_saved(scenario_data: dict[str, Any]) -> None:
    scenario_data["actors"][0]["positions"]["land"]["uncertainty"] = [80, 100]
    first = _solve(scenario_data, models=["zopa.compromise.v1"], draws=500, rng=42)
    again = _solve(scenario_data, models=["zopa.compromise.v1"], draws=500, rng=42)
    other = _solve(scenario_data, models=["zopa.compromise.v1"], draws=500, rng=43)
    assert first == again
    assert first["seed"] == 42
    assert _prediction(first)["low"] != _prediction(other)["low"]


def test_fresh_seed_is_recorded_and_reproduces(scenario_data: dict[str, Any]) -> None:
    scenario_data["actors"][0]["positions"]["land"]["uncertainty"] = [80, 100]
    first = _solve(scenario_data, models=["zopa.compromise.v1"], draws=300)
    assert isinstance(first["seed"], int)
    again = _solve(scenario_data, models=["zopa.compromise.v1"], draws=300, rng=first["seed"])
    assert _prediction(first) == _prediction(again)


def test_compromise_interval_matches_the_hand_computed_one(scenario_data: dict[str, Any]) -> None:
    # Equal weights: outcome = (x_a + 10) / 2 with x_a ~ U[80, 100]; the 5 % and 95 %
    # quantiles of x_a are 81 and 99, so the 90 % interval is [45.5, 54.5], point 50.
    scenario_data["actors"][0]["positions"]["land"]["uncertainty"] = [80, 100]
    pred = _prediction(_solve(scenario_data, models=["zopa.compromise.v1"], draws=20_000, rng=1))
    assert pred["point"] == 50
    assert abs(pred["low"] - 45.5) < 0.3 and abs(pred["high"] - 54.5) < 0.3


def test_intervals_shrink_with_less_uncertainty(scenario_data: dict[str, Any]) -> None:
    widths = []
    for half in (20, 10, 2):
        data = {**scenario_data, "actors": [dict(a) for a in scenario_data["actors"]]}
        stance = dict(data["actors"][0]["positions"]["land"])
        stance["uncertainty"] = [90 - half, min(100, 90 + half)]
        data["actors"][0] = {**data["actors"][0], "positions": {"land": stance}}
        pred = _prediction(_solve(data, models=["zopa.compromise.v1"], draws=4000, rng=3))
        widths.append(pred["high"] - pred["low"])
    assert widths[0] > widths[1] > widths[2] > 0


def test_probability_of_a_zopa_matches_the_hand_computed_one(
    scenario_data: dict[str, Any],
) -> None:
    # A accepts ≥ 40; B's red line is U[30, 50] accepting ≤ it: the zone is non-empty
    # exactly when B's red line is ≥ 40, with probability 1/2.
    scenario_data["actors"][1]["positions"]["land"]["red_line"] = 45
    scenario_data["actors"][1]["positions"]["land"]["red_line_uncertainty"] = [30, 50]
    result = _solve(scenario_data, models=["zopa.compromise.v1"], draws=20_000, rng=5)
    p = result["issues"][0]["zopa"]["p_nonempty"]
    assert abs(p - 0.5) < 0.02
    assert result["package"]["p_nonempty"] == p


def test_vectorised_and_looped_models_are_labelled(scenario_data: dict[str, Any]) -> None:
    scenario_data["actors"][0]["positions"]["land"]["uncertainty"] = [80, 100]
    result = _solve(
        scenario_data,
        models=["zopa.compromise.v1", "zopa.nash.v1"],
        draws=400,
        loop_draws=25,
        rng=0,
    )
    info = {m["name"]: m for m in result["models"]}
    assert info["zopa.compromise.v1"]["vectorised"] and info["zopa.compromise.v1"]["draws"] == 400
    assert not info["zopa.nash.v1"]["vectorised"] and info["zopa.nash.v1"]["draws"] == 25


def test_sampling_respects_each_distribution_and_the_scale() -> None:
    values = np.array([[50.0, 95.0, 10.0]])
    spread = Spread(
        kind=np.array([[UNIFORM, NORMAL, TRIANGULAR]], dtype=np.int8),
        low=np.array([[40.0, np.nan, 0.0]]),
        high=np.array([[60.0, np.nan, 40.0]]),
        sd=np.array([[np.nan, 20.0, np.nan]]),
    )
    scale = np.tile([0.0, 100.0], (3, 1))
    draws = sample_values(values, spread, draws=5000, rng=np.random.default_rng(0), scale=scale)
    assert draws.shape == (5000, 1, 3)
    assert draws[:, 0, 0].min() >= 40 and draws[:, 0, 0].max() <= 60
    assert draws[:, 0, 1].max() == 100  # normal around 95 is clipped to the scale
    assert abs(np.mean(draws[:, 0, 2]) - (0 + 10 + 40) / 3) < 0.5  # triangular mean

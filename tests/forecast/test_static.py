"""The static models (``zopa.static_models.v1``) against values known by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from zopa.forecast import ForecastInputs, StaticModelsSource
from zopa.forecast._static import mixture_quantiles
from zopa.scenario import Scenario


def scenario(models: list[str]) -> Scenario:
    """A wants 20 and accepts up to a red line drawn from U[40, 60]; B wants 80, accepts ≥ 30.

    Equal clout and salience: the compromise model predicts 50, inside the zone
    when A's red line is at least 50 (half the draws); the weighted median
    predicts 20, below B's red line, so never inside.
    """
    data: dict[str, Any] = {
        "id": "static",
        "title": "Static",
        "models": models,
        "issues": [
            {"id": "land", "label": "Land", "anchors": {0: "B", 100: "A"}, "status_quo": 50}
        ],
        "actors": [
            {
                "id": "a",
                "name": "A",
                "kind": "state",
                "capability": 1,
                "positions": {
                    "land": {
                        "position": 20,
                        "salience": 50,
                        "red_line": 50,
                        "red_line_uncertainty": [40, 60],
                        "accepts": "below",
                    }
                },
            },
            {
                "id": "b",
                "name": "B",
                "kind": "state",
                "capability": 1,
                "positions": {
                    "land": {"position": 80, "salience": 50, "red_line": 30, "accepts": "above"}
                },
            },
        ],
        "questions": [
            {
                "id": "deal",
                "text": "A deal on land?",
                "what": {"type": "agreement_signed", "issues": ["land"]},
                "resolution_date": "2026-12-31",
            },
            {
                "id": "where",
                "text": "Where will land stand?",
                "kind": "value",
                "issue": "land",
                "resolution_date": "2026-12-31",
            },
            {
                "id": "meet",
                "text": "Will A and B meet?",
                "what": {"type": "format_held", "participants": ["a", "b"]},
                "resolution_date": "2026-12-31",
            },
        ],
    }
    return Scenario.model_validate(data)


def run(models: list[str], runs: int = 4000, seed: int = 1) -> Any:
    inputs = ForecastInputs(scenario(models), date(2025, 1, 1), None, runs, seed)
    return StaticModelsSource().report(inputs)


def test_an_agreement_is_as_likely_as_the_prediction_inside_every_red_line() -> None:
    report = run(["zopa.compromise.v1"])
    deal = next(f for f in report.forecasts if f.question == "deal")
    # P(U[40, 60] ≥ 50) = 0.5; 4000 draws: standard error 0.008
    assert deal.probability == pytest.approx(0.5, abs=0.03)
    assert deal.parameters["per_model"] == {"zopa.compromise.v1": deal.probability}
    assert deal.parameters["p_zopa"] == 1.0  # A's red line is always above B's 30
    assert deal.parameters["seed"] == 1 and deal.parameters["draws"] == 4000


def test_the_forecast_is_the_mean_of_the_models_and_the_bounds_their_range() -> None:
    report = run(["zopa.compromise.v1", "zopa.median.v1"])
    deal = next(f for f in report.forecasts if f.question == "deal")
    per_model = deal.parameters["per_model"]
    assert per_model["zopa.median.v1"] == 0.0  # 20 is below B's red line in every draw
    assert deal.probability == pytest.approx(per_model["zopa.compromise.v1"] / 2, abs=1e-6)
    assert (deal.low, deal.high) == (0.0, per_model["zopa.compromise.v1"])


def test_a_value_question_gets_the_models_predictive_distribution() -> None:
    report = run(["zopa.compromise.v1", "zopa.median.v1"])
    where = next(f for f in report.forecasts if f.question == "where")
    # positions are certain: 50 and 20 in every draw; the mixture's 5/50/95 % quantiles
    assert (where.low, where.value, where.high) == (20.0, 20.0, 50.0)
    assert where.probability is None


def test_other_questions_get_no_forecast_and_a_reason() -> None:
    report = run(["zopa.compromise.v1"])
    assert "meet" not in {f.question for f in report.forecasts}
    assert "format_held" in report.unanswered["meet"]


def test_the_same_seed_gives_the_same_forecasts() -> None:
    assert run(["zopa.compromise.v1"], 500, 7) == run(["zopa.compromise.v1"], 500, 7)


def test_mixture_quantiles_weigh_each_sample_equally() -> None:
    # 1 value at 0 (weight 1/2) and 4 at 10 (1/8 each): the median is the first to reach 1/2
    samples = [np.array([0.0]), np.array([10.0, 10.0, 10.0, 10.0])]
    assert mixture_quantiles(samples, (0.25, 0.5, 0.6)) == (0.0, 0.0, 10.0)

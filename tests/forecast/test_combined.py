"""The combination of zopa's own sources (``zopa.combined.v1``), by hand."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest

from tests.forecast.conftest import scenario_data
from zopa.forecast import CombinedSource, ForecastInputs, NewForecast, add_forecasts
from zopa.scenario import Scenario
from zopa.store import Store


def made(
    question: str, source: str, kind: Any, p: float, as_of: str, **bounds: float
) -> NewForecast:
    return NewForecast(
        scenario="tiny",
        question=question,
        source=source,
        source_kind=kind,
        as_of=date.fromisoformat(as_of),
        probability=p,
        method="test",
        inputs_digest=f"{source}-{question}-{as_of}",
        **bounds,
    )


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_equal_weights_pool_the_log_odds_of_the_own_sources(scenario: Scenario) -> None:
    forecasts = (
        made("truce", "zopa.experts.v1", "experts", 0.2, "2025-03-01", low=0.1, high=0.3),
        made("truce", "zopa.static_models.v1", "model", 0.8, "2025-03-01"),
        made("truce", "polymarket", "price", 0.99, "2025-03-01"),  # never pooled
    )
    inputs = ForecastInputs(scenario, date(2025, 3, 1), None, made=forecasts)
    report = CombinedSource().report(inputs)
    [f] = report.forecasts
    assert f.probability == pytest.approx(0.5)  # odds 1/4 and 4
    assert f.parameters["weights"] == {"zopa.experts.v1": 0.5, "zopa.static_models.v1": 0.5}
    assert f.parameters["weighting"]["weights"] == "equal"
    assert f.low == pytest.approx(sigmoid((logit(0.1) + logit(0.8)) / 2), abs=1e-6)
    assert report.unanswered["where"] == "the combination pools probabilities of event questions"
    assert report.unanswered["meet"] == "resolved by 2025-03-01"


def test_sources_resting_on_the_same_scenario_share_one_voice(scenario: Scenario) -> None:
    forecasts = (
        made("truce", "zopa.experts.v1", "experts", 0.2, "2025-03-01"),
        made("truce", "zopa.static_models.v1", "model", 0.8, "2025-03-01"),
        made("truce", "zopa.simulation.v1", "simulator", 0.8, "2025-03-01"),
    )
    inputs = ForecastInputs(scenario, date(2025, 3, 1), None, made=forecasts)
    [f] = CombinedSource().report(inputs).forecasts
    assert f.parameters["weights"] == {
        "zopa.experts.v1": 0.5,
        "zopa.simulation.v1": 0.25,
        "zopa.static_models.v1": 0.25,
    }
    assert f.probability == pytest.approx(0.5)  # the press against the scenario, odds 1/4 and 4


def test_fitted_weights_are_used_when_they_win_out_of_sample(store: Store) -> None:
    data = scenario_data()
    data["questions"].append(
        {
            "id": "third",
            "text": "A third resolved question",
            "what": {"type": "format_held", "participants": ["a", "b"]},
            "opens": "2025-01-01",
            "resolution_date": "2025-01-20",
            "resolved_on": "2025-01-20",
            "outcome": True,
        }
    )
    s = Scenario.model_validate(data)
    # A good record (Brier 0.01 each) and a poor one (0.36 each) on three resolved questions.
    record = []
    for q, yes in (("meet", True), ("deal", False), ("third", True)):
        record.append(made(q, "good", "experts", 0.9 if yes else 0.1, "2025-01-05"))
        record.append(made(q, "poor", "model", 0.4 if yes else 0.6, "2025-01-05"))
    with store.write() as session:
        add_forecasts(session, record)
    now = (
        made("truce", "good", "experts", 0.8, "2025-03-01"),
        made("truce", "poor", "model", 0.4, "2025-03-01"),
    )
    [f] = CombinedSource().report(ForecastInputs(s, date(2025, 3, 1), store, made=now)).forecasts
    weighting = f.parameters["weighting"]
    assert weighting["weights"] == "fitted"
    assert weighting["fitted_on"] == ["meet", "deal", "third"]
    assert weighting["loo_log"] < weighting["equal_weights_log"]
    good, poor = 1 / 0.01, 1 / 0.36
    w = good / (good + poor)
    assert f.parameters["weights"]["good"] == pytest.approx(w, abs=1e-6)
    assert f.probability == pytest.approx(sigmoid(w * logit(0.8) + (1 - w) * logit(0.4)), abs=1e-6)


def test_forecasts_made_after_a_question_closed_are_not_a_record(store: Store) -> None:
    s = Scenario.model_validate(scenario_data())
    late = [made(q, "good", "experts", 0.9, "2025-02-10") for q in ("meet", "deal")]
    with store.write() as session:
        add_forecasts(session, late)
    now = (made("truce", "good", "experts", 0.8, "2025-03-01"),)
    [f] = (
        CombinedSource(min_resolved=2)
        .report(ForecastInputs(s, date(2025, 3, 1), store, made=now))
        .forecasts
    )
    assert f.parameters["weighting"]["fitted_on"] == []
    assert f.parameters["weighting"]["weights"] == "equal"

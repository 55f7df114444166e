"""Value questions: the stored predictive distribution and its CRPS against hand-computed values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.forecast.conftest import scenario_data
from zopa.forecast import (
    ForecastRecord,
    NewForecast,
    add_forecasts,
    list_forecasts,
    score_forecasts,
)
from zopa.forecast._distribution import crps, crps_uniform, predictive_of
from zopa.scenario import Scenario
from zopa.store import Store


def test_crps_of_a_point_is_its_absolute_error() -> None:
    assert crps(predictive_of(30.0, {}), 42.0) == pytest.approx(12.0)


def test_crps_of_a_sample_by_hand() -> None:
    # E|X − 50| = 7.5; E|X − X'| = 140 / 16 = 8.75; CRPS = 7.5 − 8.75 / 2.
    sample = predictive_of(50.0, {"sample": [60, 40, 55, 45]})
    assert sample.form == "sample"
    assert crps(sample, 50.0) == pytest.approx(3.125)


def test_crps_of_quantiles_is_twice_the_mean_pinball_loss_by_hand() -> None:
    # y = 45: 0.25·(45 − 40) = 1.25; 0.5·(50 − 45) = 2.5; 0.25·(60 − 45) = 3.75.
    quantiles = predictive_of(50.0, {"quantiles": [[0.25, 40], [0.5, 50], [0.75, 60]]})
    assert quantiles.form == "quantiles"
    assert crps(quantiles, 45.0) == pytest.approx(2 * (1.25 + 2.5 + 3.75) / 3)


def test_crps_of_the_uniform_baseline_by_hand() -> None:
    # CRPS(U(0, 100), y) = 100 · (1/3 − u + u²) with u = y / 100.
    assert crps_uniform(50.0) == pytest.approx(100 / 12)
    assert crps_uniform(0.0) == pytest.approx(100 / 3)


def _value(parameters: dict[str, Any], value: float = 40.0, **extra: Any) -> NewForecast:
    return NewForecast.model_validate(
        {
            "scenario": "tiny",
            "question": "where",
            "source": "zopa.compromise.v1",
            "source_kind": "model",
            "as_of": "2025-01-02",
            "value": value,
            "method": "test",
            "parameters": parameters,
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"sample": []}, "list of 1 to"),
        ({"sample": [10, 101]}, "number from 0 to 100"),
        ({"sample": [10, True]}, "number from 0 to 100"),
        ({"sample": [1], "quantiles": [[0.5, 1]]}, "not both"),
        ({"quantiles": [[0.5, 10], [0.5, 20]]}, "strictly increasing"),
        ({"quantiles": [[0.0, 10]]}, "strictly between 0 and 1"),
        ({"quantiles": [[0.2, 30], [0.8, 20]]}, "do not decrease"),
        ({"quantiles": [[0.5]]}, "[level, value] pair"),
    ],
)
def test_a_bad_stored_distribution_is_refused(parameters: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("[", r"\[")):
        _value(parameters)


def test_a_good_stored_distribution_is_kept() -> None:
    forecast = _value({"quantiles": [[0.05, 10], [0.5, 40], [0.95, 70]]})
    assert forecast.parameters["quantiles"][1] == [0.5, 40]
    assert _value({"sample": [20.0, 40, 60]}).value == 40.0


def _resolved_value_scenario(status_quo: float | None) -> Scenario:
    data = scenario_data()
    if status_quo is not None:
        data["issues"][0]["status_quo"] = {"value": status_quo}
    where = data["questions"][3]
    where.update(
        {"opens": "2025-01-01", "resolution_date": "2025-06-30", "resolved_on": "2025-07-01"}
    )
    where["outcome"] = 45
    return Scenario.model_validate(data)


def _stored(forecast: NewForecast, row: int, as_of: str) -> ForecastRecord:
    data = {**forecast.model_dump(), "as_of": date.fromisoformat(as_of)}
    return ForecastRecord.model_validate(
        {**data, "id": row, "created_at": datetime(2025, 1, 1, tzinfo=UTC)}
    )


def test_value_questions_scored_by_crps_beside_uniform_and_status_quo_baselines() -> None:
    scenario = _resolved_value_scenario(status_quo=30.0)
    early = _stored(_value({"sample": [0, 100]}), 1, "2025-01-02")
    final = _stored(
        _value({"quantiles": [[0.25, 40], [0.5, 50], [0.75, 60]]}, 50.0), 2, "2025-03-01"
    )
    late = _stored(_value({}, 45.0), 3, "2025-07-01")  # the outcome was known by then
    result = score_forecasts(scenario, [early, final, late])
    assert result.resolved_values == 1
    (model,) = result.sources
    (score,) = model.values
    assert (score.as_of, score.form, score.value) == (date(2025, 3, 1), "quantiles", 50.0)
    assert model.crps == pytest.approx(5.0)
    assert model.brier is None and model.calibration is None
    uniform, held = model.baselines
    assert uniform.source == "baseline: uniform 0-100"
    assert uniform.crps == pytest.approx(100 * (1 / 3 - 0.45 + 0.45**2))
    assert (held.source, held.crps) == ("baseline: status quo", pytest.approx(15.0))
    data = result.to_dict()["sources"][0]
    assert data["value_questions"] == 1 and data["per_value_question"][0]["crps"] == 5.0
    assert data["calibration"] is None


def test_no_status_quo_no_status_quo_baseline() -> None:
    result = score_forecasts(_resolved_value_scenario(status_quo=None), [])
    assert [b.source for b in result.baselines] == [
        "baseline: 50%",
        "baseline: base rate",
        "baseline: uniform 0-100",
    ]


def test_a_stored_sample_and_quantiles_score_after_a_round_trip(store: Store) -> None:
    scenario = _resolved_value_scenario(status_quo=None)
    sample = _value({"sample": [60.0, 40.0, 55.0, 45.0]}, 50.0, source="a")
    quantiles = _value({"quantiles": [[0.25, 40.0], [0.5, 50.0], [0.75, 60.0]]}, 50.0, source="b")
    with store.write() as session:
        add_forecasts(session, [sample, quantiles])
    result = score_forecasts(scenario, list_forecasts(store, "tiny"))
    a, b = result.sources
    assert (a.values[0].form, a.crps) == ("sample", pytest.approx(7.5 - 8.75 / 2))  # at 45
    assert (b.values[0].form, b.crps) == ("quantiles", pytest.approx(5.0))


@given(
    st.lists(st.floats(0, 100), min_size=1, max_size=40),
    st.floats(0, 100),
)
def test_crps_of_a_sample_lies_between_zero_and_its_mean_absolute_error(
    sample: list[float], outcome: float
) -> None:
    score = crps(predictive_of(sample[0], {"sample": sample}), outcome)
    mae = sum(abs(x - outcome) for x in sample) / len(sample)
    assert -1e-9 <= score <= mae + 1e-9

"""Scores against hand-computed values: Brier, log, time-averaged Brier, baselines, CORP."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from tests.forecast.conftest import record, scenario_data
from zopa.forecast import (
    LOG_SCORE_FLOOR,
    brier_score,
    corp_calibration,
    log_score,
    resolutions,
    score_forecasts,
    time_averaged_brier,
)
from zopa.scenario import Scenario


def test_brier_and_log_scores_by_hand() -> None:
    # Computed by scoringrules; the values are the textbook formulas by hand.
    assert brier_score([0.8, 0.3, 0.5], [1, 0, 1]) == pytest.approx([0.04, 0.09, 0.25])
    expected = [-math.log(0.8), -math.log(0.7), math.log(2)]
    assert log_score([0.8, 0.3, 0.5], [1, 0, 1]) == pytest.approx(expected)
    assert brier_score(0.25, True) == pytest.approx(0.5625)
    assert log_score(0.25, False) == pytest.approx(math.log(4 / 3))


def test_log_score_of_a_certain_wrong_forecast_is_finite() -> None:
    assert log_score(0.0, True) == pytest.approx(-math.log(LOG_SCORE_FLOOR))
    assert log_score(1.0, False) == pytest.approx(-math.log(LOG_SCORE_FLOOR))
    assert log_score(1.0, True) == pytest.approx(-math.log(1 - LOG_SCORE_FLOOR))


def test_time_averaged_brier_is_a_step_function_weighted_by_days() -> None:
    steps = [(date(2025, 1, 1), 0.4), (date(2025, 1, 5), 0.8)]
    mean, days = time_averaged_brier(steps, True, date(2025, 1, 8))
    # 0.4 for 4 days (Brier 0.36), 0.8 for 3 days (Brier 0.04).
    assert days == 7
    assert mean == pytest.approx((4 * 0.36 + 3 * 0.04) / 7)


def test_resolutions_close_on_the_earlier_of_the_day_after_the_date_and_resolved_on(
    scenario: Scenario,
) -> None:
    meet, deal = resolutions(scenario)
    assert (meet.question, meet.outcome, meet.close) == ("meet", True, date(2025, 1, 8))
    assert (deal.question, deal.outcome, deal.close) == ("deal", False, date(2025, 2, 1))


def test_scores_per_source_by_hand(scenario: Scenario) -> None:
    records = [
        record("meet", "market", "2024-12-31", 0.1, row=1),  # before the question opened
        record("meet", "market", "2025-01-01", 0.4, row=2),
        record("meet", "market", "2025-01-05", 0.8, row=3),
        record("meet", "market", "2025-01-08", 1.0, row=4),  # the outcome was known by then
        record("deal", "market", "2025-01-10", 0.3, row=5),
        record("deal", "market", "2025-01-10", 0.2, row=6),  # same date, stored later: wins
        record("meet", "pundit", "2025-01-02", 0.9, row=7, kind="experts"),
        record("deal", "pundit", "2025-02-01", 0.5, row=8, kind="experts"),  # after it closed
        record("deal", "pundit", "2025-01-02", 0.9, row=9, scenario="other"),
        record("truce", "pundit", "2025-01-02", 0.9, row=10, kind="experts"),  # unresolved
    ]
    result = score_forecasts(scenario, records)
    assert result.resolved == 2 and result.base_rate == 0.5
    market, pundit = result.sources
    assert (market.source, market.source_kind) == ("market", "price")
    meet, deal = market.questions
    assert (meet.as_of, meet.probability, meet.days) == (date(2025, 1, 5), 0.8, 7)
    assert meet.brier == pytest.approx(0.04) and meet.log == pytest.approx(-math.log(0.8))
    assert meet.brier_time_avg == pytest.approx(1.56 / 7)
    assert (deal.probability, deal.days) == (0.2, 22)
    assert deal.brier == pytest.approx(0.04) and deal.brier_time_avg == pytest.approx(0.04)
    assert market.brier == pytest.approx(0.04)
    assert market.log == pytest.approx(-math.log(0.8))
    assert market.brier_time_avg == pytest.approx((1.56 / 7 + 0.04) / 2)
    assert [q.question for q in pundit.questions] == ["meet"]
    assert pundit.brier == pytest.approx(0.01) and pundit.log == pytest.approx(-math.log(0.9))
    assert pundit.questions[0].days == 6


def test_each_source_is_compared_with_baselines_on_exactly_its_questions() -> None:
    # Regression: a source scored on one question was set beside baselines on all three.
    data = scenario_data()
    data["questions"].append({**data["questions"][1], "id": "deal2"})  # outcomes: yes, no, no
    records = [record("meet", "market", "2025-01-02", 0.9, row=1)]
    result = score_forecasts(Scenario.model_validate(data), records)
    (market,) = result.sources
    half, rate = market.baselines
    assert [q.question for q in half.questions] == [q.question for q in rate.questions] == ["meet"]
    assert half.brier == pytest.approx(0.25)
    assert rate.brier == pytest.approx((1 - 1 / 3) ** 2)  # the base rate of all three, on meet
    assert rate.log == pytest.approx(-math.log(1 / 3))
    assert [len(b.questions) for b in result.baselines] == [3, 3]  # the scenario-wide ones
    data_out = result.to_dict()
    (source,) = data_out["sources"]
    assert source["compared_on"] == "the questions this source forecast"
    assert [(b["source"], b["questions"]) for b in source["baselines"]] == [
        ("baseline: 50%", 1),
        ("baseline: base rate", 1),
    ]
    assert data_out["baselines_compared_on"] == "all resolved questions"


def test_baselines_fifty_percent_and_base_rate_by_hand() -> None:
    data = scenario_data()
    third = {**data["questions"][1], "id": "deal2"}
    data["questions"].append(third)  # outcomes: yes, no, no
    result = score_forecasts(Scenario.model_validate(data), [])
    assert result.sources == [] and result.base_rate == pytest.approx(1 / 3)
    half, rate = result.baselines
    assert half.brier == pytest.approx(0.25) and half.log == pytest.approx(math.log(2))
    assert rate.brier == pytest.approx(2 / 9)
    assert rate.log == pytest.approx((-math.log(1 / 3) - 2 * math.log(2 / 3)) / 3)
    assert len(rate.questions) == 3


def test_no_resolved_questions_no_baselines(scenario: Scenario) -> None:
    open_only = scenario.model_copy(update={"questions": scenario.questions[2:]})
    result = score_forecasts(open_only, [record("truce", "market", "2025-01-01", 0.3)])
    assert (result.resolved, result.base_rate, result.sources, result.baselines) == (
        0,
        None,
        [],
        [],
    )


def test_corp_of_calibrated_forecasts_has_no_miscalibration() -> None:
    cal = corp_calibration([0.8, 0.2], [1, 0])
    assert [(f, c) for f, c, _ in cal.points] == [(0.2, 0.0), (0.8, 1.0)]
    assert (cal.brier, cal.mcb, cal.dsc, cal.unc) == pytest.approx((0.04, 0.04, 0.25, 0.25))


def test_corp_pools_adjacent_violators_by_hand() -> None:
    # Unique forecasts 0.2 (1 yes), 0.4 (1 no), 0.6 (1 yes, 1 no): the first two violate
    # monotonicity and pool to 0.5, which 0.6's mean (0.5) does not exceed.
    cal = corp_calibration([0.2, 0.4, 0.6, 0.6], [1, 0, 1, 0])
    assert cal.points == [(0.2, 0.5, 1), (0.4, 0.5, 1), (0.6, 0.5, 2)]
    assert cal.brier == pytest.approx(0.33)
    assert (cal.mcb, cal.dsc, cal.unc) == pytest.approx((0.08, 0.0, 0.25))
    assert cal.mcb - cal.dsc + cal.unc == pytest.approx(cal.brier)


def test_corp_pav_fit_by_hand_on_a_longer_sequence() -> None:
    # Forecasts 0.1 (0 of 2 yes), 0.3 (2 of 2), 0.5 (0 of 1), 0.7 (1 of 2), 0.9 (2 of 2).
    # PAV: 0.3's mean 1 exceeds 0.5's 0, so pool 0.3-0.5: 2/3; then 0.7's 1/2 < 2/3: pool
    # 0.3-0.7: 3/5; 0.9's 1 stays. Fit: 0, 0.6, 0.6, 0.6, 1.
    p = [0.1, 0.1, 0.3, 0.3, 0.5, 0.7, 0.7, 0.9, 0.9]
    y = [0, 0, 1, 1, 0, 1, 0, 1, 1]
    cal = corp_calibration(p, y)
    assert [(f, n) for f, _, n in cal.points] == [(0.1, 2), (0.3, 2), (0.5, 1), (0.7, 2), (0.9, 2)]
    assert [c for _, c, _ in cal.points] == pytest.approx([0.0, 0.6, 0.6, 0.6, 1.0])
    s_c = (0 + 0 + 2 * 0.16 + 0.36 + 0.16 + 0.36 + 0 + 0) / 9
    s_r = 5 / 9 * (4 / 9) ** 2 + 4 / 9 * (5 / 9) ** 2
    assert cal.mcb == pytest.approx(cal.brier - s_c)
    assert (cal.dsc, cal.unc) == pytest.approx((s_r - s_c, s_r))


def test_scores_json_layout(scenario: Scenario) -> None:
    result = score_forecasts(scenario, [record("meet", "market", "2025-01-01", 0.4, row=1)])
    data = result.to_dict()
    (source,) = data["sources"]
    assert {"source", "brier", "log", "brier_time_avg", "questions", "calibration"} <= set(source)
    assert [b["source"] for b in data["baselines"]] == ["baseline: 50%", "baseline: base rate"]
    assert all(np.isfinite([b["brier"], b["log"]]).all() for b in data["baselines"])


def _one_question(outcome: bool) -> Scenario:
    data = scenario_data()
    deal = {**data["questions"][1], "outcome": outcome}
    return Scenario.model_validate({**data, "questions": [deal]})


def test_on_one_question_the_base_rate_is_the_outcome_and_no_verdict_rests_on_it() -> None:
    # Regression: with one resolved "no", the base rate is 0, the outcome itself; a source
    # at 0.01 (Brier 0.0001) was said to lose to it "0.000 against 0.000".
    result = score_forecasts(_one_question(False), [record("deal", "pundit", "2025-01-05", 0.01)])
    (pundit,) = result.sources
    half, rate = pundit.baselines
    assert rate.is_outcome and not half.is_outcome
    assert pundit.losses() == []
    assert result.notes == [
        "only 1 resolved event question: a score on one question shows next to nothing, "
        "and every comparison rests on that one",
        "every resolved event question resolved no: the base-rate baseline is the outcome "
        "itself (0), so no source is judged against it",
    ]
    assert result.to_dict()["notes"] == result.notes


def test_a_loss_names_how_many_questions_it_rests_on_and_ties_are_no_loss() -> None:
    data = scenario_data()
    data["questions"].append({**data["questions"][1], "id": "deal2"})  # outcomes: yes, no, no
    scenario = Scenario.model_validate(data)
    bad = [record(q, "bad", "2025-01-02", 0.5 if q == "meet" else 0.9) for q in ("meet", "deal")]
    tie = [record(q, "tie", "2025-01-02", 1 / 3 + 1e-7) for q in ("meet", "deal", "deal2")]
    result = score_forecasts(scenario, bad + tie)
    losses = {s.source: s.losses() for s in result.sources}
    assert losses["tie"] == []  # the base rate to 3 decimals, as printed: no verdict
    assert {(loss["baseline"], loss["score"], loss["questions"]) for loss in losses["bad"]} == {
        ("baseline: 50%", "brier", 2),
        ("baseline: 50%", "log", 2),
        ("baseline: base rate", "brier", 2),
        ("baseline: base rate", "log", 2),
    }
    assert result.notes == []

"""Pooling against hand-computed values: means, median, log-odds, extremising, leave-one-out."""

from __future__ import annotations

import math

import pytest

from zopa.forecast import (
    extremised_pool,
    fit_extremising,
    inverse_brier_weights,
    leave_one_out,
    log_odds_mean,
    recency_weights,
    weighted_mean,
    weighted_median,
)
from zopa.forecast._combined import Track
from zopa.forecast._pooling import Resolved


def test_weighted_mean_by_hand() -> None:
    assert weighted_mean([0.2, 0.6]) == pytest.approx(0.4)
    # (1·0.2 + 3·0.6) / 4 = 2.0 / 4
    assert weighted_mean([0.2, 0.6], [1, 3]) == pytest.approx(0.5)


def test_weighted_median_by_hand() -> None:
    assert weighted_median([0.9, 0.1, 0.5]) == 0.5
    assert weighted_median([0.1, 0.3, 0.5, 0.9]) == pytest.approx(0.4)  # midpoint of 0.3, 0.5
    # cumulative weights 1, 2, 6 of 6: half (3) is first reached at 0.8
    assert weighted_median([0.1, 0.2, 0.8], [1, 1, 4]) == 0.8


def test_log_odds_mean_is_the_geometric_mean_of_the_odds() -> None:
    # odds 1/4 and 4: geometric mean 1, so 50 %
    assert log_odds_mean([0.2, 0.8]) == pytest.approx(0.5)
    # odds 1/9 and 1: geometric mean 1/3, so p = (1/3) / (4/3) = 0.25
    assert log_odds_mean([0.1, 0.5]) == pytest.approx(0.25)
    # weights 3:1 on log-odds ln 4 and 0: mean 0.75 ln 4 = ln 4^0.75
    odds = 4**0.75
    assert log_odds_mean([0.8, 0.5], [3, 1]) == pytest.approx(odds / (1 + odds))


def test_extremised_pool_multiplies_the_mean_log_odds() -> None:
    # odds 1/9 and 1 → mean log-odds ln(1/3); a = 2 gives odds 1/9, so p = 0.1
    assert extremised_pool([0.1, 0.5], a=2.0) == pytest.approx(0.1)
    assert extremised_pool([0.3], a=1.0) == pytest.approx(0.3)


def test_probabilities_are_clipped_before_log_odds() -> None:
    assert log_odds_mean([0.0]) == pytest.approx(0.01)
    assert log_odds_mean([1.0, 0.0]) == pytest.approx(0.5)


def test_recency_weights_halve_every_half_life() -> None:
    assert list(recency_weights([0, 30, 60], 30)) == pytest.approx([1, 0.5, 0.25])
    assert list(recency_weights([-5], 30)) == [1.0]  # a statement is never newer than the date


def test_extremising_fits_the_largest_exponent_when_every_pool_is_on_the_right_side() -> None:
    # Both pools lean towards what happened: the more extreme, the lower the log score.
    questions = [
        Resolved("a", (0.7,), (1.0,), True),
        Resolved("b", (0.2,), (1.0,), False),
    ]
    assert fit_extremising(questions) == 5.0


def test_extremising_stays_at_one_when_it_would_hurt() -> None:
    # One confident miss: any extremising makes it worse.
    questions = [Resolved("a", (0.8,), (1.0,), False)]
    assert fit_extremising(questions) == 1.0


def test_leave_one_out_scores_each_item_with_a_rule_fitted_on_the_others() -> None:
    # A "rule" that forecasts the share of yes among the other items.
    items = [True, True, False]

    def share(others: list[bool], _held: bool) -> float:
        return sum(others) / len(others)

    # held out: T → 1/2, T → 1/2, F → 1 (clipped to 0.999): −ln .5, −ln .5, −ln .001
    expected = (2 * math.log(2) + math.log(1000)) / 3
    assert leave_one_out(items, share, lambda x: x) == pytest.approx(expected)
    with pytest.raises(ValueError, match="two"):
        leave_one_out([True], share, lambda x: x)


def test_inverse_brier_weights_by_hand() -> None:
    tracks = [
        Track("q1", {"s": 0.9, "t": 0.5}, True),  # Brier s 0.01, t 0.25
        Track("q2", {"s": 0.7}, True),  # Brier s 0.09
    ]
    # s: mean 0.05 → 20; t: 0.25 → 4; u: no record → the mean 12; total 36
    weights = inverse_brier_weights(tracks, ["s", "t", "u"])
    assert weights == pytest.approx({"s": 20 / 36, "t": 4 / 36, "u": 12 / 36})
    assert inverse_brier_weights([], ["s", "t"]) == {"s": 0.5, "t": 0.5}

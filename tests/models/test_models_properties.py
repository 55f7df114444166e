"""Model-specific behaviour: Nash, exchange, PCE, expected utility, ensemble."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.models import (
    EnsembleModel,
    ExchangeModel,
    ExpectedUtilityModel,
    NashBargainingModel,
    ProbabilisticCondorcetModel,
    nash_outcome,
    pce_distribution,
)


@settings(max_examples=100, deadline=None)
@given(st.floats(1, 49), st.floats(0.1, 5))
def test_nash_equal_weights_symmetric_positions_is_symmetric(gap: float, weight: float) -> None:
    # Two actors at 50 ± gap, disagreement at the far end of the scale for each.
    p = np.array([[50 - gap], [50 + gap]])
    d = np.array([[100.0], [0.0]])
    out, degenerate = nash_outcome(p, np.full((2, 1), weight), d)
    assert not degenerate[0]
    assert out[0] == pytest.approx(50.0, abs=1e-6)


def test_nash_quadratic_responds_to_weights_linear_sticks_at_a_position() -> None:
    # Both actors fall back on the reference point 0; actor 1 at 20 only accepts (0, 40).
    p = np.array([[20.0], [60.0]])
    d = np.zeros((2, 1))
    weights = (0.3, 0.6, 0.9)
    quadratic = [nash_outcome(p, np.array([[1.0], [w]]), d)[0][0] for w in weights]
    linear = [nash_outcome(p, np.array([[1.0], [w]]), d, exponent=1)[0][0] for w in weights]
    # Quadratic: inside the feasible set and moving toward the actor gaining weight.
    assert 0 < quadratic[0] < quadratic[1] < quadratic[2] < 40
    # Linear: degenerate, the kink at actor 1's position whatever the weights.
    assert linear == pytest.approx([20.0, 20.0, 20.0], abs=1e-6)


def test_nash_reference_between_positions_is_the_reference(problem: Any) -> None:
    p = problem([[10.0], [90.0]], reference=[50.0])
    fitted = NashBargainingModel().fit(p)
    assert fitted.prediction_.outcome[0] == pytest.approx(50.0)
    assert fitted.prediction_.details["degenerate"] == ["i0"]


def test_exchange_each_actor_gains_on_the_issue_it_cares_about(problem: Any) -> None:
    # a0 cares about issue 1, a1 about issue 0; they disagree on both.
    p = problem(
        [[0.0, 0.0], [100.0, 100.0], [50.0, 50.0]],
        salience=[[0.2, 0.9], [0.9, 0.2], [0.5, 0.5]],
    )
    before = np.array([50.0, 50.0])
    fitted = ExchangeModel().fit(p)
    after = fitted.prediction_.outcome
    assert fitted.prediction_.details["exchanges"]
    assert after[0] > before[0]  # a0 yielded on issue 0 toward a1 (100)
    assert after[1] < before[1]  # a1 yielded on issue 1 toward a0 (0)


def test_exchange_random_rate_depends_on_seed_only(problem: Any) -> None:
    p = problem(
        [[0.0, 0.0, 10.0], [100.0, 100.0, 90.0], [50.0, 40.0, 60.0]],
        salience=[[0.2, 0.9, 0.5], [0.9, 0.2, 0.4], [0.5, 0.5, 0.7]],
    )
    a = ExchangeModel(variant="random_rate", rng=1).fit(p).prediction_.outcome
    b = ExchangeModel(variant="random_rate", rng=1).fit(p).prediction_.outcome
    np.testing.assert_array_equal(a, b)


def test_pce_distribution_favours_the_median() -> None:
    options = np.array([0.0, 50.0, 100.0])
    pi = pce_distribution(options, options, np.array([1.0, 1.0, 1.0]), width=100)
    assert pi.sum() == pytest.approx(1.0)
    assert pi[1] > pi[0] and pi[1] > pi[2]
    assert pi[0] == pytest.approx(pi[2])


def test_pce_mode_is_an_option(problem: Any) -> None:
    p = problem([[10.0], [40.0], [90.0]])
    assert ProbabilisticCondorcetModel(point="mode").fit(p).prediction_.outcome[0] == 40.0


def test_expected_utility_risk_free_when_nobody_challenges(problem: Any) -> None:
    p = problem([[40.0], [40.0], [40.0]])
    details = ExpectedUtilityModel(rounds=3).fit(p).prediction_.details
    assert details["median_by_round"] == [[40.0]] * 4


def test_ensemble_states_and_applies_its_weights(problem: Any) -> None:
    p = problem([[0.0], [10.0], [100.0]])
    members = ("zopa.compromise.v1", "zopa.median.v1")
    fitted = EnsembleModel(members=members, weights=(3.0, 1.0)).fit(p)
    assert fitted.prediction_.details["weights"] == {members[0]: 0.75, members[1]: 0.25}
    assert fitted.prediction_.outcome[0] == pytest.approx(0.75 * (110 / 3) + 0.25 * 10.0)

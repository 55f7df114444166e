"""Alternating offers between two time-based aspiration negotiators, on answers worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from zopa.errors import ModelError
from zopa.simulate._alternating import alternating_offers


def opposed(outcomes: int = 11) -> np.ndarray:
    """One issue; side 0 values outcome i at i/10, side 1 at 1 - i/10."""
    grid = np.linspace(0.0, 1.0, outcomes)
    return np.stack([grid, grid[::-1]])[None]


def test_a_shared_favourite_is_agreed_in_the_first_step() -> None:
    grid = np.linspace(0.0, 1.0, 11)
    result = alternating_offers(np.stack([grid, grid])[None], np.zeros((1, 2)), np.ones((1, 2)), 10)
    assert result.agreed.tolist() == [True] and result.steps.tolist() == [1]
    assert result.outcome.tolist() == [10]


def test_linear_concession_meets_in_the_middle_at_the_step_worked_by_hand() -> None:
    # 20 steps: at step s both thresholds are 1 - (s + 1)/21 - 0.001. Side 1 accepts side 0's
    # offer i/10 of value 1 - i/10 once both reach 0.5: (s + 1)/21 >= 0.499 gives s = 10.
    result = alternating_offers(opposed(), np.zeros((1, 2)), np.ones((1, 2)), 20)
    assert result.agreed.tolist() == [True]
    assert result.steps.tolist() == [11] and result.outcome.tolist() == [5]


def test_reserved_values_that_exclude_each_other_never_agree() -> None:
    result = alternating_offers(opposed(), np.full((1, 2), 0.6), np.ones((1, 2)), 50)
    assert result.agreed.tolist() == [False] and result.steps.tolist() == [50]
    assert result.outcome.tolist() == [-1]


def test_boulware_takes_more_steps_than_conceder() -> None:
    u = np.repeat(opposed(), 2, axis=0)
    beta = np.array([[0.25, 0.25], [4.0, 4.0]])
    result = alternating_offers(u, np.zeros((2, 2)), beta, 50)
    assert result.agreed.all() and result.steps[0] > result.steps[1]


def test_negotiations_in_one_batch_do_not_affect_each_other() -> None:
    rng = np.random.default_rng(0)
    u = rng.random((30, 2, 50))
    reserved, beta = rng.random((30, 2)) * 0.5, np.exp(rng.normal(size=(30, 2)))
    batch = alternating_offers(u, reserved, beta, 40)
    for r in (0, 7, 29):
        alone = alternating_offers(u[r : r + 1], reserved[r : r + 1], beta[r : r + 1], 40)
        assert (alone.steps[0], alone.outcome[0]) == (batch.steps[r], batch.outcome[r])


def test_bad_shapes_are_model_errors() -> None:
    with pytest.raises(ModelError, match=r"shape \(R, 2, K\)"):
        alternating_offers(np.zeros((1, 3, 4)), np.zeros((1, 3)), np.ones((1, 3)), 5)

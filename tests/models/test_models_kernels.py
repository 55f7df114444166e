"""Properties of the vectorised Monte Carlo kernels."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from zopa.models import compromise_outcome, weighted_median_outcome
from zopa.models._kernels import pairwise_support

positions = arrays(np.float64, st.integers(1, 12), elements=st.floats(0, 100))


@st.composite
def issue(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    x = draw(positions)
    # Zero or normal-sized weights: subnormal floats (< 1e-308) lose the precision a
    # weighted mean needs, and weights only matter relative to each other.
    weight = st.one_of(st.just(0.0), st.floats(1e-9, 10))
    w = draw(arrays(np.float64, x.shape, elements=weight))
    return x, w


@settings(max_examples=200, deadline=None)
@given(issue())
def test_compromise_lies_within_positions(data: tuple[np.ndarray, np.ndarray]) -> None:
    x, w = data
    out = compromise_outcome(x, w)
    assert x.min() - 1e-9 <= out <= x.max() + 1e-9


@settings(max_examples=200, deadline=None)
@given(issue())
def test_median_is_a_position_with_half_the_weight_on_each_side(
    data: tuple[np.ndarray, np.ndarray],
) -> None:
    x, w = data
    out = weighted_median_outcome(x, w)
    assert out in x
    weights = w if w.sum() > 0 else np.ones_like(w)
    total = weights.sum()
    assert weights[x <= out].sum() >= 0.5 * total * (1 - 1e-9)
    assert weights[x < out].sum() < 0.5 * total * (1 + 1e-9) or np.isclose(
        weights[x < out].sum(), 0.5 * total
    )


def test_batches_match_row_by_row() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 100, (5, 7, 15))
    w = rng.uniform(0, 1, (5, 7, 15))
    x[0, 0, :3] = np.nan
    for kernel in (compromise_outcome, weighted_median_outcome):
        batched = kernel(x, w)
        assert batched.shape == (5, 7)
        rows = np.array([[kernel(x[a, b], w[a, b]) for b in range(7)] for a in range(5)])
        np.testing.assert_allclose(batched, rows)


def test_chunked_threads_match_single_pass() -> None:
    rng = np.random.default_rng(4)
    x = rng.uniform(0, 100, (70_000, 5))
    w = rng.uniform(0, 1, (5,))
    np.testing.assert_array_equal(
        weighted_median_outcome(x, w)[:1000], weighted_median_outcome(x[:1000], w)
    )


def test_absent_actors_and_empty_rows() -> None:
    x = np.array([[np.nan, 10.0, 30.0], [np.nan, np.nan, np.nan]])
    w = np.array([100.0, 1.0, 3.0])
    np.testing.assert_allclose(compromise_outcome(x, w), [25.0, np.nan])
    np.testing.assert_allclose(weighted_median_outcome(x, w), [30.0, np.nan])


def test_zero_weights_fall_back_to_equal_weights() -> None:
    assert compromise_outcome([10.0, 20.0, 60.0], [0.0, 0.0, 0.0]) == 30.0
    assert weighted_median_outcome([10.0, 20.0, 60.0], [0.0, 0.0, 0.0]) == 20.0


@settings(max_examples=200, deadline=None)
@given(
    issue(),
    arrays(np.float64, st.integers(1, 6), elements=st.sampled_from([0.0, 10.0, 33.5, 50.0, 99.0])),
    st.sampled_from(["linear", "quadratic"]),
)
def test_pairwise_support_is_the_sum_of_every_voters_margin(
    data: tuple[np.ndarray, np.ndarray], points: np.ndarray, loss: str
) -> None:
    x, w = data
    distance = np.abs(x[:, None] - points[None, :])  # (voters, points)
    lost = distance if loss == "linear" else distance**2
    # Voter k's margin for point a over point b, summed where it prefers a.
    margin = lost[:, None, :] - lost[:, :, None]
    expected = (w[:, None, None] * np.clip(margin, 0.0, None)).sum(axis=0)
    got = pairwise_support(points, x, w, loss=loss)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-6 * max(1.0, expected.max()))


def test_pairwise_support_ignores_absent_voters_and_batches() -> None:
    rng = np.random.default_rng(5)
    x = rng.uniform(0, 100, (3, 4, 9))
    w = rng.uniform(0, 1, (3, 4, 9))
    x[1, 2, :4] = np.nan
    points = rng.uniform(0, 100, (3, 4, 5))
    batched = pairwise_support(points, x, w)
    for a in range(3):
        for b in range(4):
            keep = ~np.isnan(x[a, b])
            row = pairwise_support(points[a, b], x[a, b][keep], w[a, b][keep])
            np.testing.assert_allclose(batched[a, b], row)

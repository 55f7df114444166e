"""Pooling probabilities: means, medians, log-odds pools, extremising, leave-one-out choice.

Pure functions on arrays, shared by the experts in the press and the combination
of zopa's own sources. Probabilities are clipped to [:data:`POOL_CLIP`,
1 − :data:`POOL_CLIP`] before any log-odds are taken, so one "no chance" does not
pull a pool to 0.

* :func:`weighted_mean`, :func:`weighted_median`, :func:`log_odds_mean` — the
  baselines;
* :func:`extremised_pool` — the log-odds mean times an exponent ``a ≥ 1``
  (Satopää et al. 2014, eq. 4; Baron et al. 2014): ``σ(a · Σ wᵢ logit pᵢ / Σ wᵢ)``;
  :func:`fit_extremising` picks ``a`` on a fixed grid by the mean log score of
  resolved questions;
* :func:`recency_weights` — ``0.5 ** (age / half_life)``;
* :func:`leave_one_out` — the mean log score of a fitted rule on each resolved
  question when fitted on all the others, the test every fitted pool must pass
  before zopa uses it.

References
----------
Satopää, V. A., Baron, J., Foster, D. P., Mellers, B. A., Tetlock, P. E., & Ungar, L. H.
(2014). Combining multiple probability predictions using a simple logit model.
*International Journal of Forecasting*, 30(2), 344–356.
Baron, J., Mellers, B. A., Tetlock, P. E., Stone, E., & Ungar, L. H. (2014). Two reasons
to make aggregated probability forecasts more extreme. *Decision Analysis*, 11(2), 133–145.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from zopa.forecast._scores import log_score

__all__ = [
    "EXTREMISING_GRID",
    "POOL_CLIP",
    "Resolved",
    "extremised_pool",
    "fit_extremising",
    "leave_one_out",
    "log_odds",
    "log_odds_mean",
    "recency_weights",
    "weighted_mean",
    "weighted_median",
]

POOL_CLIP = 0.01
"""Probabilities are clipped to [0.01, 0.99] before their log-odds are pooled."""

EXTREMISING_GRID: tuple[float, ...] = tuple(round(1 + 0.05 * k, 2) for k in range(81))
"""Exponents ``a`` tried when extremising: 1.00, 1.05, ..., 5.00 (1 is the plain log-odds mean)."""

T = TypeVar("T")


def _weights(values: ArrayLike, weights: ArrayLike | None) -> tuple[NDArray[np.float64], ...]:
    p = np.asarray(values, dtype=float)
    w = np.ones_like(p) if weights is None else np.asarray(weights, dtype=float)
    if p.ndim != 1 or p.size == 0 or w.shape != p.shape or np.any(w < 0) or w.sum() <= 0:
        raise ValueError("pooling needs one or more values with non-negative weights, not all 0")
    return p, w


def log_odds(probability: ArrayLike) -> NDArray[np.float64]:
    """``logit p`` with ``p`` clipped to [:data:`POOL_CLIP`, 1 − :data:`POOL_CLIP`]."""
    from scipy.special import logit  # scipy.special takes about 1 s to import: only when pooling

    p = np.clip(np.asarray(probability, dtype=float), POOL_CLIP, 1 - POOL_CLIP)
    return np.asarray(logit(p), dtype=float)


def weighted_mean(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """``Σ wᵢ pᵢ / Σ wᵢ`` (equal weights by default)."""
    p, w = _weights(values, weights)
    return float(np.sum(w * p) / np.sum(w))


def weighted_median(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """The weighted median: the smallest value whose cumulative weight reaches half the total.

    When the cumulative weight equals exactly half at a value, the median is the
    midpoint of that value and the next (the usual median for equal weights and
    an even count).
    """
    p, w = _weights(values, weights)
    order = np.argsort(p, kind="stable")
    p, w = p[order], w[order]
    cumulative, half = np.cumsum(w), w.sum() / 2
    k = int(np.searchsorted(cumulative, half))
    if np.isclose(cumulative[k], half) and k + 1 < p.size:
        return float((p[k] + p[k + 1]) / 2)
    return float(p[k])


def log_odds_mean(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """``σ(Σ wᵢ logit pᵢ / Σ wᵢ)``: the geometric mean of the odds."""
    return extremised_pool(values, weights, a=1.0)


def extremised_pool(values: ArrayLike, weights: ArrayLike | None = None, *, a: float) -> float:
    """``σ(a · Σ wᵢ logit pᵢ / Σ wᵢ)`` (Satopää et al. 2014); ``a = 1`` is the log-odds mean."""
    from scipy.special import expit  # scipy.special takes about 1 s to import: only when pooling

    p, w = _weights(values, weights)
    return float(expit(a * np.sum(w * log_odds(p)) / np.sum(w)))


def recency_weights(ages_days: ArrayLike, half_life_days: float) -> NDArray[np.float64]:
    """``0.5 ** (age / half_life)``: a statement ``half_life_days`` old counts half."""
    ages = np.asarray(ages_days, dtype=float)
    return np.asarray(0.5 ** (np.maximum(ages, 0.0) / half_life_days), dtype=float)


@dataclass(frozen=True)
class Resolved:
    """A resolved question as pooling sees it: the members' probabilities, weights, outcome."""

    question: str
    probabilities: tuple[float, ...]
    weights: tuple[float, ...]
    outcome: bool


def _mean_log_odds(question: Resolved) -> float:
    w = np.asarray(question.weights, dtype=float)
    return float(np.sum(w * log_odds(question.probabilities)) / np.sum(w))


def fit_extremising(questions: Sequence[Resolved]) -> float:
    """The exponent of :data:`EXTREMISING_GRID` with the lowest mean log score on ``questions``.

    The smallest such exponent on ties (within 1e-12), so ``a = 1`` (no
    extremising) wins when nothing is gained. All exponents are scored at once.
    """
    from scipy.special import expit  # scipy.special takes about 1 s to import: only when pooling

    grid = np.asarray(EXTREMISING_GRID)
    means = np.array([_mean_log_odds(q) for q in questions])
    outcomes = np.array([q.outcome for q in questions])
    pools = expit(grid[:, None] * means[None, :])
    scores = log_score(pools, np.broadcast_to(outcomes, pools.shape)).mean(axis=1)
    return float(grid[np.flatnonzero(scores <= scores.min() + 1e-12)[0]])


def leave_one_out(
    items: Sequence[T],
    fit_and_forecast: Callable[[list[T], T], float],
    outcome: Callable[[T], bool],
) -> float:
    """The mean log score of forecasts each made by a rule fitted without its own question.

    ``fit_and_forecast(others, held_out)`` fits the rule on ``others`` and returns
    its probability for ``held_out``. Needs two or more items.
    """
    if len(items) < 2:
        raise ValueError("leave-one-out needs at least two resolved questions")
    forecasts = [
        fit_and_forecast([other for j, other in enumerate(items) if j != i], item)
        for i, item in enumerate(items)
    ]
    return float(np.mean(log_score(forecasts, [outcome(item) for item in items])))

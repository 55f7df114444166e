"""Vectorised kernels shared by the static models and by Monte Carlo.

Each kernel works over any number of leading batch axes: ``positions`` is
``(..., n)`` (one row of ``n`` actors per draw and issue) and ``weights`` is
broadcastable to it. There is no Python loop per draw, so a million draws of a
15-actor issue take a fraction of a second (see ``bench/models.py``).

Conventions, shared by every model that calls these kernels:

* an actor whose position is ``nan`` takes no part (its weight is ignored);
* if every present actor has weight 0 the kernels fall back to equal weights
  (an issue nobody cares about is still decided by the actors present);
* an issue with no present actor gives ``nan``.
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["compromise_outcome", "pairwise_support", "weighted_median_outcome"]

FloatArray = NDArray[np.float64]


def _prepare(positions: ArrayLike, weights: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Positions with absent actors at 0 and weights with absent actors at 0.

    Fast path: with no ``nan`` and some positive weight in every row the inputs
    pass through untouched (a Monte Carlo batch is usually like that).
    """
    x = np.asarray(positions, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != x.shape:
        w = np.broadcast_to(w, x.shape)
    absent = np.isnan(x)
    if absent.any():
        w = np.where(absent, 0.0, w)
        x = np.where(absent, 0.0, x)
    dead = w.sum(axis=-1) <= 0
    if dead.any():
        # No positive weight among present actors: every present actor counts once.
        w = np.where(dead[..., None] & ~absent, 1.0, w)
    return x, w


def compromise_outcome(positions: ArrayLike, weights: ArrayLike) -> FloatArray:
    """Weighted mean of positions: the compromise model's outcome.

    Parameters
    ----------
    positions:
        ``(..., n)`` positions; ``nan`` marks an absent actor.
    weights:
        Non-negative weights broadcastable to ``positions`` (capability × salience
        for the compromise model).

    Returns
    -------
    numpy.ndarray
        ``(...)`` the weighted mean per row; ``nan`` where no actor is present.

    Notes
    -----
    ``O = Σ c_i s_i x_i / Σ c_i s_i`` (Van den Bos 1991; Achen 2006, who derives it
    as an approximation of the Nash bargaining solution). Cost ``O(batch · n)``.
    """
    x, w = _prepare(positions, weights)
    total = w.sum(axis=-1)
    weighted = np.einsum("...i,...i->...", w, x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weighted / np.where(total > 0, total, 1.0), np.nan)


def weighted_median_outcome(positions: ArrayLike, weights: ArrayLike) -> FloatArray:
    """Weighted median of positions: the position of the median voter.

    Parameters
    ----------
    positions:
        ``(..., n)`` positions; ``nan`` marks an absent actor.
    weights:
        Non-negative weights broadcastable to ``positions``.

    Returns
    -------
    numpy.ndarray
        ``(...)`` the lower weighted median: the smallest position at which the
        cumulative weight of the actors at or below it reaches half the total.
        It is always one of the actors' positions; ``nan`` where none is present.

    Notes
    -----
    With single-peaked, symmetric preferences on one dimension the weighted
    median is the Condorcet winner (Black 1948); here votes are capability ×
    salience. Cost ``O(batch · n log n)`` (one sort per row).
    """
    x, w = _prepare(positions, weights)
    batch, n = x.shape[:-1], x.shape[-1]
    rows_x = np.ascontiguousarray(x.reshape(-1, n))
    rows_w = np.ascontiguousarray(w.reshape(-1, n))
    out = np.empty(rows_x.shape[0])
    chunks = [slice(i, i + _CHUNK) for i in range(0, rows_x.shape[0], _CHUNK)]
    if len(chunks) == 1:
        _median_rows(rows_x, rows_w, out)
    else:
        # numpy releases the GIL in sorting and ufuncs: threads share the cores.
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(lambda c: _median_rows(rows_x[c], rows_w[c], out[c]), chunks))
    return out.reshape(batch)


_CHUNK = 1 << 16
WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Threads that share array work: numpy releases the GIL in its loops (2 at most)."""


def _median_rows(x: FloatArray, w: FloatArray, out: FloatArray) -> None:
    """Write the lower weighted median of each row of ``x`` (``(B, n)``) into ``out``."""
    rows, n = x.shape
    # Sorting along axis 0 of the transposed view is numpy's fastest path for short rows.
    order = np.argsort(x.T, axis=0).T
    index_type = np.int32 if x.size < np.iinfo(np.int32).max else np.intp
    flat = order.astype(index_type) + (np.arange(rows, dtype=index_type) * n)[:, None]
    cum = np.cumsum(np.take(w.ravel(), flat), axis=-1)
    half = 0.5 * cum[:, -1]
    # First sorted actor whose cumulative weight reaches half the total (zero-weight
    # and absent actors never reach it first). The tolerance lets an exact half count.
    idx = np.argmax(cum >= (half * (1.0 - 1e-12))[:, None], axis=-1)
    picked = np.take(x.ravel(), np.take_along_axis(flat, idx[:, None], axis=-1)[:, 0])
    out[:] = np.where(half > 0, picked, np.nan)


def pairwise_support(
    points: ArrayLike, positions: ArrayLike, weights: ArrayLike, *, loss: str = "linear"
) -> FloatArray:
    """Weighted support of each point against each other: ``Σ_k w_k max(ℓ_k(b) - ℓ_k(a), 0)``.

    Parameters
    ----------
    points:
        ``(..., K)`` candidate points ``a`` (and ``b``) on each row.
    positions:
        ``(..., n)`` voters' ideal points ``x_k``; ``nan`` marks an absent voter.
    weights:
        ``(..., n)`` non-negative vote weights ``w_k``, used as given (absent voters
        count 0; unlike the outcome kernels there is no fallback to equal weights).
    loss:
        ``ℓ_k(p) = |x_k - p|`` (``"linear"``) or ``(x_k - p)²`` (``"quadratic"``).

    Returns
    -------
    numpy.ndarray
        ``(..., K, K)``: entry ``[a, b]`` sums, over the voters who prefer point
        ``a`` to point ``b``, their weight times the margin of that preference.

    Notes
    -----
    These are the pairwise vote totals of Bueno de Mesquita's expected-utility
    model (Scholz, Calbert & Smith 2011, eq. 5's numerator, with linear loss) and
    of the coalition strengths of KTAB's probabilistic Condorcet election (Wise
    et al. 2017; either loss). With single-peaked losses on a line, the voters who
    prefer ``a`` to ``b`` are those on ``a``'s side of the midpoint
    ``(a + b)/2``, and each margin is piecewise linear in ``x_k``; so every entry
    is a combination of prefix sums of ``w_k`` and ``w_k x_k`` over the voters
    sorted by position. Cost ``O(batch · (K² + n) log(K² + n))`` time and
    ``O(batch · (K² + n))`` memory, instead of ``O(batch · K² · n)`` for the
    votes summed voter by voter.
    """
    x = np.asarray(positions, dtype=np.float64)
    absent = np.isnan(x)
    w = np.where(absent, 0.0, np.asarray(weights, dtype=np.float64))
    prefix = _Prefix(np.where(absent, 0.0, x), w)
    # Points sorted row by row: a pair (i < j) then has a = x_i <= b = x_j, each
    # formula runs on one triangle only, and the midpoints come in increasing runs,
    # which searchsorted answers faster. The result is put back in the points'
    # order at the end (callers that pass sorted points skip both steps).
    a = np.asarray(points, dtype=np.float64)
    order = None if np.all(a[..., 1:] >= a[..., :-1]) else np.argsort(a, axis=-1)
    if order is not None:
        a = np.take_along_axis(a, order, axis=-1)
    k = a.shape[-1]
    first, second, upper, lower = _pairs(k)
    lo, hi = a[..., first], a[..., second]  # lo <= hi
    both, gap = lo + hi, hi - lo
    # A voter at the midpoint is indifferent (margin 0), so which side it is counted
    # on does not matter: one search of the midpoints serves every formula.
    w_mid, x_mid = prefix.below(0.5 * both, strict=False)
    if loss == "linear":
        # lo against hi: voters at or below lo gain the whole gap; those between lo
        # and the midpoint gain lo + hi - 2x. hi against lo: the mirror image.
        w_le, x_le = (v[..., first] for v in prefix.below(a, strict=False))
        w_lt, x_lt = (v[..., second] for v in prefix.below(a, strict=True))
        low_wins = gap * w_le + both * (w_mid - w_le) - 2 * (x_mid - x_le)
        high_wins = gap * (prefix.total_w - w_lt) + 2 * (x_lt - x_mid) - both * (w_lt - w_mid)
    else:
        # (x - b)² - (x - a)² = (a - b)(2x - a - b): a's side of the midpoint only.
        low_wins = gap * (both * w_mid - 2 * x_mid)
        high_wins = gap * (2 * (prefix.total_x - x_mid) - both * (prefix.total_w - w_mid))
    distinct = lo < hi
    flat = np.zeros((*a.shape[:-1], k * k))
    flat[..., upper] = np.where(distinct, np.clip(low_wins, 0.0, None), 0.0)
    flat[..., lower] = np.where(distinct, np.clip(high_wins, 0.0, None), 0.0)
    support = flat.reshape(*a.shape, k)
    if order is None:
        return support
    place = np.argsort(order, axis=-1)
    support = np.take_along_axis(support, place[..., :, None], axis=-2)
    return np.asarray(np.take_along_axis(support, place[..., None, :], axis=-1))


@functools.lru_cache(maxsize=64)
def _pairs(k: int) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """For ``k`` points: the pairs ``i < j`` as two index arrays, and their flat places
    in a ``(k, k)`` array above and below the diagonal."""
    first, second = np.triu_indices(k, 1)
    return first, second, first * k + second, second * k + first


class _Prefix:
    """Voters sorted by position row by row, with running sums of ``w`` and ``w·x``.

    ``x`` and ``w`` are ``(..., n)`` and finite. :meth:`below` answers, for any
    ``(..., *q)`` queries, ``Σ w`` and ``Σ w·x`` over the voters below each query.
    """

    def __init__(self, x: FloatArray, w: FloatArray) -> None:
        self.batch, self.n = x.shape[:-1], x.shape[-1]
        rows_x = x.reshape(-1, self.n)
        self.rows = rows_x.shape[0]
        order = np.argsort(rows_x, axis=-1)
        xs = np.take_along_axis(rows_x, order, axis=-1)
        ws = np.take_along_axis(w.reshape(-1, self.n), order, axis=-1)
        zero = np.zeros((self.rows, 1))
        cum_w = np.concatenate([zero, np.cumsum(ws, axis=-1)], axis=-1)
        cum_x = np.concatenate([zero, np.cumsum(ws * xs, axis=-1)], axis=-1)
        self.total_w = cum_w[:, -1].reshape(*self.batch, 1)
        self.total_x = cum_x[:, -1].reshape(*self.batch, 1)
        self.cum_w, self.cum_x = cum_w.ravel(), cum_x.ravel()
        # Rows laid end to end, each shifted past the previous one (see below()).
        self.reach = float(np.abs(xs).max(initial=0.0)) + 1.0
        self.shift = (np.arange(self.rows) * (2 * self.reach + 1))[:, None]
        self.keys = (xs + self.shift).ravel()

    def below(self, t: FloatArray, *, strict: bool) -> tuple[FloatArray, FloatArray]:
        """``Σ w`` and ``Σ w·x`` over ``x < t`` (``strict``) or ``x <= t``.

        ``t`` is ``(..., q)`` with the voters' batch axes; the sums are shaped like it.
        One ``searchsorted`` answers every query of every row: a query, kept within
        its row's reach (which changes no count), is shifted like its row's voters.
        The shift keeps exact ties exact; a voter within rounding of a query may fall
        on either side, which moves the caller's sums by that rounding only (its
        margins are continuous there).
        """
        rows_t = np.clip(t.reshape(self.rows, -1), -self.reach, self.reach) + self.shift
        found = np.searchsorted(self.keys, rows_t.ravel(), side="left" if strict else "right")
        # The i-th row's voters start at i·n in the keys and at i·(n + 1) in the sums.
        at = found.reshape(rows_t.shape) + np.arange(self.rows)[:, None]
        return np.take(self.cum_w, at).reshape(t.shape), np.take(self.cum_x, at).reshape(t.shape)

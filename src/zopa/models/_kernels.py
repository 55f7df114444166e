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

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["compromise_outcome", "weighted_median_outcome"]

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
        with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
            list(pool.map(lambda c: _median_rows(rows_x[c], rows_w[c], out[c]), chunks))
    return out.reshape(batch)


_CHUNK = 1 << 16
_WORKERS = max(1, min(2, os.cpu_count() or 1))


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

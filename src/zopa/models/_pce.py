"""KTAB's probabilistic Condorcet election (PCE) on each issue."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._budget import chunks, fit_chunk
from zopa.models._common import clip_to_scale, number_in, one_of, vote_weights
from zopa.models._kernels import pairwise_support

__all__ = ["ProbabilisticCondorcetModel", "pce_distribution"]

from zopa.registry import models

#: Issues per chunk are capped so one chunk's ``(issues, K, K)`` arrays hold about this
#: many cells (they then stay in cache).
_CACHE_CELLS = 1 << 15
#: ``(K, K)`` float64 arrays alive at once per issue: the pairwise sums, the contest
#: probabilities, the transition matrix and the linear system (8 measured with
#: tracemalloc on 300 options, rounded up).
_ARRAYS_PER_PAIR = 12


def pce_distribution(
    options: FloatArray,
    positions: FloatArray,
    weights: FloatArray,
    *,
    width: float,
    utility: str = "linear",
    power: float = 1.0,
) -> FloatArray:
    """Stationary probabilities of ``options`` (``(K,)``) under pairwise contests.

    Parameters
    ----------
    options:
        Candidate outcomes.
    positions, weights:
        ``(n,)`` actors' ideal points and vote weights (capability × salience).
    width:
        The issue's scale width (utilities are ``1 - d/width`` or ``1 - (d/width)²``).
    utility:
        ``"linear"`` or ``"quadratic"`` loss in distance.
    power:
        Exponent on the coalition strengths in the contest probability.

    Returns
    -------
    numpy.ndarray
        ``(K,)`` probabilities summing to 1.
    """
    options = np.asarray(options, dtype=np.float64)
    pi: FloatArray = _stationary(
        options[None],
        np.ones((1, options.size), dtype=bool),
        np.asarray(positions, dtype=np.float64)[None],
        np.asarray(weights, dtype=np.float64)[None],
        np.array([width], dtype=np.float64),
        utility=utility,
        power=power,
    )[0]
    return pi


def _stationary(
    options: FloatArray,
    valid: NDArray[np.bool_],
    positions: FloatArray,
    weights: FloatArray,
    width: FloatArray,
    *,
    utility: str,
    power: float,
) -> FloatArray:
    """:func:`pce_distribution` on a batch of issues: ``(B, K)`` options, ``valid`` marks real ones.

    Options beyond an issue's own (``valid`` false, at the end of each row) are
    never challengers and lead back to the first option, so they are transient
    and get probability 0; the real options' chain is unchanged.
    """
    batch, k = options.shape
    count = valid.sum(axis=1)
    # KTAB's proportional voting: actor i casts w_i (u_i(a) - u_i(b)) for a against b;
    # the coalition strength of a is the sum of the positive votes.
    scale = width[:, None, None] ** (1 if utility == "linear" else 2)
    loss = "linear" if utility == "linear" else "quadratic"
    strength = (pairwise_support(options, positions, weights, loss=loss) / scale) ** power
    against = strength.transpose(0, 2, 1)
    denom = strength + against
    win = np.divide(strength, denom, out=np.full_like(strength, 0.5), where=denom > 0)
    # From state a a challenger b is drawn uniformly; the state moves if b wins.
    eye = np.eye(k, dtype=bool)[None]
    real = valid[:, :, None] & valid[:, None, :] & ~eye
    rate = 1.0 / np.maximum(count - 1, 1)[:, None, None]
    transition = np.where(real, win.transpose(0, 2, 1) * rate, 0.0)
    transition = np.where(eye, 1.0 - transition.sum(axis=2, keepdims=True), transition)
    # A padded option leads straight to the first option.
    to_first = np.arange(k) == 0
    transition = np.where(valid[:, :, None], transition, to_first[None, None, :])
    pi = np.ones((batch, 1)) if k == 1 else _solve_stationary(transition)
    pi = np.where(valid, np.clip(pi, 0.0, None), 0.0)
    pi[count == 0, 0] = 1.0  # an issue without options: any distribution will do
    result: FloatArray = pi / pi.sum(axis=1, keepdims=True)
    return result


def _solve_stationary(transition: FloatArray) -> FloatArray:
    """``(B, K)`` stationary distributions of ``(B, K, K)`` chains (``K >= 2``).

    ``pi (T - I) = 0`` with ``Σ pi = 1``: ``pi_K = 1 - Σ_{a<K} pi_a`` substituted into
    the first ``K - 1`` equations leaves a ``(K - 1)``-square system (one size
    smaller, which also keeps OpenBLAS single-threaded up to 100 options: its
    threads only slow these small solves down when the cores are shared).
    """
    system = transition.transpose(0, 2, 1) - np.eye(transition.shape[1])[None]
    last = system[:, :-1, -1:]
    try:
        head = np.linalg.solve(system[:, :-1, :-1] - last, -last)[..., 0]
    except np.linalg.LinAlgError:
        # A chain whose stationary distribution is not unique: least squares, issue by issue.
        return np.array([_least_squares(t) for t in transition])
    return np.concatenate([head, 1.0 - head.sum(axis=1, keepdims=True)], axis=1)


def _least_squares(transition: FloatArray) -> FloatArray:
    """One chain's stationary distribution by least squares: ``pi (T - I) = 0``, ``Σ pi = 1``."""
    k = transition.shape[0]
    system = np.vstack([transition.T - np.eye(k), np.ones((1, k))])
    rhs = np.zeros(k + 1)
    rhs[-1] = 1.0
    pi, *_ = np.linalg.lstsq(system, rhs, rcond=None)
    return np.asarray(pi, dtype=np.float64)


@models.register("zopa.pce.v1")
class ProbabilisticCondorcetModel(BargainingModel):
    """Probabilistic Condorcet election: pairwise contests → Markov chain → forecast.

    Parameters
    ----------
    utility:
        ``"linear"`` (default) or ``"quadratic"`` loss in distance.
    power:
        Exponent ``γ`` on coalition strengths (default 1: proportional contests).
    point:
        ``"mean"`` (default): the forecast is the expected outcome under the
        stationary distribution; ``"mode"``: its most probable option.

    Notes
    -----
    After Wise & Bankes (2015) and KTAB (Wise et al. 2017). On each issue the
    options are the distinct positions of the actors present. Actor ``i`` votes
    ``c_i s_i (u_i(a) - u_i(b))`` in the contest of ``a`` against ``b``; the
    coalition strength of ``a`` is the sum of the positive votes, and
    ``P(a beats b) = S_ab^γ / (S_ab^γ + S_ba^γ)``. A Markov chain moves from the
    current option to a uniformly drawn challenger with the probability that the
    challenger wins; its stationary distribution is the forecast distribution
    (``details["distribution"]``). zopa's choices: options restricted to actors'
    positions, uniform challengers (KTAB also offers other schemes).

    Cost for ``K`` options (at most the actors present) on each of ``m`` issues:
    ``O(m K² log K)`` for the contests and ``O(m K³)`` for the stationary
    distributions (a ``(K - 1)``-square linear system per issue). About 0.035 s on
    100 actors × 50 issues (``bench/models.py``).

    References
    ----------
    Wise, B. & Bankes, S. (2015). Non-spatial probabilistic Condorcet election
    methodology. arXiv:1505.02680.
    Wise, B., Efird, B., Lumsdaine, R., et al. (2017). Modeling collective
    decision-making processes with the KAPSARC Toolkit for Behavioral Analysis.
    KAPSARC / ACM. Source: https://github.com/KAPSARC/KTAB (MIT licence).
    """

    name: ClassVar[str] = "zopa.pce.v1"
    constraints: ClassVar = {
        "utility": one_of("linear", "quadratic"),
        "power": number_in(0.01, 100.0),
        "point": one_of("mean", "mode"),
    }

    def __init__(self, *, utility: str = "linear", power: float = 1.0, point: str = "mean") -> None:
        self.utility = utility
        self.power = power
        self.point = point

    def fit_seconds(self, problem: BargainingProblem) -> float:
        """``O(m · K²)`` for ``K`` options per issue (at most the actors), at the rate
        ``bench/models.py`` measured on the bench machine (200 × 30: 0.16 s)."""
        n, m = problem.positions.shape
        return float(1.3e-7 * n * n * m)

    def memory_needed(self, problem: BargainingProblem) -> int:
        """One issue's ``(K, K)`` arrays, ``K`` the most actors present on an issue."""
        most = max(1, int(problem.present.sum(axis=0).max(initial=0)))
        return _ARRAYS_PER_PAIR * 8 * most**2

    def _outcome(self, problem: BargainingProblem) -> FloatArray:
        return self._distribution(problem)[0]

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        outcome, options, pi = self._distribution(problem)
        distributions = {
            issue: {
                f"{o:g}": float(p)
                for o, p in zip(options[j], pi[j], strict=True)
                if not np.isnan(o)
            }
            for j, issue in enumerate(problem.issues)
            if not np.isnan(outcome[j])
        }
        return outcome, {"distribution": distributions}

    def _distribution(
        self, problem: BargainingProblem
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Outcome ``(m,)``, options ``(m, K)`` (``nan`` past an issue's own), probabilities."""
        present = problem.present.T  # (m, n)
        w = vote_weights(problem).T
        # An issue where nobody present has weight is decided by the actors present, equally.
        w = np.where(present & ~(w > 0).any(axis=1, keepdims=True), 1.0, w)
        x = np.where(present, problem.positions.T, np.nan)
        # Each issue's options: its distinct positions, sorted, at the front of its row.
        xs = np.sort(x, axis=1)
        new = np.concatenate([~np.isnan(xs[:, :1]), xs[:, 1:] != xs[:, :-1]], axis=1)
        new &= ~np.isnan(xs)
        m, k = x.shape[0], max(1, int(new.sum(axis=1).max(initial=0)))
        front = np.argsort(~new, axis=1, kind="stable")[:, :k]
        options = np.take_along_axis(xs, front, axis=1)
        valid = np.take_along_axis(new, front, axis=1)
        # Padding repeats the row's largest option, so rows stay sorted.
        top = np.nanmax(np.where(valid, options, -np.inf), axis=1, keepdims=True)
        padded = np.where(valid, options, np.where(np.isfinite(top), top, 0.0))
        width = problem.scale[:, 1] - problem.scale[:, 0]
        width = np.where(width > 0, width, 1.0)
        size = fit_chunk(
            self.memory_needed(problem),
            m,
            what=f"{self.name} on an issue of {k:,} options",
            fix="leave it out with --models, or raise ZOPA_MEMORY_BUDGET_MB",
        )
        pi = np.zeros((m, k))
        for part in chunks(m, min(size, max(1, _CACHE_CELLS // k**2))):
            pi[part] = _stationary(
                padded[part],
                valid[part],
                x[part],
                w[part],
                width[part],
                utility=self.utility,
                power=self.power,
            )
        any_option = valid.any(axis=1)
        if self.point == "mean":
            point = (pi * padded).sum(axis=1)
        else:
            point = np.take_along_axis(padded, np.argmax(pi, axis=1)[:, None], axis=1)[:, 0]
        outcome = clip_to_scale(np.where(any_option, point, np.nan), problem)
        return outcome, np.where(valid, options, np.nan), pi

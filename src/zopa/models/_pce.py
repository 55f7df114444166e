"""KTAB's probabilistic Condorcet election (PCE) on each issue."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._common import clip_to_scale, number_in, one_of, vote_weights

__all__ = ["ProbabilisticCondorcetModel", "pce_distribution"]

from zopa.registry import models


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
    k = options.size
    if k == 1:
        return np.ones(1)
    dist = np.abs(options[None, :] - positions[:, None]) / width  # (n, K)
    u = 1 - dist if utility == "linear" else 1 - dist**2
    # Votes of each actor for option a over option b (KTAB's proportional voting).
    votes = weights[:, None, None] * (u[:, :, None] - u[:, None, :])  # (n, a, b)
    strength = np.clip(votes, 0.0, None).sum(axis=0) ** power  # coalition for a against b
    against = strength.T
    denom = strength + against
    win = np.divide(strength, denom, out=np.full_like(strength, 0.5), where=denom > 0)
    # From state a a challenger b is drawn uniformly; the state moves if b wins.
    transition = win.T / (k - 1)
    np.fill_diagonal(transition, 0.0)
    np.fill_diagonal(transition, 1.0 - transition.sum(axis=1))
    # Stationary distribution: left eigenvector for eigenvalue 1 (solve pi (T - I) = 0).
    system = np.vstack([transition.T - np.eye(k), np.ones((1, k))])
    rhs = np.zeros(k + 1)
    rhs[-1] = 1.0
    pi, *_ = np.linalg.lstsq(system, rhs, rcond=None)
    pi = np.clip(np.asarray(pi, dtype=np.float64), 0.0, None)
    result: FloatArray = pi / pi.sum()
    return result


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

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        w = vote_weights(problem)
        outcome = np.full(len(problem.issues), np.nan)
        distributions: dict[str, dict[str, float]] = {}
        for j, issue in enumerate(problem.issues):
            here = problem.present[:, j]
            if not here.any():
                continue
            x, wj = problem.positions[here, j], w[here, j]
            if not (wj > 0).any():
                wj = np.ones_like(wj)
            options = np.unique(x)
            width = float(problem.scale[j, 1] - problem.scale[j, 0]) or 1.0
            pi = pce_distribution(
                options, x, wj, width=width, utility=self.utility, power=self.power
            )
            outcome[j] = float(pi @ options) if self.point == "mean" else options[np.argmax(pi)]
            distributions[issue] = {f"{o:g}": float(p) for o, p in zip(options, pi, strict=True)}
        return clip_to_scale(outcome, problem), {"distribution": distributions}

"""The asymmetric Nash bargaining solution, issue by issue."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._common import clip_to_scale, int_at_least, one_of

__all__ = ["NashBargainingModel", "nash_outcome"]

from zopa.registry import models


def nash_outcome(
    positions: FloatArray,
    bargaining_weights: FloatArray,
    disagreement: FloatArray,
    *,
    exponent: int = 2,
    iterations: int = 50,
) -> tuple[FloatArray, FloatArray]:
    """Maximise ``Σ_i a_i log(|d_i - p_i|^k - |x - p_i|^k)`` on every issue at once.

    Parameters
    ----------
    positions:
        ``(n, m)`` ideal points; ``nan`` for actors absent from an issue.
    bargaining_weights:
        ``(n, m)`` non-negative weights ``a_i``; actors with weight 0 are ignored.
    disagreement:
        ``(n, m)`` the point each actor falls back on if no agreement is reached
        (the reference point, repeated; or each actor's own worst point).
    exponent:
        ``k``: 2 for quadratic loss, 1 for linear loss.
    iterations:
        Bisection steps on the derivative (each halves the bracket).

    Returns
    -------
    (outcome, degenerate)
        ``(m,)`` solutions and a ``(m,)`` boolean mask of issues whose set of
        agreements better than disagreement for every actor is empty; there the
        Nash solution is the disagreement point itself (``nan`` if actors differ).

    Notes
    -----
    Salience multiplies an actor's utility and so drops out of the logarithm: the
    Nash solution is invariant to positive affine transformations of each utility
    (Nash 1950). Each actor only accepts ``x`` with ``|x - p_i| < r_i = |d_i - p_i|``,
    so the feasible set is the intersection of the intervals ``(p_i - r_i, p_i + r_i)``.
    The objective is concave on it, so its derivative is decreasing and bisection
    finds the unique maximiser. With linear loss (``k = 1``) the derivative is a
    step function and the solution sits on an actor's position or a kink — the
    degeneracy the literature warns of (Achen 2006); quadratic loss is smooth.
    """
    active = ~np.isnan(positions) & (bargaining_weights > 0)
    p = np.where(active, positions, 0.0)
    a = np.where(active, bargaining_weights, 0.0)
    radius = np.where(active, np.abs(disagreement - p), np.nan)
    lo = np.nanmax(np.where(active, p - radius, -np.inf), axis=0)
    hi = np.nanmin(np.where(active, p + radius, np.inf), axis=0)
    any_active = active.any(axis=0)
    feasible = any_active & (lo < hi) & np.isfinite(lo) & np.isfinite(hi)
    rk = np.where(active, radius, 1.0) ** exponent
    left, right = np.where(feasible, lo, 0.0), np.where(feasible, hi, 1.0)
    for _ in range(iterations):
        mid = 0.5 * (left + right)
        dist = mid[None, :] - p
        gain = np.maximum(rk - np.abs(dist) ** exponent, 1e-300)
        slope = -exponent * np.abs(dist) ** (exponent - 1) * np.sign(dist) / gain
        rising = np.sum(np.where(active, a * slope, 0.0), axis=0) > 0
        left = np.where(rising, mid, left)
        right = np.where(rising, right, mid)
    outcome = 0.5 * (left + right)
    # No agreement beats disagreement for everyone: the solution is disagreement.
    same_d = np.nanmax(np.where(active, disagreement, np.nan), axis=0, initial=-np.inf)
    fallback = np.where(
        np.nanmin(np.where(active, disagreement, np.nan), axis=0, initial=np.inf) == same_d,
        same_d,
        np.nan,
    )
    degenerate = any_active & ~feasible
    outcome = np.where(feasible, outcome, np.where(degenerate, fallback, np.nan))
    return outcome, degenerate


@models.register("zopa.nash.v1")
class NashBargainingModel(BargainingModel):
    """The asymmetric Nash bargaining solution with the reference point as disagreement.

    Parameters
    ----------
    loss:
        ``"quadratic"`` (default) or ``"linear"`` utility loss in the distance from
        an actor's position.
    weights:
        Bargaining weights: ``"capability"`` (default) or ``"capability_salience"``.
    disagreement:
        ``"reference"`` (default): every actor falls back on the issue's reference
        point; issues without one use ``"worst"``. ``"worst"``: each actor falls back
        on the end of the scale furthest from its position.

    Notes
    -----
    Maximises ``Π_i (u_i(x) - u_i(d))^{a_i}`` (Nash 1950; asymmetric form Kalai
    1977; applied to the EU by Achen 2006 and Schneider, Finke & Bailer 2010).
    Where some actor prefers the reference point to every move the others could
    agree on (the reference lies between positions, or an actor sits on it), the
    solution *is* the reference point; ``details["degenerate"]`` lists those issues.

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. *Econometrica*, 18(2), 155–162.
    Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person
    bargaining. *International Journal of Game Theory*, 6(3), 129–133.
    Achen, C. H. (2006). Institutional realism and bargaining models. In R. Thomson
    et al. (eds.), *The European Union Decides* (pp. 86–123). Cambridge UP.
    Schneider, G., Finke, D. & Bailer, S. (2010). Bargaining power in the European
    Union: an evaluation of competing game-theoretic models. *Political Studies*,
    58(1), 85–103.
    """

    name: ClassVar[str] = "zopa.nash.v1"
    constraints: ClassVar = {
        "loss": one_of("quadratic", "linear"),
        "weights": one_of("capability", "capability_salience"),
        "disagreement": one_of("reference", "worst"),
        "iterations": int_at_least(1),
    }

    def __init__(
        self,
        *,
        loss: str = "quadratic",
        weights: str = "capability",
        disagreement: str = "reference",
        iterations: int = 50,
    ) -> None:
        self.loss = loss
        self.weights = weights
        self.disagreement = disagreement
        self.iterations = iterations

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        x = problem.positions
        s = np.nan_to_num(problem.salience, nan=0.0)
        a = np.broadcast_to(problem.capability[:, None], x.shape)
        if self.weights == "capability_salience":
            a = a * s
        # An actor indifferent to the issue (salience 0) has no stake in the bargain.
        a = np.where(s > 0, a, 0.0)
        lo, hi = problem.scale[:, 0], problem.scale[:, 1]
        worst = np.where(np.abs(x - lo) >= np.abs(hi - x), lo, hi)
        d = np.broadcast_to(problem.reference, x.shape)
        d = worst if self.disagreement == "worst" else np.where(np.isnan(d), worst, d)
        exponent = 2 if self.loss == "quadratic" else 1
        outcome, degenerate = nash_outcome(x, a, d, exponent=exponent, iterations=self.iterations)
        details = {
            "degenerate": [i for i, bad in zip(problem.issues, degenerate, strict=True) if bad]
        }
        return clip_to_scale(outcome, problem), details

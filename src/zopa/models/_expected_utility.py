"""Bueno de Mesquita's expected-utility (challenge) model, after Scholz et al. (2011)."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._common import clip_to_scale, int_at_least, number_in, one_of, vote_weights
from zopa.models._kernels import compromise_outcome, weighted_median_outcome
from zopa.registry import models

__all__ = ["ExpectedUtilityModel"]

BoolArray = NDArray[np.bool_]


def _expected_utilities(
    z: FloatArray, v: FloatArray, s: FloatArray, r: FloatArray, mu: FloatArray, q: float, t: float
) -> FloatArray:
    """``(m, n, n)`` expected utility to ``i`` (axis 1) of challenging ``j`` (axis 2).

    ``z`` positions on ``[0, 1]`` (``(m, n)``), ``v`` votes ``c·s`` (0 if absent),
    ``s`` salience, ``r`` risk exponents, ``mu`` the current median (``(m,)``).
    """
    xi, xj = z[:, :, None], z[:, None, :]
    # Votes of every k for i over j: c_k s_k (|x_k - x_j| - |x_k - x_i|)  (Scholz eq. 6).
    gap = np.abs(z[:, None, None, :] - xj[..., None]) - np.abs(z[:, None, None, :] - xi[..., None])
    votes = v[:, None, None, :] * gap
    support = np.clip(votes, 0.0, None).sum(axis=-1)
    total = np.abs(votes).sum(axis=-1)
    prob = np.divide(support, total, out=np.zeros_like(support), where=total > 0)
    ri = r[:, :, None]
    d_ij = np.abs(xi - xj)
    d_mu = np.abs(xi - mu[:, None, None])
    u_success = 2 - 4 * (0.5 - 0.5 * d_ij) ** ri
    u_failure = 2 - 4 * (0.5 + 0.5 * d_ij) ** ri
    u_better = 2 - 4 * np.clip(0.5 - 0.25 * (d_mu + d_ij), 0.0, None) ** ri
    u_worse = 2 - 4 * (0.5 + 0.25 * (d_mu + d_ij)) ** ri
    u_status_quo = 2 - 4 * 0.5**ri
    sj = s[:, None, :]
    challenge = sj * (prob * u_success + (1 - prob) * u_failure) + (1 - sj) * u_success
    no_challenge = q * u_status_quo + (1 - q) * (t * u_better + (1 - t) * u_worse)
    result: FloatArray = challenge - no_challenge
    return result


def _risk(eu: FloatArray, pair: BoolArray) -> FloatArray:
    """Risk exponents ``r_i = (1 - R_i/3)/(1 + R_i/3)`` from others' challenges (Scholz §5)."""
    security = np.where(pair, eu, 0.0).sum(axis=1)  # Σ_j EU_j(challenge i)
    present = pair.any(axis=1)
    high = np.max(np.where(present, security, -np.inf), axis=1, keepdims=True)
    low = np.min(np.where(present, security, np.inf), axis=1, keepdims=True)
    spread = high - low
    ratio = np.divide(
        2 * security - high - low, spread, out=np.zeros_like(security), where=spread > 0
    )
    ratio = np.where(present, np.clip(ratio, -1.0, 1.0), 0.0)
    return (1 - ratio / 3) / (1 + ratio / 3)


@models.register("zopa.expected_utility.v1")
class ExpectedUtilityModel(BargainingModel):
    """Bueno de Mesquita's expected-utility model, iterated over rounds.

    Parameters
    ----------
    rounds:
        Rounds of challenges (default 4; the worked example of Scholz et al. runs 8).
    q:
        ``Q``: the probability an actor assigns to the status quo persisting when it
        does not challenge (default 1.0, which makes ``T`` and the median's pull
        inactive; Scholz et al. 2011 replicate BDM with it).
    t:
        ``T``: the probability that, absent a challenge, things change for the better.
    outcome:
        ``"median"`` (default): the forecast is the weighted median of the final
        positions, as BDM reports it; ``"mean"``: their weighted mean.

    Notes
    -----
    Equations of Scholz, Calbert & Smith (2011), numbered by section there, with
    positions rescaled to ``[0, 1]`` by the issue's scale:

    * votes and the median voter position ``μ`` (§3): actor ``k`` casts
      ``c_k s_k (|x_k - x_j| - |x_k - x_i|)`` for ``i`` over ``j``; ``μ`` is the
      weighted median of positions (the Condorcet winner on one dimension);
    * probability of success (§4):
      ``P_ij = Σ_k max(vote_k, 0) / Σ_k |vote_k|`` over all actors ``k``;
    * utilities (§3, risk exponent ``r_i``): ``U_s = 2 - 4(0.5 - 0.5|x_i - x_j|)^r``,
      ``U_f = 2 - 4(0.5 + 0.5|x_i - x_j|)^r``,
      ``U_b = 2 - 4(0.5 - 0.25(|x_i - μ| + |x_i - x_j|))^r``,
      ``U_w = 2 - 4(0.5 + 0.25(|x_i - μ| + |x_i - x_j|))^r``, ``U_sq = 2 - 4·0.5^r``;
    * expected utility of ``i`` challenging ``j`` (§2.2):
      ``EU_ij = s_j(P U_s + (1 - P) U_f) + (1 - s_j) U_s - Q U_sq - (1 - Q)(T U_b + (1 - T) U_w)``;
    * risk (§5): with ``r = 1`` compute every ``EU``; actor ``i``'s exposure is
      ``S_i = Σ_j EU_ji``; ``R_i = (2 S_i - max S - min S)/(max S - min S)``,
      ``r_i = (1 - R_i/3)/(1 + R_i/3)`` in ``[0.5, 2]``; recompute ``EU`` with it;
    * offers and moves (§6, Appendix step 11): ``i`` sends ``j`` a proposal to adopt
      ``x_i`` when ``EU_ij > 0``. ``j`` takes the proposal whose sender expects most
      (ties: the nearest position) and, with ``E = EU_ji`` and ``U = EU_ij``:
      conflict (``E > 0``) — ``j`` moves to ``x_i`` if ``E < U``, else stays;
      compromise (``E < 0``, ``|E| < U``) — ``j`` moves ``|E/U|`` of the way to ``x_i``;
      capitulation (``E < 0``, ``|E| >= U``) — ``j`` moves to ``x_i``.

    Choices the literature leaves open, and zopa's: all moves of a round are
    simultaneous, computed from the positions at the round's start; only the
    recipient of a proposal moves (a sender that loses a conflict is not moved);
    actors absent from an issue neither vote nor move; with no spread in
    exposure ``R_i = 0`` (risk neutral); the number of rounds is fixed rather
    than "until the median stops moving", because the model need not converge
    (Scholz et al. 2011, §8). Scholz et al.'s own replication of the emission
    example (their Table 2) gives medians 8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6;
    see ``tests/models/test_expected_utility.py`` for how zopa's path compares.

    References
    ----------
    Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method.
    In B. Bueno de Mesquita & F. N. Stokman (eds.), *European Community Decision
    Making* (pp. 71–104). Yale University Press.
    Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). Unravelling Bueno de
    Mesquita's group decision model. *Journal of Theoretical Politics*, 23(4), 510–531.
    """

    name: ClassVar[str] = "zopa.expected_utility.v1"
    constraints: ClassVar = {
        "rounds": int_at_least(0),
        "q": number_in(0.0, 1.0),
        "t": number_in(0.0, 1.0),
        "outcome": one_of("median", "mean"),
        "choice": one_of("nearest", "strongest"),
    }

    def __init__(
        self,
        *,
        rounds: int = 4,
        q: float = 1.0,
        t: float = 1.0,
        outcome: str = "median",
        choice: str = "nearest",
    ) -> None:
        self.choice = choice
        self.rounds = rounds
        self.q = q
        self.t = t
        self.outcome = outcome

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        lo, hi = problem.scale[:, 0], problem.scale[:, 1]
        width = np.where(hi > lo, hi - lo, 1.0)
        present = problem.present.T  # (m, n)
        z = np.where(present, (problem.positions.T - lo[:, None]) / width[:, None], 0.0)
        z = np.clip(z, 0.0, 1.0)
        v = vote_weights(problem).T
        s = np.where(present, np.nan_to_num(problem.salience.T, nan=0.0), 0.0)
        n = z.shape[1]
        pair = present[:, :, None] & present[:, None, :] & ~np.eye(n, dtype=bool)[None]
        nan_z = np.where(present, z, np.nan)
        medians = [weighted_median_outcome(nan_z, v)]
        for _ in range(self.rounds):
            z = self._round(z, v, s, pair, medians[-1])
            nan_z = np.where(present, z, np.nan)
            medians.append(weighted_median_outcome(nan_z, v))
        final = medians[-1] if self.outcome == "median" else compromise_outcome(nan_z, v)
        scale_back = lo + final * width
        details = {
            "median_by_round": [(lo + m_ * width).tolist() for m_ in medians],
            "final_positions": (lo[:, None] + nan_z * width[:, None]).T.tolist(),
        }
        return clip_to_scale(scale_back, problem), details

    def _round(
        self, z: FloatArray, v: FloatArray, s: FloatArray, pair: BoolArray, mu: FloatArray
    ) -> FloatArray:
        mu = np.nan_to_num(mu)
        ones = np.ones_like(z)
        eu = _expected_utilities(z, v, s, ones, mu, self.q, self.t)
        r = _risk(eu, pair)
        eu = np.where(pair, _expected_utilities(z, v, s, r, mu, self.q, self.t), np.nan)
        # offers[m, i, j]: i proposes x_i to j.
        offers = pair & (eu > 0)
        distance = np.abs(z[:, :, None] - z[:, None, :])
        if self.choice == "strongest":
            strength = np.where(offers, eu, -np.inf)
            best = strength.max(axis=1, keepdims=True)  # (m, 1, n) per recipient j
            tied = offers & (strength == best)
            sender = np.argmin(np.where(tied, distance, np.inf), axis=1)  # (m, n)
        else:
            sender = np.argmin(np.where(offers, distance, np.inf), axis=1)
        has_offer = offers.any(axis=1)
        idx_m = np.arange(z.shape[0])[:, None]
        idx_j = np.arange(z.shape[1])[None, :]
        u = eu[idx_m, sender, idx_j]  # sender's EU of challenging j (> 0)
        e = eu[idx_m, idx_j, sender]  # j's EU of challenging the sender
        target = z[idx_m, sender]
        e = np.nan_to_num(e)
        lose_conflict = (e > 0) & (e < u)
        compromise = (e <= 0) & (np.abs(e) < u)
        capitulate = (e <= 0) & (np.abs(e) >= u)
        share = np.where(compromise, np.abs(e) / np.where(u > 0, u, 1.0), 0.0)
        share = np.where(lose_conflict | capitulate, 1.0, share)
        share = np.where(has_offer, share, 0.0)
        moved: FloatArray = z + share * (target - z)
        return moved

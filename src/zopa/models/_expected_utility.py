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
IntArray = NDArray[np.intp]
#: Positions closer than this (on the issue's scale rescaled to [0, 1]) count as the
#: same position: no contest and no offer between them (guards against rounding).
SAME = 1e-9


def _probabilities(z: FloatArray, w: FloatArray, pair: BoolArray) -> FloatArray:
    """``(m, n, n)``: probability that ``i`` (axis 1) prevails over ``j`` (axis 2).

    Actor ``k`` casts ``w_k (|x_k - x_j| - |x_k - x_i|)`` for ``i`` against ``j``
    (``w = c·s``, 0 for absent actors). The probability is the positive votes for
    ``i`` over the absolute votes summed over *every* pair of present actors of
    the issue, as in Scholz et al.'s computation (see the class notes); 0 between
    equal positions.
    """
    xk = z[:, None, None, :]
    votes = w[:, None, None, :] * (
        np.abs(xk - z[:, None, :, None]) - np.abs(xk - z[:, :, None, None])
    )
    votes = np.where(pair[..., None], votes, 0.0)
    total = np.abs(votes).sum(axis=(1, 2, 3))[:, None, None]
    support = np.clip(votes, 0.0, None).sum(axis=-1)
    prob = np.divide(support, total, out=np.zeros_like(support), where=total > 0)
    result: FloatArray = np.where(np.abs(z[:, :, None] - z[:, None, :]) > SAME, prob, 0.0)
    return result


def _challenge_utility(
    prob: FloatArray,
    d: FloatArray,
    s_target: FloatArray,
    d_mu: FloatArray,
    rho: FloatArray | float,
    q: float,
    t: float,
) -> FloatArray:
    """``EU_ij(Δ) = EU(challenge) - EU(no challenge)``, broadcast over its arguments.

    ``prob`` is ``P_ij``, ``d = |x_i - x_j|``, ``s_target = s_j``,
    ``d_mu = |x_i - μ|`` (challenger to the median) and ``rho`` the risk exponent.
    """
    u_success = 2 - 4 * (0.5 - 0.5 * d) ** rho
    u_failure = 2 - 4 * (0.5 + 0.5 * d) ** rho
    u_status_quo = 2 - 4 * 0.5**rho
    challenge = s_target * (prob * u_success + (1 - prob) * u_failure) + (1 - s_target) * u_success
    if q == 1.0:  # T and the median drop out (Scholz et al.'s setting)
        result: FloatArray = challenge - u_status_quo
        return result
    spread = 0.25 * (d_mu + d)
    u_better = 2 - 4 * np.clip(0.5 - spread, 0.0, None) ** rho
    u_worse = 2 - 4 * (0.5 + spread) ** rho
    result = challenge - q * u_status_quo - (1 - q) * (t * u_better + (1 - t) * u_worse)
    return result


def _risk_exponents(threat: FloatArray, present: BoolArray) -> FloatArray:
    """``r_i = (1 - R_i/3)/(1 + R_i/3)``, ``R_i = (2 S_i - S_max - S_min)/(S_max - S_min)``.

    ``threat[m, i] = S_i``, the sum of every other actor's expected utility of
    challenging ``i``: the most threatened actor gets ``r = 0.5``, the safest 2.
    """
    high = np.max(np.where(present, threat, -np.inf), axis=1, keepdims=True)
    low = np.min(np.where(present, threat, np.inf), axis=1, keepdims=True)
    spread = np.where(np.isfinite(high - low), high - low, 0.0)
    ratio = np.divide(2 * threat - high - low, spread, out=np.zeros_like(threat), where=spread > 0)
    ratio = np.where(present, ratio, 0.0)
    result: FloatArray = (1 - ratio / 3) / (1 + ratio / 3)
    return result


def _pick(mask: BoolArray, primary: FloatArray, secondary: FloatArray) -> IntArray:
    """Per recipient (axis 2), the sender (axis 1) minimising ``primary`` then ``secondary``."""
    key = np.where(mask, primary, np.inf)
    tied = mask & (key == key.min(axis=1, keepdims=True))
    picked: IntArray = np.argmin(np.where(tied, secondary, np.inf), axis=1)
    return picked


@models.register("zopa.expected_utility.v1")
class ExpectedUtilityModel(BargainingModel):
    """Bueno de Mesquita's expected-utility model, iterated over rounds.

    Parameters
    ----------
    rounds:
        Rounds of challenges (default 4; Scholz et al.'s worked example runs 8).
    q:
        ``Q``: the probability an actor assigns to the status quo persisting when it
        does not challenge (default 1.0 as in Scholz et al.'s replication, which
        makes ``T`` and the median's pull inactive).
    t:
        ``T``: the probability that, absent a challenge, things change for the better.
    outcome:
        ``"median"`` (default): the forecast is the median voter position after the
        last round, as BDM and Scholz et al. report it; ``"mean"``: the
        capability × salience weighted mean of the final positions.
    choice:
        Which of its accepted offers a recipient acts on. ``"scholz"`` (default):
        a lost conflict before a compromise before a capitulation; among lost
        conflicts and among capitulations the nearest position, among compromises
        the most threatening sender (largest ``EU_ij``). ``"nearest"``: the accepted
        offer that moves it least, whatever its kind (the rule as BDM 1994 words
        it). ``"strongest"``: the most threatening sender, ties to the nearest.

    Notes
    -----
    Equations of Scholz, Calbert & Smith (2011), by section and Appendix step;
    positions are
    rescaled to ``[0, 1]`` by the issue's scale (Scholz et al. divide distances by
    ``x_max - x_min``; for the worked example the scale is the actors' range).
    ``w_k = c_k s_k``.

    * (§3, Appendix step 3) votes: ``v^k(i, j) = w_k (|x_k - x_j| - |x_k - x_i|)``;
    * (§3, step 3) the median voter position ``μ`` is the position that beats every other
      actor's position in these pairwise votes. On one dimension with these linear
      votes that is the position minimising ``Σ_k w_k |x_k - μ|``, i.e. the
      ``w``-weighted median; zopa takes the lower one when two tie;
    * (§3, step 4) utilities with risk exponent ``r``:
      ``U_s = 2 - 4(0.5 - 0.5|x_i - x_j|)^r``, ``U_f = 2 - 4(0.5 + 0.5|x_i - x_j|)^r``,
      ``U_b = 2 - 4(0.5 - 0.25(|x_i - μ| + |x_i - x_j|))^r``,
      ``U_w = 2 - 4(0.5 + 0.25(|x_i - μ| + |x_i - x_j|))^r``, ``U_sq = 2 - 4·0.5^r``;
    * (§4, step 5) probability of success
      ``P_ij = Σ_k max(v^k(i, j), 0) / Σ_k |v^k(i, j)|``;
    * (§2.2, step 7) expected utility of ``i`` challenging ``j``:
      ``EU_ij = s_j(P_ij U_s + (1 - P_ij) U_f) + (1 - s_j) U_s
      - Q U_sq - (1 - Q)(T U_b + (1 - T) U_w)``;
    * (§5, steps 2 and 8–10) risk: with ``r = 1`` compute every ``EU``; actor ``i``'s
      exposure is ``S_i = Σ_{j≠i} EU_ji``; ``R_i = (2 S_i - S_max - S_min) /
      (S_max - S_min)``, ``r_i = (1 - R_i/3)/(1 + R_i/3) ∈ [0.5, 2]``;
    * (§6, Appendix steps 10–11) offers: recipient ``j`` judges every sender ``i``
      with its own exponent ``r_j`` (both ``U = EU_ij`` and ``E = EU_ji``):
      conflict that ``j`` loses (``U > E > 0``): ``j`` would move to ``x_i``;
      compromise (``U > 0 > E``, ``|E| < U``): to ``x_j + (x_i - x_j)|E/U|``;
      capitulation (``U > 0 > E``, ``|E| >= U``): to ``x_i``. ``j`` acts on one
      offer (``choice``); every actor then moves at once.

    Choices the literature leaves open, and zopa's:

    * the denominator of ``P_ij``: the paper prints the votes on the pair; the
      computation behind Scholz et al.'s Table 2, as reported by open Python
      replications of it, divides by the absolute votes over *all* pairs of the
      issue (a common scale, so probabilities are small). Only the latter
      reproduces Table 2 (the per-pair form leaves the median at 7.0 for all eight
      rounds), so zopa uses it;
    * whose risk exponent prices an offer: the recipient's (as the replications
      do; the sender's own exponent, or each actor's, departs from Table 2 at
      round 1);
    * which offer a recipient takes: the code behind Table 2 ranks the kinds
      (conflict, compromise, capitulation) and takes, among compromises, the one
      with the lowest capability-weighted midpoint — a rule that depends on which
      end of the scale is called 0. zopa's ``"scholz"`` rule replaces that by the
      most threatening sender, which follows the same path on the worked example
      in both orientations of the scale and is the same for a mirrored scale;
    * moves are simultaneous from the round's start positions; only recipients
      move; a sender at the recipient's position (within SAME = 1e-9 of the
      rescaled scale) makes no offer; absent actors
      neither vote nor move; with no spread in exposure ``R_i = 0``;
    * the number of rounds is fixed rather than "until the median stops", because
      the model need not converge (Scholz et al. 2011, §8; Table 2 oscillates).

    On the worked example (``tests/models/test_models_bdm_example.py``) the
    medians by round are 8.43, 9.62, 9.96, 9.96, 9.96, 7.52, 8.87, 9.70 against
    Table 2's 8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6: the same path (Belgium's
    compromises with France, its round-4 swing to the Netherlands' side, the
    return), within 0.13 years except round 2 (0.28: Belgium's compromise
    fraction ``|E/U|`` is 0.76 here; Table 2 implies 0.94).

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
        "choice": one_of("scholz", "nearest", "strongest"),
    }

    def __init__(
        self,
        *,
        rounds: int = 4,
        q: float = 1.0,
        t: float = 1.0,
        outcome: str = "median",
        choice: str = "scholz",
    ) -> None:
        self.rounds = rounds
        self.q = q
        self.t = t
        self.outcome = outcome
        self.choice = choice

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        lo, hi = problem.scale[:, 0], problem.scale[:, 1]
        width = np.where(hi > lo, hi - lo, 1.0)
        present = problem.present.T  # (m, n)
        z = np.where(present, (problem.positions.T - lo[:, None]) / width[:, None], 0.0)
        z = np.clip(z, 0.0, 1.0)
        w = vote_weights(problem).T
        s = np.where(present, np.nan_to_num(problem.salience.T, nan=0.0), 0.0)
        n = z.shape[1]
        pair = present[:, :, None] & present[:, None, :] & ~np.eye(n, dtype=bool)[None]
        nan_z = np.where(present, z, np.nan)
        medians = [weighted_median_outcome(nan_z, w)]
        risks = []
        for _ in range(self.rounds):
            z, r = self._round(z, w, s, pair, present, np.nan_to_num(medians[-1]))
            risks.append(r)
            nan_z = np.where(present, z, np.nan)
            medians.append(weighted_median_outcome(nan_z, w))
        final = medians[-1] if self.outcome == "median" else compromise_outcome(nan_z, w)
        details = {
            "median_by_round": [(lo + m_ * width).tolist() for m_ in medians],
            "risk_by_round": [np.where(present, r_, np.nan).T.tolist() for r_ in risks],
            "final_positions": (lo[:, None] + nan_z * width[:, None]).T.tolist(),
        }
        return clip_to_scale(lo + final * width, problem), details

    def _round(
        self,
        z: FloatArray,
        w: FloatArray,
        s: FloatArray,
        pair: BoolArray,
        present: BoolArray,
        mu: FloatArray,
    ) -> tuple[FloatArray, FloatArray]:
        """One round: risk exponents, offers, and every recipient's move."""
        prob = _probabilities(z, w, pair)
        d = np.abs(z[:, :, None] - z[:, None, :])  # (m, i, j), symmetric
        d_mu = np.abs(z - mu[:, None])
        # Arrays below are (m, sender i, recipient j).
        neutral = _challenge_utility(prob, d, s[:, None, :], d_mu[:, :, None], 1.0, self.q, self.t)
        r = _risk_exponents(np.where(pair, neutral, 0.0).sum(axis=1), present)
        rho = r[:, None, :]  # the recipient's exponent prices both sides
        u = _challenge_utility(prob, d, s[:, None, :], d_mu[:, :, None], rho, self.q, self.t)
        e = _challenge_utility(
            prob.transpose(0, 2, 1), d, s[:, :, None], d_mu[:, None, :], rho, self.q, self.t
        )
        valid = pair & (d > SAME) & (u > 0)
        conflict = valid & (e > 0) & (u > e)
        compromise = valid & (e < 0) & (-e < u)
        capitulate = valid & (e < 0) & (-e >= u)
        share = np.where(compromise, -e / np.where(u > 0, u, 1.0), 1.0)
        target = z[:, None, :] + share * (z[:, :, None] - z[:, None, :])
        accepted = conflict | compromise | capitulate
        move = np.abs(target - z[:, None, :])
        if self.choice == "nearest":
            sender = _pick(accepted, move, -u)
        elif self.choice == "strongest":
            sender = _pick(accepted, -u, move)
        else:
            sender = np.where(
                conflict.any(axis=1),
                _pick(conflict, move, -u),
                np.where(
                    compromise.any(axis=1), _pick(compromise, -u, move), _pick(capitulate, move, -u)
                ),
            )
        idx_m = np.arange(z.shape[0])[:, None]
        idx_j = np.arange(z.shape[1])[None, :]
        moved: FloatArray = np.where(accepted.any(axis=1), target[idx_m, sender, idx_j], z)
        return moved, r

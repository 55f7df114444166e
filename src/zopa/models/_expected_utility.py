"""Bueno de Mesquita's expected-utility (challenge) model, after Scholz et al. (2011)."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._budget import chunks, fit_chunk
from zopa.models._common import clip_to_scale, int_at_least, number_in, one_of, vote_weights
from zopa.models._kernels import compromise_outcome, pairwise_support, weighted_median_outcome
from zopa.registry import models

__all__ = ["ExpectedUtilityModel"]

BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.intp]
#: Positions closer than this (on the issue's scale rescaled to [0, 1]) count as the
#: same position: no contest and no offer between them (guards against rounding).
SAME = 1e-9


#: Issues per chunk are capped so one chunk's ``(issues, n, n)`` arrays hold about this
#: many cells (a few MB: they stay in cache, which makes a round several times faster).
_CACHE_CELLS = 1 << 13
#: ``(issues, n, n)`` float64 arrays alive at once in a round (18 measured with
#: tracemalloc on 300 actors, rounded up).
_ARRAYS_PER_PAIR = 24


def _probabilities(z: FloatArray, w: FloatArray, pair: BoolArray, apart: BoolArray) -> FloatArray:
    """``(m, n, n)``: probability that ``i`` (axis 1) prevails over ``j`` (axis 2).

    Actor ``k`` casts ``w_k (|x_k - x_j| - |x_k - x_i|)`` for ``i`` against ``j``
    (``w = c·s``, 0 for absent actors). The probability is the positive votes for
    ``i`` over the absolute votes summed over *every* pair of present actors of
    the issue, as in Scholz et al.'s computation (see the class notes); 0 between
    equal positions (``apart`` false: ``|x_i - x_j|`` within :data:`SAME`). The
    sums come from :func:`pairwise_support` in ``O(m · n² log n)``, not from the
    ``(m, n, n, n)`` array of every vote.
    """
    support = np.where(pair, pairwise_support(z, z, w), 0.0)
    # Σ_k |v_k(i, j)| = support(i, j) + support(j, i): over all pairs, twice the support.
    total = 2 * support.sum(axis=(1, 2))[:, None, None]
    support = np.where(apart, support, 0.0)
    result: FloatArray = np.divide(support, total, out=np.zeros_like(support), where=total > 0)
    return result


def _challenge_utility(
    prob: FloatArray,
    s_target: FloatArray,
    gain: tuple[FloatArray, FloatArray],
    rest: FloatArray | float,
) -> FloatArray:
    """``EU_ij(Δ)/4 = (EU(challenge) - EU(no challenge))/4``, broadcast over its arguments.

    ``prob`` is ``P_ij`` and ``s_target = s_j``. ``gain`` holds ``(0.5 - 0.5 d)^r``
    and ``(0.5 + 0.5 d)^r`` (``d = |x_i - x_j|``), so ``U_s = 2 - 4·gain[0]`` and
    ``U_f = 2 - 4·gain[1]``; ``rest`` is ``(2 - EU(no challenge))/4``:
    ``Q·0.5^r + (1 - Q)(T·(0.5 - σ)^r + (1 - T)(0.5 + σ)^r)``,
    ``σ = (|x_i - μ| + |x_i - x_j|)/4``. Then
    ``EU(challenge) = s_j(P U_s + (1 - P) U_f) + (1 - s_j) U_s
    = 2 - 4(gain[0] + s_j (1 - P)(gain[1] - gain[0]))``. The factor 4 is left out:
    only signs and ratios of utilities are used.
    """
    near, far = gain
    result: FloatArray = rest - near - s_target * (1 - prob) * (far - near)
    return result


def _no_challenge(
    d: FloatArray, d_mu: FloatArray, rho: FloatArray | float, q: float, t: float
) -> FloatArray | float:
    """``(2 - EU(no challenge))/4`` (see :func:`_challenge_utility`); ``d_mu = |x_i - μ|``."""
    status_quo = 0.5**rho
    if q == 1.0:  # T and the median drop out (Scholz et al.'s setting)
        return status_quo
    spread = 0.25 * (d_mu + d)
    better = np.clip(0.5 - spread, 0.0, None) ** rho
    worse = (0.5 + spread) ** rho
    result: FloatArray = q * status_quo + (1 - q) * (t * better + (1 - t) * worse)
    return result


def _risk_exponents(threat: FloatArray, present: BoolArray) -> FloatArray:
    """``r_i = (1 - R_i/3)/(1 + R_i/3)``, ``R_i = (2 S_i - S_max - S_min)/(S_max - S_min)``.

    ``threat[m, i] = S_i``, the sum of every other actor's expected utility of
    challenging ``i``: the most threatened actor gets ``r = 0.5``, the safest 2.
    ``R_i`` is a ratio, so any positive factor common to the utilities drops out.
    """
    nobody = ~present.any(axis=1, keepdims=True)
    high = np.where(nobody, 0.0, np.max(np.where(present, threat, -np.inf), axis=1, keepdims=True))
    low = np.where(nobody, 0.0, np.min(np.where(present, threat, np.inf), axis=1, keepdims=True))
    spread = high - low
    ratio = np.divide(2 * threat - high - low, spread, out=np.zeros_like(threat), where=spread > 0)
    ratio = np.where(present, ratio, 0.0)
    result: FloatArray = (1 - ratio / 3) / (1 + ratio / 3)
    return result


def _pick(mask: BoolArray, primary: FloatArray, secondary: FloatArray, first: IntArray) -> IntArray:
    """Per recipient (axis 2), the sender (axis 1) minimising ``primary``, ``secondary``, ``first``.

    ``first`` (the senders' places in the problem) breaks the remaining ties, so the
    choice does not depend on the order the senders are laid out in.
    """
    key = np.where(mask, primary, np.inf)
    tied = mask & (key == key.min(axis=1, keepdims=True))
    key = np.where(tied, secondary, np.inf)
    tied &= key == key.min(axis=1, keepdims=True)
    picked: IntArray = np.argmin(np.where(tied, first, np.iinfo(np.intp).max), axis=1)
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

    Cost for ``n`` actors and ``m`` issues: ``O(rounds · m · n² log n)`` time, the
    vote sums of every pair of actors (:func:`~zopa.models._kernels.pairwise_support`)
    and a few dozen ``(n, n)`` arrays per issue and round, one issue at a time so
    they stay in cache; the medians of all issues at once. About 0.3 s on 100
    actors × 50 issues (``bench/models.py``).

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

    def fit_seconds(self, problem: BargainingProblem) -> float:
        """Per round and issue, a fixed cost and one per pair of actors
        (``O(rounds · m · n²)``), at the rates ``bench/models.py`` measured on the
        bench machine (100 × 50: 0.28 s; 200 × 30: 0.49 s)."""
        n, m = problem.positions.shape
        return float(self.rounds * m * (5e-4 + 8.9e-8 * n * n))

    def memory_needed(self, problem: BargainingProblem) -> int:
        """One issue's ``(n, n)`` arrays, ``n`` the most actors present on an issue."""
        return _ARRAYS_PER_PAIR * 8 * _most_present(problem) ** 2

    def _outcome(self, problem: BargainingProblem) -> FloatArray:
        return self._run(problem)[0]

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        outcome, medians, risks, final_z = self._run(problem)
        lo, hi = problem.scale[:, 0], problem.scale[:, 1]
        width = np.where(hi > lo, hi - lo, 1.0)
        details = {
            "median_by_round": [(lo + m_ * width).tolist() for m_ in medians],
            "risk_by_round": [risk.T.tolist() for risk in risks],
            "final_positions": (lo[:, None] + final_z * width[:, None]).T.tolist(),
        }
        return outcome, details

    def _run(
        self, problem: BargainingProblem
    ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Outcome ``(m,)``, medians ``(rounds + 1, m)``, risks ``(rounds, m, n)``, final ``z``.

        ``z`` are positions rescaled to ``[0, 1]``, ``(m, n)``, ``nan`` where absent.
        """
        lo, hi = problem.scale[:, 0], problem.scale[:, 1]
        width = np.where(hi > lo, hi - lo, 1.0)
        present = problem.present.T  # (m, n)
        z = np.where(present, (problem.positions.T - lo[:, None]) / width[:, None], 0.0)
        z = np.clip(z, 0.0, 1.0)
        w = vote_weights(problem).T
        s = np.where(present, np.nan_to_num(problem.salience.T, nan=0.0), 0.0)
        m, n = z.shape
        # Issues are independent: each issue's present actors are gathered to the
        # front, so a round costs (most actors on one issue)², not (all actors)².
        keep = _most_present(problem)
        order = np.argsort(~present, axis=1, kind="stable")[:, :keep]
        here = np.take_along_axis(present, order, axis=1)
        zc, wc, sc = (np.take_along_axis(a, order, axis=1) for a in (z, w, s))
        size = fit_chunk(
            self.memory_needed(problem),
            m,
            what=f"{self.name} on an issue of {keep:,} actors",
            fix="leave it out with --models, or raise ZOPA_MEMORY_BUDGET_MB",
        )
        size = min(size, max(1, _CACHE_CELLS // keep**2))
        medians = np.empty((self.rounds + 1, m))
        risks = np.full((self.rounds, m, keep), np.nan)
        # The medians of every issue at once (one call), the rounds chunk by chunk.
        medians[0] = weighted_median_outcome(np.where(here, zc, np.nan), wc)
        for step in range(self.rounds):
            mu = np.nan_to_num(medians[step])
            for part in chunks(m, size):
                zc[part], risks[step, part] = self._step(
                    zc[part], wc[part], sc[part], here[part], mu[part]
                )
            medians[step + 1] = weighted_median_outcome(np.where(here, zc, np.nan), wc)
        final_z = np.full((m, n), np.nan)
        np.put_along_axis(final_z, order, np.where(here, zc, np.nan), axis=1)
        risk_full = np.full((self.rounds, m, n), np.nan)
        for full, risk in zip(risk_full, risks, strict=True):
            np.put_along_axis(full, order, risk, axis=1)
        final = medians[-1] if self.outcome == "median" else compromise_outcome(final_z, w)
        return clip_to_scale(lo + final * width, problem), medians, risk_full, final_z

    def _step(
        self, z: FloatArray, w: FloatArray, s: FloatArray, present: BoolArray, mu: FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """One round on a chunk of issues: the moved ``z`` and the risk exponents."""
        # The round works on the actors sorted by position (absent ones last),
        # which the pairwise sums need, and puts them back in order at the end.
        order = np.argsort(np.where(present, z, np.inf), axis=1, kind="stable")
        sort = (np.arange(z.shape[0])[:, None], order)
        here = present[sort]
        # Absent actors sit at the top of the scale, so every row stays sorted.
        moved, r = self._round(np.where(here, z[sort], 1.0), w[sort], s[sort], here, order, mu)
        z = z.copy()
        z[sort] = np.where(here, moved, z[sort])
        risk = np.empty_like(r)
        risk[sort] = r
        return z, np.where(present, risk, np.nan)

    def _round(
        self,
        z: FloatArray,
        w: FloatArray,
        s: FloatArray,
        present: BoolArray,
        actor: IntArray,
        mu: FloatArray,
    ) -> tuple[FloatArray, FloatArray]:
        """One round: risk exponents, offers, and every recipient's move.

        ``z`` is sorted on each issue (row), absent actors last; ``actor`` holds
        each column's index in the problem, which breaks ties between senders.
        """
        # Arrays are (m, sender i, recipient j).
        n = z.shape[1]
        pair = present[:, :, None] & present[:, None, :] & ~np.eye(n, dtype=bool)[None]
        diff = z[:, :, None] - z[:, None, :]  # x_i - x_j
        d = np.abs(diff)  # symmetric
        apart = d > SAME
        prob = _probabilities(z, w, pair, apart)
        d_mu = np.abs(z - mu[:, None])
        s_j, s_i = s[:, None, :], s[:, :, None]
        near, far = 0.5 - 0.5 * d, 0.5 + 0.5 * d
        neutral = _challenge_utility(
            prob, s_j, (near, far), _no_challenge(d, d_mu[:, :, None], 1.0, self.q, self.t)
        )
        r = _risk_exponents(np.where(pair, neutral, 0.0).sum(axis=1), present)
        rho = r[:, None, :]  # the recipient's exponent prices both sides
        with np.errstate(divide="ignore"):  # log 0 = -inf, and exp(-inf) = 0 = 0^r
            gain = (np.exp(rho * np.log(near)), np.exp(rho * np.log(far)))
        u = _challenge_utility(
            prob, s_j, gain, _no_challenge(d, d_mu[:, :, None], rho, self.q, self.t)
        )
        e = _challenge_utility(
            prob.transpose(0, 2, 1),
            s_i,
            gain,
            _no_challenge(d, d_mu[:, None, :], rho, self.q, self.t),
        )
        offered = u > 0
        valid = pair & apart & offered
        resists = e < 0
        conflict = valid & (e > 0) & (u > e)
        neg_e = -e
        compromise = valid & resists & (neg_e < u)
        accepted = conflict | (valid & resists)  # compromise or capitulation
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(compromise, neg_e / u, 1.0)
        move = share * d  # |target - x_j|
        first = actor[:, :, None]
        if self.choice == "nearest":
            sender = _pick(accepted, move, -u, first)
        elif self.choice == "strongest":
            sender = _pick(accepted, -u, move, first)
        else:
            # A lost conflict before a compromise before a capitulation; compromises
            # are ranked by threat first, the others by distance first.
            kind = np.where(conflict, 0, np.where(compromise, 1, 2))
            best = np.where(accepted, kind, 3).min(axis=1, keepdims=True)
            by_threat = best == 1
            neg_u = -u
            sender = _pick(
                accepted & (kind == best),
                np.where(by_threat, neg_u, move),
                np.where(by_threat, move, neg_u),
                first,
            )
        # The recipient j moves to x_j + share (x_i - x_j) towards its chosen sender i.
        idx_m = np.arange(z.shape[0])[:, None]
        idx_j = np.arange(z.shape[1])[None, :]
        target = z + share[idx_m, sender, idx_j] * diff[idx_m, sender, idx_j]
        moved: FloatArray = np.where(accepted.any(axis=1), target, z)
        return moved, r


def _most_present(problem: BargainingProblem) -> int:
    """The most actors present on one issue (at least 1)."""
    return max(1, int(problem.present.sum(axis=0).max(initial=0)))

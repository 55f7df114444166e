"""The round loop of ``zopa.talks.v1``: offers, texts, signatures, ratification, deadlines.

Vectorised over runs: every array has a leading run axis and the only Python
loop is over rounds (and, within a round, over the few levers due then). Per
round ``t`` at day ``d_t`` from the as-of date:

1. Each side's aspiration level is :math:`a_p = \\max(0, 1 - \\alpha_p(d_t/t_{max}) - C_p)`:
   the time-dependent concession :math:`\\alpha_p` of Faratin, Sierra & Jennings
   (1998) (:mod:`zopa.simulate._concession`) lowered by the cost :math:`C_p` of
   no deal accumulated so far — each day without a deal costs a side
   ``cost`` plus ``lever_cost`` per lever imposed on it, the shrinking outside
   option of Rubinstein (1982)'s bargaining with a cost of delay — but never
   below its red line.
2. On the table is the mediator's single text (Raiffa 1982) when a mediator is
   present and has not walked away, else the offer of the side whose turn it
   is (alternating offers, Rubinstein 1982); every side accepts or not
   (:mod:`zopa.simulate._offers`).
3. When all accept, the gap has closed: formats whose ``after_format``
   preconditions wait on the table become possible, and the leaders meet in
   one of them (chosen at random among those not closed by a walk-out). The
   package is signed if every side has a legitimate signer; it enters into
   force if it lies inside every ratifier's acceptable set on the issues it
   ratifies (Putnam 1988's win-set). A ratifier's rejection voids it: the
   principal now holds the ratifier's red lines as its own and talks go on.
4. A deadline without a deal decides each threatened lever tied to it: imposed
   with probability ``credibility`` (raising its targets' cost of no deal), or
   else its holder walks away (closing the formats it mediates, and the
   single text once every mediator at the table has left).

References
----------
Faratin, P., Sierra, C., & Jennings, N. R. (1998). Negotiation decision
functions for autonomous agents. *Robotics and Autonomous Systems*, 24(3–4), 159–182.

Putnam, R. D. (1988). Diplomacy and domestic politics: the logic of two-level
games. *International Organization*, 42(3), 427–460.

Raiffa, H. (1982). *The Art and Science of Negotiation*. Harvard University Press.

Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
*Econometrica*, 50(1), 97–109.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from zopa.simulate._arrays import TalksArrays
from zopa.simulate._concession import conceded
from zopa.simulate._offers import TOLERANCE, accepts, offers, single_text

__all__ = ["NEVER", "TalksOutcome", "run_talks"]

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

NEVER = -1
"""Round index meaning "did not happen within the horizon"."""


@dataclass(frozen=True)
class TalksOutcome:
    """What happened in each run, as round indices (:data:`NEVER` when it did not)."""

    agreed: IntArray
    """``(R,)`` round the package entered into force."""
    terms: FloatArray
    """``(R, M)`` the package (``nan`` without agreement)."""
    held: IntArray
    """``(R, F)`` first round each format was held."""
    imposed: IntArray
    """``(R, L)`` round each lever was imposed."""
    walked: IntArray
    """``(R, H)`` round each holder walked away."""
    voided: IntArray
    """``(R,)`` signed packages a ratifier voided."""
    gap_closed: IntArray
    """``(R,)`` first round the table's gap closed (terms agreed, signed or not)."""


def _first(current: IntArray, now: NDArray[np.bool_], t: int) -> IntArray:
    return np.where((current == NEVER) & now, t, current)


def _runs_last(array: FloatArray) -> FloatArray:
    """The same values with the run axis moved from first to last (a contiguous copy)."""
    return np.ascontiguousarray(np.moveaxis(array, 0, -1))


def run_talks(arrays: TalksArrays, rng: np.random.Generator) -> TalksOutcome:
    """Run the talks of every run of ``arrays`` round by round; see the module docstring."""
    a = arrays
    runs, sides, issues = a.position.shape
    # Inside the loop the run axis is last: (P, M, R), (M, R), (P, R).
    lower, upper = _runs_last(a.lower), _runs_last(a.upper)
    position, reservation = _runs_last(a.position), _runs_last(a.reservation)
    ratifier_lower, ratifier_upper = _runs_last(a.ratifier_lower), _runs_last(a.ratifier_upper)
    beta, kappa = _runs_last(a.beta), a.kappa[None, :]
    agreed = np.full(runs, NEVER, dtype=np.int64)
    gap_closed = np.full(runs, NEVER, dtype=np.int64)
    terms = np.full((runs, issues), np.nan)
    held = np.where(a.held_at_start, 0, NEVER).astype(np.int64)
    held = np.broadcast_to(held, (runs, len(a.formats))).copy()
    imposed = np.broadcast_to(a.lever_start, (runs, len(a.levers))).copy()
    walked = np.full((runs, len(a.holders)), NEVER, dtype=np.int64)
    voided = np.zeros(runs, dtype=np.int64)
    spent = np.zeros((sides, runs))
    active = np.ones(runs, dtype=bool)
    pick = rng.random(runs)
    luck = rng.random((runs, len(a.levers)))
    costly = ~a.lever_withdrawal
    targets = a.lever_targets.astype(np.float64)
    leaders_possible = a.after_table & a.leader_level
    others_possible = a.after_table & ~a.leader_level
    for t, day in enumerate(a.days):
        if not active.any():
            break
        alpha = conceded((day + a.elapsed_days) / a.concession_days, beta, kappa)
        aspiration = np.clip(1.0 - alpha - spent, 0.0, 1.0)
        offered = offers(position, reservation, aspiration)
        package = offered[t % sides]
        if a.mediated:
            gone = walked[:, a.mediation_ends] != NEVER
            mediated = ~gone.all(axis=1) if a.mediation_ends.any() else np.ones(runs, dtype=bool)
            text = single_text(offered, a.drafting, lower, upper)
            package = np.where(mediated, text, package)
        closes = active & accepts(
            package, position, reservation, lower, upper, a.weight, aspiration
        ).all(axis=0)
        if closes.any():
            gap_closed = _first(gap_closed, closes, t)
            open_now = ~((walked != NEVER)[:, None, :] & a.closed_by[None]).any(axis=2)
            held = _first(held, closes[:, None] & others_possible & open_now, t)
            choice = leaders_possible & open_now
            count = choice.sum(axis=1)
            nth = np.minimum((pick * count).astype(np.int64), np.maximum(count - 1, 0))
            chosen = choice & (np.cumsum(choice, axis=1) - 1 == nth[:, None])
            held = _first(held, closes[:, None] & chosen, t)
            ratified = (
                (package >= ratifier_lower - TOLERANCE) & (package <= ratifier_upper + TOLERANCE)
            ).all(axis=(0, 1))
            if a.signable:
                signed = closes & ratified
                agreed[signed] = t
                terms[signed] = package[:, signed].T
                active &= ~signed
                void = closes & ~ratified
                voided += void
                for k, principal in enumerate(a.ratifier_principal):
                    tighter = np.maximum(lower[principal], ratifier_lower[k])
                    lower[principal] = np.where(void, tighter, lower[principal])
                    tighter = np.minimum(upper[principal], ratifier_upper[k])
                    upper[principal] = np.where(void, tighter, upper[principal])
                if void.any():
                    position = np.clip(position, lower, upper)
                    reservation = np.clip(reservation, lower, upper)
        for ell in np.flatnonzero(a.lever_deadline == t):
            h = a.lever_holder[ell]
            pending = active & (walked[:, h] == NEVER)
            impose = pending & (luck[:, ell] < a.credibility)
            imposed[:, ell] = np.where(impose, t, imposed[:, ell])
            walk = pending & ~impose if costly[ell] else pending
            walked[:, h] = np.where(walk, t, walked[:, h])
        if t + 1 < len(a.days):
            in_force = ((imposed != NEVER) & (imposed <= t) & costly).astype(np.float64)
            elapsed = float(a.days[t + 1] - day)
            spent += elapsed * (a.cost + a.lever_cost * (targets.T @ in_force.T))
    return TalksOutcome(agreed, terms, held, imposed, walked, voided, gap_closed)

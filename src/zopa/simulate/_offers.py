"""Offers, the mediator's single text, and whether a side accepts: pure array functions.

Each side values a package ``y`` by a linear additive utility (Raiffa 1982,
ch. 12): on each issue 1 at its ideal point ``x``, 0 at its reservation value
``ρ``, linear between (and capped at 1 beyond the ideal),

.. math::

    U_p(y) = \\sum_j w_{pj} \\,
        \\mathrm{clip}\\left(\\frac{y_j - \\rho_{pj}}{x_{pj} - \\rho_{pj}}, 0, 1\\right),

with ``w`` its salience, summing to 1. A side at aspiration level ``a`` offers
the package a fraction ``1 - a`` of the way from its ideal to its reservation
value on every issue (Faratin, Sierra & Jennings 1998), worth exactly ``a`` to
it. It accepts a package inside its acceptable set (its red lines are hard)
worth at least its current aspiration level — the acceptance rule of a
time-based negotiator (negmas's ``AspirationNegotiator``, Faratin's
"at least what I would offer").

The mediator's single negotiating text (Raiffa 1982, ch. 14) is the
capability × salience weighted mean of the sides' current offers, moved into
the zone of possible agreement on every issue where that zone is not empty:
the parties' criticisms of earlier drafts have told the mediator their limits.

Arrays put the run axis last — ``(P, M, R)`` for sides × issues × runs,
``(M, R)`` for a package — so the reductions over the few sides and issues
run as whole-array operations across the many runs.

References
----------
Faratin, P., Sierra, C., & Jennings, N. R. (1998). Negotiation decision
functions for autonomous agents. *Robotics and Autonomous Systems*, 24(3–4),
159–182.

Raiffa, H. (1982). *The Art and Science of Negotiation*. Cambridge, MA:
Harvard University Press.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["TOLERANCE", "accepts", "offers", "single_text", "utility"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

TOLERANCE = 1e-9
"""Slack on utility and set comparisons (floating-point rounding)."""


def offers(position: FloatArray, reservation: FloatArray, aspiration: FloatArray) -> FloatArray:
    """``(P, M, R)`` each side's offer at aspiration level ``aspiration`` (``(P, R)``)."""
    return position + (1.0 - aspiration)[:, None, :] * (reservation - position)


def utility(
    package: FloatArray, position: FloatArray, reservation: FloatArray, weight: FloatArray
) -> FloatArray:
    """``(P, R)`` each side's utility of ``package`` (``(M, R)``); ``weight`` is ``(P, M)``."""
    span = position - reservation
    safe = np.where(span != 0, span, 1.0)
    value = np.where(span != 0, (package - reservation) / safe, 1.0)
    np.clip(value, 0.0, 1.0, out=value)
    return np.asarray(np.einsum("pm,pmr->pr", weight, value))


def accepts(
    package: FloatArray,
    position: FloatArray,
    reservation: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    weight: FloatArray,
    aspiration: FloatArray,
) -> BoolArray:
    """``(P, R)`` whether each side accepts ``package``: inside its set and worth its aspiration."""
    inside = ((package >= lower - TOLERANCE) & (package <= upper + TOLERANCE)).all(axis=1)
    worth = utility(package, position, reservation, weight) >= aspiration - TOLERANCE
    return np.asarray(inside & worth)


def single_text(
    offered: FloatArray, drafting: FloatArray, lower: FloatArray, upper: FloatArray
) -> FloatArray:
    """``(M, R)`` the mediator's text: weighted mean of the offers, moved into the zone.

    ``drafting`` is ``(P, M)``: each side's capability × salience.
    """
    text = np.einsum("pm,pmr->mr", drafting / drafting.sum(axis=0), offered)
    low, high = lower.max(axis=0), upper.min(axis=0)
    return np.asarray(np.where(low <= high, np.clip(text, low, high), text))

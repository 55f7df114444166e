"""Bilateral alternating offers over a finite outcome set, two time-based aspiration negotiators.

The stacked alternating offers protocol (Rubinstein 1982; the order of
negmas's ``SAOMechanism``): in step ``s`` side 0 answers side 1's standing
offer and, rejecting it, makes its own; side 1 answers that and makes its own.
The negotiation ends at the first acceptance (``steps = s + 1``) or after
``n`` steps without one (``steps = n``).

Each side is a time-based aspiration negotiator (Faratin, Sierra & Jennings
1998). At relative time :math:`t_s = (s + 1)/(n + 1)` its aspiration level
is :math:`1 - \\alpha(t_s)` (:func:`~zopa.simulate._concession.conceded`,
exponent :math:`1/\\beta`) and its utility threshold

.. math::

    \\theta_s = \\max\\bigl(u_{min},\\;
        u_{min} + (1 - \\alpha(t_s))(u_{max} - u_{min}) - \\varepsilon\\bigr),

with :math:`u_{max}` its best outcome's utility and :math:`u_{min}` the larger of its worst
outcome's utility and its reserved value. It offers the outcome of lowest
utility at or above the threshold and accepts an offer at or above it — the
rules of negmas 0.16's ``AspirationNegotiator`` (whose exponent :math:`e` is
:math:`1/\\beta` here), so both tools can be run on the same problems.

Vectorised over negotiations (in chunks that fit a CPU cache); the loop is
over steps. Each side's outcomes are sorted by utility once
(:func:`_ranking`), and the offer at a threshold is found for every
negotiation at once by one :func:`numpy.searchsorted` over the rows laid end
to end.

References
----------
Faratin, P., Sierra, C., & Jennings, N. R. (1998). Negotiation decision
functions for autonomous agents. *Robotics and Autonomous Systems*, 24(3–4), 159–182.

Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
*Econometrica*, 50(1), 97–109.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from zopa.errors import ModelError
from zopa.simulate._concession import conceded

__all__ = ["ASPIRATION_TOLERANCE", "AlternatingOffers", "alternating_offers"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

CHUNK_CELLS = 1 << 19
"""Utilities handled at once (4 MB of float64): negotiations go in chunks that stay in cache."""
ASPIRATION_TOLERANCE = 0.001
"""The slack :math:`\\varepsilon` below the threshold (negmas's default ``tolerance``)."""


@dataclass(frozen=True)
class AlternatingOffers:
    """Per negotiation: whether it agreed, after how many steps, on which outcome."""

    agreed: NDArray[np.bool_]
    steps: IntArray
    outcome: IntArray
    """Index of the agreed outcome (``-1`` without agreement)."""


def _ranking(u: FloatArray) -> tuple[IntArray, FloatArray]:
    r"""Each row's outcomes in increasing utility: their indices and their utilities.

    One integer sort instead of an argsort and a gather (several times
    faster): a non-negative float's bit pattern read as an integer increases
    with the float, so each utility, less its row's minimum, has its lowest
    :math:`b = \lceil \log_2 K \rceil` bits replaced by its outcome's index
    and the keys are sorted. The returned utilities (less the row minimum) are
    the keys with those bits cleared: exact to :math:`2^{b-52}` of their size,
    and utilities that close rank by index.
    """
    k = u.shape[2]
    bits = max(int(k - 1).bit_length(), 1)
    keys = (u - u.min(axis=2, keepdims=True)).view(np.int64)
    keys >>= bits
    keys <<= bits
    keys |= np.arange(k, dtype=np.int64)
    keys.sort(axis=2)
    mask = (1 << bits) - 1
    order = keys & mask
    keys &= ~mask
    return order, keys.view(np.float64)


def alternating_offers(
    utilities: FloatArray,
    reserved: FloatArray,
    beta: FloatArray,
    steps: int,
    tolerance: float = ASPIRATION_TOLERANCE,
) -> AlternatingOffers:
    """Run ``R`` bilateral negotiations of at most ``steps`` steps.

    Parameters
    ----------
    utilities:
        ``(R, 2, K)`` each side's utility of each of the ``K`` outcomes.
    reserved:
        ``(R, 2)`` each side's reserved value (utility of no agreement).
    beta:
        ``(R, 2)`` concession exponents in Faratin's convention.
    steps:
        Most steps per negotiation.
    tolerance:
        The slack :math:`\\varepsilon`.
    """
    u = np.asarray(utilities, dtype=np.float64)
    if u.ndim != 3 or u.shape[1] != 2 or u.shape[2] == 0:
        raise ModelError(f"utilities must have shape (R, 2, K), got {u.shape}")
    if steps < 1:
        raise ModelError(f"steps must be at least 1, got {steps}")
    reserved = np.asarray(reserved, dtype=np.float64)
    beta = np.asarray(beta, dtype=np.float64)
    size = max(CHUNK_CELLS // (2 * u.shape[2]), 1)
    parts = [
        _negotiate(u[i : i + size], reserved[i : i + size], beta[i : i + size], steps, tolerance)
        for i in range(0, u.shape[0], size)
    ]
    return AlternatingOffers(
        np.concatenate([p.agreed for p in parts]),
        np.concatenate([p.steps for p in parts]),
        np.concatenate([p.outcome for p in parts]),
    )


def _negotiate(
    u: FloatArray, reserved: FloatArray, beta: FloatArray, steps: int, tolerance: float
) -> AlternatingOffers:
    """:func:`alternating_offers` on one chunk of negotiations."""
    runs, _, k = u.shape
    order, ranked = _ranking(u)
    low, best = u.min(axis=2), u.max(axis=2)
    worst = np.maximum(low, reserved)
    # Rows laid end to end, each shifted past the one before, for one searchsorted.
    span = float((best - low).max()) + 1.0
    shift = np.arange(runs * 2, dtype=np.float64).reshape(runs, 2) * span - low
    ranked += (shift + low)[:, :, None]
    flat = ranked.ravel()
    base = np.arange(runs * 2, dtype=np.int64).reshape(runs, 2) * k
    rows = np.arange(runs)
    agreed = np.zeros(runs, dtype=bool)
    outcome = np.full(runs, -1, dtype=np.int64)
    taken = np.full(runs, steps, dtype=np.int64)
    standing = np.full(runs, -1, dtype=np.int64)  # side 1's offer on the table
    for s in range(steps):
        aspiration = 1.0 - conceded((s + 1) / (steps + 1), beta)
        threshold = np.maximum(worst, worst + aspiration * (best - worst) - tolerance)
        at = np.searchsorted(flat, (threshold + shift).ravel()).reshape(runs, 2) - base
        offer = order[rows[:, None], np.arange(2)[None, :], np.minimum(at, k - 1)]
        open_ = ~agreed
        if s > 0:
            yes = open_ & (u[rows, 0, standing] >= threshold[:, 0])
            agreed |= yes
            outcome = np.where(yes, standing, outcome)
            taken = np.where(yes, s + 1, taken)
            open_ &= ~yes
        yes = open_ & (u[rows, 1, offer[:, 0]] >= threshold[:, 1])
        agreed |= yes
        outcome = np.where(yes, offer[:, 0], outcome)
        taken = np.where(yes, s + 1, taken)
        standing = offer[:, 1]
    return AlternatingOffers(agreed, taken, outcome)

"""Time-dependent concession: how far a negotiator has moved from its ideal towards its red line.

Faratin, Sierra & Jennings (1998) let a negotiator's offer on each issue move
from its initial value towards its reservation value as time passes,

.. math::

    \\alpha(t) = \\kappa + (1 - \\kappa)
        \\left(\\frac{\\min(t, t_{max})}{t_{max}}\\right)^{1/\\beta},

where :math:`\\alpha` is the fraction of the way conceded, :math:`\\kappa` the
fraction conceded at the start and :math:`t_{max}` the time by which the
reservation value is reached. **zopa uses Faratin's convention**: the exponent
is :math:`1/\\beta`, so :math:`\\beta < 1` is *Boulware* (holds firm, concedes
late), :math:`\\beta = 1` *linear* and :math:`\\beta > 1` *conceder* (concedes
early). Genius's ``TimeDependentAgent`` uses the same :math:`1/e` form (its
Boulware agent has :math:`e = 0.2`). negmas uses the opposite one: its
``PolyAspiration`` aspiration level is :math:`1 - t^{e}`, so a negmas exponent
:math:`e` is zopa's :math:`\\beta = 1/e` (negmas's ``"boulware"`` is
:math:`e = 4`, zopa's :math:`\\beta = 0.25`; its ``"conceder"`` :math:`e = 0.25`
is :math:`\\beta = 4`).

In utility terms the aspiration level is :math:`1 - \\alpha(t)`: with linear
utilities that are 1 at the ideal and 0 at the red line, an offer a fraction
:math:`\\alpha` of the way to the red line on every issue is worth
:math:`1 - \\alpha` to its maker.

References
----------
Faratin, P., Sierra, C., & Jennings, N. R. (1998). Negotiation decision
functions for autonomous agents. *Robotics and Autonomous Systems*, 24(3–4),
159–182.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["TACTICS", "conceded"]

FloatArray = NDArray[np.float64]

TACTICS: dict[str, float] = {"boulware": 0.25, "linear": 1.0, "conceder": 4.0}
"""Named tactics as zopa's ``beta`` (Faratin's convention: the exponent is ``1/beta``)."""


def conceded(tau: ArrayLike, beta: ArrayLike, kappa: ArrayLike = 0.0) -> FloatArray:
    """The fraction :math:`\\alpha` of the way from ideal to red line conceded at time ``tau``.

    Parameters
    ----------
    tau:
        Elapsed time as a fraction of the concession horizon :math:`t/t_{max}`;
        values above 1 count as 1, below 0 as 0.
    beta:
        Concession exponent in Faratin's convention (``< 1`` Boulware, ``1``
        linear, ``> 1`` conceder); broadcast against ``tau``.
    kappa:
        Fraction conceded at the start, in ``[0, 1]``.

    Returns
    -------
    numpy.ndarray
        :math:`\\kappa + (1-\\kappa)\\,\\tau^{1/\\beta}`, broadcast shape, in ``[0, 1]``.
    """
    t = np.clip(np.asarray(tau, dtype=np.float64), 0.0, 1.0)
    k = np.asarray(kappa, dtype=np.float64)
    return np.asarray(k + (1.0 - k) * t ** (1.0 / np.asarray(beta, dtype=np.float64)))

"""The zone of possible agreement (ZOPA) under red lines and ratification (two-level games).

Each actor with a red line on an issue accepts the values no worse than it, on
the side of its position: ``[red_line, upper]`` when it accepts values *above*
the red line, ``[lower, red_line]`` when it accepts values *below* it (the
scale's ends bound both). This reads red lines as reservation points over a
one-dimensional issue, as in Raiffa's bargaining zone; it assumes an actor
never rejects an outcome for being *more* favourable to it than its position.

The ZOPA of an issue is the intersection of the acceptable sets of every actor
that constrains it, so it is an interval ``[max lower, min upper]``, empty when
the bounds cross. Two levels (Putnam's two-level game): at level I the
negotiators' red lines bind; at level II the package must also be acceptable
to each domestic ratifier on the issues it ratifies (its *win-set*), so the
level-II zone is the level-I zone intersected with the ratifiers' sets. Red
lines are per issue, so the set of acceptable packages is the product of the
per-issue zones: non-empty exactly when every issue's zone is.

Every function is vectorised over any leading axes (Monte Carlo draws): arrays
are ``(..., n, m)`` for actors × issues and ``(..., m)`` per issue.

References
----------
Raiffa, H. (1982). *The Art and Science of Negotiation*. Cambridge, MA: Harvard
University Press.

Putnam, R. D. (1988). Diplomacy and domestic politics: the logic of two-level
games. *International Organization*, 42(3), 427–460.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from zopa.errors import ModelError

__all__ = [
    "Constraints",
    "Zone",
    "acceptable_bounds",
    "blocking_actors",
    "within_zone",
    "zone_of_agreement",
]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Constraints:
    """Red lines and who they bind, actors × issues, as numpy data.

    Attributes
    ----------
    actors, issues:
        Ids, lengths ``n`` and ``m``.
    red_line:
        ``(n, m)`` worst acceptable value; ``nan`` where the actor has none.
    side:
        ``(n, m)`` ``+1`` (accepts values at or above the red line), ``-1`` (at or
        below) or ``0`` (no red line).
    negotiator:
        ``(n, m)`` whether the red line binds at level I (a party at the table
        with a veto over the agreement).
    ratifier:
        ``(n, m)`` whether it binds at level II only (a domestic veto player on
        the issues it ratifies).
    scale:
        ``(m, 2)`` lower and upper end of each issue's scale.
    """

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    red_line: FloatArray
    side: NDArray[np.int8]
    negotiator: BoolArray
    ratifier: BoolArray
    scale: FloatArray

    def __post_init__(self) -> None:
        shape = (len(self.actors), len(self.issues))
        for name in ("red_line", "side", "negotiator", "ratifier"):
            if np.shape(getattr(self, name)) != shape:
                raise ModelError(f"Constraints.{name} must have shape {shape}")
        if np.shape(self.scale) != (len(self.issues), 2):
            raise ModelError(f"Constraints.scale must have shape {(len(self.issues), 2)}")
        has_line = ~np.isnan(self.red_line)
        if np.any(has_line != (self.side != 0)):
            raise ModelError("Constraints.side must be ±1 exactly where a red line is given")

    def mask(self, level: int) -> BoolArray:
        """``(n, m)`` red lines that bind at ``level`` 1 (negotiators) or 2 (also ratifiers)."""
        binding = self.negotiator | self.ratifier if level == 2 else self.negotiator
        return np.asarray(binding & (self.side != 0))


@dataclass(frozen=True)
class Zone:
    """Per-issue zone of possible agreement ``[low, high]`` (``(..., m)`` arrays)."""

    low: FloatArray
    high: FloatArray

    @property
    def nonempty(self) -> BoolArray:
        """``(..., m)`` whether some value satisfies every binding red line."""
        return np.asarray(self.low <= self.high)

    @property
    def package_nonempty(self) -> BoolArray:
        """``(...)`` whether a package satisfies every red line on every issue."""
        return np.asarray(self.nonempty.all(axis=-1))


def acceptable_bounds(
    red_line: FloatArray, side: NDArray[np.int8], scale: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Lower and upper bound of each actor's acceptable set, shape ``(..., n, m)``.

    Without a red line (``side == 0``) the whole scale is acceptable.
    """
    lo, hi = scale[:, 0], scale[:, 1]
    lower = np.where(side > 0, red_line, lo)
    upper = np.where(side < 0, red_line, hi)
    return np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)


def zone_of_agreement(
    constraints: Constraints, *, level: int = 2, red_line: FloatArray | None = None
) -> Zone:
    """The ZOPA of every issue: the intersection of the binding acceptable sets.

    Parameters
    ----------
    constraints:
        Red lines, sides and who binds where.
    level:
        ``1`` for the negotiators' zone, ``2`` (default) to add the ratifiers.
    red_line:
        Optional ``(..., n, m)`` draws of the red lines replacing
        ``constraints.red_line`` (sides and masks stay fixed).

    Returns
    -------
    Zone
        ``low`` and ``high`` of shape ``(..., m)``; ``low > high`` means empty.
    """
    lines = constraints.red_line if red_line is None else red_line
    lower, upper = acceptable_bounds(lines, constraints.side, constraints.scale)
    mask = constraints.mask(level)
    low = np.where(mask, lower, -np.inf).max(axis=-2)
    high = np.where(mask, upper, np.inf).min(axis=-2)
    low = np.maximum(low, constraints.scale[:, 0])
    high = np.minimum(high, constraints.scale[:, 1])
    return Zone(np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64))


def within_zone(outcome: FloatArray, zone: Zone) -> BoolArray:
    """``(..., m)`` whether each predicted outcome lies in the zone (``nan`` never does)."""
    return np.asarray((outcome >= zone.low) & (outcome <= zone.high))


def blocking_actors(
    outcome: FloatArray,
    constraints: Constraints,
    *,
    level: int = 2,
    red_line: FloatArray | None = None,
) -> BoolArray:
    """``(..., n, m)`` whether each binding actor rejects the outcome on each issue.

    ``outcome`` is ``(..., m)``; an actor blocks an issue when the outcome lies
    outside its acceptable set and its red line binds at ``level``.
    """
    lines = constraints.red_line if red_line is None else red_line
    lower, upper = acceptable_bounds(lines, constraints.side, constraints.scale)
    value = np.asarray(outcome)[..., np.newaxis, :]
    outside = (value < lower) | (value > upper)
    return np.asarray(outside & constraints.mask(level))

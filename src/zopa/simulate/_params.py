"""The talks simulator's parameters: documented defaults, checked once, one-line errors.

Values the scenario file does not hold (how fast each side concedes, what a
day without a deal costs it, how credible a threat is) are parameters of the
simulator with the defaults below; ``docs/simulation.md`` explains each. A bad
value is a :class:`~zopa.errors.ModelError` naming the parameter, the value and
what a valid one looks like, before any work is done.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from zopa.errors import ModelError, quoted

__all__ = ["SENSITIVITY_BOUNDS", "TalksParams"]

SIMULATOR = "zopa.talks.v1"

SENSITIVITY_BOUNDS: dict[str, tuple[float, float]] = {
    "log_beta": (math.log(0.2), math.log(5.0)),
    "kappa": (0.0, 0.3),
    "concession_days": (90.0, 730.0),
    "cost_per_day": (0.0, 0.002),
    "lever_cost_per_day": (0.0, 0.006),
    "credibility": (0.0, 1.0),
}
"""Ranges the sensitivity analysis varies each parameter over (``beta`` on a log scale,
``exp(log_beta)`` multiplying every side's ``beta``)."""


def _number(name: str, value: Any, low: float, high: float, *, open_low: bool = False) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if ok:
        ok = (low < value if open_low else low <= value) and value <= high
    if not ok:
        bracket = "(" if open_low else "["
        raise ModelError(
            f"{SIMULATOR}: parameter {name}={quoted(value)} is invalid; "
            f"expected a number in {bracket}{low:g}, {high:g}]"
        )


def _integer(name: str, value: Any, low: int, high: int) -> None:
    if not (isinstance(value, int) and not isinstance(value, bool) and low <= value <= high):
        raise ModelError(
            f"{SIMULATOR}: parameter {name}={quoted(value)} is invalid; "
            f"expected an integer in [{low}, {high}]"
        )


def _iso_date(name: str, value: Any) -> str:
    """``value`` (a date, or its ``YYYY-MM-DD`` text) as ``YYYY-MM-DD``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ModelError(
        f"{SIMULATOR}: parameter {name}={quoted(value)} is invalid; expected a date YYYY-MM-DD"
    )


@dataclass(frozen=True)
class TalksParams:
    """Parameters of ``zopa.talks.v1`` (defaults in ``docs/simulation.md``).

    Attributes
    ----------
    step_days:
        Length of a round in days (1: daily rounds, 7: weekly).
    beta:
        Every side's concession exponent in Faratin's convention
        (:mod:`zopa.simulate._concession`): ``< 1`` Boulware, ``1`` linear, ``> 1``
        conceder.
    betas:
        Per-side overrides of ``beta``, by actor id.
    kappa:
        Fraction of the way to its red line each side has conceded at the as-of date.
    concession_days:
        Days from the start of the talks by which a side would reach its red line
        (Faratin's :math:`t_{max}`).
    talks_began:
        The date the talks began (``YYYY-MM-DD``): concession time counts from it,
        so talks a year old on the as-of date have conceded a year's worth.
        ``None`` (default): from the as-of date, as if the talks began then.
    cost_per_day:
        Utility each side loses per day without a deal (the war, the sanctions:
        its outside option worsening, Rubinstein-style); it lowers the side's
        aspiration level, never below its red line.
    lever_cost_per_day:
        Extra utility per day a side loses while a lever aimed at it is imposed.
    credibility:
        Probability that a threatened lever is imposed when its deadline passes
        without a deal; otherwise its holder walks away.
    mediation:
        Whether a mediator at the table drafts a single negotiating text
        (Raiffa 1982); without one the sides alternate offers.
    sensitivity_trajectories:
        Morris trajectories of the sensitivity analysis (0 skips it).
    sensitivity_runs:
        Runs per point of the sensitivity design.
    """

    step_days: int = 1
    beta: float = 1.0
    betas: Mapping[str, float] = field(default_factory=dict)
    kappa: float = 0.0
    concession_days: float = 365.0
    talks_began: str | None = None
    cost_per_day: float = 0.0005
    lever_cost_per_day: float = 0.002
    credibility: float = 0.5
    mediation: bool = True
    sensitivity_trajectories: int = 10
    sensitivity_runs: int = 50

    def __post_init__(self) -> None:
        _integer("step_days", self.step_days, 1, 366)
        _number("beta", self.beta, 0.0, 100.0, open_low=True)
        if not isinstance(self.betas, Mapping):
            raise ModelError(
                f"{SIMULATOR}: parameter betas={quoted(self.betas)} is invalid; "
                "expected a mapping of actor id to a number"
            )
        for actor, value in self.betas.items():
            _number(f"betas[{actor}]", value, 0.0, 100.0, open_low=True)
        _number("kappa", self.kappa, 0.0, 1.0)
        _number("concession_days", self.concession_days, 0.0, 36_500.0, open_low=True)
        if self.talks_began is not None:
            object.__setattr__(self, "talks_began", _iso_date("talks_began", self.talks_began))
        _number("cost_per_day", self.cost_per_day, 0.0, 1.0)
        _number("lever_cost_per_day", self.lever_cost_per_day, 0.0, 1.0)
        _number("credibility", self.credibility, 0.0, 1.0)
        if not isinstance(self.mediation, bool):
            raise ModelError(
                f"{SIMULATOR}: parameter mediation={quoted(self.mediation)} is invalid; "
                "expected true or false"
            )
        _integer("sensitivity_trajectories", self.sensitivity_trajectories, 0, 1000)
        _integer("sensitivity_runs", self.sensitivity_runs, 1, 100_000)

    def to_dict(self) -> dict[str, Any]:
        """The parameters as plain JSON data."""
        out = asdict(self)
        out["betas"] = dict(sorted(self.betas.items()))
        return out

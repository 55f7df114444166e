"""Forecast sources: one small interface, one registry (``zopa.registry.forecast_sources``).

A source turns what is known as of a date into forecasts of a scenario's
questions. Like the bargaining models, a source is a class registered under a
versioned name, constructed with keyword-only parameters, and called with
:class:`ForecastInputs`; it returns plain :class:`~zopa.forecast.NewForecast`
objects, which the caller stores. The simulator, the static models, the experts
in the press and their combination plug in here; this module registers the
imported prices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Protocol, runtime_checkable

from zopa.errors import ForecastError
from zopa.forecast._questions import latest_forecasts
from zopa.forecast._records import NewForecast, SourceKind
from zopa.forecast._store import list_forecasts
from zopa.registry import forecast_sources
from zopa.scenario import Scenario
from zopa.store import Store

__all__ = ["ForecastInputs", "ForecastSource", "PriceSource", "ReportingSource", "SourceReport"]


@dataclass(frozen=True)
class ForecastInputs:
    """What a source may use: the scenario, the as-of date and the store.

    A source must use nothing published after ``as_of``. ``runs`` and ``seed``
    are for sources that draw (the simulation, the static models' Monte Carlo):
    the same inputs and seed give the same forecasts. ``made`` holds the forecasts
    other sources made in the same run, for a source that combines them (``None``:
    the combining source makes them itself).
    """

    scenario: Scenario
    as_of: date
    store: Store | None = None
    runs: int = 2000
    seed: int = 0
    made: tuple[NewForecast, ...] | None = None


@dataclass(frozen=True)
class SourceReport:
    """A source's forecasts and, per question it did not forecast, the reason why."""

    forecasts: list[NewForecast]
    unanswered: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class ForecastSource(Protocol):
    """The interface every entry of the ``forecast_sources`` registry implements.

    Attributes
    ----------
    kind:
        The kind of source its forecasts are stored as.
    imported:
        ``True`` when the forecasts are already in the store (imported prices),
        so callers show and score them but do not store them again.
    """

    kind: ClassVar[SourceKind]
    imported: ClassVar[bool]

    def forecast(self, inputs: ForecastInputs) -> list[NewForecast]:
        """Forecasts of the scenario's questions as of ``inputs.as_of``."""
        ...


@runtime_checkable
class ReportingSource(ForecastSource, Protocol):
    """A source that also says why it left a question without a forecast."""

    def report(self, inputs: ForecastInputs) -> SourceReport:
        """Forecasts as :meth:`forecast` makes them, and the unanswered questions' reasons."""
        ...


@forecast_sources.register("zopa.prices.v1")
class PriceSource:
    """Imported crowd and market prices: each market's latest price as of the date.

    The prices are stored by ``zopa forecast import-prices``; this source reads
    them back, one forecast per question and market, the latest dated on or
    before ``as_of``.
    """

    kind: ClassVar[SourceKind] = "price"
    imported: ClassVar[bool] = True

    def forecast(self, inputs: ForecastInputs) -> list[NewForecast]:
        """The latest stored price of every (question, market) as of ``inputs.as_of``."""
        if inputs.store is None:
            raise ForecastError("the prices source reads the store; open one (--db) first")
        records = list_forecasts(
            inputs.store, inputs.scenario.id, source_kinds=[self.kind], as_of=inputs.as_of
        )
        return list(latest_forecasts(records, inputs.as_of))

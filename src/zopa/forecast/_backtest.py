"""Replaying the talks: every source's forecasts as of each date of a range, and their scores.

A backtest asks each forecast source (the ``forecast_sources`` registry) what it
would have said on each date, from what was known then — the source itself
guarantees it uses nothing published after the date (``ForecastInputs``). The
forecasts are computed, not stored: they were not made on those dates, so they
never mix with the forecasts kept as made. They are scored like stored ones
(:func:`~zopa.forecast.score_forecasts`), each question on the dates it was open.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from zopa.errors import ConfigError, ForecastError
from zopa.forecast._records import ForecastRecord, NewForecast
from zopa.forecast._scores import Scores, score_forecasts
from zopa.forecast._sources import ForecastInputs, ForecastSource
from zopa.registry import forecast_sources
from zopa.scenario import Scenario
from zopa.store import Store

__all__ = ["MAX_BACKTEST_DATES", "Backtest", "backtest_dates", "parse_step", "run_backtest"]

MAX_BACKTEST_DATES = 5_000
"""Most dates one backtest replays (checked before any source runs): 13 years of days."""

_STEP = re.compile(r"^\s*(\d{1,5})\s*([dw])\s*$")


def parse_step(text: str) -> timedelta:
    """``"7d"`` or ``"2w"`` as a :class:`~datetime.timedelta` of at least one day."""
    match = _STEP.match(text)
    if match is None or int(match.group(1)) == 0:
        raise ConfigError(f"step {text!r} is not a number of days or weeks; give e.g. 7d or 2w")
    count = int(match.group(1))
    return timedelta(days=count * (7 if match.group(2) == "w" else 1))


def backtest_dates(start: date, end: date, step: timedelta) -> list[date]:
    """``start``, ``start + step``, … up to ``end`` (included when it falls on a step)."""
    if end < start:
        raise ConfigError(f"--to {end} is before --from {start}; give an end on or after the start")
    count = (end - start) // step + 1
    if count > MAX_BACKTEST_DATES:
        raise ConfigError(
            f"{count:,} dates from {start} to {end} every {step.days} day(s) is over the "
            f"{MAX_BACKTEST_DATES:,}-date limit; give a longer --step or a shorter range"
        )
    return [start + k * step for k in range(count)]


@dataclass(frozen=True)
class Backtest:
    """The forecasts of every source on every date, and their scores on the resolved questions."""

    scenario: str
    dates: list[date]
    sources: list[str]
    forecasts: list[NewForecast]
    scores: Scores

    def to_dict(self) -> dict[str, Any]:
        """The public JSON layout (``docs/forecasts.md``)."""
        return {
            "scenario": self.scenario,
            "dates": [d.isoformat() for d in self.dates],
            "sources": self.sources,
            "forecasts": [f.public() for f in self.forecasts],
            "scores": self.scores.to_dict(),
        }


def run_backtest(
    scenario: Scenario,
    dates: Sequence[date],
    *,
    store: Store | None = None,
    sources: Sequence[str] | None = None,
    runs: int = 2000,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Backtest:
    """Every source's forecasts as of each of ``dates``, and their scores.

    Parameters
    ----------
    scenario:
        A validated scenario with questions.
    dates:
        The as-of dates, in order.
    store:
        The store the sources read (documents, estimates, prices).
    sources:
        Registry names of the sources (default: every registered one).
    runs, seed:
        Passed to sources that draw; the same seed gives the same backtest.
    progress:
        Called as ``progress(done, total)`` after each date.
    """
    names = list(sources) if sources is not None else sorted(forecast_sources.names())
    chosen = _sources(names)
    forecasts: list[NewForecast] = []
    for done, day in enumerate(dates, start=1):
        inputs = ForecastInputs(scenario=scenario, as_of=day, store=store, runs=runs, seed=seed)
        for source in chosen:
            forecasts.extend(
                _as_of(f, day) for f in source.forecast(inputs) if f.scenario == scenario.id
            )
        if progress is not None:
            progress(done, len(dates))
    return Backtest(scenario.id, list(dates), names, forecasts, _score(scenario, forecasts))


def _sources(names: Sequence[str]) -> list[ForecastSource]:
    known = set(forecast_sources.names())
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ForecastError(
            f"unknown forecast source(s) {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(sorted(known))}"
        )
    return [forecast_sources.get(name)() for name in names]


def _as_of(forecast: NewForecast, day: date) -> NewForecast:
    """The forecast as the backtest's forecast of ``day``.

    An imported price keeps the date it was published; on the replayed date it
    is the latest known, so it speaks for that date. A stored record (a price)
    loses its row id: the backtest's forecasts are its own.
    """
    fields = forecast.model_dump(include=set(NewForecast.model_fields))
    return NewForecast.model_validate({**fields, "as_of": day})


def _score(scenario: Scenario, forecasts: Sequence[NewForecast]) -> Scores:
    """Score computed forecasts as if stored in this order (later wins on a date)."""
    made = datetime(1970, 1, 1, tzinfo=UTC)
    records = [
        ForecastRecord(**f.model_dump(), id=k, created_at=made)
        for k, f in enumerate(forecasts, start=1)
    ]
    return score_forecasts(scenario, records)

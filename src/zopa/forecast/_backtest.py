"""Backtests: the forecast run replayed over a range of dates, stored, then scored.

:func:`backtest` runs every source as of each date from ``start`` to ``end``
every ``step_days`` days, in order, storing each date's forecasts before the
next (so the combination's fitted weights see only the record made by then),
and scores the stored forecasts of the sources run, with the imported prices,
on the resolved questions (:func:`zopa.forecast.score_forecasts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from zopa.errors import ForecastError
from zopa.forecast._asof import hindsight
from zopa.forecast._ray import reports_on_ray
from zopa.forecast._records import NewForecast
from zopa.forecast._run import ForecastRun, make_sources, run_forecasts, store_run
from zopa.forecast._scores import Scores, score_forecasts
from zopa.forecast._sources import SourceReport
from zopa.forecast._store import list_forecasts
from zopa.scenario import Scenario
from zopa.store import Store

__all__ = ["MAX_BACKTEST_DATES", "Backtest", "backtest", "backtest_dates"]

MAX_BACKTEST_DATES = 5000
"""Most dates one backtest runs (weekly over 95 years)."""


def backtest_dates(start: date, end: date, step_days: int) -> list[date]:
    """``start``, ``start + step``, ... up to ``end`` (included when it falls on a step).

    Raises
    ------
    ForecastError
        ``end`` before ``start``, a step under one day, or too many dates.
    """
    if end < start:
        raise ForecastError(f"--to {end} is before --from {start}; give a later --to")
    if step_days < 1:
        raise ForecastError(f"--step must be at least one day, got {step_days}")
    count = (end - start).days // step_days + 1
    if count > MAX_BACKTEST_DATES:
        raise ForecastError(
            f"{count:,} dates from {start} to {end} every {step_days} day(s), over the "
            f"{MAX_BACKTEST_DATES:,} a backtest runs; give a longer --step or a shorter range"
        )
    return [start + timedelta(days=step_days * k) for k in range(count)]


@dataclass
class Backtest:
    """Every date's run, what was stored, and the scores over the resolved questions."""

    scenario: Scenario
    step_days: int
    runs: list[ForecastRun]
    scores: Scores
    stored: int = 0
    skipped: int = 0
    sources: list[str] = field(default_factory=list)

    def paths(self) -> dict[tuple[str, str], list[NewForecast]]:
        """Each (question, source)'s forecasts by date: the run's own, then the prices."""
        out: dict[tuple[str, str], list[NewForecast]] = {}
        for run in self.runs:
            for f in [*run.forecasts, *run.prices]:
                out.setdefault((f.question, f.source), []).append(f)
        position = {q.id: k for k, q in enumerate(self.scenario.questions)}
        return dict(sorted(out.items(), key=lambda kv: (position.get(kv[0][0], -1), kv[0][1])))

    def moves(self) -> list[dict[str, Any]]:
        """How each (question, source) moved: first and last forecast, range, changes."""
        out = []
        for (question, source), forecasts in self.paths().items():
            points = [f.probability if f.probability is not None else f.value for f in forecasts]
            values = [p for p in points if p is not None]
            out.append(
                {
                    "question": question,
                    "source": source,
                    "first": {"as_of": forecasts[0].as_of.isoformat(), "point": points[0]},
                    "last": {"as_of": forecasts[-1].as_of.isoformat(), "point": points[-1]},
                    "min": min(values),
                    "max": max(values),
                    "changes": sum(1 for a, b in pairwise(points) if a != b),
                }
            )
        return out

    def warnings(self) -> list[str]:
        """The runs' warnings, the dates without documents said once."""
        bare = [r.as_of for r in self.runs if r.usable_documents == 0]
        out = []
        if bare:
            out.append(
                f"no stored document is dated on or before {bare[-1]} ({len(bare)} of "
                f"{len(self.runs)} dates, from {bare[0]}): the experts in the press have "
                "nothing to go on then"
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """The public JSON layout (``docs/forecasts.md``)."""
        first = self.runs[0]
        return {
            "scenario": self.scenario.id,
            "from": first.as_of.isoformat(),
            "to": self.runs[-1].as_of.isoformat(),
            "step_days": self.step_days,
            "dates": [r.as_of.isoformat() for r in self.runs],
            "runs": first.runs,
            "seed": first.seed,
            "sources": self.sources,
            "undated_documents": first.undated_documents,
            "warnings": self.warnings(),
            "placeholders": first.placeholders,
            "hindsight": [h.public() for h in first.hindsight],
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "kind": q.kind,
                    "resolution_date": q.resolution_date.isoformat(),
                    "resolved_on": q.resolved_on.isoformat() if q.resolved_on else None,
                    "outcome": q.outcome,
                }
                for q in self.scenario.questions
            ],
            "forecasts": [f.public() for r in self.runs for f in r.forecasts],
            "prices": [f.public() for r in self.runs for f in r.prices],
            "moves": self.moves(),
            "scores": self.scores.to_dict(),
        }


def backtest(
    scenario: Scenario,
    *,
    store: Store,
    start: date,
    end: date,
    step_days: int = 7,
    runs: int = 2000,
    seed: int = 0,
    sources: Sequence[str] | None = None,
    strict: bool = False,
    ray: str | None = None,
) -> Backtest:
    """Run the forecast sources as of every date of the range, store them, score them.

    Every input is checked before anything is stored: the dates, the source
    names and, under ``strict``, hindsight as of ``start`` (the earliest date
    has the most). With ``ray`` (``"local"`` or a cluster's address), the
    sources that neither combine nor read prices run on a Ray cluster over all
    the dates at once (:mod:`zopa.forecast._ray`); the rest and the storing go
    date by date here, so the result is the same.
    """
    dates = backtest_dates(start, end, step_days)
    instances = make_sources(sources)
    if strict and (flags := hindsight(scenario, store, start)):
        more = f" (and {len(flags) - 1} more)" if len(flags) > 1 else ""
        raise ForecastError(
            f"--strict: hindsight as of {start}: {flags[0].format()}{more}; cite evidence "
            "published by then, start later, or run without --strict to see every flag"
        )
    on_ray: dict[date, dict[str, SourceReport]] = {}
    if ray is not None:
        on_ray = reports_on_ray(ray, scenario, dates, instances, store, runs=runs, seed=seed)
    made: list[ForecastRun] = []
    stored = skipped = 0
    for day in dates:
        run = run_forecasts(
            scenario,
            as_of=day,
            store=store,
            runs=runs,
            seed=seed,
            instances=instances,
            reports=on_ray.get(day),
        )
        result = store_run(store, run)
        stored, skipped = stored + result.stored, skipped + result.skipped
        made.append(run)
    names = sorted({f.source for r in made for f in [*r.forecasts, *r.prices]})
    records = [r for r in list_forecasts(store, scenario.id, as_of=end) if r.source in set(names)]
    scores = score_forecasts(scenario, records)
    return Backtest(scenario, step_days, made, scores, stored, skipped, list(instances))

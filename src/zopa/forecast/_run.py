"""The forecast run: every registered source on a scenario as of a date, then stored once.

:func:`run_forecasts` runs the sources of the ``forecast_sources`` registry (all
of them, or the ones named) on what was known on the as-of date: the sources
first, then the ones that combine them (kind ``combined``), which are handed the
others' forecasts; imported prices are read back to show beside them. Nothing
is stored by it, so a run that fails stores nothing. :func:`store_run` then
stores the forecasts, skipping any already stored with the same question,
source, as-of date and inputs digest (the same inputs give the same forecast, so
a re-run adds no row).

Before any source runs, the scenario's values are checked for *hindsight*:
evidence they cite that was published after the as-of date. Each is flagged in
the result; ``strict=True`` refuses the run instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from zopa.errors import ForecastError, ScenarioError, quoted
from zopa.forecast._asof import Hindsight, document_counts, hindsight, unknown_pins
from zopa.forecast._questions import question_status
from zopa.forecast._records import NewForecast
from zopa.forecast._sources import (
    ForecastInputs,
    ForecastSource,
    ReportingSource,
    SourceReport,
)
from zopa.forecast._store import add_forecasts
from zopa.models._montecarlo import MAX_DRAWS
from zopa.registry import forecast_sources
from zopa.scenario import Scenario, check_scenario, placeholder_names
from zopa.store import Forecast, Store

__all__ = [
    "BUILTIN_PACKAGES",
    "ForecastRun",
    "StoredRun",
    "make_sources",
    "run_forecasts",
    "source_names",
    "source_report",
    "store_run",
]

BUILTIN_PACKAGES = ("zopa.forecast", "zopa.simulate")
"""Packages whose import registers zopa's own forecast sources."""


@dataclass(frozen=True)
class Unanswered:
    """A question a source left without a forecast, and why."""

    question: str
    source: str
    reason: str

    def public(self) -> dict[str, str]:
        """The JSON layout."""
        return {"question": self.question, "source": self.source, "reason": self.reason}


@dataclass
class ForecastRun:
    """Everything one run made and found, in the order the scenario lists its questions."""

    scenario: Scenario
    as_of: date
    runs: int
    seed: int
    sources: list[str]
    forecasts: list[NewForecast] = field(default_factory=list)
    prices: list[NewForecast] = field(default_factory=list)
    unanswered: list[Unanswered] = field(default_factory=list)
    hindsight: list[Hindsight] = field(default_factory=list)
    undated_documents: int = 0
    usable_documents: int = 0
    warnings: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    """Dotted names of the scenario's placeholder values (``--allow-placeholders``)."""

    def to_dict(self) -> dict[str, Any]:
        """The public JSON layout (``docs/forecasts.md``)."""
        return {
            "scenario": self.scenario.id,
            "as_of": self.as_of.isoformat(),
            "runs": self.runs,
            "seed": self.seed,
            "sources": self.sources,
            "undated_documents": self.undated_documents,
            "warnings": self.warnings,
            "placeholders": self.placeholders,
            "hindsight": [h.public() for h in self.hindsight],
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "kind": q.kind,
                    "status": question_status(q, self.as_of),
                }
                for q in self.scenario.questions
            ],
            "forecasts": [f.public() for f in self.forecasts],
            "prices": [f.public() for f in self.prices],
            "unanswered": [u.public() for u in self.unanswered],
        }


@dataclass(frozen=True)
class StoredRun:
    """What :func:`store_run` did."""

    stored: int
    skipped: int


def source_names(names: Sequence[str] | None) -> list[str]:
    """The registered sources to run: ``names`` checked against the registry, or all of them."""
    for package in BUILTIN_PACKAGES:
        importlib.import_module(package)
    known = forecast_sources.names()
    if names is None:
        return known
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise ForecastError(
            f"unknown forecast source {quoted(unknown[0]) if unknown else '(none given)'}; "
            f"give --sources as a comma-separated list of: {', '.join(known)}"
        )
    return sorted(set(names))


def make_sources(names: Sequence[str] | None = None) -> dict[str, ForecastSource]:
    """The sources named (checked by :func:`source_names`; default: all), constructed."""
    return {name: forecast_sources.get(name)() for name in source_names(names)}


def run_forecasts(
    scenario: Scenario,
    *,
    as_of: date,
    store: Store,
    runs: int = 2000,
    seed: int = 0,
    sources: Sequence[str] | None = None,
    strict: bool = False,
    instances: Mapping[str, ForecastSource] | None = None,
    reports: Mapping[str, SourceReport] | None = None,
    ray: str | None = None,
) -> ForecastRun:
    """Run the forecast sources on ``scenario`` as of ``as_of``; store nothing.

    Parameters
    ----------
    runs, seed:
        Draws and seed of the sources that draw (simulation, Monte Carlo).
    sources:
        Registry names to run (default: every registered source).
    strict:
        Refuse a scenario value citing evidence published after ``as_of``.
    instances:
        The sources to run, already made (by :func:`make_sources`), so a caller
        running many dates reuses what they keep between dates; ``sources`` is
        then ignored.
    reports:
        Sources' reports already made with this run's inputs (elsewhere: on a
        Ray cluster, :mod:`zopa.forecast._ray`), used instead of running them;
        never a combining source's, which needs the others' forecasts.
    ray:
        Run the sources that neither combine nor read prices on a Ray cluster
        (``"local"`` or a running cluster's address), with the same results.

    Raises
    ------
    ForecastError
        An unknown source, ``runs`` out of bounds, or hindsight under ``strict``.
    ScenarioError
        The scenario has an error ``zopa scenario check`` reports.
    """
    made_by = dict(instances) if instances is not None else make_sources(sources)
    names = list(made_by)
    if not 1 <= runs <= MAX_DRAWS:
        raise ForecastError(f"--runs must be between 1 and {MAX_DRAWS:,}, got {runs:,}")
    if seed < 0:
        raise ForecastError(f"--seed must be a whole number from 0 up, got {seed}")
    errors = [p for p in check_scenario(scenario, file=scenario.id) if p.severity == "error"]
    if errors:
        raise ScenarioError(
            f"scenario {errors[0].format()}; run `zopa scenario check` on its file for the line"
        )
    flags = hindsight(scenario, store, as_of)
    if strict and flags:
        more = f" (and {len(flags) - 1} more)" if len(flags) > 1 else ""
        raise ForecastError(
            f"--strict: hindsight as of {as_of}: {flags[0].format()}{more}; cite evidence "
            "published by then, or run without --strict to see every flag"
        )
    counts = document_counts(store, as_of)
    run = ForecastRun(
        scenario,
        as_of,
        runs,
        seed,
        names,
        hindsight=flags,
        undated_documents=counts.undated,
        usable_documents=counts.usable,
        placeholders=placeholder_names(scenario),
    )
    run.warnings.extend(unknown_pins(scenario, store))
    if counts.usable == 0:
        run.warnings.append(
            f"no stored document is dated on or before {as_of}: the experts in the press have "
            "nothing to go on (ingest articles, or choose a later --as-of)"
        )
    if ray is not None and reports is None:
        from zopa.forecast._ray import reports_on_ray

        on_ray = reports_on_ray(ray, scenario, [as_of], made_by, store, runs=runs, seed=seed)
        reports = on_ray[as_of]
    order = sorted(names, key=lambda n: (made_by[n].kind == "combined", n))
    inputs = ForecastInputs(scenario, as_of, store, runs, seed)
    made: list[NewForecast] = []
    for name in order:
        source = made_by[name]
        if source.kind == "combined":
            # Run alone, a combining source makes the other sources' forecasts itself.
            own = any(s.kind != "combined" and not s.imported for s in made_by.values())
            given = tuple(made) if own else None
            inputs = ForecastInputs(scenario, as_of, store, runs, seed, made=given)
        given_report = (reports or {}).get(name)
        if given_report is not None and source.kind != "combined":
            forecasts, unanswered = given_report.forecasts, given_report.unanswered
        else:
            forecasts, unanswered = _report(source, inputs)
        if source.imported:
            run.prices.extend(forecasts)
        else:
            made.extend(forecasts)
        run.unanswered.extend(Unanswered(q, name, why) for q, why in unanswered.items())
    if run.placeholders:
        made = [_on_placeholders(f, len(run.placeholders)) for f in made]
    position = {q.id: k for k, q in enumerate(scenario.questions)}
    run.forecasts = sorted(made, key=lambda f: (position.get(f.question, -1), f.source))
    run.prices = sorted(run.prices, key=lambda f: (position.get(f.question, -1), f.source))
    run.unanswered.sort(key=lambda u: (position.get(u.question, -1), u.source))
    return run


def _on_placeholders(forecast: NewForecast, count: int) -> NewForecast:
    """``forecast`` marked as resting on ``count`` placeholder values, if its source used them.

    The experts' forecasts come from the press, not from the scenario's values, and
    stay as they are; the models', the simulator's and their combination say so in
    ``method`` and in ``parameters["placeholders"]``.
    """
    if forecast.source_kind == "experts":
        return forecast
    method = f"{forecast.method} (on {count} placeholder value{'s' * (count > 1)})"
    parameters = {**forecast.parameters, "placeholders": count}
    return forecast.model_copy(update={"method": method[-200:], "parameters": parameters})


def source_report(source: ForecastSource, inputs: ForecastInputs) -> SourceReport:
    """A source's forecasts, and its reasons for the questions it left (if it gives them)."""
    return SourceReport(*_report(source, inputs))


def _report(
    source: ForecastSource, inputs: ForecastInputs
) -> tuple[list[NewForecast], dict[str, str]]:
    if isinstance(source, ReportingSource):
        report = source.report(inputs)
        return report.forecasts, report.unanswered
    forecasts = source.forecast(inputs)
    if source.imported:
        return forecasts, {}
    answered = {f.question for f in forecasts}
    missing = {q.id: "no forecast" for q in inputs.scenario.questions if q.id not in answered}
    return forecasts, missing


def store_run(store: Store, run: ForecastRun) -> StoredRun:
    """Store the run's forecasts in one transaction, skipping those already stored.

    A forecast is already stored when a row has the same scenario, question,
    source, as-of date and inputs digest.
    """
    query = select(Forecast.question, Forecast.source, Forecast.inputs_digest).where(
        Forecast.scenario == run.scenario.id, Forecast.as_of == run.as_of
    )
    with store.session() as session:
        held = {tuple(row) for row in session.execute(query)}
    new = [f for f in run.forecasts if (f.question, f.source, f.inputs_digest) not in held]
    if new:
        with store.write() as session:
            add_forecasts(session, new)
    return StoredRun(len(new), len(run.forecasts) - len(new))

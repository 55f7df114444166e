"""Forecast sources run on a Ray cluster: tasks of (source, as-of dates), seeds as local.

:func:`reports_on_ray` runs each of zopa's own sources (the simulation, the static
models, the experts in the press: every source that neither combines others nor
reads imported prices) on the cluster, over slices of the as-of dates, each task
opening the store itself. What a task returns is exactly what the source makes on
this machine: a source's forecast is a function of the scenario, the as-of date, the
store, the draws and the seed, and each task is one whole forecast per date, with
the run's own seed, as a local run gives it. (Splitting one forecast's draws over
tasks would need a stream per task, ``numpy.random.SeedSequence(seed).spawn(n)``,
and would give other numbers than a local run; no source needs it: the draws of
one forecast take milliseconds.) The driver then runs what depends on the store's
record as it grows (the combination, which weighs the sources by the forecasts
stored on earlier dates) and the imported prices, and stores each date in turn
(:func:`zopa.forecast.backtest`), so the stored forecasts are the local run's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from zopa.cluster import ray_cluster, shared_store_url
from zopa.errors import ClusterError
from zopa.forecast._sources import ForecastInputs, ForecastSource, SourceReport
from zopa.scenario import Scenario
from zopa.store import Store, open_store

__all__ = ["distributed_sources", "reports_on_ray", "run_source"]

TASKS_PER_CPU = 2
"""Slices of dates per worker CPU, so a slow slice does not leave the others idle."""


def distributed_sources(instances: Mapping[str, ForecastSource]) -> list[str]:
    """The sources a cluster runs: neither combining others nor reading imported prices."""
    return [n for n, s in instances.items() if s.kind != "combined" and not s.imported]


def run_source(
    scenario: Scenario, name: str, days: Sequence[date], url: str, runs: int, seed: int
) -> list[SourceReport]:
    """One source's report as of each of ``days`` (a Ray task; also runs locally)."""
    from zopa.forecast._run import make_sources, source_report

    source = make_sources([name])[name]  # one instance: what it caches serves every day
    store = open_store(url, upgrade=False)
    try:
        return [
            source_report(source, ForecastInputs(scenario, day, store, runs, seed)) for day in days
        ]
    finally:
        store.close()


def _slices(days: Sequence[date], count: int) -> list[list[date]]:
    size = math.ceil(len(days) / max(1, min(count, len(days))))
    return [list(days[k : k + size]) for k in range(0, len(days), size)]


def reports_on_ray(
    address: str,
    scenario: Scenario,
    days: Sequence[date],
    instances: Mapping[str, ForecastSource],
    store: Store,
    *,
    runs: int,
    seed: int,
    workers: int | None = None,
) -> dict[date, dict[str, SourceReport]]:
    """Each distributed source's report as of each day, made on the Ray cluster.

    Raises
    ------
    ClusterError
        Ray is missing, the cluster cannot be reached, or a task died on every try.
    ZopaError
        As a local run of the source raises it (bad scenario value, store error):
        whatever a task raises is raised here.
    """
    names = distributed_sources(instances)
    out: dict[date, dict[str, SourceReport]] = {day: {} for day in days}
    if not names or not days:
        return out
    url = shared_store_url(store.url)
    with ray_cluster(address, num_cpus=workers) as ray:
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        per_source = math.ceil(TASKS_PER_CPU * cpus / len(names))
        task = ray.remote(num_cpus=1, max_retries=2)(run_source)
        pending: list[tuple[str, list[date], Any]] = [
            (name, chunk, task.remote(scenario, name, chunk, url, runs, seed))
            for name in names
            for chunk in _slices(days, per_source)
        ]
        for name, chunk, result in pending:
            try:
                reports: list[SourceReport] = ray.get(result)
            except ray.exceptions.RayTaskError as exc:  # raised by the source: as if local
                raise exc.cause from None
            except ray.exceptions.RayError as exc:
                message = " ".join(str(exc).split())[:200]
                raise ClusterError(
                    f"forecast source {name} could not run on the Ray cluster ({message})"
                ) from None
            for day, report in zip(chunk, reports, strict=True):
                out[day][name] = report
    return out

"""The report's two helper processes: one solves the scenario, one draws the charts.

Both start before the report's own heavy imports (the views, the forecasts,
Altair); ``zopa report`` starts the drawer before it even reads the scenario and
opens the store, and the solver as soon as the scenario is read. So on two cores
the solve, vl-convert's start-up and the drawing run while this process reads
the scenario and the store and writes the chart specs. vl-convert holds
the GIL while it draws, so a thread would not run beside this process's work; a
process does. The drawer is handed vl-convert's own function (pickled by name),
so it imports nothing of zopa. The results are those of the same calls made
here: the solve is a pure function of the scenario and the seed, and a chart's
SVG a function of its spec (tested).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from zopa.report._svg import Drawer, Drawing, draw_here, local_svg

if TYPE_CHECKING:
    from zopa.scenario import Scenario

__all__ = ["Helpers", "drawing", "helpers", "solving"]

Helpers = tuple[Callable[[], dict[str, Any]], Drawer]
"""What :func:`helpers` gives: the solve's result (waiting for it), and the drawer."""

_FIRST_SPEC = '{"mark":"point"}'
"""Drawn first, to no one: vl-convert starts its JavaScript engine on its first chart."""


def _drawing_in(pool: ProcessPoolExecutor) -> Drawer:
    """The :data:`Drawer` that queues every chart on ``pool``'s one process."""
    import vl_convert

    def draw(spec: str, prefix: str) -> Drawing:
        job: Future[str] = pool.submit(vl_convert.vegalite_to_svg, spec, allowed_base_urls=[])
        return lambda: local_svg(job.result(), prefix)

    pool.submit(vl_convert.vegalite_to_svg, _FIRST_SPEC, allowed_base_urls=[])
    return draw


@contextmanager
def drawing() -> Iterator[Drawer]:
    """The charts drawn in a worker process started now, so that vl-convert's start-up
    runs while this process reads the scenario and opens the store; whatever is still
    queued when the block leaves is cancelled. Drawn here where ``forkserver`` is missing."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield draw_here
        return
    drawer = ProcessPoolExecutor(max_workers=1, mp_context=_forkserver())
    try:
        yield _drawing_in(drawer)
    finally:  # what is still queued is dropped; the pool waits for its running task
        drawer.shutdown(wait=True, cancel_futures=True)


@contextmanager
def solving(scenario: Scenario, seed: int) -> Iterator[Callable[[], dict[str, Any]]]:
    """The scenario solved with ``seed`` in a worker process while the block runs (here
    where ``forkserver`` is missing): what the block gets waits for the result."""
    from zopa.scenario import solve_scenario

    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield lambda: solve_scenario(scenario, rng=seed)
        return
    solver = ProcessPoolExecutor(max_workers=1, mp_context=_forkserver())
    try:
        yield solver.submit(solve_scenario, scenario, rng=seed).result
    finally:
        solver.shutdown(wait=True, cancel_futures=True)


@contextmanager
def helpers(scenario: Scenario, seed: int) -> Iterator[Helpers]:
    """:func:`solving` and :func:`drawing` together, the drawer started first."""
    with drawing() as draw, solving(scenario, seed) as solved:
        yield solved, draw


def _forkserver() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    # Nothing preloaded: each worker imports what it needs while this process goes on.
    context.set_forkserver_preload([])
    return context

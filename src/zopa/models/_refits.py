"""Refitting models on Monte Carlo draws, in this process or in worker processes.

Models without a vectorised kernel are refitted once per draw. A refit is a
pure function of the model's parameters and the drawn problem, so draws can be
refitted anywhere, in any order, and give the same numbers: when the first
refit says the rest would take more than :data:`PARALLEL_AFTER` CPU seconds, the
draws go to :data:`~zopa.models._kernels.WORKERS` worker processes (numpy's
short array loops hold the GIL too often for threads to scale), each within an
equal share of the memory budget. Workers are forked from a server that has
imported :mod:`zopa.models` once (``forkserver``), so starting them costs
little and never runs the caller's ``__main__``.

On each draw the models share their fits (:func:`~zopa.models._base.shared_fits`:
an ensemble reuses its members').
"""

from __future__ import annotations

import itertools
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

import numpy as np
from numpy.typing import NDArray

from zopa.models._base import BargainingModel, BargainingProblem, shared_fits
from zopa.models._budget import MIN_MEMORY_BUDGET, limit_memory, memory_budget
from zopa.models._kernels import WORKERS
from zopa.models._zopa import Zone, within_zone

__all__ = ["PARALLEL_AFTER", "Progress", "refit_draws"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Outcomes = dict[str, tuple[FloatArray, BoolArray]]
Progress = Callable[[str, int, int], None]
"""Called as ``progress(task, done, total)`` while Monte Carlo works (e.g. a progress bar)."""

PARALLEL_AFTER = 5.0
"""CPU seconds of refits (estimated from the first) above which worker processes pay off."""

#: Draws sent to a worker at a time: small enough to balance the two workers and
#: to report progress often, large enough that sending them costs little.
_BATCH = 8

_WORKER: dict[str, Any] = {}


def refit_draws(
    models: Mapping[str, BargainingModel],
    problem: BargainingProblem,
    chunks: Iterable[tuple[slice, FloatArray, Zone]],
    counts: Mapping[str, int],
    progress: Progress | None = None,
) -> Outcomes:
    """Each model's outcomes on its first ``counts[label]`` draws, and whether each is in the zone.

    ``chunks`` yields ``(where, positions, zone)``: the draws' indexes, their
    ``(k, n, m)`` positions and their zones of agreement (``(k, m)`` bounds),
    for the first ``max(counts.values())`` draws.
    """
    m = len(problem.issues)
    draws = max(counts.values())
    out = {label: _empty(counts[label], m) for label in models}
    budget = memory_budget()
    pool: ProcessPoolExecutor | None = None
    pending: set[Future[tuple[int, int, Outcomes]]] = set()
    done = 0

    def collect(start: int, size: int, result: Outcomes) -> None:
        nonlocal done
        for label, (outcomes, within) in result.items():
            out[label][0][start : start + len(outcomes)] = outcomes
            out[label][1][start : start + len(outcomes)] = within
        done += size
        if progress is not None:
            progress("refits", done, draws)

    try:
        for start, *work in _batches(chunks):
            if start == 0:  # the first draw, alone and timed here, decides on workers
                # In CPU seconds: on a busy machine the wall clock would count the time
                # other work took, and start workers that only add to that load.
                began = time.process_time()
                collect(0, len(work[0]), _refit(problem, models, counts, budget, 0, *work))
                seconds = time.process_time() - began
                pool = _pool(models, counts, problem, budget, seconds * draws)
            elif pool is None:
                collect(start, len(work[0]), _refit(problem, models, counts, budget, start, *work))
            else:
                while len(pending) >= 2 * WORKERS:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for job in finished:
                        collect(*job.result())
                pending.add(pool.submit(_refit_batch, start, *work))
        for job in pending:
            collect(*job.result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return out


def _empty(rows: int, m: int) -> tuple[FloatArray, BoolArray]:
    """Room for ``rows`` draws' outcomes and zone verdicts on ``m`` issues."""
    return np.empty((rows, m)), np.empty((rows, m), dtype=bool)


def _batches(
    chunks: Iterable[tuple[slice, FloatArray, Zone]],
) -> Iterator[tuple[int, FloatArray, FloatArray, FloatArray]]:
    """``(start, positions, low, high)`` of at most :data:`_BATCH` draws; draw 0 alone."""
    for where, positions, zone in chunks:
        cuts = [*range(0, len(positions), _BATCH), len(positions)]
        if where.start == 0 and len(positions) > 1:
            cuts.insert(1, 1)
        for a, b in itertools.pairwise(cuts):
            yield where.start + a, positions[a:b], zone.low[a:b], zone.high[a:b]


def _pool(
    models: Mapping[str, BargainingModel],
    counts: Mapping[str, int],
    problem: BargainingProblem,
    budget: int,
    estimate: float,
) -> ProcessPoolExecutor | None:
    """Worker processes for the remaining refits, or ``None`` to keep them here.

    Kept here when they are quick, when a model holds a random generator (its
    draws would then depend on which process refits what), when a model needs
    more than a worker's share of the budget, or without ``forkserver``.
    """
    share = budget // WORKERS
    random = any(
        isinstance(v, np.random.Generator)
        for model in models.values()
        for v in model.get_params().values()
    )
    large = share < MIN_MEMORY_BUDGET or any(
        model.memory_needed(problem) > share for model in models.values()
    )
    methods = multiprocessing.get_all_start_methods()
    if WORKERS < 2 or estimate < PARALLEL_AFTER or random or large or "forkserver" not in methods:
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["zopa.models"])
    return ProcessPoolExecutor(
        max_workers=WORKERS,
        mp_context=context,
        initializer=_start_worker,
        initargs=(problem, dict(models), dict(counts), share),
    )


def _start_worker(
    problem: BargainingProblem,
    models: dict[str, BargainingModel],
    counts: dict[str, int],
    share: int,
) -> None:
    _WORKER.update(problem=problem, models=models, counts=counts, share=share)


def _refit_batch(
    start: int, positions: FloatArray, low: FloatArray, high: FloatArray
) -> tuple[int, int, Outcomes]:
    """In a worker: :func:`_refit` on what :func:`_start_worker` received."""
    problem, models, counts = _WORKER["problem"], _WORKER["models"], _WORKER["counts"]
    result = _refit(problem, models, counts, _WORKER["share"], start, positions, low, high)
    return start, len(positions), result


def _refit(
    problem: BargainingProblem,
    models: Mapping[str, BargainingModel],
    counts: Mapping[str, int],
    budget: int,
    start: int,
    positions: FloatArray,
    low: FloatArray,
    high: FloatArray,
) -> Outcomes:
    """The models due on each draw of ``positions`` (``(k, n, m)``, the draws from
    ``start`` on), within ``budget`` bytes: a model is due on the draws below its count."""
    k, m = len(positions), len(problem.issues)
    due = {label: min(k, max(0, counts[label] - start)) for label in models}
    out = {label: _empty(due[label], m) for label in models}
    for i, drawn in enumerate(positions):
        variant = BargainingProblem(
            actors=problem.actors,
            issues=problem.issues,
            positions=drawn,
            salience=problem.salience,
            capability=problem.capability,
            reference=problem.reference,
            scale=problem.scale,
        )
        with limit_memory(budget), shared_fits():
            for label, model in models.items():
                if i >= due[label]:
                    continue
                outcome = model.predict(variant)
                out[label][0][i] = outcome
                out[label][1][i] = within_zone(outcome, Zone(low[i], high[i]))
    return out

"""The memory budget models and Monte Carlo keep their working arrays within.

A model whose memory grows faster than the problem (an ``actors² × issues``
array, say) either works in chunks that fit the budget or refuses up front, with
one line naming what needs how much, the budget, and what to do. The budget is
a context value, so it reaches every model without being a model parameter
(parameters are recorded with each prediction; the budget changes how a result
is computed, never what it is)::

    with limit_memory(512 * MIB):
        model.fit(problem)              # chunks sized with fit_chunk()

:func:`zopa.scenario.solve_scenario` enters it from ``ZOPA_MEMORY_BUDGET_MB``
(or ``zopa solve --memory-budget``) and, before fitting anything, refuses every
model whose :meth:`~zopa.models.BargainingModel.memory_needed` exceeds it.

Estimates count float64 arrays (8 bytes a cell) times the number of such arrays
alive at the peak; they are estimates of the working set, not a promise about
the process's resident size, which adds the interpreter and libraries (about
150 MB for ``zopa solve``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from zopa.errors import ConfigError, ModelError
from zopa.limits import MIB, MIN_MEMORY_BUDGET

__all__ = [
    "DEFAULT_MEMORY_BUDGET",
    "MIB",
    "MIN_MEMORY_BUDGET",
    "OverBudgetError",
    "chunks",
    "fit_chunk",
    "format_bytes",
    "limit_memory",
    "memory_budget",
    "require_memory",
]

DEFAULT_MEMORY_BUDGET = 1024 * MIB
"""Working memory allowed by default: 1 GiB of arrays (``zopa solve`` then stays under 2 GB)."""

_budget: ContextVar[int] = ContextVar("zopa_memory_budget", default=DEFAULT_MEMORY_BUDGET)


class OverBudgetError(ModelError):
    """Some work needs more memory than the budget allows, even in the smallest chunk."""


def memory_budget() -> int:
    """The budget in force, in bytes (:data:`DEFAULT_MEMORY_BUDGET` unless limited)."""
    return _budget.get()


@contextmanager
def limit_memory(nbytes: int) -> Iterator[int]:
    """Set the budget to ``nbytes`` inside the ``with`` block (thread- and task-local).

    Raises
    ------
    ConfigError
        If ``nbytes`` is below :data:`MIN_MEMORY_BUDGET`.
    """
    if nbytes < MIN_MEMORY_BUDGET:
        raise ConfigError(
            f"memory budget {format_bytes(nbytes)} is below the minimum of "
            f"{format_bytes(MIN_MEMORY_BUDGET)}; give at least {MIN_MEMORY_BUDGET // MIB} MB"
        )
    token = _budget.set(nbytes)
    try:
        yield nbytes
    finally:
        _budget.reset(token)


def format_bytes(nbytes: float) -> str:
    """``1536 * MIB`` → ``"1.5 GiB"``: the unit a reader expects."""
    size = float(nbytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(size) < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def require_memory(nbytes: int, *, what: str, fix: str) -> None:
    """Raise :class:`OverBudgetError` if ``nbytes`` exceeds the budget.

    The message reads ``"{what} needs about X, over the memory budget of Y; {fix}"``,
    so ``what`` names the work and its size (``"zopa.pce.v1 on issue 'land' (4,000
    actors)"``) and ``fix`` says what to do.
    """
    budget = memory_budget()
    if nbytes > budget:
        raise OverBudgetError(
            f"{what} needs about {format_bytes(nbytes)}, over the memory budget of "
            f"{format_bytes(budget)}; {fix}"
        )


def fit_chunk(per_item: int, items: int, *, what: str, fix: str, fixed: int = 0) -> int:
    """How many of ``items`` to process at once so ``fixed + k · per_item`` fits the budget.

    Parameters
    ----------
    per_item:
        Bytes of working memory one item (a draw, an issue, a row) adds.
    items:
        How many items there are; the answer is at most this (and at least 1).
    what, fix:
        For the error when even one item does not fit (see :func:`require_memory`).
    fixed:
        Bytes needed whatever the chunk size (arrays kept across chunks).

    Raises
    ------
    OverBudgetError
        If ``fixed + per_item`` exceeds the budget.
    """
    require_memory(fixed + per_item, what=what, fix=fix)
    room = (memory_budget() - fixed) // max(per_item, 1)
    return int(max(1, min(items, room)))


def chunks(total: int, size: int) -> Iterator[slice]:
    """Consecutive slices of at most ``size`` covering ``range(total)``."""
    for start in range(0, total, size):
        yield slice(start, min(start + size, total))

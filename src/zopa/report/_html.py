"""The self-contained HTML report: ``zopa report SCENARIO -o DIR [--as-of DATE]``.

One file, CSS inlined, charts as inline SVG, no script, and a
Content-Security-Policy ``<meta>`` that forbids every fetch, so it opens from
disk anywhere, offline. It is a function of its inputs only (the store's rows,
the scenario, the date and the seed): everything is sorted, the Monte Carlo
seeded, and no clock is read, so a re-run writes the same bytes.

This module imports little: the report's helper processes (:mod:`zopa.report._helpers`)
start before the views, the forecasts and Altair are imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zopa.errors import ReportError
from zopa.report._helpers import Helpers
from zopa.report._helpers import helpers as start_helpers
from zopa.report._templates import environment

if TYPE_CHECKING:
    from zopa.scenario import Scenario
    from zopa.store import Store

__all__ = ["REPORT_SEED", "render_report", "report_path", "write_report"]

REPORT_SEED = 2025
"""The Monte Carlo seed of a report unless another is given."""


def render_report(
    store: Store,
    scenario: Scenario,
    *,
    as_of: date | None = None,
    seed: int = REPORT_SEED,
    helpers: Helpers | None = None,
) -> str:
    """The report of ``scenario`` over the evidence in ``store`` as known on ``as_of``.

    Parameters
    ----------
    as_of:
        Keep the documents published by this date and the forecasts made by it;
        questions resolved later show as open. Default: every stored document,
        and the scenario's own date for the forecasts.
    seed:
        The Monte Carlo seed of the models' intervals.
    helpers:
        The solve of ``scenario`` with ``seed`` and the drawer, already started
        (:func:`zopa.report.drawing` and :func:`zopa.report.solving`); by default they start here.
    """
    with ExitStack() as stack:
        if helpers is None:
            helpers = stack.enter_context(start_helpers(scenario, seed))
        from zopa.report._context import report_context  # the heavy imports, once started

        context = report_context(store, scenario, as_of, *helpers)
        return environment().get_template("report.html").render(context)


def report_path(scenario: Scenario, out_dir: Path) -> Path:
    """Where the report of ``scenario`` goes in ``out_dir``: ``{scenario id}.html``."""
    return out_dir / f"{scenario.id}.html"


def write_report(
    store: Store,
    scenario: Scenario,
    out_dir: Path,
    *,
    as_of: date | None = None,
    seed: int = REPORT_SEED,
    helpers: Helpers | None = None,
) -> Path:
    """Write the report into ``out_dir`` (made if missing, before any work); the file written.
    ``helpers`` as for :func:`render_report`.

    Raises
    ------
    ReportError
        ``out_dir`` cannot be made or written (one line naming it and the fix).
    """
    target = report_path(scenario, out_dir)
    with _writing("make the report's folder", out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
    html = render_report(store, scenario, as_of=as_of, seed=seed, helpers=helpers)
    with _writing("write the report to", target):
        target.write_text(html, encoding="utf-8")
    return target


@contextmanager
def _writing(what: str, path: Path) -> Iterator[None]:
    """An :class:`OSError` inside as a :class:`ReportError`: cannot ``what`` ``path``."""
    try:
        yield
    except OSError as exc:
        raise ReportError(
            f"cannot {what} {path}: {exc.strerror or exc}; choose a writable folder with -o"
        ) from exc

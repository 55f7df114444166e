"""The self-contained HTML report: ``zopa report SCENARIO -o DIR [--as-of DATE]``.

One file, CSS inlined, charts as inline SVG, no script, and a
Content-Security-Policy ``<meta>`` that forbids every fetch, so it opens from
disk anywhere, offline. It is a function of its inputs only (the store's rows,
the scenario, the date and the seed): everything is sorted, the Monte Carlo
seeded, and no clock is read, so a re-run writes the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from zopa import __version__
from zopa.errors import ReportError
from zopa.report._templates import environment, stylesheet
from zopa.report.specs import (
    calibration_spec,
    figure,
    map_spec,
    models_spec,
    paths_spec,
    timeline_spec,
)
from zopa.report.views import (
    Evidence,
    Links,
    actor_issue_map,
    article_view,
    calibration_view,
    evidence_lists,
    forecasts_view,
    load_evidence,
    models_view,
    scenario_summary,
    spans_of,
    timeline,
)
from zopa.scenario import Scenario
from zopa.store import Store

__all__ = [
    "REPORT_SEED",
    "calibration_figure",
    "map_figure",
    "models_figure",
    "question_views",
    "render_report",
    "report_csp",
    "report_path",
    "timeline_figure",
    "write_report",
]

REPORT_SEED = 2025
"""The Monte Carlo seed of a report unless another is given."""


def report_csp(css: str) -> str:
    """The report's Content-Security-Policy: no script, no fetch of any kind, no style but
    the report's own stylesheet ``css``, allowed by its SHA-256 (a CSP Level 2 hash source)."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def timeline_figure(view: dict[str, Any]) -> Any:
    """The timeline chart of a :func:`~zopa.report.views.timeline` view."""
    n = len(view["events"])
    return figure(
        "timeline-chart",
        "Timeline of events",
        f"{n} extracted event(s) by date and type, coloured by status "
        "(happened, planned, refused, hypothetical); each point links to its sentence.",
        timeline_spec(view, f"{n} events by date and type"),
    )


def map_figure(view: dict[str, Any]) -> Any:
    """The chart of an actor × issue map."""
    return figure(
        "map-chart",
        "Actors × issues",
        f"Positions of {len(view['rows'])} actor(s) on {len(view['issues'])} issue(s), "
        "0 to 100 on each issue's scale (colour), with the salience as the number in "
        "each cell; each cell links to the evidence behind it.",
        map_spec(view, "actor by issue positions and salience"),
    )


def models_figure(view: dict[str, Any]) -> Any:
    """The chart of a :func:`~zopa.report.views.models_view`."""
    return figure(
        "models-chart",
        "Positions, predictions and the ZOPA",
        f"For each of {len(view['issues'])} issue(s): every actor's position with its "
        "uncertainty interval (dot size = salience), each model's prediction with its "
        f"{view['interval']:.0%} interval, the zone of possible agreement as a green band "
        "and the status quo as a dashed line.",
        models_spec(view, "positions, model predictions and ZOPA per issue"),
    )


def calibration_figure(view: dict[str, Any]) -> Any:
    """The CORP reliability chart of a :func:`~zopa.report.views.calibration_view`."""
    return figure(
        "calibration-chart",
        "Calibration",
        "CORP reliability diagram of each source: forecast probability against the "
        "calibrated probability of the resolved questions; the diagonal is perfect "
        "calibration.",
        calibration_spec(view, "reliability of each source"),
    )


def question_views(
    store: Store,
    scenario: Scenario,
    evidence: Evidence,
    links: Links,
    as_of: date,
    only: str | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every question's view with its paths chart (or question ``only``'s alone), and the
    calibration view. The latest forecasts and paths are those made by ``as_of``; the
    scores are those of ``zopa forecast scores``: each source's final forecast before each
    question closed, from every stored forecast, whatever ``as_of``."""
    from zopa.forecast import list_forecasts, score_forecasts

    stored = list_forecasts(store, scenario.id)
    records = [r for r in stored if r.as_of <= as_of]
    scores = score_forecasts(scenario, stored)
    questions = []
    for q in forecasts_view(scenario, records, scores, evidence, links, as_of):
        if only is not None and q["id"] != only:
            continue
        sources = sorted({h["source"] for h in q["history"]})
        chart = figure(
            f"paths-{q['id']}",
            f"Forecasts of {q['id']} over time",
            f"P(yes) from {len(sources)} source(s) ({', '.join(sources) or 'none'}) at each "
            "date they forecast.",
            paths_spec(q, f"forecast paths of {q['id']}"),
        )
        questions.append({**q, "figure": chart})
    return questions, calibration_view(scores)


def _counts(evidence: Evidence) -> dict[str, int]:
    return {
        "documents": len(evidence.documents),
        **{kind: len(items) for kind, items in sorted(evidence.items.items())},
    }


def _context(
    store: Store, scenario: Scenario, as_of: date | None, solved: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """The report's template context; ``solved()`` gives the models' result, asked for
    last, so the scenario is solved while the rest is read and drawn."""
    links = Links(standalone=True)
    css = stylesheet()
    evidence = load_evidence(store, as_of=as_of)
    day = (
        as_of
        or scenario.as_of
        or max(
            (
                date.fromisoformat(d["published"])
                for d in evidence.documents.values()
                if d["published"]
            ),
            default=date(1970, 1, 1),
        )
    )
    questions, calibration = question_views(store, scenario, evidence, links, day)
    mapped = actor_issue_map(scenario, evidence, links)
    events = timeline(evidence, links)
    context = {
        "version": __version__,
        "csp": report_csp(css),
        "css": Markup(css),  # the package's own file: inlined as is, never escaped
        "summary": scenario_summary(scenario, _counts(evidence), as_of),
        "map": mapped,
        "map_figure": map_figure(mapped),
        "questions": questions,
        "calibration": calibration,
        "calibration_figure": calibration_figure(calibration),
        "timeline": events,
        "timeline_figure": timeline_figure(events),
        "filterable": False,
        "evidence": evidence_lists(evidence, links),
        "articles": [
            article_view(evidence.documents[i], spans_of(evidence, i))
            for i in sorted(evidence.documents)
        ],
        "article_level": 3,
    }
    models = models_view(solved())
    return context | {"models": models, "models_figure": models_figure(models)}


@contextmanager
def _solving(scenario: Scenario, seed: int) -> Iterator[Callable[[], dict[str, Any]]]:
    """The scenario solved with ``seed`` in a worker process while the block runs: what
    the block calls gives the result (the same numbers as solved here: the solve is a
    pure function of the scenario and the seed). vl-convert holds the GIL while it
    draws, so a thread would not run beside it; a process does, on another core.
    Solved here where ``forkserver`` is missing."""
    from zopa.scenario import solve_scenario

    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield lambda: solve_scenario(scenario, rng=seed)
        return
    context = multiprocessing.get_context("forkserver")
    # Nothing preloaded: the worker imports what it needs while this process goes on.
    context.set_forkserver_preload([])
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        job = pool.submit(solve_scenario, scenario, rng=seed)
        try:
            yield job.result
        finally:
            job.cancel()


def render_report(
    store: Store, scenario: Scenario, *, as_of: date | None = None, seed: int = REPORT_SEED
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
    """
    with _solving(scenario, seed) as solved:
        context = _context(store, scenario, as_of, solved)
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
) -> Path:
    """Write the report into ``out_dir`` (made if missing, before any work); the file written.

    Raises
    ------
    ReportError
        ``out_dir`` cannot be made or written (one line naming it and the fix).
    """
    target = report_path(scenario, out_dir)
    with _writing("make the report's folder", out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
    html = render_report(store, scenario, as_of=as_of, seed=seed)
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

"""The charts of the report and the dashboard, each with its title and text alternative.

Every function takes a :data:`~zopa.report._svg.Drawer`: the dashboard draws
here (the default), the report in its drawing process.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from zopa.report._svg import Drawer, Figure, draw_here
from zopa.report.specs import (
    calibration_spec,
    figure,
    map_spec,
    models_spec,
    paths_spec,
    timeline_spec,
)
from zopa.report.views import Evidence, Links, calibration_view, forecasts_view

if TYPE_CHECKING:
    from zopa.scenario import Scenario
    from zopa.store import Store

__all__ = [
    "calibration_figure",
    "map_figure",
    "models_figure",
    "question_views",
    "timeline_figure",
]


def timeline_figure(view: dict[str, Any], draw: Drawer = draw_here) -> Figure | None:
    """The timeline chart of a :func:`~zopa.report.views.timeline` view."""
    n = len(view["events"])
    return figure(
        "timeline-chart",
        "Timeline of events",
        f"{n} extracted event(s) by date and type, coloured by status "
        "(happened, planned, refused, hypothetical); each point links to its sentence.",
        timeline_spec(view, f"{n} events by date and type"),
        draw,
    )


def map_figure(view: dict[str, Any], draw: Drawer = draw_here) -> Figure | None:
    """The chart of an actor × issue map."""
    return figure(
        "map-chart",
        "Actors × issues",
        f"Positions of {len(view['rows'])} actor(s) on {len(view['issues'])} issue(s), "
        "0 to 100 on each issue's scale (colour), with the salience as the number in "
        "each cell; each cell links to the evidence behind it.",
        map_spec(view, "actor by issue positions and salience"),
        draw,
    )


def models_figure(view: dict[str, Any], draw: Drawer = draw_here) -> Figure | None:
    """The chart of a :func:`~zopa.report.views.models_view`."""
    return figure(
        "models-chart",
        "Positions, predictions and the ZOPA",
        f"For each of {len(view['issues'])} issue(s): every actor's position with its "
        "uncertainty interval (dot size = salience), each model's prediction with its "
        f"{view['interval']:.0%} interval, the zone of possible agreement as a green band "
        "and the status quo as a dashed line.",
        models_spec(view, "positions, model predictions and ZOPA per issue"),
        draw,
    )


def calibration_figure(view: dict[str, Any], draw: Drawer = draw_here) -> Figure | None:
    """The CORP reliability chart of a :func:`~zopa.report.views.calibration_view`."""
    return figure(
        "calibration-chart",
        "Calibration",
        "CORP reliability diagram of each source: forecast probability against the "
        "calibrated probability of the resolved questions; the diagonal is perfect "
        "calibration.",
        calibration_spec(view, "reliability of each source"),
        draw,
    )


def question_views(
    store: Store,
    scenario: Scenario,
    evidence: Evidence,
    links: Links,
    as_of: date,
    only: str | None = None,
    draw: Drawer = draw_here,
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
            draw,
        )
        questions.append({**q, "figure": chart})
    return questions, calibration_view(scores)

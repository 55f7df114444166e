"""The report's template context: the store's evidence, the scenario, its forecasts and
its solve, as view models and charts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from zopa import __version__
from zopa.report._figures import (
    calibration_figure,
    map_figure,
    models_figure,
    question_views,
    timeline_figure,
)
from zopa.report._svg import Drawer, draw_here
from zopa.report._templates import report_csp, stylesheet
from zopa.report.views import (
    Evidence,
    Links,
    actor_issue_map,
    article_view,
    evidence_lists,
    load_evidence,
    models_view,
    scenario_summary,
    spans_of,
    timeline,
)

if TYPE_CHECKING:
    from zopa.scenario import Scenario
    from zopa.store import Store

__all__ = ["report_context"]


def _counts(evidence: Evidence) -> dict[str, int]:
    return {
        "documents": len(evidence.documents),
        **{kind: len(items) for kind, items in sorted(evidence.items.items())},
    }


def report_context(
    store: Store,
    scenario: Scenario,
    as_of: date | None,
    solved: Callable[[], dict[str, Any]],
    draw: Drawer = draw_here,
) -> dict[str, Any]:
    """The report's template context, its charts drawn by ``draw``; ``solved()`` gives the
    models' result, asked for last, so the scenario is solved while the rest is read."""
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
    mapped = actor_issue_map(scenario, evidence, links)
    events = timeline(evidence, links)
    # The map and the timeline go to the drawer first: it draws them while the forecasts
    # are scored here (scoringrules and SciPy take about a second to import).
    map_chart, timeline_chart = map_figure(mapped, draw), timeline_figure(events, draw)
    questions, calibration = question_views(store, scenario, evidence, links, day, draw=draw)
    context = {
        "version": __version__,
        "csp": report_csp(css),
        "css": Markup(css),  # the package's own file: inlined as is, never escaped
        "summary": scenario_summary(scenario, _counts(evidence), as_of),
        "map": mapped,
        "map_figure": map_chart,
        "questions": questions,
        "calibration": calibration,
        "calibration_figure": calibration_figure(calibration, draw),
        "timeline": events,
        "timeline_figure": timeline_chart,
        "filterable": False,
        "evidence": evidence_lists(evidence, links),
        "articles": [
            article_view(evidence.documents[i], spans_of(evidence, i))
            for i in sorted(evidence.documents)
        ],
        "article_level": 3,
    }
    models = models_view(solved())
    return context | {"models": models, "models_figure": models_figure(models, draw)}

"""View models: plain dictionaries built from the store, a scenario and its results.

The report and the dashboard's pages render these with the same templates.
Only :func:`load_evidence` reads the store; every other function is pure.
"""

from zopa.report.views._article import SPAN_KINDS, Span, article_view, segments
from zopa.report.views._evidence import (
    ITEM_KINDS,
    Evidence,
    count_evidence,
    evidence_lists,
    evidence_page,
    load_evidence,
    spans_of,
)
from zopa.report.views._forecasts import calibration_view, forecasts_view
from zopa.report.views._links import Links, span_anchor
from zopa.report.views._map import actor_issue_map, cited_evidence, issue_matches
from zopa.report.views._models import models_view, short_model
from zopa.report.views._summary import scenario_summary
from zopa.report.views._timeline import timeline

__all__ = [
    "ITEM_KINDS",
    "SPAN_KINDS",
    "Evidence",
    "Links",
    "Span",
    "actor_issue_map",
    "article_view",
    "calibration_view",
    "cited_evidence",
    "count_evidence",
    "evidence_lists",
    "evidence_page",
    "forecasts_view",
    "issue_matches",
    "load_evidence",
    "models_view",
    "scenario_summary",
    "segments",
    "short_model",
    "span_anchor",
    "spans_of",
    "timeline",
]

"""Forecasts per question from every source, their paths over time, evidence, scores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from zopa.forecast import ForecastRecord, Scores, questions_overview
from zopa.report.views._evidence import Evidence
from zopa.report.views._links import Links
from zopa.scenario import Scenario

__all__ = ["calibration_view", "forecasts_view"]


def _statements(record: ForecastRecord, evidence: Evidence, links: Links) -> list[dict[str, Any]]:
    """The experts' statements a forecast pooled, each linked to its sentence when stored."""
    estimates = evidence.by_id("estimates")
    out = []
    for statement in record.parameters.get("statements", []):
        item = estimates.get(statement.get("estimate"))
        out.append(
            {
                **statement,
                "sentence": item["sentence"] if item else None,
                "href": links.span("estimate", item["id"], item["document_id"]) if item else None,
            }
        )
    return out


def _scores_of(scores: Scores, question: str) -> list[dict[str, Any]]:
    """Every source's (and baseline's) score on one resolved event question."""
    out = []
    for source in [*scores.sources, *scores.baselines]:
        for q in source.questions:
            if q.question == question:
                out.append({"source": source.source, "kind": source.source_kind, **q.to_dict()})
    return out


def forecasts_view(
    scenario: Scenario,
    records: Sequence[ForecastRecord],
    scores: Scores,
    evidence: Evidence,
    links: Links,
    as_of: date,
) -> list[dict[str, Any]]:
    """Each question as known on ``as_of``: status, outcome, every source's latest forecast
    with the evidence behind it, each source's path (every stored forecast by date) and
    the scores when resolved. ``records`` are the stored forecasts made by ``as_of``."""
    latest = {
        (r.question, r.source): r
        for r in sorted(records, key=lambda r: (r.as_of, r.id))
        if r.as_of <= as_of
    }
    out = []
    for question in questions_overview(scenario, records, as_of):
        history = [
            {
                "source": r.source,
                "kind": r.source_kind,
                "as_of": r.as_of.isoformat(),
                "probability": r.probability,
                "value": r.value,
                "low": r.low,
                "high": r.high,
            }
            for r in sorted(records, key=lambda r: (r.source, r.as_of, r.id))
            if r.question == question["id"]
        ]
        forecasts = [
            {
                **f,
                "evidence": _statements(latest[(question["id"], f["source"])], evidence, links),
            }
            for f in question["forecasts"]
        ]
        out.append(
            {
                **question,
                "anchor": f"q-{question['id']}",
                "href": links.question(question["id"]),
                "forecasts": forecasts,
                "history": history,
                "scores": _scores_of(scores, question["id"])
                if question["status"] == "resolved"
                else [],
            }
        )
    return out


def calibration_view(scores: Scores) -> dict[str, Any]:
    """Every source's mean scores beside the baselines, and its CORP reliability points."""
    return {
        "resolved": scores.resolved,
        "base_rate": scores.base_rate,
        "sources": [
            {
                **source.summary(),
                "points": source.calibration.to_dict()["points"] if source.calibration else [],
                "decomposition": source.calibration.to_dict() if source.calibration else None,
            }
            for source in [*scores.sources, *scores.baselines]
        ],
    }

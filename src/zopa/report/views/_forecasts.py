"""Forecasts per question from every source, their paths over time, evidence, scores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from zopa.forecast import ForecastRecord, Scores, questions_overview
from zopa.report.views._evidence import Evidence
from zopa.report.views._links import Links
from zopa.scenario import Question, Scenario
from zopa.simulation_paths import how_runs_ended

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
                "holder_shown": _holder(statement, item),
                "sentence": item["sentence"] if item else None,
                "href": links.span("estimate", item["id"], item["document_id"]) if item else None,
            }
        )
    return out


def _holder(statement: dict[str, Any], item: dict[str, Any] | None) -> str:
    """Who holds a pooled statement: the resolved actor's name, else that none was resolved
    (with the article's words, "she"). Forecasts stored before ``holder_text`` existed kept
    the words in ``holder``: their actor is read from the stored estimate."""
    if "holder_text" in statement:
        name, said = statement.get("holder"), statement.get("holder_text")
    else:
        name, said = (item or {}).get("holder_actor"), statement.get("holder")
    if name:
        return str(name)
    return f"holder not resolved (“{said}”)" if said else "no holder named"


def _why(forecast: dict[str, Any]) -> str | None:
    """How a simulation's runs ended, so its 0 or 1 is shown with its reason."""
    parameters = forecast.get("parameters") or {}
    paths = parameters.get("paths")
    return how_runs_ended(paths, parameters.get("conceded")) if paths else None


def _scores_of(scores: Scores, question: str) -> list[dict[str, Any]]:
    """Every source's (and baseline's) score on one resolved event question."""
    out = []
    for source in [*scores.sources, *scores.baselines]:
        for q in source.questions:
            if q.question == question:
                out.append({"source": source.source, "kind": source.source_kind, **q.to_dict()})
    return out


def _resolution(question: Question, as_of: date) -> dict[str, Any]:
    """A resolved question's status as the report gives it: resolved, whatever ``as_of``.

    Its scores are those of ``zopa forecast scores`` (each source's final forecast before
    the question closed, from every stored forecast), so the report says it is resolved
    and when the outcome became known, after the report's date or not.
    """
    assert question.resolved_on is not None
    closed = min(question.resolution_date + timedelta(days=1), question.resolved_on)
    return {
        "status": "resolved",
        "outcome": question.outcome,
        "resolved_on": question.resolved_on.isoformat(),
        "resolved_after": question.resolved_on > as_of,
        "closed": closed.isoformat(),
    }


def forecasts_view(
    scenario: Scenario,
    records: Sequence[ForecastRecord],
    scores: Scores,
    evidence: Evidence,
    links: Links,
    as_of: date,
) -> list[dict[str, Any]]:
    """Each question as known on ``as_of``: status, every source's latest forecast made by
    then with the evidence behind it, each source's path (every stored forecast by date),
    and, for a question with an outcome, the outcome and the scores. ``records`` are the
    stored forecasts made by ``as_of``; ``scores`` those of ``zopa forecast scores`` (from
    every stored forecast), so a question resolved after ``as_of`` is shown resolved, with
    when its outcome became known."""
    latest = {
        (r.question, r.source): r
        for r in sorted(records, key=lambda r: (r.as_of, r.id))
        if r.as_of <= as_of
    }
    resolved = {q.id: q for q in scenario.questions if q.resolved and q.resolved_on is not None}
    out = []
    for question in questions_overview(scenario, records, as_of):
        if question["id"] in resolved:
            question = {**question, **_resolution(resolved[question["id"]], as_of)}
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
                "why": _why(f),
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
                "forecasts_as_of": as_of.isoformat(),
                "scores": _scores_of(scores, question["id"]),
            }
        )
    return out


def calibration_view(scores: Scores) -> dict[str, Any]:
    """Every source's mean scores beside the baselines, and its CORP reliability points."""
    return {
        "resolved": scores.resolved,
        "base_rate": scores.base_rate,
        "notes": scores.notes,
        "sources": [
            {
                **source.summary(),
                "points": source.calibration.to_dict()["points"] if source.calibration else [],
                "decomposition": source.calibration.to_dict() if source.calibration else None,
            }
            for source in [*scores.sources, *scores.baselines]
        ],
    }

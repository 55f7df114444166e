"""A scenario's questions as of a date: their status and each source's latest forecast.

Everything here is a pure function of the scenario, the stored forecasts and the
date, so ``zopa questions --as-of D`` shows what was known on ``D``: a question
resolved later is still open (or due) then, and its outcome is not shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from zopa.forecast._records import ForecastRecord
from zopa.scenario import (
    AgreementSigned,
    DeadlineMet,
    FormatHeld,
    LeverImposed,
    PloverEvent,
    Question,
    QuestionStatus,
    Scenario,
    question_status,
)

__all__ = [
    "QuestionStatus",
    "describe_question",
    "latest_forecasts",
    "question_status",
    "questions_overview",
]


def latest_forecasts(
    records: Iterable[ForecastRecord], as_of: date | None = None
) -> list[ForecastRecord]:
    """Each (question, source)'s newest forecast as of ``as_of`` (default: any date).

    Newest means the latest ``as_of`` date, and among forecasts of that date the
    one stored last. Ordered by question, then source.
    """
    best: dict[tuple[str, str], ForecastRecord] = {}
    for record in records:
        if as_of is not None and record.as_of > as_of:
            continue
        key = (record.question, record.source)
        held = best.get(key)
        if held is None or (record.as_of, record.id) > (held.as_of, held.id):
            best[key] = record
    return [best[key] for key in sorted(best)]


def describe_question(question: Question) -> str:
    """What a question asks, in a few words built from its ids (for tables)."""
    if question.kind == "value":
        return f"value of {question.issue}"
    what = question.what
    if isinstance(what, FormatHeld):
        with_ = f" with {', '.join(what.participants)}" if what.participants else ""
        return f"{what.format or 'any format'} held{with_}"
    if isinstance(what, AgreementSigned):
        by = f" by {', '.join(what.parties)}" if what.parties else ""
        return f"agreement on {', '.join(what.issues)}{by}"
    if isinstance(what, LeverImposed):
        return f"lever {what.lever} imposed"
    if isinstance(what, DeadlineMet):
        return f"deadline {what.deadline} met"
    if isinstance(what, PloverEvent):
        event = what.event + (f"/{what.mode}" if what.mode else "")
        if what.between:
            return f"{event} between {' and '.join(what.between)}"
        return f"{event} by {what.source}" + (f" on {what.target}" if what.target else "")
    return "(no `what:`)"


def questions_overview(
    scenario: Scenario, records: Iterable[ForecastRecord], as_of: date
) -> list[dict[str, Any]]:
    """Every question of ``scenario`` as plain data, with its status and latest forecasts.

    The outcome is given only for questions resolved by ``as_of``; forecasts are
    each source's latest as of ``as_of``, in the public layout.
    """
    latest: dict[str, list[dict[str, Any]]] = {}
    for record in latest_forecasts(records, as_of):
        latest.setdefault(record.question, []).append(record.public())
    out = []
    for question in scenario.questions:
        status = question_status(question, as_of)
        known = status == "resolved"
        out.append(
            {
                "id": question.id,
                "text": question.text,
                "kind": question.kind,
                "asks": describe_question(question),
                "what": question.what.model_dump(mode="json") if question.what else None,
                "issue": question.issue,
                "opens": question.opens.isoformat() if question.opens else None,
                "resolution_date": question.resolution_date.isoformat(),
                "status": status,
                "outcome": question.outcome if known else None,
                "resolved_on": (
                    question.resolved_on.isoformat() if known and question.resolved_on else None
                ),
                "forecasts": latest.get(question.id, []),
            }
        )
    return out

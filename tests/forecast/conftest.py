"""A small scenario with resolved and open questions, and a helper to make stored forecasts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import plain_document
from zopa.forecast import ForecastRecord
from zopa.ingest import content_hash
from zopa.scenario import Scenario
from zopa.store import Actor, Estimate, Store, add_document


def scenario_data() -> dict[str, Any]:
    """Two states, a format, and four questions: two resolved yes/no, one open, one value."""
    return {
        "id": "tiny",
        "title": "Tiny",
        "issues": [{"id": "land", "label": "Land", "anchors": {0: "B", 100: "A"}}],
        "actors": [
            {"id": "a", "name": "A", "kind": "state", "capability": 1},
            {"id": "b", "name": "B", "kind": "state", "capability": 1},
        ],
        "questions": [
            {
                "id": "meet",
                "text": "Will A and B meet by 10 January?",
                "what": {"type": "format_held", "participants": ["a", "b"]},
                "opens": "2025-01-01",
                "resolution_date": "2025-01-10",
                "resolved_on": "2025-01-08",
                "outcome": True,
            },
            {
                "id": "deal",
                "text": "Will A and B sign a deal on land by 31 January?",
                "what": {"type": "agreement_signed", "issues": ["land"]},
                "opens": "2025-01-01",
                "resolution_date": "2025-01-31",
                "resolved_on": "2025-02-01",
                "outcome": False,
            },
            {
                "id": "truce",
                "text": "Will A and B agree a truce by the end of 2030?",
                "what": {"type": "plover_event", "event": "RETREAT", "between": ["a", "b"]},
                "resolution_date": "2030-12-31",
            },
            {
                "id": "where",
                "text": "Where will land stand?",
                "kind": "value",
                "issue": "land",
                "resolution_date": "2030-12-31",
            },
        ],
    }


@pytest.fixture
def scenario() -> Scenario:
    return Scenario.model_validate(scenario_data())


def record(
    question: str,
    source: str,
    as_of: str,
    probability: float,
    *,
    row: int = 0,
    kind: str = "price",
    scenario: str = "tiny",
) -> ForecastRecord:
    """A stored forecast as :func:`list_forecasts` would return it."""
    return ForecastRecord.model_validate(
        {
            "id": row,
            "created_at": datetime(2025, 1, 1, tzinfo=UTC),
            "scenario": scenario,
            "question": question,
            "source": source,
            "source_kind": kind,
            "as_of": date.fromisoformat(as_of),
            "probability": probability,
            "method": "test",
        }
    )


def add_statement(
    store: Store,
    published: str | None,
    text: str,
    probability: float,
    *,
    low: float | None = None,
    high: float | None = None,
    title: str | None = None,
    holder: str | None = None,
    about: str | None = None,
    after: str = "",
    holder_key: str | None = None,
    holder_kind: str = "person",
    phrase: str = "likely",
) -> int:
    """Store a one-sentence document (dated ``published``) holding one estimate; its id.

    The estimate spans the whole text; ``after`` is the rest of the article, after it;
    ``low``/``high`` default to ``probability`` ∓ 0.05; ``holder_key`` resolves the holder
    to the stored actor of that key (made when new, named from the key: "Ama Owu").
    """
    rest = f" {after}" if after else ""
    body = f"{text}{rest} ({published or 'undated'}, {probability})"  # unique text and hash
    doc = plain_document(f"doc-{content_hash(body)[:12]}", body).model_copy(
        update={
            "published_at": date.fromisoformat(published) if published else None,
            "date_source": "metadata" if published else "none",
            "title": title,
        }
    )
    with store.write() as session:
        document_id = add_document(session, doc)
        actor = None
        if holder_key is not None:
            actor = session.scalar(select(Actor).where(Actor.key == holder_key))
            if actor is None:
                name = holder_key.rsplit(":", 1)[-1].replace("-", " ").title()
                actor = Actor(key=holder_key, name=name, kind=holder_kind)
                session.add(actor)
                session.flush()
        row = Estimate(
            document_id=document_id,
            start=0,
            end=len(text),
            text=text,
            sentence_start=0,
            sentence_end=len(text),
            extractor="test",
            holder_text=holder,
            holder_actor_id=actor.id if actor is not None else None,
            phrase=phrase,
            probability=probability,
            low=max(0.0, probability - 0.05) if low is None else low,
            high=min(1.0, probability + 0.05) if high is None else high,
            about=about,
        )
        session.add(row)
        session.flush()
        return row.id

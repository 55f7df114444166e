"""Every filter of the listings and the API reads along an index (migration 0008).

A store of some 90,000 evidence rows, analysed, on SQLite and PostgreSQL; each listing
runs for real, its statements are caught as they are sent, and the database's own plan
of each (``EXPLAIN QUERY PLAN`` / ``EXPLAIN``, no planner setting changed) must name the
filter's index and read no table of evidence whole.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, insert, inspect, or_, select, text

from tests.conftest import plain_document
from zopa.evidence import EvidenceFilter, actor_mentions, list_items
from zopa.scenario import PLOVER_EVENT_TYPES
from zopa.store import (
    Actor,
    Base,
    Claim,
    Document,
    DocumentFilter,
    Estimate,
    Event,
    Mention,
    Quote,
    Store,
    list_documents,
    open_store,
)
from zopa.store.testing import PostgresServer

DOCUMENTS = 4000
ROWS = 12_000  # per kind of evidence, events aside
EVENTS = 40_000  # enough that PostgreSQL reads a month's along the index, not the table
ACTORS = 600
TYPES = PLOVER_EVENT_TYPES[:12]
ISSUES = tuple(f"issue_{i}" for i in range(20))
STANCES = ("demand", "position", "offer", "goal", "accept", "reject", "condition", "red_line")
FIRST = date(2020, 1, 1)


def _fill(store: Store) -> None:
    rng = random.Random(13)
    now = datetime.now(UTC)
    documents = []
    for d in range(DOCUMENTS):
        doc = plain_document(f"d{d}", f"Envoys met in Geneva, report {d}. " * 4)
        documents.append(
            {
                **doc.model_dump(),
                "id": d + 1,
                "outlet": f"Outlet {d % 100}",
                "language": "uk" if d % 200 == 0 else "en",
                "published_at": FIRST + timedelta(days=d),
                "ingested_at": now,
            }
        )
    actors = [
        {"id": a + 1, "key": f"actor-{a}", "name": f"Actor {a}", "kind": "state", "resolved": True}
        for a in range(ACTORS)
    ]

    def spans(i: int) -> dict[str, Any]:
        start = rng.randrange(100)
        return {
            "document_id": rng.randrange(DOCUMENTS) + 1,
            "start": start,
            "end": start + 5,
            "text": "Envoy",
            "sentence_start": 0,
            "sentence_end": 30,
            "extractor": "test",
        }

    def actor() -> int:
        return rng.randrange(ACTORS) + 1

    rows: dict[Any, list[dict[str, Any]]] = {
        Mention: [{**spans(i), "actor_id": actor()} for i in range(ROWS)],
        Event: [
            {
                **spans(i),
                "type": rng.choice(TYPES),
                "status": rng.choice(("happened", "planned", "refused", "hypothetical")),
                "source_actor_id": actor(),
                "target_actor_id": actor(),
                "date": FIRST + timedelta(days=rng.randrange(DOCUMENTS)) if i % 3 else None,
            }
            for i in range(EVENTS)
        ],
        Quote: [
            {**spans(i), "kind": rng.choice(("direct", "indirect")), "speaker_actor_id": actor()}
            for i in range(ROWS)
        ],
        Claim: [
            {
                **spans(i),
                "actor_id": actor(),
                "issue": rng.choice(ISSUES),
                "stance": rng.choice(STANCES),
                "attribution": "own",
            }
            for i in range(ROWS)
        ],
        Estimate: [
            {
                **spans(i),
                "holder_actor_id": actor(),
                "phrase": "likely",
                "probability": 0.7,
                "low": 0.6,
                "high": 0.8,
            }
            for i in range(ROWS)
        ],
    }
    with store.write() as session:
        session.execute(insert(Document), documents)
        session.execute(insert(Actor), actors)
        for table, values in rows.items():
            session.execute(insert(table), values)
    with store.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def big_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """A store of 88,000 evidence rows over 4,000 documents, analysed."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('big') / 'zopa.db'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.create_database()
    store = open_store(url)
    _fill(store)
    try:
        yield store
    finally:
        store.close()


def _plans(store: Store, read: Callable[[Store], object]) -> list[str]:
    """The database's plan of each statement ``read`` sends, as one text per statement."""
    sent: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", catch)
    try:
        read(store)
    finally:
        event.remove(store.engine, "before_cursor_execute", catch)
    sqlite = store.engine.dialect.name == "sqlite"
    plans = []
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in sent:
            cursor.execute(
                ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statement, parameters
            )
            plans.append("\n".join(" ".join(map(str, row)) for row in cursor.fetchall()))
        cursor.close()
    finally:
        raw.close()
    return plans


def _whole_reads(plan: str) -> list[str]:
    """The tables of evidence ``plan`` reads whole (no index)."""
    tables = ("mentions", "events", "quotes", "claims", "estimates")
    found = []
    for line in plan.splitlines():
        for table in tables:
            if f"Seq Scan on {table}" in line or line.rstrip().endswith(f"SCAN {table}"):
                found.append(line.strip())
    return found


def _when(store: Store, item: dict[str, Any]) -> date:
    """An event's date in a listing by date: its own, else its document's publication."""
    if item["date"]:
        return date.fromisoformat(item["date"])
    with store.session() as session:
        published = session.scalar(
            select(Document.published_at).where(Document.id == item["document_id"])
        )
    assert published is not None
    return published


def _items(kind: str, **filters: Any) -> Callable[[Store], object]:
    by_date = filters.pop("by_date", False)
    return lambda store: list_items(
        store, kind, EvidenceFilter(**filters), limit=50, by_date=by_date
    )


def _documents(**filters: Any) -> Callable[[Store], object]:
    return lambda store: list_documents(store, DocumentFilter(**filters), limit=50)


WINDOW = {"dated_from": date(2021, 3, 1), "dated_to": date(2021, 3, 31)}
PUBLISHED = {"published_from": date(2021, 3, 1), "published_to": date(2021, 3, 31)}

CASES: dict[str, tuple[Callable[[Store], object], set[str]]] = {
    "events by type": (
        _items("events", type=TYPES[3]),
        {"ix_events_type_document_start_id"},
    ),
    "events by status": (
        _items("events", status="refused"),
        {"ix_events_status_document_start_id"},
    ),
    "events by actor": (
        _items("events", actor="actor-7"),
        {"ix_events_source_actor_document_start_id", "ix_events_target_actor_document_start_id"},
    ),
    "events by event date": (
        _items("events", **WINDOW),
        {"ix_events_date_document_start_id"},
    ),
    "events by event date, in date order": (
        _items("events", **WINDOW, by_date=True),
        {"ix_events_date_document_start_id"},
    ),
    "events by document": (
        _items("events", document_id=42),
        {"ix_events_document_start_id", "ix_events_document_id"},
    ),
    "events by published date": (  # a month's documents, then their events by document
        _items("events", **PUBLISHED),
        {"ix_documents_published_at", "ix_events_document_id", "ix_events_document_start_id"},
    ),
    "quotes by speaker": (
        _items("quotes", actor="actor-7"),
        {"ix_quotes_speaker_document_start_id"},
    ),
    "quotes by kind": (_items("quotes", type="direct"), {"ix_quotes_kind_document_start_id"}),
    "claims by issue": (
        _items("claims", issue="issue_3"),
        {"ix_claims_issue_document_start_id"},
    ),
    "claims by actor": (
        _items("claims", actor="actor-7"),
        {"ix_claims_actor_document_start_id", "ix_claims_actor_issue_document_start_id"},
    ),
    "claims by stance": (
        _items("claims", type="offer"),
        {"ix_claims_stance_document_start_id"},
    ),
    "estimates by holder": (
        _items("estimates", actor="actor-7"),
        {"ix_estimates_holder_document_start_id"},
    ),
    "estimates by document": (
        _items("estimates", document_id=42),
        {"ix_estimates_document_start_id", "ix_estimates_document_id"},
    ),
    "mentions of an actor": (
        lambda store: actor_mentions(store, "actor-7", limit=50),
        {"ix_mentions_actor_document_start_id"},
    ),
    "documents by outlet": (
        _documents(outlet="Outlet 7"),
        {"ix_documents_outlet_published_at_id"},
    ),
    "documents by language": (
        _documents(language="uk"),
        {"ix_documents_language_published_at_id"},
    ),
    "documents by published date": (
        _documents(**PUBLISHED),
        {"ix_documents_published_at", "ix_documents_outlet_published_at_id"},
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_each_filter_reads_along_its_index(big_store: Store, case: str) -> None:
    read, indexes = CASES[case]
    plans = _plans(big_store, read)
    assert plans, "the listing sent no statement"
    main = "\n".join(plans)
    assert any(index in main for index in indexes), f"{case}: no {indexes} in\n{main}"
    assert not _whole_reads(main), f"{case}: a table read whole in\n{main}"


def test_the_migrations_make_the_models_indexes(store: Store) -> None:
    inspector = inspect(store.engine)
    for table in Base.metadata.sorted_tables:
        live = {(i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(table.name)}
        made = {(i.name, tuple(c.name for c in i.columns)) for i in table.indexes}
        assert made <= live, f"{table.name}: the models' indexes {made - live} are not made"


@pytest.mark.slow
@pytest.mark.parametrize(
    "filters",
    [
        {"actor": "actor-7"},
        WINDOW,
        {**WINDOW, "actor": "Actor 1"},  # several actors: "Actor 1", "Actor 10", "Actor 100"…
    ],
)
@pytest.mark.parametrize("by_date", [False, True])
def test_events_read_in_parts_are_those_of_the_plain_filter(
    big_store: Store, filters: dict[str, Any], by_date: bool
) -> None:
    with big_store.session() as session:
        ids = list(
            session.scalars(
                select(Actor.id).where(
                    or_(
                        Actor.key == filters.get("actor"),
                        Actor.name.contains(filters.get("actor", "-")),
                    )
                )
            )
        )
        when = func.coalesce(Event.date, Document.published_at)
        query = select(Event.id).join(Document, Document.id == Event.document_id)
        if "actor" in filters:
            query = query.where(or_(Event.source_actor_id.in_(ids), Event.target_actor_id.in_(ids)))
        if "dated_from" in filters:
            query = query.where(when >= filters["dated_from"], when <= filters["dated_to"])
        order = [Event.document_id, Event.start, Event.id]
        expected = list(session.scalars(query.order_by(*([when] if by_date else []), *order)))
    pages: list[int] = []
    after: Any = None
    while True:
        found = list_items(
            big_store, "events", EvidenceFilter(**filters), after=after, limit=50, by_date=by_date
        )
        pages += [listing.item["id"] for listing in found]
        if len(found) < 50:
            break
        last = found[-1].item
        key = (last["document_id"], last["start"], last["id"])
        after = (_when(big_store, last), *key) if by_date else key
    assert pages == expected and len(expected) > 50

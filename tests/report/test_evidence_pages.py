"""Reading evidence one page at a time (keyset pagination), on SQLite and PostgreSQL: the
events by date, the counts and choices of the whole store, and the quotes' search."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event

from tests.conftest import plain_document
from zopa.evidence import EvidenceFilter, count_items, event_choices, iter_items, list_items
from zopa.store import Actor, Event, Quote, Store, add_document

_TEXT = "Aa said it. Bb met Cc. Cc refused. Aa and Bb met again. Nothing dated here."


def _add_talks(store: Store) -> None:
    """Two articles: events dated out of document order (and one with no date at all),
    and quotes by a known speaker and by words only."""
    with store.write() as session:
        actors = [Actor(key=k, name=n, kind="state", resolved=True) for k, n in _ACTORS]
        session.add_all(actors)
        session.flush()
        ids = {a.key: a.id for a in actors}
        for key, published, events in _ARTICLES:
            doc = plain_document(key, f"{_TEXT} ({key})").model_copy(
                update={"published_at": published, "date_source": "metadata"}
            )
            document_id = add_document(session, doc)
            for start, when, status, source in events:
                session.add(
                    Event(
                        **_span(document_id, start),
                        type="MEET",
                        status=status,
                        date=when,
                        source_actor_id=ids[source],
                    )
                )
            session.add(Quote(**_span(document_id, 0), kind="direct", speaker_actor_id=ids["aa"]))
            session.add(Quote(**_span(document_id, 12), kind="indirect", speaker_text="Üter B"))


_ACTORS = (("aa", "Alphaland"), ("bb", "Betaland"), ("cc", "Gammaland"))
_ARTICLES: tuple[tuple[str, date | None, list[tuple[int, date | None, str, str]]], ...] = (
    (
        "first",
        date(2025, 3, 1),
        [
            (12, date(2025, 2, 1), "happened", "bb"),
            (23, None, "refused", "cc"),  # dated by its article: 2025-03-01
            (35, date(2025, 1, 15), "happened", "aa"),
        ],
    ),
    (
        "second",
        None,
        [(12, date(2025, 2, 1), "happened", "aa"), (35, None, "planned", "bb")],  # no date
    ),
)


_PUBLISHED = {1: "2025-03-01"}
"""The publication date of the first article (the second has none)."""


def _span(document_id: int, start: int) -> dict[str, Any]:
    end = _TEXT.index(".", start) + 1
    return {
        "document_id": document_id,
        "start": start,
        "end": end,
        "sentence_start": start,
        "sentence_end": end,
        "text": _TEXT[start:end],
        "extractor": "test",
    }


def _by_date(store: Store, filters: EvidenceFilter, size: int) -> list[list[tuple[Any, ...]]]:
    """Every page of the events by date, ``size`` at a time, as (date, document, status)."""
    pages, after = [], None
    while True:
        found = list_items(store, "events", filters, after=after, limit=size + 1, by_date=True)
        shown = [listing.item for listing in found[:size]]
        pages.append([(e["date"], e["document_id"], e["status"]) for e in shown])
        if len(found) <= size:
            return pages
        last = shown[-1]
        when = date.fromisoformat(last["date"] or _PUBLISHED[last["document_id"]])
        after = (when, last["document_id"], last["start"], last["id"])


def test_events_by_date_come_page_by_page_in_date_order_without_the_undated(
    store: Store,
) -> None:
    _add_talks(store)
    everything = EvidenceFilter()
    assert _by_date(store, everything, 2) == [
        [("2025-01-15", 1, "happened"), ("2025-02-01", 1, "happened")],
        [("2025-02-01", 2, "happened"), (None, 1, "refused")],  # 2025-03-01, its article's
    ]
    first, second = _by_date(store, everything, 2)
    assert _by_date(store, everything, 10) == [first + second]
    assert count_items(store, "events", everything, by_date=True) == 4
    assert count_items(store, "events", everything) == 5
    happened = EvidenceFilter(status="happened", actor="alpha")
    assert _by_date(store, happened, 1) == [
        [("2025-01-15", 1, "happened")],
        [("2025-02-01", 2, "happened")],
    ]
    assert count_items(store, "events", happened, by_date=True) == 2
    assert event_choices(store) == {
        "actor": ["Alphaland", "Betaland", "Gammaland"],
        "type": ["MEET"],
        "status": ["happened", "planned", "refused"],
    }


def test_quotes_are_searched_in_their_text_and_speaker(store: Store) -> None:
    _add_talks(store)

    def found(search: str) -> list[tuple[int, str]]:
        listed = list_items(store, "quotes", EvidenceFilter(search=search))
        return [(q.item["document_id"], q.item["kind"]) for q in listed]

    assert found("ALPHA") == [(1, "direct"), (2, "direct")]  # the speaker's name
    assert found("ter b") == [(1, "indirect"), (2, "indirect")]  # the speaker's words
    assert found("MET CC") == [(1, "indirect"), (2, "indirect")]  # the quote's text
    assert found("50%") == [] and found("_") == []  # LIKE's wildcards are plain characters
    assert count_items(store, "quotes", EvidenceFilter(search="alpha")) == 2


def test_iter_items_reads_every_item_in_order_a_page_at_a_time(store: Store) -> None:
    _add_talks(store)
    reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM events" in statement:
            reads.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        streamed = [listing.item for listing in iter_items(store, "events", page=2)]
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert streamed == [listing.item for listing in list_items(store, "events")]
    assert len(streamed) == 5 and len(reads) == 3 and all("LIMIT" in s for s in reads)

"""Reading the evidence a view needs from the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from tests.report.hostile_store import add_hostile_article
from zopa.report.views import count_evidence, load_evidence, spans_of
from zopa.store import Store


def test_the_evidence_is_read_as_known_on_a_date_and_only_what_a_page_needs(
    store: Store,
) -> None:
    document_id = add_hostile_article(store)
    full = load_evidence(store)
    assert list(full.documents) == [document_id] and full.documents[document_id]["text"]
    assert {kind: len(items) for kind, items in full.items.items()} == {
        "events": 1,
        "quotes": 1,
        "claims": 1,
        "estimates": 1,
    }
    assert [s.kind for s in spans_of(full, document_id)] == [
        "mention",
        "event",
        "quote",
        "claim",
        "estimate",
    ]
    assert count_evidence(store) == {
        "documents": 1,
        "claims": 1,
        "estimates": 1,
        "events": 1,
        "quotes": 1,
    }
    light = load_evidence(store, kinds=("quotes",), mentions=False, texts=False)
    assert light.documents[document_id]["text"] == ""
    assert light.documents[document_id]["published"] == "2025-06-01"
    assert [len(light.items[k]) for k in ("events", "quotes")] == [0, 1]
    assert light.mentions == []
    before = date(2025, 5, 31)  # the article is published on 1 June
    assert load_evidence(store, as_of=before).documents == {}
    assert load_evidence(store, as_of=before, texts=False).items["claims"] == []
    assert count_evidence(store, before) == dict.fromkeys(count_evidence(store), 0)

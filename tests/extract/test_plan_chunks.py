"""Extraction reads its plan a chunk at a time: memory holds one chunk, however many are pending."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from sqlalchemy import event, select

from tests.conftest import plain_document
from zopa.extract import _run, build_pipeline, extract_documents
from zopa.store import DocumentExtraction, Store, add_document


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def test_more_pending_documents_than_a_plan_chunk_are_all_read_in_order(
    store: Store, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.write() as session:
        ids = [
            add_document(session, plain_document(f"d{i}", f"Envoys met in Geneva on day {i}."))
            for i in range(7)
        ]
        skipped = plain_document("uk", "Делегації зустрілися в Женеві.")
        ids.append(add_document(session, skipped.model_copy(update={"language": "uk"})))
    monkeypatch.setattr(_run, "PLAN_CHUNK", 3, raising=False)
    plan_reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "LEFT OUTER JOIN document_extractions" in statement:
            plan_reads.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        report = extract_documents(store, nlp)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    # 8 documents, 3 a chunk: three reads of the plan, each bounded
    assert len(plan_reads) == 3 and all("LIMIT" in s for s in plan_reads)
    extracted = [o.document_id for o in report.outcomes if o.status == "extracted"]
    assert extracted == ids[:7], "every English document read, in id order"
    assert [o.document_id for o in report.outcomes if o.status == "skipped"] == ids[7:]
    with store.session() as session:
        assert sorted(session.scalars(select(DocumentExtraction.document_id))) == ids[:7]
    again = extract_documents(store, nlp)
    assert sorted((o.document_id, o.status) for o in again.outcomes) == [
        *((i, "current") for i in ids[:7]),
        (ids[7], "skipped"),
    ]

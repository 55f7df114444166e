"""Two extractions writing at once (two processes, a served store): no error, nothing doubled."""

from __future__ import annotations

import threading
import time

import pytest
from spacy.language import Language
from sqlalchemy import func, select

from zopa.extract import build_pipeline, pipeline_version
from zopa.extract._actors import get_gazetteer
from zopa.extract._run import _store_doc
from zopa.ingest import RawArticle, prepare
from zopa.store import Mention, Store, add_document, get_document

ARTICLE = (
    "Kremlin spokesman Dmitry Peskov said on {day} that Russia would not accept a ceasefire. "
    "Ukrainian President Volodymyr Zelensky said Kyiv was ready to meet."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _stored(store: Store, text: str, source: str) -> int:
    document, _ = prepare(RawArticle(source=source, text=text, published="2025-05-14"))
    with store.write() as session:
        return add_document(session, document)


@pytest.mark.parametrize("same_document", [True, False], ids=["same document", "other document"])
def test_two_writers_of_evidence_at_once(
    store: Store,
    nlp: Language,
    first_commit_waits: tuple[threading.Event, threading.Event],
    same_document: bool,
) -> None:
    first_id = _stored(store, ARTICLE.format(day="Tuesday"), "a.txt")
    second_id = first_id if same_document else _stored(store, ARTICLE.format(day="Friday"), "b")
    gazetteer, version = get_gazetteer(nlp), pipeline_version(nlp)
    mentions: dict[int, int] = {}
    errors: list[Exception] = []

    def extract(doc_id: int) -> None:
        doc = nlp(get_document(store, doc_id).text)
        try:
            mentions[doc_id] = _store_doc(store, nlp, gazetteer, doc, doc_id, version)["actors"]
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)

    reached, release = first_commit_waits
    first = threading.Thread(target=extract, args=(first_id,), name="first")
    first.start()
    assert reached.wait(30)
    second = threading.Thread(target=extract, args=(second_id,), name="second")
    second.start()
    time.sleep(0.5)  # the second writer now waits on the first's locks, or races past them
    release.set()
    first.join()
    second.join()
    assert errors == []
    with store.session() as session:
        stored = dict(
            session.execute(
                select(Mention.document_id, func.count()).group_by(Mention.document_id)
            ).all()
        )
    assert stored == mentions, "a document's evidence was stored twice"

"""Ingesting into a real store: idempotence, duplicates, language, partial failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from zopa.ingest import content_hash, ingest_paths
from zopa.store import Document, Store, list_documents

LIMIT = 10 * 1024 * 1024
ARTICLE = (
    "Envoys prepare new round\n\n"
    "ISTANBUL, May 16, 2025 — Russian and Ukrainian delegations met in Istanbul on Friday "
    "for their first direct talks in three years. The meeting produced an agreement on a "
    "large prisoner exchange but no ceasefire, officials on both sides said."
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_ingest_with_duplicates_and_failures(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", ARTICLE)
    _write(corpus, "nested/copy.md", ARTICLE.replace("\n\n", "\n\n\n"))  # same text, new layout
    _write(corpus, "b.jsonl", json.dumps({"text": "Second report on the talks.", "title": "B"}))
    _write(corpus, "empty.txt", "")
    _write(corpus, "ignored.csv", "not, an, article")
    report = ingest_paths(store, [corpus], max_file_bytes=LIMIT)
    assert (report.count("ingested"), report.count("duplicate"), report.count("failed")) == (
        2,
        1,
        1,
    )
    assert not report.ok
    duplicate = next(o for o in report.outcomes if o.status == "duplicate")
    assert duplicate.source.endswith("copy.md")
    docs = list_documents(store)
    assert len(docs) == 2
    first = next(d for d in docs if d.source.endswith("a.txt"))
    assert first.title == "Envoys prepare new round"
    assert first.published_at is not None and first.date_source == "dateline"
    assert first.language == "en"

    again = ingest_paths(store, [corpus], max_file_bytes=LIMIT)
    assert (again.count("ingested"), again.count("duplicate")) == (0, 3)
    assert len(list_documents(store)) == 2


def test_non_english_is_stored_and_flagged(store: Store, tmp_path: Path) -> None:
    text = (
        "Делегації України та Росії зустрілися в Стамбулі. Сторони домовилися про великий "
        "обмін полоненими, але не про припинення вогню."
    )
    report = ingest_paths(store, [_write(tmp_path, "uk.txt", text)], max_file_bytes=LIMIT)
    assert report.count("ingested") == 1
    assert any("non-English" in w for w in report.outcomes[0].warnings)
    (doc,) = list_documents(store)
    assert doc.language == "uk"


def test_missing_path_fails_but_others_are_ingested(store: Store, tmp_path: Path) -> None:
    good = _write(tmp_path, "a.txt", ARTICLE)
    report = ingest_paths(store, [tmp_path / "nope", good], max_file_bytes=LIMIT)
    assert [o.status for o in report.outcomes] == ["failed", "ingested"]
    assert "no such file" in (report.outcomes[0].message or "")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_arbitrary_bytes_never_crash_nor_leave_partial_documents(
    sqlite_store: Store, tmp_path: Path, payload: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(payload)
    report = ingest_paths(sqlite_store, [path], max_file_bytes=LIMIT)
    for outcome in report.outcomes:
        assert outcome.status in {"ingested", "duplicate", "failed"}
        if outcome.status == "failed":
            assert outcome.message and "\n" not in outcome.message
    with sqlite_store.session() as session:
        for doc in session.scalars(select(Document)):
            assert doc.text and doc.sha256 == content_hash(doc.text)
            assert doc.word_count == len(doc.text.split())


@pytest.mark.parametrize("count", [3])
def test_each_document_is_its_own_transaction(store: Store, tmp_path: Path, count: int) -> None:
    for i in range(count):
        _write(tmp_path, f"{i}.txt", f"{ARTICLE} Round {i}.")
    _write(tmp_path, "z.txt", "\x00binary")
    report = ingest_paths(store, [tmp_path], max_file_bytes=LIMIT)
    assert report.count("ingested") == count and report.count("failed") == 1
    assert len(list_documents(store)) == count

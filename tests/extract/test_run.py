"""Running extraction into the store: incremental, idempotent, per-document failures, bad input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, select

from zopa.extract import build_pipeline, extract_documents, list_items, pipeline_version
from zopa.ingest import RawArticle, prepare
from zopa.store import (
    Actor,
    DocumentExtraction,
    Mention,
    NewDocument,
    Quote,
    Store,
    add_document,
)

ARTICLE = (
    "Talks stall as Moscow rejects ceasefire terms\n\n"
    "Kremlin spokesman Dmitry Peskov said on Tuesday that Russia would not accept a "
    "ceasefire before its demands were met. “We see no reason to hurry,” Peskov told "
    "reporters. Ukrainian President Volodymyr Zelensky said that Kyiv remained ready "
    "to meet.\n\n"
    "“The ball is in Moscow's court,” a senior European diplomat said."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def store_text(
    store: Store, text: str, *, source: str = "a.txt", language: str | None = None
) -> int:
    document, _ = prepare(RawArticle(source=source, text=text, published="2025-05-14"))
    if language is not None:
        document = document.model_copy(update={"language": language})
    with store.write() as session:
        return add_document(session, document)


def count(store: Store, table: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_extraction_is_incremental_and_idempotent(store: Store, nlp: Language) -> None:
    first_id = store_text(store, ARTICLE)
    report = extract_documents(store, nlp)
    assert report.ok and report.count("extracted") == 1
    mentions, quotes, actors = count(store, Mention), count(store, Quote), count(store, Actor)
    assert mentions > 0 and quotes >= 3

    again = extract_documents(store, nlp)
    assert again.count("current") == 1 and again.count("extracted") == 0

    store_text(store, ARTICLE.replace("Tuesday", "Friday"), source="b.txt")
    third = extract_documents(store, nlp)
    assert third.count("extracted") == 1 and third.count("current") == 1

    rebuilt = extract_documents(store, nlp, rebuild=True)
    assert rebuilt.count("extracted") == 2
    assert count(store, Quote) == 2 * quotes
    assert count(store, Mention) == 2 * mentions
    assert count(store, Actor) == actors  # upserted by key, never duplicated
    with store.session() as session:
        version = session.scalar(
            select(DocumentExtraction.pipeline_version).where(
                DocumentExtraction.document_id == first_id
            )
        )
    assert version == pipeline_version(nlp)


def test_a_new_gazetteer_makes_documents_current_no_longer(
    store: Store, nlp: Language, tmp_path: Path
) -> None:
    store_text(store, ARTICLE)
    extract_documents(store, nlp)
    extra = tmp_path / "extra.yaml"
    extra.write_text("places: [Atlantis]\n", encoding="utf-8")
    other = build_pipeline([extra])
    assert pipeline_version(other) != pipeline_version(nlp)
    assert extract_documents(store, other).count("extracted") == 1


def test_non_english_documents_are_skipped_with_a_note(store: Store, nlp: Language) -> None:
    doc_id = store_text(store, "Les négociations ont repris à Genève.", language="fr")
    report = extract_documents(store, nlp)
    outcome = report.outcomes[0]
    assert outcome.status == "skipped"
    assert f"document {doc_id}" in (outcome.message or "") and "'fr'" in (outcome.message or "")


@pytest.fixture
def exploding(nlp: Language) -> Iterator[Language]:
    """The pipeline plus a user component that fails on documents saying BOOM."""

    @Language.component("test_boom")
    def boom(doc: Doc) -> Doc:
        if "BOOM" in doc.text:
            raise ValueError("component refused the text")
        return doc

    nlp.add_pipe("test_boom")
    try:
        yield nlp
    finally:
        nlp.remove_pipe("test_boom")


def test_a_failing_document_is_reported_and_loses_nothing(
    sqlite_store: Store, nlp: Language, exploding: Language
) -> None:
    good = store_text(sqlite_store, ARTICLE)
    bad = store_text(sqlite_store, ARTICLE + "\n\nBOOM", source="bad.txt")
    extract_documents(sqlite_store, nlp)  # nlp and exploding are one object; BOOM fails already
    before = count(sqlite_store, Quote)
    report = extract_documents(sqlite_store, exploding, rebuild=True)
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert [o.document_id for o in failed] == [bad]
    assert f"document {bad}" in (failed[0].message or "")
    assert {o.document_id for o in report.outcomes if o.status == "extracted"} == {good}
    assert count(sqlite_store, Quote) == before  # the good one replaced, the bad one untouched


def test_an_empty_document_gives_a_clean_empty_result(sqlite_store: Store, nlp: Language) -> None:
    empty = NewDocument(
        sha256="0" * 64,
        source="empty.txt",
        outlet=None,
        title=None,
        url=None,
        published_at=None,
        date_source="none",
        language="en",
        text="",
        word_count=0,
    )
    with sqlite_store.write() as session:
        add_document(session, empty)
    report = extract_documents(sqlite_store, nlp)
    assert report.ok and report.outcomes[0].status == "extracted"
    assert sum(report.outcomes[0].counts.values()) == 0


def test_one_enormous_sentence_is_extracted(sqlite_store: Store, nlp: Language) -> None:
    # 2,000 words without a full stop (a scraped page with its punctuation lost).
    text = "Peskov said that " + " and ".join(["Moscow talked with Kyiv"] * 400)
    store_text(sqlite_store, text)
    report = extract_documents(sqlite_store, nlp)
    assert report.ok
    assert report.outcomes[0].counts["actors"] >= 800


def test_a_document_longer_than_the_pipeline_accepts_is_one_failure(
    sqlite_store: Store,
) -> None:
    small = build_pipeline(components=("zopa_actors",))
    small.max_length = 200
    doc_id = store_text(sqlite_store, ARTICLE)
    report = extract_documents(sqlite_store, small)
    assert report.outcomes[0].status == "failed"
    assert (report.outcomes[0].message or "").startswith(f"document {doc_id}:")


def test_two_workers_store_what_one_does(sqlite_store: Store, nlp: Language) -> None:
    for i in range(4):
        store_text(sqlite_store, ARTICLE.replace("Tuesday", f"day {i}"), source=f"{i}.txt")
    extract_documents(sqlite_store, nlp)
    single = [q.item for q in list_items(sqlite_store, "quotes")]
    report = extract_documents(sqlite_store, nlp, rebuild=True, workers=2)
    assert report.count("extracted") == 4
    double = [q.item for q in list_items(sqlite_store, "quotes")]
    assert [{k: v for k, v in q.items() if k != "id"} for q in single] == [
        {k: v for k, v in q.items() if k != "id"} for q in double
    ]


def test_a_gazetteer_leader_keeps_the_party_a_document_links_him_to(
    sqlite_store: Store, nlp: Language
) -> None:
    store_text(
        sqlite_store,
        "Friedrich Merz, whose centre-right CDU won the election, opened coalition talks "
        "with the Greens on Monday. The party wants a government by Easter.",
    )
    store_text(
        sqlite_store,
        "Leaders meet\n\nFriedrich Merz met Emmanuel Macron in Paris on Friday. Macron said "
        "the talks had gone well.",
        source="b.txt",
    )
    assert extract_documents(sqlite_store, nlp).ok
    with sqlite_store.session() as session:
        affiliation = dict(session.execute(select(Actor.name, Actor.affiliation)).all())
    # The party link of the first document outlives the second, which gives none;
    # a leader no document links to a party keeps the gazetteer's state.
    assert affiliation["Friedrich Merz"] == "CDU", affiliation
    assert affiliation["Emmanuel Macron"] == "France"


def test_a_surname_alone_in_a_later_article_is_the_person_named_in_full_before(
    sqlite_store: Store, nlp: Language
) -> None:
    store_text(
        sqlite_store,
        "Talks resume\n\nHalvard Rusk, the Norwegian foreign minister, said the talks would "
        "resume in Oslo on Monday.",
    )
    store_text(
        sqlite_store, "Talks stall\n\nRusk said on Friday that no date was set.", source="b.txt"
    )
    assert extract_documents(sqlite_store, nlp).ok
    with sqlite_store.session() as session:
        names = session.scalars(select(Actor.name).where(Actor.kind == "person")).all()
        texts = session.execute(
            select(Mention.text, Actor.name).join(Actor, Mention.actor_id == Actor.id)
        ).all()
    assert names == ["Halvard Rusk"]
    assert ("Rusk", "Halvard Rusk") in [tuple(t) for t in texts]


def test_a_surname_alone_later_is_the_person_named_before_with_a_suffix(
    sqlite_store: Store, nlp: Language
) -> None:
    """ "Quintero" in a later article is "Rafael Quintero Jr.", the generational suffix aside."""
    store_text(
        sqlite_store,
        "Talks resume\n\nRafael Quintero Jr., the Peruvian foreign minister, said the talks "
        "would resume in Lima on Monday.",
    )
    store_text(
        sqlite_store,
        "Talks stall\n\nQuintero told reporters on Friday that no date was set.",
        source="b.txt",
    )
    assert extract_documents(sqlite_store, nlp).ok
    with sqlite_store.session() as session:
        texts = session.execute(
            select(Mention.text, Actor.name).join(Actor, Mention.actor_id == Actor.id)
        ).all()
    assert ("Quintero", "Rafael Quintero Jr.") in [tuple(t) for t in texts]

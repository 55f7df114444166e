"""Roles as of the article's date (issue 10): a gazetteer person's ``from``/``to`` dates
make the stored role the office itself while the articles predate ``to``, and "former
<role>" once an article from after it is stored; an article's own "ex-president" is a
former office-holder. On a gazetteer and sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from zopa.extract import ACTORS, build_pipeline, extract_documents
from zopa.extract._doc import ACTOR_INFO
from zopa.extract._gazetteer import ActorInfo, role_as_of
from zopa.store import Actor, NewDocument, Store, add_document

GAZETTEER = """\
version: 1
people:
  - {name: Omar Sidi Haroun, country: SDN, role: prime minister, from: 2019-08-21,
     to: 2022-01-02, affiliation: SDN, sector: GOV}
"""


def _info(since: dt.date | None, until: dt.date | None) -> ActorInfo:
    return ActorInfo("p", "P", "person", role="prime minister", since=since, until=until)


@pytest.mark.parametrize(
    ("day", "role"),
    [
        (dt.date(2020, 6, 1), "prime minister"),
        (dt.date(2023, 1, 1), "former prime minister"),
        (dt.date(2018, 1, 1), None),
        (None, "prime minister"),
    ],
)
def test_a_dated_role_is_read_as_of_the_day(day: dt.date | None, role: str | None) -> None:
    assert role_as_of(_info(dt.date(2019, 8, 21), dt.date(2022, 1, 2)), day) == role


def test_an_undated_role_is_the_role_on_any_day() -> None:
    assert role_as_of(_info(None, None), dt.date(2030, 1, 1)) == "prime minister"


def _add(store: Store, text: str, published: dt.date) -> None:
    with store.write() as session:
        add_document(
            session,
            NewDocument(
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                source=f"{published}.txt",
                outlet="Nile Courier",
                title=None,
                url=None,
                published_at=published,
                date_source="metadata",
                language="en",
                text=text,
                word_count=len(text.split()),
            ),
        )


def _role(store: Store) -> str | None:
    with store.session() as session:
        row = session.scalars(select(Actor).where(Actor.key == "person:omar-sidi-haroun")).one()
        return row.role


@pytest.mark.slow
def test_a_gazetteer_person_holds_the_office_until_an_article_after_its_end(
    sqlite_store: Store, tmp_path: Path
) -> None:
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    nlp = build_pipeline([gazetteer], components=("zopa_actors",))
    _add(
        sqlite_store,
        "Prime Minister Omar Sidi Haroun said Sudan wanted a binding deal on the dam.",
        dt.date(2020, 7, 14),
    )
    extract_documents(sqlite_store, nlp)
    assert _role(sqlite_store) == "prime minister"
    _add(
        sqlite_store,
        "Omar Sidi Haroun told a forum in Khartoum that the talks had failed.",
        dt.date(2023, 5, 2),
    )
    extract_documents(sqlite_store, nlp)
    assert _role(sqlite_store) == "former prime minister"


@pytest.mark.parametrize(
    ("published", "country"),
    [
        # the gazetteer's prime minister left office in 2022: the office is free in 2025
        (dt.date(2025, 7, 22), "SDN"),
        # in 2020 the gazetteer's prime minister held it: another is not Sudan's
        (dt.date(2020, 7, 22), None),
    ],
)
def test_an_office_the_gazetteer_s_person_held_before_is_free_on_a_later_day(
    tmp_path: Path, published: dt.date, country: str | None
) -> None:
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    nlp = build_pipeline([gazetteer], components=("zopa_actors",))
    doc = nlp.make_doc(
        "Sudan's government rejected the plan. Prime Minister Kamal Idrissa said the "
        "filling had to stop."
    )
    doc._.zopa_published = published
    doc = nlp(doc)
    key = next(s.kb_id_ for s in doc.spans[ACTORS] if s.text == "Kamal Idrissa")
    assert doc._.get(ACTOR_INFO).get(key, {}).get("country") == country

"""Event dates: month-only, part-of-month, seasonal and relative dates, with their precision.

Team-written sentences about talks the seeds do not cover (Serbia and Kosovo,
Colombia and the ELN) go through the real spaCy pipeline; the listings are read
back from a real store (SQLite and PostgreSQL) through the real CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from zopa.cli import app
from zopa.extract import build_pipeline, extract_documents
from zopa.extract._dates import ResolvedDate, resolve_date
from zopa.extract.events import iter_event_fields
from zopa.ingest import RawArticle, prepare
from zopa.store import Store, add_document

THURSDAY = date(2025, 10, 2)
"""The publication date the relative dates below are read against."""

Events = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="module")
def events(nlp: Language) -> Events:
    def run(text: str, published: date | None = THURSDAY) -> list[dict[str, Any]]:
        doc = nlp.make_doc(text)
        doc._.zopa_published = published
        return list(iter_event_fields(nlp(doc)))

    return run


@pytest.mark.parametrize(
    ("text", "when", "precision", "words"),
    [
        # a month with its year: the 1st of that month
        ("Serbia met Kosovo in Brussels in September 2025.", "2025-09-01", "month", "September"),
        ("In March 2025, Colombia met the ELN in Havana.", "2025-03-01", "month", "March 2025"),
        # a month alone: behind the publication date for what happened, ahead for what is planned
        ("Serbia met Kosovo in Brussels in August.", "2025-08-01", "month", "in August"),
        ("Serbia will meet Kosovo in Brussels in November.", "2025-11-01", "month", "November"),
        # a part of a month is that month; a part or a season of a year is that year
        ("Serbia met Kosovo in Brussels in early June.", "2025-06-01", "month", "early June"),
        ("Serbia met Kosovo in Brussels in mid-July.", "2025-07-01", "month", "mid-July"),
        ("Serbia will meet Kosovo in late 2025.", "2025-01-01", "year", "late 2025"),
        ("Serbia will meet Kosovo in the spring of 2026.", "2026-01-01", "year", "2026"),
        # relative to the publication date
        ("Serbia met Kosovo in Brussels last week.", "2025-09-22", "week", "last week"),
        ("Serbia met Kosovo in Brussels two weeks ago.", "2025-09-15", "week", "two weeks ago"),
        ("Serbia will meet Kosovo in Brussels next month.", "2025-11-01", "month", "next month"),
        ("Serbia met Kosovo in Brussels yesterday.", "2025-10-01", "day", "yesterday"),
        ("Serbia will meet Kosovo in Brussels on Friday.", "2025-10-03", "day", "on Friday"),
        ("Serbia met Kosovo in Brussels three days ago.", "2025-09-29", "day", "three days ago"),
    ],
)
def test_event_dates_and_their_precision(
    events: Events, text: str, when: str, precision: str, words: str
) -> None:
    event = events(text)[0]
    assert (event["date"], event["date_precision"]) == (when, precision), event
    assert words in event["date_text"]


def test_an_undated_document_leaves_relative_dates_open(events: Events) -> None:
    for text in (
        "Serbia met Kosovo in Brussels last week.",
        "Serbia met Kosovo in Brussels in mid-July.",
        "Serbia met Kosovo in Brussels two weeks ago.",
    ):
        event = events(text, published=None)[0]
        assert (event["date"], event["date_precision"]) == (None, None), text
        assert event["date_text"]
    absolute = events("Serbia met Kosovo in Brussels in September 2025.", published=None)[0]
    assert (absolute["date"], absolute["date_precision"]) == ("2025-09-01", "month")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("September 2025", ResolvedDate(date(2025, 9, 1), "month")),
        ("on 12 September 2025", ResolvedDate(date(2025, 9, 12), "day")),
        ("2024", ResolvedDate(date(2024, 1, 1), "year")),
        ("this week", ResolvedDate(date(2025, 9, 29), "week")),
        ("a month ago", ResolvedDate(date(2025, 9, 1), "month")),
        ("last year", ResolvedDate(date(2024, 1, 1), "year")),
        ("this summer", ResolvedDate(date(2025, 1, 1), "year")),
        ("a few weeks ago", None),  # vague: no date
        ("for two weeks", None),  # a duration
    ],
)
def test_resolution_rules(text: str, expected: ResolvedDate | None) -> None:
    assert resolve_date(text, THURSDAY) == expected


# --------------------------------------------------------------------------- listings
runner = CliRunner()
ARTICLES = {
    "september.txt": ("2025-10-02", "Serbia met Kosovo in Brussels in September 2025."),
    "march.txt": ("2025-09-20", "Colombia met the ELN rebels in Havana in early March."),
    "undated-event.txt": ("2025-09-10", "Serbia met Kosovo in Brussels."),
    "undated-article.txt": (None, "Colombia met the ELN rebels in Havana last week."),
}


@pytest.fixture
def extracted(store: Store, store_url: str, nlp: Language) -> str:
    """The URL of a store holding :data:`ARTICLES`, extracted."""
    for source, (published, text) in ARTICLES.items():
        document, _ = prepare(RawArticle(source=source, text=text, published=published))
        with store.write() as session:  # one sentence is too short to detect its language
            add_document(session, document.model_copy(update={"language": "en"}))
    extract_documents(store, nlp)
    return store_url


def listed(url: str, *args: str) -> dict[str, dict[str, Any]]:
    result = runner.invoke(app, ["--db", url, "events", "--json", *args])
    assert result.exit_code == 0, result.stderr
    return {event["source"]: event for event in json.loads(result.stdout)}


def test_events_are_filtered_by_their_own_date(extracted: str) -> None:
    assert set(listed(extracted)) == set(ARTICLES)
    # September: the event dated September (published in October), and the undated event
    # of a document published in September; not the March event reported in September.
    september = listed(extracted, "--from", "2025-09-01", "--to", "2025-09-30")
    assert set(september) == {"september.txt", "undated-event.txt"}
    assert set(listed(extracted, "--from", "2025-03-01", "--to", "2025-03-31")) == {"march.txt"}
    assert set(listed(extracted, "--from", "2025-10-01")) == set()


def test_listed_events_carry_their_date_precision(extracted: str) -> None:
    every = listed(extracted)
    assert [
        (every[source]["date"], every[source]["date_precision"])
        for source in ("september.txt", "march.txt", "undated-event.txt", "undated-article.txt")
    ] == [("2025-09-01", "month"), ("2025-03-01", "month"), (None, None), (None, None)]


def test_the_event_table_shows_the_precision(extracted: str) -> None:
    result = runner.invoke(app, ["--db", extracted, "events", "--from", "2025-09-01"])
    assert result.exit_code == 0, result.stderr
    assert "date_precision" in result.stdout and "month" in result.stdout

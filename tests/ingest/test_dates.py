"""Publication dates: metadata, then URL, then dateline."""

from __future__ import annotations

from datetime import date

import pytest

from zopa.ingest import date_from_dateline, date_from_url, parse_date, prepare
from zopa.ingest._readers import RawArticle


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.test/2025/05/11/zelensky-offers-talks", date(2025, 5, 11)),
        ("https://example.test/news/2019-07-08-normandy", date(2019, 7, 8)),
        ("https://example.test/2025/13/40/not-a-date", None),
        ("https://example.test/story/a89044", None),
    ],
)
def test_date_from_url(url: str, expected: date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISTANBUL, May 16, 2025 — Delegations met.", date(2025, 5, 16)),
        ("KYIV, 9 December 2019 (Ledger) — The Normandy four met in Paris.", date(2019, 12, 9)),
        ("Posted 2025-07-23. Talks resumed.", date(2025, 7, 23)),
        ("Talks resumed on Thursday without a date.", None),
    ],
)
def test_date_from_dateline(text: str, expected: date | None) -> None:
    assert date_from_dateline(text) == expected


def test_dateline_deep_in_the_body_is_not_a_publication_date() -> None:
    body = "Talks resumed. " * 40 + "On May 16, 2022 they met."
    assert date_from_dateline(body) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-14", date(2025, 5, 14)),
        ("2025-05-14T09:30:00+03:00", date(2025, 5, 14)),
        ("14 May 2025", date(2025, 5, 14)),
        ("", None),
        ("not a date at all", None),
    ],
)
def test_parse_metadata_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_metadata_wins_over_url_and_url_over_dateline() -> None:
    text = "ISTANBUL, May 16, 2025 — Delegations met."
    url = "https://example.test/2025/06/02/second-round"
    doc, _ = prepare(RawArticle("a.txt", text, url=url, published="2025-07-23"))
    assert (doc.published_at, doc.date_source) == (date(2025, 7, 23), "metadata")
    doc, _ = prepare(RawArticle("a.txt", text, url=url))
    assert (doc.published_at, doc.date_source) == (date(2025, 6, 2), "url")
    doc, _ = prepare(RawArticle("a.txt", text))
    assert (doc.published_at, doc.date_source) == (date(2025, 5, 16), "dateline")
    doc, warnings = prepare(RawArticle("a.txt", "Delegations met on Thursday."))
    assert (doc.published_at, doc.date_source) == (None, "none")
    assert any("no publication date" in w for w in warnings)

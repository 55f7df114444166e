"""Deadlines counted from the publication date (zopa.extract._dates.resolve_deadline)."""

from __future__ import annotations

from datetime import date

import pytest

from zopa.extract._dates import resolve_deadline

THURSDAY = date(2025, 3, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 90 days", "2025-06-04"),
        ("within a week", "2025-03-13"),
        ("within the next 72 hours", "2025-03-09"),
        ("within two months", "2025-05-06"),
        ("within a year", "2026-03-06"),
    ],
)
def test_deadlines(text: str, expected: str) -> None:
    resolved = resolve_deadline(text, THURSDAY)
    assert resolved is not None
    assert (resolved.date.isoformat(), resolved.precision) == (expected, "day")


def test_month_end_keeps_the_last_day() -> None:
    resolved = resolve_deadline("within a month", date(2025, 1, 31))
    assert resolved is not None
    assert resolved.date == date(2025, 2, 28)


@pytest.mark.parametrize("text", ["within weeks", "for 90 days", "on Friday"])
def test_no_deadline(text: str) -> None:
    assert resolve_deadline(text, THURSDAY) is None


def test_no_deadline_without_a_publication_date() -> None:
    assert resolve_deadline("within 90 days", None) is None

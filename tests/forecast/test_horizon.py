"""The deadline a probability statement names, read from the day it was said."""

from __future__ import annotations

from datetime import date

import pytest

from zopa.forecast._horizon import deadlines

SAID = date(2024, 8, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a peace treaty signed by the end of 2025", [date(2025, 12, 31)]),
        ("a treaty in 2025", [date(2025, 12, 31)]),
        ("a ceasefire before 2026", [date(2025, 12, 31)]),
        ("a summit this year", [date(2024, 12, 31)]),
        ("a deal by the end of the year", [date(2024, 12, 31)]),
        ("a deal by year-end", [date(2024, 12, 31)]),
        ("a deal next year", [date(2025, 12, 31)]),
        ("a truce before October", [date(2024, 9, 30)]),
        ("a truce by the end of March", [date(2025, 3, 31)]),  # March has passed: next year's
        ("a truce in August", [date(2024, 8, 31)]),  # this month, still running
        ("a truce before the talks next August", [date(2025, 8, 31)]),
        ("a vote before 1 January 2026", [date(2025, 12, 31)]),
        ("a vote by November 5", [date(2024, 11, 5)]),
        ("a vote by 2025-03-15", [date(2025, 3, 15)]),
        ("a handover within six months", [date(2025, 2, 14)]),
        ("a handover within 10 days", [date(2024, 8, 24)]),
        ("a swap before the rainy season", []),
        ("talks may resume soon", []),  # "may" the verb is not May
        ("the year 2025 may bring a deal", [date(2025, 12, 31)]),
    ],
)
def test_the_deadline_a_statement_names(text: str, expected: list[date]) -> None:
    assert deadlines(text, SAID) == expected


def test_a_date_that_does_not_exist_names_no_deadline() -> None:
    assert deadlines("a vote by 2025-02-30", SAID) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a handover this month", [date(2024, 8, 31)]),
        ("a handover by the end of the month", [date(2024, 8, 31)]),
        ("a handover by month-end", [date(2024, 8, 31)]),
        ("a handover next month", [date(2024, 9, 30)]),
        ("a handover in the month of March", [date(2025, 3, 31)]),  # the month named
    ],
)
def test_the_month_of_publication_is_a_horizon(text: str, expected: list[date]) -> None:
    assert deadlines(text, SAID) == expected

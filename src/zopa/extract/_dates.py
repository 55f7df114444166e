"""Resolving an event's date expression against the article's publication date.

News reports date events relative to the day they are published: "on Thursday",
"next week", "by Friday", "July 23" (no year), "in September", "two weeks ago".
:func:`resolve_date` turns such an expression into an absolute
:class:`datetime.date` and the precision the words give it; the words as
written are kept by the caller as ``date_text``.

Precision is ``day``, ``week``, ``month`` or ``year``: the smallest calendar
period that surely holds what the words name. The date is that period's first
day (Monday for a week, the 1st for a month, 1 January for a year), so
"September 2025" is 2025-09-01 at month precision, "mid-July" and "early June"
are the 1st of their month at month precision, "late 2025" and "spring 2026" are
1 January at year precision, "last week" and "two weeks ago" the Monday of that
week at week precision. Coarser than the words, never wrong; the words say more.

Rules (documented in docs/extraction-events.md):

- a weekday ("on Thursday", "by Friday", "late Wednesday") is the nearest such day
  on or after the publication date when the event lies ahead (planned, a deadline
  with "by"), otherwise the nearest one on or before it;
- "today", "tomorrow", "yesterday", "tonight" are offsets of the publication date;
- "N days|weeks|months|years ago" ("two weeks ago", "a month ago") counts back from
  the publication date, at the precision of its unit;
- "next/last/this week|month|year" and "earlier/later this week" give the first day
  of that period (Monday for weeks);
- a month and day without a year ("July 23") takes the year that puts the date
  closest to the publication date; a month alone ("in September", "this September",
  "mid-July", "early June") gives its first day, in the year ahead for planned
  events and behind otherwise; a month with a year ("September 2025") is that month;
- a year alone, or a part or season of it ("2025", "late 2025", "summer 2026"), is
  that year; a season without a year ("this summer", "next spring") is the year of
  publication, or the one after or before;
- anything else goes to dateparser with the publication date as RELATIVE_BASE.

Without a publication date only expressions carrying a year resolve: a relative
date in an undated document stays unresolved (``None``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

import dateparser

__all__ = ["PRECISIONS", "Precision", "ResolvedDate", "resolve_date", "resolve_deadline"]

Precision = Literal["day", "week", "month", "year"]
PRECISIONS: tuple[Precision, ...] = ("day", "week", "month", "year")
"""How precise a resolved date is, finest first (stored in ``events.date_precision``)."""


class ResolvedDate(NamedTuple):
    """A date expression resolved: the first day of the period it names, and the period."""

    date: date
    precision: Precision


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_VAGUE = re.compile(r"\b(recent|coming|past|several|few|many|decades|era|times|soon)\b")
_DURATION = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})
_DAY_OFFSETS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
_COUNTS = {
    word: number
    for number, word in enumerate(
        ("a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1
    )
} | {"an": 1, "one": 1, "eleven": 11, "twelve": 12}
_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
_WITHIN = re.compile(
    r"\bwithin\s+(?:the\s+next\s+)?(\d{1,4}|[a-z]+)\s+(hour|day|week|month|year)s?\b"
)
_AGO = re.compile(r"\b(\d{1,3}|[a-z]+)\s+(day|week|month|year)s?\s+ago\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_PARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["year"],
}


def _week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _months_before(day: date, months: int) -> date:
    """The first day of the month ``months`` before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _ago(text: str, published: date) -> ResolvedDate | None:
    """ "two weeks ago", "3 days ago", "a month ago": counted back from the publication date."""
    found = _AGO.search(text.lower())
    if found is None:
        return None
    count_text, unit = found.groups()
    count = int(count_text) if count_text.isdigit() else _COUNTS.get(count_text)
    if count is None:
        return None
    if unit == "day":
        return ResolvedDate(published - timedelta(days=count), "day")
    if unit == "week":
        return ResolvedDate(_week_of(published - timedelta(weeks=count)), "week")
    if unit == "month":
        return ResolvedDate(_months_before(published, count), "month")
    return ResolvedDate(date(published.year - count, 1, 1), "year")


def _season(words: list[str], published: date) -> ResolvedDate | None:
    """ "this summer", "next spring" (no year): the year it falls in, at year precision."""
    if not _SEASONS.intersection(words):
        return None
    shift = 1 if "next" in words else -1 if "last" in words else 0
    return ResolvedDate(date(published.year + shift, 1, 1), "year")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _weekday(words: list[str], published: date, forward: bool) -> date | None:
    for word in words:
        if word in _WEEKDAYS:
            target = _WEEKDAYS.index(word)
            delta = (target - published.weekday()) % 7
            if "next" in words:
                return published + timedelta(days=delta or 7)
            if "last" in words:
                return published - timedelta(days=(published.weekday() - target) % 7 or 7)
            if forward:
                return published + timedelta(days=delta)
            return published - timedelta(days=(published.weekday() - target) % 7)
    return None


def _period(words: list[str], published: date) -> ResolvedDate | None:
    shift = 0
    if "next" in words:
        shift = 1
    elif "last" in words or "previous" in words:
        shift = -1
    elif "this" not in words:
        return None
    if "week" in words:
        return ResolvedDate(_week_of(published) + timedelta(weeks=shift), "week")
    if "month" in words:
        return ResolvedDate(_months_before(published, -shift), "month")
    if "year" in words:
        return ResolvedDate(date(published.year + shift, 1, 1), "year")
    return None


def _month_day(
    text: str, words: list[str], published: date | None, forward: bool
) -> ResolvedDate | None:
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    if not months:
        return None
    month = months[0]
    year_match = _YEAR.search(text)
    day_match = next(
        (m for m in _DAY.finditer(text) if not year_match or m.start() != year_match.start()),
        None,
    )
    day = int(day_match.group(1)) if day_match else 1
    if year_match:
        year = int(year_match.group(1))
    elif published is None:
        return None
    elif day_match:
        candidates = [published.year - 1, published.year, published.year + 1]
        year = min(candidates, key=lambda y: abs(_safe(y, month, day, published) - published))
    else:
        year = published.year
        if forward and month < published.month:
            year += 1
        elif not forward and month > published.month:
            year -= 1
    try:
        return ResolvedDate(date(year, month, day), "day" if day_match else "month")
    except ValueError:
        return None


def _safe(year: int, month: int, day: int, fallback: date) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return fallback + timedelta(days=10_000)


@lru_cache(maxsize=4096)
def resolve_date(
    text: str, published: date | None, *, forward: bool = False
) -> ResolvedDate | None:
    """Return the date ``text`` refers to and its precision, or ``None`` when it cannot be fixed.

    Parameters
    ----------
    text
        The date expression as written ("on Thursday", "next week", "September 2025").
    published
        The article's publication date, the anchor of relative expressions; without
        it only expressions carrying a year resolve.
    forward
        Whether the event lies ahead of the publication date (planned, a deadline):
        decides which side of the anchor a bare weekday or month falls on.

    Returns
    -------
    ResolvedDate or None
        The first day of the period the words name (Monday for a week, the 1st for
        a month, 1 January for a year) and that period's precision.
    """
    words = _words(text)
    if not words and not _YEAR.search(text):
        return None
    if _VAGUE.search(text.lower()) and not _YEAR.search(text):
        return None
    if ("later" in words or "earlier" in words) and "this" not in words:
        return None  # "a week later": relative to another event, not to the article
    if _DURATION.intersection(words) and "ago" not in words:
        return None  # "in three years", "for months": a duration, not a date
    if published is not None:
        for word, offset in _DAY_OFFSETS.items():
            if word in words:
                return ResolvedDate(published + timedelta(days=offset), "day")
        if "ago" in words:
            return _ago(text, published)
        day = _weekday(words, published, forward or "by" in words)
        if day is not None:
            return ResolvedDate(day, "day")
        found = _period(words, published)
        if found is not None and not any(w in _MONTHS for w in words):
            return found
    found = _month_day(text, words, published, forward)
    if found is not None:
        return found
    year_only = _YEAR.search(text)
    if year_only and not _DAY.search(_YEAR.sub("", text)):
        return ResolvedDate(date(int(year_only.group(1)), 1, 1), "year")
    if published is None and not year_only:
        return None
    if published is not None and (season := _season(words, published)) is not None:
        return season
    settings: dict[str, object] = dict(_PARSER_SETTINGS)
    if published is not None:
        del settings["REQUIRE_PARTS"]
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
        settings["PREFER_DATES_FROM"] = "future" if forward else "past"
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return ResolvedDate(parsed.date(), "day") if parsed else None


def resolve_deadline(text: str, published: date | None) -> ResolvedDate | None:
    """A deadline counted from the publication date: "within 90 days", "within a week",
    "within the next 72 hours" -> the last day it allows (day precision); else None.

    Hours round up to whole days; months and years keep the day of the month (the last
    day of a shorter month when it has none).
    """
    found = _WITHIN.search(text.lower())
    if found is None or published is None:
        return None
    count_text, unit = found.groups()
    count = int(count_text) if count_text.isdigit() else _COUNTS.get(count_text)
    if count is None:
        return None
    if unit in ("hour", "day", "week"):
        days = {"hour": -(-count // 24), "day": count, "week": 7 * count}[unit]
        return ResolvedDate(published + timedelta(days=days), "day")
    months = count * (12 if unit == "year" else 1)
    index = published.year * 12 + published.month - 1 + months
    year, month = index // 12, index % 12 + 1
    for day in range(published.day, 27, -1):
        try:
            return ResolvedDate(date(year, month, day), "day")
        except ValueError:
            continue
    return ResolvedDate(date(year, month, min(published.day, 28)), "day")

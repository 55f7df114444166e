"""Resolving an event's date expression against the article's publication date.

News reports date events relative to the day they are published: "on Thursday",
"next week", "by Friday", "July 23" (no year). :func:`resolve_date` turns such an
expression into an absolute :class:`datetime.date`; the words as written are kept
by the caller as ``date_text``.

Rules (documented in docs/extraction-events.md):

- a weekday ("on Thursday", "by Friday", "late Wednesday") is the nearest such day
  on or after the publication date when the event lies ahead (planned, a deadline
  with "by"), otherwise the nearest one on or before it;
- "today", "tomorrow", "yesterday", "tonight" are offsets of the publication date;
- "next/last/this week|month|year" and "earlier/later this week" give the first day
  of that period (Monday for weeks);
- a month and day without a year ("July 23") takes the year that puts the date
  closest to the publication date; a month alone ("in September", "this September")
  gives its first day, in the year ahead for planned events and behind otherwise;
- anything else goes to dateparser with the publication date as RELATIVE_BASE.

Without a publication date only expressions carrying a year resolve.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

__all__ = ["resolve_date"]

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
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_PARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["year"],
}


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


def _period(words: list[str], published: date) -> date | None:
    shift = 0
    if "next" in words:
        shift = 1
    elif "last" in words or "previous" in words:
        shift = -1
    elif "this" not in words:
        return None
    if "week" in words:
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=shift)
    if "month" in words:
        month = published.month - 1 + shift
        return date(published.year + month // 12, month % 12 + 1, 1)
    if "year" in words:
        return date(published.year + shift, 1, 1)
    return None


def _month_day(text: str, words: list[str], published: date | None, forward: bool) -> date | None:
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
        return date(year, month, day)
    except ValueError:
        return None


def _safe(year: int, month: int, day: int, fallback: date) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return fallback + timedelta(days=10_000)


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: date | None, *, forward: bool = False) -> date | None:
    """Return the absolute date ``text`` refers to, or ``None`` when it cannot be fixed.

    Parameters
    ----------
    text
        The date expression as written ("on Thursday", "next week", "July 23").
    published
        The article's publication date, the anchor of relative expressions.
    forward
        Whether the event lies ahead of the publication date (planned, a deadline):
        decides which side of the anchor a bare weekday or month falls on.
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
                return published + timedelta(days=offset)
        found = _weekday(words, published, forward or "by" in words)
        if found is not None:
            return found
        found = _period(words, published)
        if found is not None and not any(w in _MONTHS for w in words):
            return found
    found = _month_day(text, words, published, forward)
    if found is not None:
        return found
    year_only = _YEAR.search(text)
    if year_only and not _DAY.search(_YEAR.sub("", text)):
        return date(int(year_only.group(1)), 1, 1)
    if published is None and not year_only:
        return None
    settings: dict[str, object] = dict(_PARSER_SETTINGS)
    if published is not None:
        del settings["REQUIRE_PARTS"]
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
        settings["PREFER_DATES_FROM"] = "future" if forward else "past"
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None

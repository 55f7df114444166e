"""The horizon a probability statement names: the day by which its event is to happen.

"a binding agreement by the end of 2021", "a deal this year" (said in 2021), "a
prisoner exchange before October" (said in July 2019), "a signed text within six
months": :func:`deadlines` gives the last day such words leave the event, counted from
the day the statement was published, so the experts source can tell a statement about
a question's own horizon from one about a nearer or a later one.

Rules (words matched case-insensitively, except month names, which must be capitalised
so that "may" the verb is not May):

* a period is a year written out (1900–2199), a month with or without a year ("July
  2021", "July"), "this year", "the end of the year", "year-end" (the year of
  publication), "next year" (the one after), "this month", "the end of the month",
  "month-end" (the month of publication) and "next month" (the one after);
* a month without a year is its next occurrence: this year if it is still to come,
  else next year; "next July" said in July or later is next year's July;
* the deadline is the period's last day, or the day before it starts after "before"
  ("before October" is 30 September; "before the end of 2021" is 31 December 2021);
* "within N days|weeks|months|years" (N in digits or words up to twelve) counts N from
  the publication date.

Anything else ("before the rainy season", "soon", "after the elections") names no
horizon.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["deadlines"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_COUNTS = {
    word: n
    for n, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1
    )
} | {"a": 1, "an": 1, "eleven": 11, "twelve": 12}

_MONTH_NAMES = "|".join(_MONTHS)
_Y = r"(?:19|2[01])\d\d"
_PERIOD = re.compile(
    rf"(?P<iso>\b{_Y}-[01]\d-[0-3]\d\b)"
    rf"|(?P<dm_day>\b[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<dm_month>{_MONTH_NAMES})\b"
    rf"(?:\s*,?\s*(?P<dm_year>{_Y})\b)?"
    rf"|(?P<md_month>\b(?:{_MONTH_NAMES}))\s+(?P<md_day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)"
    rf"(?:\s*,?\s*(?P<md_year>{_Y})\b)?"
    rf"|(?P<month>\b(?:{_MONTH_NAMES})\b)(?:\s*,?\s*(?P<month_year>{_Y})\b)?"
    rf"|(?P<year>\b{_Y}\b)"
    r"|(?P<this>\b(?i:this|the\s+current|the)\s+(?i:calendar\s+)?(?i:year)\b(?!\s*\d)|\b(?i:year[-\s]end)\b)"
    r"|(?P<next>\b(?i:next\s+year)\b)"
    r"|(?P<this_month>\b(?i:this|the\s+current|the)\s+(?i:month)\b(?!\s+of\b)"
    r"|\b(?i:month[-\s]end)\b)"
    r"|(?P<next_month>\b(?i:next\s+month)\b)"
)
_NEXT_MONTH = re.compile(r"(?i:\b(?:next|coming)\s+)$")
_BEFORE = re.compile(r"\bbefore\s+(?:the\s+(?:start|beginning)\s+of\s+)?$", re.IGNORECASE)
_WITHIN = re.compile(
    r"\bwithin\s+(?:the\s+next\s+)?(\d{1,3}|[a-z]+)\s+(day|week|month|year)s?\b", re.IGNORECASE
)


def _month_period(month: int, year: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _next_month_year(month: int, said: date, *, strictly: bool) -> int:
    """The year of the next ``month`` from ``said`` (``strictly``: after its own month)."""
    if month > said.month or (month == said.month and not strictly):
        return said.year
    return said.year + 1


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(month: int, day: int, year: str | None, said: date) -> tuple[date, date]:
    """A day of a month, in ``year`` or, without one, its next occurrence from ``said``."""
    if year is not None:
        chosen = int(year)
    else:
        chosen = said.year if (month, day) >= (said.month, said.day) else said.year + 1
    last = calendar.monthrange(chosen, month)[1]
    when = date(chosen, month, min(max(day, 1), last))
    return when, when


def _period(found: re.Match[str], text: str, said: date) -> tuple[date, date]:
    """The first and last day of the period ``found`` names."""
    groups = found.groupdict()
    if groups["iso"]:
        when = date.fromisoformat(groups["iso"])
        return when, when
    if groups["dm_month"]:
        month = _MONTHS.index(groups["dm_month"]) + 1
        return _day(month, int(groups["dm_day"]), groups["dm_year"], said)
    if groups["md_month"]:
        month = _MONTHS.index(groups["md_month"]) + 1
        return _day(month, int(groups["md_day"]), groups["md_year"], said)
    if groups["month"]:
        month = _MONTHS.index(groups["month"]) + 1
        if groups["month_year"]:
            return _month_period(month, int(groups["month_year"]))
        strictly = _NEXT_MONTH.search(text[: found.start()]) is not None
        return _month_period(month, _next_month_year(month, said, strictly=strictly))
    if groups["year"]:
        return _year_period(int(groups["year"]))
    if groups["this"]:
        return _year_period(said.year)
    if groups["this_month"]:
        return _month_period(said.month, said.year)
    if groups["next_month"]:
        following = _add_months(said.replace(day=1), 1)
        return _month_period(following.month, following.year)
    return _year_period(said.year + 1)


def deadlines(text: str, said: date) -> list[date]:
    """The last days the horizons ``text`` names leave their events, read from ``said``
    (the publication date), in the order written; empty when it names none."""
    out = []
    for found in _PERIOD.finditer(text):
        try:
            start, end = _period(found, text, said)
        except ValueError:  # a date that does not exist ("2021-02-30")
            continue
        out.append(start - timedelta(days=1) if _BEFORE.search(text[: found.start()]) else end)
    for found in _WITHIN.finditer(text):
        count_text, unit = found.groups()
        count = int(count_text) if count_text.isdigit() else _COUNTS.get(count_text.lower())
        if count is None:
            continue
        unit = unit.lower()
        if unit in ("day", "week"):
            out.append(said + timedelta(days=count * (7 if unit == "week" else 1)))
        else:
            out.append(_add_months(said, count * (12 if unit == "year" else 1)))
    return out

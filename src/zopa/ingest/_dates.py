"""Finding an article's publication date: metadata, then URL, then dateline."""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["date_from_dateline", "date_from_url", "parse_date"]

_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[/_-](?P<m>0?[1-9]|1[0-2])[/_-](?P<d>0?[1-9]|[12]\d|3[01])(?!\d)"
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}},?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}\s+{_MONTHS},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d)\b"
)
_DATELINE_WINDOW = 300
# No date is written in more characters; dateparser takes seconds on a long string.
_MAX_DATE_CHARS = 100
# Layouts tried before dateparser (which is thorough but slow): "May 16, 2025", "16 May 2025".
_COMMON_LAYOUTS = ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
_PARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_date(value: str) -> date | None:
    """Parse a metadata date string ("2025-05-14", "14 May 2025", ISO timestamps) or ``None``.

    A value longer than a hundred characters is no date (``None``, unparsed).
    """
    value = value.strip()
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    for layout in _COMMON_LAYOUTS:
        try:
            return datetime.strptime(value.replace(".", ""), layout).date()
        except ValueError:
            continue
    import dateparser  # a large import (a fifth of a second), paid only for unusual dates

    parsed = dateparser.parse(value, languages=["en"], settings=_PARSER_SETTINGS)
    return parsed.date() if parsed else None


def date_from_url(url: str) -> date | None:
    """A date written into a URL path, such as ``/2025/05/11/`` or ``/2025-05-11-``."""
    for match in _URL_DATE.finditer(url):
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
    return None


def date_from_dateline(text: str) -> date | None:
    """A full date in the article's opening (its dateline), e.g. ``KYIV, July 23, 2025 —``.

    Only the first few hundred characters are read: a date deep in the body is
    usually about an event, not the publication.
    """
    match = _DATELINE_DATE.search(text[:_DATELINE_WINDOW])
    return parse_date(match.group(0)) if match else None

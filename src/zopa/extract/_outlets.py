"""News outlets named in a story: media organisations (sector MED), never parties.

An unknown organisation is an outlet when the text uses it as one: it is told something
("told the X", "in an interview with X"), it reports ("X reported"), a noun of the trade
stands next to it ("the weekly X", "X television"), a journalist works for it ("a
correspondent for X", "who covers the talks for X"), or its name is the trade's ("X
Radio", "X Press Agency", "X News"). Pure functions of the parsed document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["is_outlet"]

_TOLD = {"told", "tells", "tell"}
_REPORTS = {"report", "reported", "reports"}
_TRADE_NOUNS = {
    "weekly", "daily", "newspaper", "paper", "magazine", "broadcaster", "channel",
    "television", "tv", "radio", "website", "outlet", "station", "tabloid",
}  # fmt: skip
_TRADE_NAMES = {"Radio", "Television", "TV", "News", "Press"}
_JOURNALISTS = {
    "journalist", "correspondent", "reporter", "editor", "columnist", "writer", "commentator",
}  # fmt: skip
_WORK_VERBS = {"cover", "write", "report"}
_DETERMINERS = {"the", "a", "an"}


def _before(doc: Doc, start: int) -> int:
    """Index of the token before ``start``, an article skipped (-1 at the start)."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in _DETERMINERS:
        i -= 1
    return i


def is_outlet(doc: Doc, mention: Span) -> bool:
    """Whether the organisation named at ``mention`` is used as a news outlet."""
    if any(t.text in _TRADE_NAMES for t in mention):
        return True
    after = doc[mention.end] if mention.end < len(doc) else None
    if after is not None and (after.lower_ in _REPORTS or after.lower_ in _TRADE_NOUNS):
        return True  # "X reported", "X television"
    i = _before(doc, mention.start)
    if i < 0:
        return False
    if doc[i].lower_ in _TOLD or doc[i].lower_ in _TRADE_NOUNS:
        return True  # "told the X", "the weekly X"
    if doc[i].lower_ == "with" and i > 0 and doc[i - 1].lower_ == "interview":
        return True  # "in an interview with X"
    if doc[i].lower_ not in {"for", "at", "with"}:
        return False
    clause = doc[max(doc[i].sent.start, i - 10) : i]
    return any(t.lower_ in _JOURNALISTS or t.lemma_ in _WORK_VERBS for t in clause)

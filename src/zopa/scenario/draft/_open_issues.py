"""Group the open issues of the claims (issues no word of the lexicon names) across documents.

Extraction names an open issue by the content lemmas of what a stance is about
(``open_reopening_road_taiz``, :mod:`zopa.extract._open_issues`); the same matter is
worded differently in each article ("the reopening of the main roads into Taiz", "one
road into Taiz"). Two open issues are one when they share a content word that is not a
generic word of negotiation (:data:`GENERIC_WORDS`), and groups are closed under that
relation (union–find). A group is drafted under the key most of its claims carry (ties:
the shorter, then the first in order), so a claim and the drafted issue keep the same
id; a group with fewer than :data:`MIN_CLAIMS` claims is left out of the draft (one
sentence is no issue of the talks) and stays in the store.
"""

from __future__ import annotations

from collections.abc import Mapping

from zopa.issue_keys import is_open, key_words

__all__ = ["GENERIC_WORDS", "MIN_CLAIMS", "group_open_issues", "open_label"]

#: Fewest claims that make a group of open issues an issue of the draft.
MIN_CLAIMS = 2
#: Words that name no matter of their own: sharing one does not make two issues one.
GENERIC_WORDS = frozenset(
    {
        "agreement",
        "deal",
        "plan",
        "proposal",
        "offer",
        "term",
        "step",
        "phase",
        "part",
        "time",
        "year",
        "month",
        "day",
        "week",
        "side",
        "party",
        "country",
        "state",
        "government",
        "people",
        "talk",
        "negotiation",
        "process",
        "text",
        "new",
        "first",
        "final",
    }
)


def group_open_issues(counts: Mapping[str, int]) -> dict[str, str | None]:
    """Each open issue key of ``counts`` (claims per key) → the key its group is drafted
    under, or ``None`` when the group has fewer than :data:`MIN_CLAIMS` claims. Keys of
    the lexicon are left out of the answer."""
    keys = sorted(k for k in counts if is_open(k))
    parent = {k: k for k in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_word: dict[str, str] = {}
    for key in keys:
        for word in key_words(key):
            if word in GENERIC_WORDS:
                continue
            if word in by_word:
                parent[root(key)] = root(by_word[word])
            else:
                by_word[word] = key
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(root(key), []).append(key)
    out: dict[str, str | None] = {}
    for members in groups.values():
        total = sum(counts[k] for k in members)
        name = min(members, key=lambda k: (-counts[k], len(k), k))
        for key in members:
            out[key] = name if total >= MIN_CLAIMS else None
    return out


def open_label(key: str) -> str:
    """A label for an open issue: its words, marked as open for the analyst to rename."""
    return f"{' '.join(key_words(key)).capitalize()} (open issue: no lexicon word; rename it)"

"""Keys of open issues, shared by extraction (which makes them) and the draft (which groups them).

An open issue is what a stance is about when no word of the issue lexicon says it
(:mod:`zopa.extract._open_issues`); its key is :data:`OPEN_PREFIX` and up to
:data:`KEY_WORDS` content lemmas joined by ``_`` (``open_reopening_road_taiz``). This
module is plain Python, so the draft and the scenario commands read keys without
loading the NLP pipeline.
"""

from __future__ import annotations

__all__ = ["KEY_WORDS", "OPEN_PREFIX", "is_open", "key_words"]

#: Prefix of an open issue's key (``open_reopening_road_taiz``).
OPEN_PREFIX = "open_"
#: Most content words in an open issue's key.
KEY_WORDS = 4


def is_open(issue: str) -> bool:
    """Whether ``issue`` is an open issue's key (not an issue of the lexicon)."""
    return issue.startswith(OPEN_PREFIX)


def key_words(issue: str) -> tuple[str, ...]:
    """The content lemmas of an open issue's key, in order (``()`` for a lexicon issue)."""
    return tuple(issue[len(OPEN_PREFIX) :].split("_")) if is_open(issue) else ()

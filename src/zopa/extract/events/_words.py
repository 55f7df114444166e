"""The word lists of the event rules, read from ``data/event_words.yaml``.

The trigger lexicon (``data/events.yaml``, :mod:`zopa.extract.events._lexicon`) says which
words are events; this file holds the nouns the argument rules read: pair nouns ("the two
sides"), nouns of a proposal already reported ("rejected the idea"), third-party role nouns,
offices with one holder ("the Russian leader"), commentators' roles. Grammatical words
(pronouns, modal verbs, prepositions) stay in the code that reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from zopa.errors import ExtractionError

__all__ = ["WORDS", "EventWords", "load_event_words"]

_SOURCE = "data/event_words.yaml"


@dataclass(frozen=True)
class EventWords:
    """The lists of ``data/event_words.yaml`` (each documented there)."""

    pair_nouns: frozenset[str]
    pair_persons: frozenset[str]
    anaphoric_proposals: frozenset[str]
    role_nouns: frozenset[str]
    ally_guarantees: frozenset[str]
    party_nouns: frozenset[str]
    hostile_types: frozenset[str]
    commentator_roles: tuple[str, ...]
    commentator_sectors: frozenset[str]
    offices: dict[str, tuple[str, ...]]
    multilateral_words: tuple[str, ...]
    quantity_nouns: frozenset[str]
    part_nouns: frozenset[str]
    people_nouns: frozenset[str]
    group_heads: frozenset[str]
    state_organs: frozenset[str]
    from_target_verbs: frozenset[str]
    for_target_words: frozenset[str]
    owned_nouns: frozenset[str]
    party_verbs: frozenset[str]
    agreement_verbs: frozenset[str]
    state_nationals: frozenset[str]
    audience_nouns: frozenset[str]


def _list(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExtractionError(f"{_SOURCE}: {key} must be a list of words; fix the file")
    return tuple(value)


def load_event_words() -> EventWords:
    """Read the shipped word lists.

    Raises
    ------
    ExtractionError
        A list is missing or is not a list of words (the message names it).
    """
    text = resources.files("zopa.extract").joinpath(_SOURCE).read_text("utf-8")
    data = yaml.safe_load(text)
    offices = data.get("offices") if isinstance(data, dict) else None
    if not isinstance(offices, dict):
        raise ExtractionError(f"{_SOURCE}: offices must map a noun to a list of roles")
    return EventWords(
        pair_nouns=frozenset(_list(data, "pair_nouns")),
        pair_persons=frozenset(_list(data, "pair_persons")),
        anaphoric_proposals=frozenset(_list(data, "anaphoric_proposals")),
        role_nouns=frozenset(_list(data, "role_nouns")),
        ally_guarantees=frozenset(_list(data, "ally_guarantees")),
        party_nouns=frozenset(_list(data, "party_nouns")),
        hostile_types=frozenset(_list(data, "hostile_types")),
        commentator_roles=_list(data, "commentator_roles"),
        commentator_sectors=frozenset(_list(data, "commentator_sectors")),
        offices={str(k): _list(offices, k) for k in offices},
        multilateral_words=_list(data, "multilateral_words"),
        quantity_nouns=frozenset(_list(data, "quantity_nouns")),
        part_nouns=frozenset(_list(data, "part_nouns")),
        people_nouns=frozenset(_list(data, "people_nouns")),
        group_heads=frozenset(_list(data, "group_heads")),
        state_organs=frozenset(_list(data, "state_organs")),
        from_target_verbs=frozenset(_list(data, "from_target_verbs")),
        for_target_words=frozenset(_list(data, "for_target_words")),
        owned_nouns=frozenset(_list(data, "owned_nouns")),
        party_verbs=frozenset(_list(data, "party_verbs")),
        agreement_verbs=frozenset(_list(data, "agreement_verbs")),
        state_nationals=frozenset(_list(data, "state_nationals")),
        audience_nouns=frozenset(_list(data, "audience_nouns")),
    )


#: The shipped word lists, read once.
WORDS = load_event_words()

"""Trigger finding: lexicon lemmas with their part of speech and conditions."""

from __future__ import annotations

import pytest

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor


def ids(component: EventExtractor, parse: Parse, text: str) -> list[str]:
    return [t.entry.id for t in component.triggers.find(parse(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin met Zelensky in Istanbul.", ["meet"]),
        ("Oman hosted the delegations.", ["host"]),
        ("The army shelled the town.", ["shell"]),
    ],
)
def test_lemmas_find_their_entry(
    component: EventExtractor, parse: Parse, text: str, expected: list[str]
) -> None:
    assert ids(component, parse, text) == expected


def test_a_preposition_the_entry_needs(component: EventExtractor, parse: Parse) -> None:
    assert ids(component, parse, "Macron talked with Scholz.") == ["talk"]
    assert ids(component, parse, "Macron talked about the weather.") == []


def test_an_object_the_entry_needs(component: EventExtractor, parse: Parse) -> None:
    assert ids(component, parse, "Kenya sent a delegation to Addis Ababa.") == ["send-delegation"]
    assert ids(component, parse, "Kenya sent a letter.") == []


def test_an_excluded_modifier(component: EventExtractor, parse: Parse) -> None:
    assert ids(component, parse, "It was a verbal attack.") == []


def test_noun_heads_and_hostile_words_are_indexed(component: EventExtractor) -> None:
    assert {"talk", "sanction", "ceasefire"} <= component.triggers.event_nouns
    assert {"accuse", "attack", "threaten"} <= component.triggers.hostile_words
    assert "meet" not in component.triggers.hostile_words

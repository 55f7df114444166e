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


def test_a_modifier_the_entry_needs(component: EventExtractor, parse: Parse) -> None:
    assert ids(component, parse, "Chile held joint drills with Peru.") == ["joint-action"]
    assert ids(component, parse, "Chile held drills.") == []


def test_an_object_that_makes_no_event(component: EventExtractor, parse: Parse) -> None:
    assert ids(component, parse, "Firemen fought the blaze.") == []
    assert ids(component, parse, "Rebels fought the army.") == ["attack"]


def test_counted_objects_and_parts_of_documents(component: EventExtractor, parse: Parse) -> None:
    assert ids(component, parse, "Kyiv released hundreds of prisoners.") == ["release"]
    assert "sign" in ids(component, parse, "They signed the text of an accord.")


def test_the_longer_phrase_wins_a_tie(component: EventExtractor, parse: Parse) -> None:
    assert ids(component, parse, "Police fired tear gas at the crowd.") == ["repress"]

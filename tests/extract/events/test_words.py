"""The event rules' word lists are data (data/event_words.yaml)."""

from __future__ import annotations

from zopa.extract.events._words import WORDS, load_event_words


def test_the_shipped_lists_load() -> None:
    words = load_event_words()
    assert words == WORDS
    assert "side" in words.pair_nouns
    assert words.offices["leader"] == ("president", "prime minister", "supreme leader")
    assert "ASSAULT" in words.hostile_types


def test_people_nouns_are_not_the_forces_a_state_moves() -> None:
    assert {"protester", "police", "gunman"} <= WORDS.people_nouns
    assert not {"troop", "force", "army"} & WORDS.people_nouns

"""The event rules' word lists are data (data/event_words.yaml)."""

from __future__ import annotations

from zopa.extract.events._words import WORDS, load_event_words


def test_the_shipped_lists_load() -> None:
    words = load_event_words()
    assert words == WORDS
    assert "side" in words.pair_nouns
    assert words.offices["leader"] == ("president", "prime minister", "supreme leader")
    assert "ASSAULT" in words.hostile_types

"""The speaker rules' word lists are data (data/speaker_words.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zopa.errors import ExtractionError
from zopa.extract.speakers import SPEAKER_WORDS
from zopa.extract.speakers._words import FEMALE, MALE, is_pronoun, load_speaker_words, read


def test_the_shipped_lists_load() -> None:
    words = load_speaker_words()
    assert words == SPEAKER_WORDS
    assert words.honorifics["mr"] == MALE and words.honorifics["dame"] == FEMALE
    assert words.gendered_nouns["spokeswoman"] == FEMALE
    assert "president" in words.office_families["leader"]
    assert {"statement", "letter"} <= words.statement_nouns
    assert "ministry" in words.body_nouns and "official" not in words.body_nouns


def test_third_person_pronouns_are_known_in_code() -> None:
    assert all(is_pronoun(w) for w in ("he", "her", "they", "its"))
    assert not any(is_pronoun(w) for w in ("we", "i", "the"))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("- just a list\n", "a mapping"),
        ("honorifics: {male: [mr]}\n", "honorifics"),
        ("honorifics: {male: [mr], female: [ms]}\ngendered_nouns: oops\n", "gendered_nouns"),
    ],
)
def test_a_malformed_file_is_one_error_naming_the_list(
    tmp_path: Path, text: str, named: str
) -> None:
    with pytest.raises(ExtractionError, match=named):
        read(text)

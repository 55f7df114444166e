"""The word lists of the speaker rules, read from ``data/speaker_words.yaml``, and the
grammatical words (pronouns, determiners) the rules read in code."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from zopa.errors import ExtractionError

__all__ = [
    "DEFINITE",
    "FEMALE",
    "FIRST_PERSON",
    "MALE",
    "PLURAL_PRONOUNS",
    "PRONOUN_GENDER",
    "THING_PRONOUNS",
    "WORDS",
    "SpeakerWords",
    "is_pronoun",
    "load_speaker_words",
]

_SOURCE = "data/speaker_words.yaml"

MALE, FEMALE = "m", "f"
PRONOUN_GENDER = {
    "he": MALE, "him": MALE, "his": MALE, "himself": MALE,
    "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE,
}  # fmt: skip
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
DEFINITE = frozenset({"the", "this", "that"})


def is_pronoun(word: str) -> bool:
    """Whether ``word`` (lower case) is a third-person pronoun."""
    return word in PRONOUN_GENDER or word in PLURAL_PRONOUNS or word in THING_PRONOUNS


@dataclass(frozen=True)
class SpeakerWords:
    """The lists of ``data/speaker_words.yaml`` (each documented there); gendered lists
    map a word to ``"m"`` or ``"f"``, ``office_families`` a general word to its offices."""

    honorifics: dict[str, str]
    gendered_nouns: dict[str, str]
    statement_nouns: frozenset[str]
    hosting_verbs: frozenset[str]
    issuing_verbs: frozenset[str]
    group_nouns: frozenset[str]
    offices: frozenset[str]
    office_families: dict[str, frozenset[str]]
    any_office: frozenset[str]
    source_nouns: frozenset[str]
    body_nouns: frozenset[str]
    governing_bodies: frozenset[str]
    seated: frozenset[str]
    media_nouns: frozenset[str]
    organ_nouns: frozenset[str]
    government_organs: frozenset[str]
    judging_verbs: frozenset[str]


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExtractionError(f"{_SOURCE}: {key} must be a list of words; fix the file")
    return frozenset(value)


def _groups(data: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise ExtractionError(f"{_SOURCE}: {key} must map names to lists of words; fix the file")
    return {str(name): _words(value, name) for name in value}


def _gendered(data: dict[str, Any], key: str) -> dict[str, str]:
    groups = _groups(data, key)
    if set(groups) != {"male", "female"}:
        raise ExtractionError(f"{_SOURCE}: {key} must list male and female words; fix the file")
    return dict.fromkeys(groups["male"], MALE) | dict.fromkeys(groups["female"], FEMALE)


def load_speaker_words() -> SpeakerWords:
    """Read the shipped word lists.

    Raises
    ------
    ExtractionError
        A list is missing or malformed (the message names it).
    """
    return read(resources.files("zopa.extract").joinpath(_SOURCE).read_text("utf-8"))


def read(text: str) -> SpeakerWords:
    """The word lists of a ``speaker_words.yaml`` text (see :func:`load_speaker_words`)."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ExtractionError(f"{_SOURCE}: expected a mapping of word lists; fix the file")
    return SpeakerWords(
        honorifics=_gendered(data, "honorifics"),
        gendered_nouns=_gendered(data, "gendered_nouns"),
        statement_nouns=_words(data, "statement_nouns"),
        hosting_verbs=_words(data, "hosting_verbs"),
        issuing_verbs=_words(data, "issuing_verbs"),
        group_nouns=_words(data, "group_nouns"),
        offices=_words(data, "offices"),
        office_families=_groups(data, "office_families"),
        any_office=_words(data, "any_office"),
        source_nouns=_words(data, "source_nouns"),
        body_nouns=_words(data, "body_nouns"),
        governing_bodies=_words(data, "governing_bodies"),
        seated=_words(data, "seated"),
        media_nouns=_words(data, "media_nouns"),
        organ_nouns=_words(data, "organ_nouns"),
        government_organs=_words(data, "government_organs"),
        judging_verbs=_words(data, "judging_verbs"),
    )


#: The shipped word lists, read once.
WORDS = load_speaker_words()

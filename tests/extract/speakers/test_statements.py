"""Statement frames (``zopa.extract.speakers._statements``): a statement speaks for its
author, not its host, on sentences written for these tests."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.speakers.conftest import Parse
from tests.extract.speakers.helpers import speaker_of, word
from zopa.extract.speakers import KnownActors, Speakers


def author(parse: Parse, known: KnownActors, text: str, noun: str) -> str | None:
    doc = parse(text)
    found = Speakers(doc, known).statement_author(word(doc, noun))
    return found.actor if found is not None else None


def test_a_statement_is_its_possessors(parse: Parse, known: KnownActors) -> None:
    text = "Sergei Lavrov's statement was read out in Geneva."
    assert author(parse, known, text, "statement") == "person:sergei-lavrov"


def test_a_letter_from_someone_is_theirs_not_the_readers(parse: Parse, known: KnownActors) -> None:
    text = "The mayor read out a letter from Sergei Lavrov to the delegates."
    assert author(parse, known, text, "letter") == "person:sergei-lavrov"


def test_a_statement_read_out_by_someone_is_not_the_readers(
    parse: Parse, known: KnownActors
) -> None:
    text = "A statement read out by Sergei Lavrov was short."
    assert author(parse, known, text, "statement") is None


def test_a_statement_issued_is_the_issuers(parse: Parse, known: KnownActors) -> None:
    text = "Sergei Lavrov issued a statement on Monday."
    assert author(parse, known, text, "statement") == "person:sergei-lavrov"


def test_a_message_on_behalf_of_someone_is_theirs(parse: Parse, known: KnownActors) -> None:
    text = "The host opened the session by reading out a message on behalf of Sergei Lavrov."
    assert author(parse, known, text, "message") == "person:sergei-lavrov"


def test_a_message_read_on_someones_behalf_speaks_for_them(speakers_nlp: Language) -> None:
    text = (
        "Norway's foreign minister opened the session by reading out a message on behalf of "
        "Maria Lund, the UN envoy. “Every prisoner who comes home brings peace closer,” the "
        "statement said."
    )
    assert speaker_of(speakers_nlp, text, "Every prisoner")[0] == "unresolved:maria-lund"

"""Statement frames (``zopa.extract.speakers._frames``): who says a span of words, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.speakers.conftest import Parse
from tests.extract.speakers.helpers import word
from zopa.extract.speakers import KnownActors, Speakers, words_holder


def holder_of(
    parse: Parse, known: KnownActors, text: str, anchor: str
) -> tuple[str | None, str | None]:
    doc = parse(text)
    head = word(doc, anchor)
    found = words_holder(Speakers(doc, known), doc[head.i : head.i + 1], head)
    return found.actor, found.text


@pytest.mark.parametrize(
    ("text", "anchor", "actor"),
    [
        (
            "“A deal is unlikely before May,” Sergei Lavrov said.",
            "unlikely",
            "person:sergei-lavrov",
        ),
        (
            "Sergei Lavrov told Reuters that a deal was unlikely.",
            "unlikely",
            "person:sergei-lavrov",
        ),
        ("A deal was unlikely before May, Sergei Lavrov said.", "unlikely", "person:sergei-lavrov"),
        ("According to Sergei Lavrov, a deal is unlikely.", "unlikely", "person:sergei-lavrov"),
        # an unnamed person is anonymous whatever the affiliation (the team's convention 5)
        ("A senior Iranian official said a deal was unlikely.", "unlikely", None),
        ("The Iranian foreign ministry said a deal was unlikely.", "unlikely", "IRN"),
        ("A deal is unlikely before May.", "unlikely", None),
        # agreeing that something is so reports a belief of one's own
        (
            "Marta Ruiz, a historian, agreed that a vote in March was unlikely.",
            "unlikely",
            "unresolved:marta-ruiz",
        ),
    ],
)
def test_who_says_the_words(
    parse: Parse, known: KnownActors, text: str, anchor: str, actor: str | None
) -> None:
    assert holder_of(parse, known, text, anchor)[0] == actor


def test_the_writers_words_have_no_holder(parse: Parse, known: KnownActors) -> None:
    assert holder_of(parse, known, "A deal is unlikely before May.", "unlikely") == (None, None)


def test_an_unnamed_speaker_of_a_quotation_stays_unnamed_whatever_the_affiliation(
    parse: Parse, known: KnownActors
) -> None:
    # the team's convention 5 (tests/gold/README.md): an unnamed person is anonymous
    text = "“A deal is unlikely before May,” a senior Iranian official said."
    assert holder_of(parse, known, text, "unlikely") == (None, "a senior Iranian official")

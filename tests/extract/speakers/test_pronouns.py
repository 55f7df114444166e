"""Pronouns (``zopa.extract.speakers._pronouns``): agreement, and whom he, she, it and they
stand for as speakers, on sentences written for these tests."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.speakers.conftest import Parse
from tests.extract.speakers.helpers import holders, speaker_of, word
from zopa.extract._attribution import Holder
from zopa.extract.speakers import KnownActors, Speakers
from zopa.extract.speakers._pronouns import agrees


def test_he_and_she_agree_with_a_person_of_that_gender_or_unknown(
    parse: Parse, known: KnownActors
) -> None:
    doc = parse("Mr. Karl Brandt met Marta Solis. He left. She stayed. They argued. It rained.")
    cast = Speakers(doc, known).cast
    brandt = Holder("unresolved:karl-brandt", "Karl Brandt")
    solis = Holder("unresolved:marta-solis", "Marta Solis")
    assert agrees(brandt, word(doc, "He"), cast)
    assert not agrees(brandt, word(doc, "She"), cast)
    assert agrees(solis, word(doc, "She"), cast)  # gender unknown: agrees with both
    assert agrees(solis, word(doc, "He"), cast)
    assert not agrees(solis, word(doc, "They"), cast)


def test_it_and_they_agree_with_bodies_not_people(parse: Parse, known: KnownActors) -> None:
    doc = parse("Norway hosted the talks. It said little. They said more.")
    cast = Speakers(doc, known).cast
    norway = Holder("NOR", "Norway")
    assert agrees(norway, word(doc, "It"), cast)
    assert agrees(norway, word(doc, "They"), cast)


def test_an_unnamed_source_agrees_in_number(parse: Parse, known: KnownActors) -> None:
    doc = parse("Two diplomats said the talks stalled. A senior official disagreed. She left.")
    cast = Speakers(doc, known).cast
    diplomats = Holder(None, "Two diplomats", word(doc, "diplomats"))
    official = Holder(None, "A senior official", word(doc, "official"))
    assert not agrees(diplomats, word(doc, "She"), cast)
    assert agrees(official, word(doc, "She"), cast)
    assert not agrees(Holder(None, "the talks", word(doc, "talks")), word(doc, "She"), cast)


def test_a_pronoun_after_a_quotation_of_several_sentences_takes_the_subject_before_it(
    speakers_nlp: Language,
) -> None:
    # the sentence before "he" is inside the quotation: the one before the quotation speaks
    text = (
        "Rafael Ortiz said on Monday that the talks would resume in Havana. "
        "A European diplomat who attended the session said the ceasefire was holding. "
        "“It is fragile. Nobody wants to be the first to break it,” he said."
    )
    assert speaker_of(speakers_nlp, text, "It is fragile") == (None, "he")


def test_he_after_a_quotation_is_the_office_holder_who_spoke_before_it(
    speakers_nlp: Language,
) -> None:
    text = (
        "Estonian Foreign Minister Anna Kask met Swedish envoy Peter Lind in Tallinn. "
        "Lind said afterwards that the meeting had gone well. "
        "The Estonian minister told reporters that Tallinn would not move on the border. "
        "“We have said this for twenty years. Nothing has changed,” she said."
    )
    assert speaker_of(speakers_nlp, text, "We have said") == ("unresolved:anna-kask", "she")


def test_he_after_an_unnamed_official_of_a_state_stays_unnamed(
    speakers_nlp: Language,
) -> None:
    # "He" is the diplomat, who stays anonymous whatever his state (the team's convention 5)
    text = (
        "Javier Soto, the Chilean trade minister, said the talks would go on. "
        "A Peruvian diplomat in Geneva saw it differently. "
        "He said the chances of a settlement were slim."
    )
    assert [(actor, words) for _, actor, words in holders(speakers_nlp, text)] == [(None, "He")]
    assert speaker_of(speakers_nlp, text, "the chances") == (None, "He")


def test_it_is_a_body_and_he_is_a_person_among_unnamed_speakers(
    parse: Parse, known: KnownActors
) -> None:
    doc = parse("The ministry said little. A senior official disagreed. It left. He stayed.")
    cast = Speakers(doc, known).cast
    ministry = Holder(None, "The ministry", word(doc, "ministry"))
    official = Holder("CHL", "A senior official", word(doc, "official"))  # one holding for CHL
    assert agrees(ministry, word(doc, "It"), cast)
    assert not agrees(ministry, word(doc, "He"), cast)
    assert agrees(official, word(doc, "He"), cast)
    assert not agrees(official, word(doc, "It"), cast)


def test_he_after_a_passive_is_its_agent(speakers_nlp: Language) -> None:
    # the sentence before has the union as its subject; the man who leads it is the agent
    text = (
        "Prime Minister Helen Clark said the offer stood. “We will not move,” she said.\n\n"
        "The dockers' union is led by Peter Hall of the Auckland branch. He told the Harbour "
        "Gazette that his members were “ready to talk about overtime” but would not accept cuts."
    )
    assert speaker_of(speakers_nlp, text, "ready to talk")[0] == "unresolved:peter-hall"
    assert speaker_of(speakers_nlp, text, "his members")[0] == "unresolved:peter-hall"

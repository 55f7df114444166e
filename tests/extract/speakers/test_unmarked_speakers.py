"""Speakers the actor stage marked badly or not at all, institutions speaking as such, and
the names shown for a holder, on sentences written for these tests (issue 12, the newcomer's
defects 2 and 8: analysts' probabilities given to a negotiator or a spokesman named earlier)."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.speakers.helpers import holders, quotes, speaker_of

# A negotiator is named first; then an analyst the recogniser reads as an organisation (a
# surname with "of" and a firm), then one written with a firm's possessive; each is followed
# by a quotation with a bare pronoun.
_ANALYSTS = (
    "OSLO — Chief negotiator Maren Solberg said on Tuesday that Norway would not move on "
    "the quota. “We have been clear,” she said.\n\n"
    "Halvorsen of Fjordline Partners said the new deadline raised the pressure on both "
    "sides. “There is a one in four chance that the talks collapse this month,” he said.\n\n"
    "Baltic Risk's Ieva Ozola cut her estimate on Friday. “I see a 20 percent chance of a "
    "deal by March,” she said."
)


def test_a_pronoun_after_an_analyst_is_never_the_negotiator_named_before(
    speakers_nlp: Language,
) -> None:
    one_in_four = speaker_of(speakers_nlp, _ANALYSTS, "There is a one in four")[0]
    twenty = speaker_of(speakers_nlp, _ANALYSTS, "I see a 20 percent")[0]
    assert one_in_four is not None and "halvorsen" in one_in_four
    assert twenty is not None and "ozola" in twenty
    for _, actor, _ in holders(speakers_nlp, _ANALYSTS):
        assert actor != "unresolved:maren-solberg"


def test_a_holder_named_by_a_pronoun_is_shown_by_its_name(speakers_nlp: Language) -> None:
    text = (
        "Ana Ortiz Vega, who follows the talks for Andean Risk, spoke on Monday. "
        "“I would put a deal this year at 30 percent,” she said."
    )
    assert [(actor, words) for _, actor, words in holders(speakers_nlp, text)] == [
        ("unresolved:ana-ortiz-vega", "Ana Ortiz Vega")
    ]
    assert speaker_of(speakers_nlp, text, "I would put")[1] == "she"  # quotes keep the words


def test_a_dateline_is_neither_the_speaker_nor_part_of_what_is_reported(
    speakers_nlp: Language,
) -> None:
    reported = quotes(speakers_nlp, _ANALYSTS, "indirect")[0]
    assert reported["text"] == "Norway would not move on the quota"
    assert reported["speaker_text"] == "Chief negotiator Maren Solberg"
    text = "QUITO, May 4 — Ecuador and Peru agreed to reopen the crossing, officials said."
    assert quotes(speakers_nlp, text, "indirect")[0]["text"].startswith("Ecuador and Peru")


def test_a_government_organ_with_no_owner_written_speaks_for_the_state(
    speakers_nlp: Language,
) -> None:
    # the team's convention 5: an institution speaking as such is its state
    text = (
        "The Chilean government rejected the proposal on Monday. "
        "Forty people were detained overnight in Valparaíso, the interior ministry said."
    )
    assert speaker_of(speakers_nlp, text, "Forty people")[0] == "CHL"


def test_a_phrase_set_off_by_dashes_is_no_dateline(speakers_nlp: Language) -> None:
    text = (
        "As a result, any talks on the rival's terms — above all while it holds the pass — "
        "are unthinkable, an aide said."
    )
    reported = quotes(speakers_nlp, text, "indirect")[0]["text"]
    assert reported.startswith("As a result") or reported.startswith("any talks")

"""The zopa_quotes component: direct and reported speech, speakers, malformed quotation marks."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from zopa.extract import FIELDS, QUOTES, build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes"))


def quotes(nlp: Language, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    return [
        {"text": s.text, "start": s.start_char, "end": s.end_char, **s._.get(FIELDS)}
        for s in doc.spans[QUOTES]
    ]


def test_a_direct_quote_after_its_speaker_is_attributed(nlp: Language) -> None:
    found = quotes(nlp, "“We will not give up our land,” Zelensky said on Monday.")
    assert len(found) == 1
    quote = found[0]
    assert quote["kind"] == "direct"
    assert quote["text"] == "We will not give up our land"
    assert quote["speaker_actor"] == "person:volodymyr-zelensky"
    assert quote["cue"] == "said"


def test_a_split_quote_gives_both_parts_to_one_speaker(nlp: Language) -> None:
    text = "“The door is open,” Peskov said, “but the terms are ours.”"
    found = quotes(nlp, text)
    assert [q["text"] for q in found] == ["The door is open", "but the terms are ours."]
    assert {q["speaker_actor"] for q in found} == {"person:dmitry-peskov"}


def test_a_quote_of_several_sentences_is_one_item(nlp: Language) -> None:
    text = (
        "“Nothing has changed. The talks will go on. We expect no surprises,” said Sergei Lavrov."
    )
    found = quotes(nlp, text)
    assert len(found) == 1
    assert found[0]["text"].count(".") == 2
    assert found[0]["speaker_actor"] == "person:sergei-lavrov"


def test_an_anonymous_speaker_keeps_the_description_as_written(nlp: Language) -> None:
    text = "“This is theatre,” a Kremlin-connected official said."
    quote = quotes(nlp, text)[0]
    assert quote["speaker_actor"] is None
    assert quote["speaker_text"] == "a Kremlin-connected official"
    assert text[quote["speaker_start"] : quote["speaker_end"]] == quote["speaker_text"]


def test_straight_quotes_after_a_speech_verb(nlp: Language) -> None:
    found = quotes(nlp, 'Trump said "we will see what happens" and left.')
    assert found[0]["kind"] == "direct" and found[0]["speaker_actor"] == "person:donald-trump"


def test_reported_speech_is_indirect_with_its_clause(nlp: Language) -> None:
    found = quotes(nlp, "Peskov said that the talks would take place in Istanbul.")
    assert len(found) == 1
    quote = found[0]
    assert quote["kind"] == "indirect"
    assert quote["text"] == "the talks would take place in Istanbul"
    assert quote["speaker_actor"] == "person:dmitry-peskov"


def test_according_to_attributes_the_clause(nlp: Language) -> None:
    found = quotes(nlp, "According to two people briefed on the talks, the deal is nearly done.")
    assert found[0]["kind"] == "indirect"
    assert found[0]["speaker_text"] == "two people briefed on the talks"
    assert found[0]["text"] == "the deal is nearly done"


def test_scare_quotes_are_not_speech(nlp: Language) -> None:
    assert quotes(nlp, 'Such a "peace plan" is unacceptable for Kyiv.') == []


def test_a_pronoun_speaker_takes_the_previous_speaker(nlp: Language) -> None:
    text = (
        "Olga Oliker, a researcher, said the talks were stalled. "
        "“There is no movement at all,” she said."
    )
    direct = [q for q in quotes(nlp, text) if q["kind"] == "direct"]
    assert direct[0]["speaker_text"] == "she"
    assert direct[0]["speaker_actor"] == "person:olga-oliker"


def test_a_quote_that_never_closes_does_not_swallow_the_document(nlp: Language) -> None:
    text = "“This opens and never closes, Bondarev said.\n\n" + "Moscow waited. " * 200
    found = quotes(nlp, text)
    assert all(q["end"] <= text.index("\n\n") for q in found)


def test_a_quotation_continued_over_paragraphs_keeps_its_speaker(nlp: Language) -> None:
    text = (
        "“The first paragraph of a long statement runs on here with many words in it.\n\n"
        "“And the second paragraph ends it,” Gabuev said."
    )
    found = quotes(nlp, text)
    assert len(found) == 2
    assert {q["speaker_actor"] for q in found} == {"person:alexander-gabuev"}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(["“", "”", '"', "‘", "’", " said Putin", " word", ".", "\n", "\n\n"]),
        max_size=60,
    )
)
def test_text_full_of_quotation_marks_gives_clean_spans(nlp: Language, parts: list[str]) -> None:
    text = "".join(parts)
    for quote in quotes(nlp, text):
        assert 0 <= quote["start"] <= quote["end"] <= len(text)
        assert quote["kind"] in {"direct", "indirect"}


def test_a_hyphenated_speaker_keeps_the_whole_name_and_its_short_form(nlp: Language) -> None:
    text = (
        '"The door is open," said Tamsin Oduya-Brandt, a researcher at a small trust. '
        '"But nobody walks through it," Oduya-Brandt said.'
    )
    found = quotes(nlp, text)
    assert [q["speaker_text"] for q in found] == ["Tamsin Oduya-Brandt", "Oduya-Brandt"]
    assert {q["speaker_actor"] for q in found} == {"unresolved:tamsin-oduya-brandt"}


def test_a_pronoun_speaker_is_the_person_reporting_in_the_sentence_before(nlp: Language) -> None:
    # the last direct quotation was someone else's; the sentence just before has its own
    # speaker, whom "he" continues (centering: the previous sentence's subject)
    text = (
        "“The border stays closed,” Vucic said on Monday.\n\n"
        "Ivan Marković, the opposition's negotiator, said the talks had stalled.\n\n"
        "“We will not sign a blank cheque,” he said."
    )
    last = quotes(nlp, text)[-1]
    assert last["text"] == "We will not sign a blank cheque"
    assert last["speaker_actor"] == "unresolved:ivan-markovic"


def test_a_pronoun_speaker_is_a_person_never_a_state(nlp: Language) -> None:
    text = (
        "“Havana is a good host,” the Cuban foreign ministry said, thanking Cuba.\n\n"
        "President Gustavo Petro also said that his team was ready to talk.\n\n"
        "“We will not hand over the constitution,” he said."
    )
    last = quotes(nlp, text)[-1]
    assert last["speaker_actor"] == "unresolved:gustavo-petro"


def test_a_dateline_before_the_subject_is_not_the_speaker(nlp: Language) -> None:
    text = "GOMA, May 4 (Lake Wire) — The M23 said on Monday that it would leave the town."
    found = quotes(nlp, text)
    assert [q["speaker_actor"] for q in found] == ["group:m23"]


def test_a_quotation_that_names_a_thing_is_the_namers(nlp: Language) -> None:
    text = (
        "Maria Lopez called the deal “the reform we promised”, while Andres Castillo said "
        "the talks had stalled."
    )
    direct = [q for q in quotes(nlp, text) if q["kind"] == "direct"]
    assert [q["speaker_actor"] for q in direct] == ["unresolved:maria-lopez"]


def indirect(nlp: Language, text: str) -> list[str]:
    return [q["text"] for q in quotes(nlp, text) if q["kind"] == "indirect"]


def test_reported_speech_keeps_the_marks_of_a_quoted_phrase_it_holds(nlp: Language) -> None:
    assert indirect(nlp, "Lavrov said the border would stay closed “until further notice”.") == [
        "the border would stay closed “until further notice”"
    ]
    assert indirect(nlp, "Lavrov told reporters that “real progress” had been made.") == [
        "“real progress” had been made"
    ]


def test_reported_speech_ends_before_a_conjunction_that_opens_another_report(
    nlp: Language,
) -> None:
    text = (
        "Chile's air force said Peru flew two jets over Arica, and Peru's defence ministry "
        "said its pilots had stayed in Peruvian airspace."
    )
    assert indirect(nlp, text) == [
        "Peru flew two jets over Arica",
        "its pilots had stayed in Peruvian airspace",
    ]


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "The rebels said they remained committed to the talks and urged Cairo to host "
            "a new round.",
            "they remained committed to the talks",
        ),
        (
            "Henri Ruiz said the parties had more in common than they thought, and proposed "
            "a joint text.",
            "the parties had more in common than they thought",
        ),
        (  # a second act of the clause's own subject stays in the clause
            "The envoy said the army had retreated and regrouped near the river.",
            "the army had retreated and regrouped near the river",
        ),
    ],
)
def test_reported_speech_ends_before_the_speakers_next_act(
    nlp: Language, text: str, clause: str
) -> None:
    assert indirect(nlp, text) == [clause]


def test_reported_speech_naming_its_subject_before_a_quotation_is_both(nlp: Language) -> None:
    text = "Lavrov said the West “would never be allowed to dictate terms to Moscow”."
    assert indirect(nlp, text) == ["the West “would never be allowed to dictate terms to Moscow”"]


def test_reported_speech_that_is_a_pronoun_and_a_quotation_is_the_quotation(
    nlp: Language,
) -> None:
    text = "Lavrov said they were “ready to talk to anyone at any time”."
    assert indirect(nlp, text) == []
    assert [q["kind"] for q in quotes(nlp, text)] == ["direct"]


def test_reported_speech_ends_before_the_speakers_participle_and_quotation(
    nlp: Language,
) -> None:
    text = (
        "Lavrov stressed that he hoped the new round would bring results, saying, “We have "
        "waited long enough for a serious answer from the other side.”"
    )
    assert indirect(nlp, text) == ["he hoped the new round would bring results"]


def test_reported_speech_with_a_clause_of_its_own_before_a_quotation_is_both(
    nlp: Language,
) -> None:
    text = (
        "Lavrov said that while Moscow welcomed the talks, “the main thing for us is to "
        "reach our goals,” which he said had not changed since the spring."
    )
    assert indirect(nlp, text)[0] == (
        "while Moscow welcomed the talks, “the main thing for us is to reach our goals"
    )


def test_a_speech_participle_set_off_by_a_comma_is_the_main_subjects(nlp: Language) -> None:
    # the parser hangs "saying" on the demand's clause; it reports the sentence's subject
    text = (
        "Sergei Lavrov said on Saturday that he had signed nothing. He also dismissed Rama's "
        "demand that the two men sign the protocol at a signing ceremony in Vienna, saying "
        "his pledge to NATO was enough."
    )
    found = [q for q in quotes(nlp, text) if q["text"].startswith("his pledge")]
    assert [q["speaker_actor"] for q in found] == ["person:sergei-lavrov"]


def test_reported_speech_starts_after_that_even_where_the_parser_mistags_it(
    nlp: Language,
) -> None:
    text = 'Its spokesman, Ali Traore, said on state radio that Mali "will never talk to them".'
    assert indirect(nlp, text) == ['Mali "will never talk to them"']
    assert indirect(nlp, "Lavrov said that was not likely before the summer.") == [
        "that was not likely before the summer"
    ]


@pytest.mark.parametrize(
    ("text", "phrase", "actor", "words"),
    [
        # a parenthetical attribution far from the quoted phrase, after another speaker
        (
            "Nurses' leader Maria Lopez spoke after Health Minister Elena Varga. “We will "
            "wait,” Varga said. The strike, Lopez said, had been “a last resort” for the nurses.",
            "a last resort",
            "unresolved:maria-lopez",
            "Lopez",
        ),
        # a short phrase whose only attribution is the reported clause's; an unnamed speaker
        # keeps the words of the attribution ("he")
        (
            "A senior official at the treasury said a deal was possible. Looking back, he said, "
            "the collapse of the first round had been “a matter of time” once the banks left.",
            "a matter of time",
            None,
            "he",
        ),
    ],
)
def test_a_quoted_phrase_inside_reported_speech_is_the_reporters_words(
    nlp: Language, text: str, phrase: str, actor: str | None, words: str
) -> None:
    direct = [q for q in quotes(nlp, text) if q["kind"] == "direct" and q["text"] == phrase]
    assert [(q["speaker_actor"], q["speaker_text"]) for q in direct] == [(actor, words)]


def test_a_quoted_answer_the_parser_splits_is_still_its_raters(nlp: Language) -> None:
    # the parser hangs the quotation's second clause on "put": the first part still names
    # the rater, not the speaker of the paragraph before
    text = (
        "The mayor's spokeswoman, Ines Duarte, told the city paper that a deal was “within "
        "sight”.\n\nFew agree. Tomas Hale, who studies labour disputes at the Lisbon Institute, "
        "put the chance of a deal before the holiday at “one in six, and that is kind”."
    )
    direct = [q for q in quotes(nlp, text) if q["text"].startswith("one in six")]
    assert [q["speaker_actor"] for q in direct] == ["unresolved:tomas-hale"]


@pytest.mark.parametrize(
    ("text", "phrase", "actor"),
    [
        (
            "Marta Solis, an analyst at the Harbour Institute, has followed the talks for years. "
            "In her view, the walkout was “pure theatre” and the return “a done deal”.",
            "a done deal",
            "unresolved:marta-solis",
        ),
        (
            "Diplomats disagree. In the view of Jonas Berg, a former envoy, the summit was "
            "“a photo opportunity”.",
            "a photo opportunity",
            "unresolved:jonas-berg",
        ),
    ],
)
def test_a_quotation_given_as_someones_view_is_theirs(
    nlp: Language, text: str, phrase: str, actor: str
) -> None:
    direct = [q for q in quotes(nlp, text) if q["text"] == phrase]
    assert [q["speaker_actor"] for q in direct] == [actor]


def test_a_quotation_in_the_writers_own_view_is_no_quote(nlp: Language) -> None:
    assert quotes(nlp, "In my view, the plan is “a step back”.") == []

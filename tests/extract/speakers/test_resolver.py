"""Who said it: the shared speaker rules (``zopa.extract.speakers``) seen through the quotes
and estimates they attribute, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.speakers.helpers import holders, quotes, speaker_of
from zopa.extract import CLAIMS, ESTIMATES, FIELDS, build_pipeline


@pytest.fixture(scope="module")
def nlp(speakers_nlp: Language) -> Language:
    return speakers_nlp


# --- offices ------------------------------------------------------------------------------------


def test_a_definite_office_is_the_person_named_with_it_before(nlp: Language) -> None:
    text = (
        "Tomas Varga, the Hungarian government's chief negotiator, arrived on Monday. "
        "“We will not sign this text,” the negotiator told reporters."
    )
    assert speaker_of(nlp, text, "We will not sign") == (
        "unresolved:tomas-varga",
        "the negotiator",
    )


def test_a_hyphenated_office_is_the_person_named_with_it_before(nlp: Language) -> None:
    text = (
        "The agency's director-general, Lena Varga, chaired the talks in Suva. "
        "“That is not likely,” the director-general said."
    )
    assert speaker_of(nlp, text, "That is not likely") == (
        "unresolved:lena-varga",
        "the director-general",
    )


def test_an_office_written_as_a_name_gives_way_to_the_person_in_apposition(
    nlp: Language,
) -> None:
    text = (
        "Speaking to reporters after the meeting, the Minister of Transport, Dr Lena Varga, "
        "said the offer was final."
    )
    assert speaker_of(nlp, text, "the offer was final")[0] == "unresolved:lena-varga"


def test_a_leader_of_a_nationality_is_that_states_head_of_government(nlp: Language) -> None:
    text = (
        "Chile's president, Ana Ruiz, and Peru's prime minister, Luis Ortega, met in Lima. "
        "The Peruvian leader said the border would reopen in May."
    )
    assert speaker_of(nlp, text, "the border would reopen") == (
        "unresolved:luis-ortega",
        "The Peruvian leader",
    )


def test_an_unnamed_official_qualified_by_a_state_stays_unnamed(nlp: Language) -> None:
    text = "A senior U.S. official said the sanctions would stay in place until June."
    assert speaker_of(nlp, text, "the sanctions") == (None, "A senior U.S. official")


def test_a_state_organ_speaking_by_its_name_is_its_state(nlp: Language) -> None:
    text = (
        "Chile and Peru reopened talks in Lima on Monday. "
        "Peru's foreign ministry said the border would reopen in May. "
        "The Chilean embassy said that trucks would wait at the crossing."
    )
    assert speaker_of(nlp, text, "the border would reopen")[0] == "PER"
    assert speaker_of(nlp, text, "trucks would wait")[0] == "CHL"
    text = "The Chilean prosecutor's office said that two suspects had been charged."
    assert speaker_of(nlp, text, "two suspects")[0] == "CHL"
    text = "UN agencies said that about 500 aid trucks could cross each day."
    assert speaker_of(nlp, text, "about 500") == (None, "UN agencies")


def test_an_office_owned_by_a_person_is_that_persons_state(nlp: Language) -> None:
    text = (
        "Chilean President Ana Ruiz flew to Lima on Monday. "
        "Her office said that the two leaders had agreed to meet again in June."
    )
    assert speaker_of(nlp, text, "the two leaders")[0] == "CHL"


def test_a_spokeswoman_for_a_ministry_speaks_for_its_state(nlp: Language) -> None:
    text = (
        "Talks resumed in Lima. A spokeswoman for the Chilean foreign ministry said "
        "that Santiago would send a new negotiator."
    )
    assert speaker_of(nlp, text, "Santiago would send")[0] == "CHL"
    text = "A Pentagon spokesperson said that the drills would go ahead in March."
    (pentagon,) = (m.kb_id_ for m in nlp(text).spans["zopa_actors"])
    assert speaker_of(nlp, text, "the drills") == (pentagon, "A Pentagon spokesperson")


def test_a_government_named_by_its_leader_is_the_state(nlp: Language) -> None:
    text = "The Trump administration has said that the tariffs will stay until autumn."
    assert speaker_of(nlp, text, "the tariffs")[0] == "USA"


def test_the_publication_is_the_outlet_named_before(nlp: Language) -> None:
    text = (
        "Reuters reported on Monday that the talks had stalled. "
        "The agency said that both delegations blamed each other for the delay."
    )
    assert speaker_of(nlp, text, "both delegations")[0] == "org:reuters"


# --- honorifics and gender ----------------------------------------------------------------------


def test_a_name_with_an_honorific_is_the_person_named_in_full_before(nlp: Language) -> None:
    text = (
        "Tomas Brandt, the trade commissioner, flew to Oslo on Sunday. "
        "Mr. Brandt said that the quota talks would resume in March."
    )
    assert speaker_of(nlp, text, "the quota talks")[0] == "unresolved:tomas-brandt"


def test_she_skips_a_man_named_by_his_honorific(nlp: Language) -> None:
    text = (
        "Amara Okoye and Lucia Ferreira met in Accra on Tuesday. "
        "Mr. Okoye told Ms. Ferreira that the offer had expired. "
        "“We expected more from this meeting,” she said."
    )
    assert speaker_of(nlp, text, "We expected more") == ("unresolved:lucia-ferreira", "she")


def test_he_takes_an_earlier_sentences_subject_before_a_later_quotes_speaker(
    nlp: Language,
) -> None:
    text = (
        "Paulo Reis, Brazil's special envoy, said the region could not afford a war. "
        "“Nobody wins this,” said spokeswoman Carla Mendes. "
        "Mr. Reis added that he would travel to Caracas."
    )
    assert speaker_of(nlp, text, "he would travel")[0] == "unresolved:paulo-reis"


def test_he_after_a_quotation_of_two_sentences_is_the_speaker_named_before_it(
    nlp: Language,
) -> None:
    # issue 10: the port minister's words stood before; the union leader spoke last
    text = (
        "Transport Minister Paul Whitcombe said he welcomed the deal. "
        "“This is a good day for the city. The workers earned it,” he said.\n\n"
        "Union leader Marcus Delaney said the union had accepted the pay offer. "
        "“We said from the start that pension cuts were unacceptable. "
        "Now we have it in writing,” he said."
    )
    assert speaker_of(nlp, text, "We said from the start")[0] == "unresolved:marcus-delaney"
    assert speaker_of(nlp, text, "This is a good day")[0] == "unresolved:paul-whitcombe"


# --- unnamed sources ----------------------------------------------------------------------------


def test_a_pronoun_after_an_unnamed_source_stays_unnamed(nlp: Language) -> None:
    text = (
        "Maria Lund, the Swedish envoy, left Geneva on Friday. "
        "A senior European diplomat said the talks had stalled. "
        "“Nobody is moving an inch,” she said."
    )
    assert speaker_of(nlp, text, "Nobody is moving") == (None, "she")


# --- statements, hosts and media ----------------------------------------------------------------


def test_the_statement_speaks_for_its_author_not_who_read_it(nlp: Language) -> None:
    text = (
        "In a statement read out by his spokesman, Darius Venn, President Karel Moor said "
        "the ceasefire would hold. “We will keep our word to the mediators,” the statement said."
    )
    assert speaker_of(nlp, text, "We will keep")[0] == "unresolved:karel-moor"


def test_it_after_a_statement_is_the_statements_author(nlp: Language) -> None:
    text = (
        "In a statement issued through his office, Karel Moor said the talks with Hungary "
        "would go on. “We welcome every neutral observer,” it said."
    )
    assert speaker_of(nlp, text, "We welcome")[0] == "unresolved:karel-moor"


def test_a_statement_read_out_by_a_host_is_its_authors(nlp: Language) -> None:
    text = (
        "Spokesman Darius Venn read out a statement from President Karel Moor saying "
        "the border would stay closed."
    )
    assert speaker_of(nlp, text, "the border")[0] == "unresolved:karel-moor"


def test_a_medium_quoting_someone_is_not_the_speaker(nlp: Language) -> None:
    text = "State television quoted Karel Moor as saying that the border would stay closed."
    assert speaker_of(nlp, text, "the border")[0] == "unresolved:karel-moor"


def test_according_to_a_source_the_named_speaker_speaks(nlp: Language) -> None:
    text = (
        "According to the foreign ministry, Karel Moor told the envoys that the border "
        "would stay closed."
    )
    reported = quotes(nlp, text, "indirect")
    assert [(q["text"], q["speaker_actor"]) for q in reported] == [
        ("the border would stay closed", "unresolved:karel-moor")
    ]


# --- continuation and cataphora -----------------------------------------------------------------


def test_an_unattributed_paragraph_continues_the_resolved_speaker(nlp: Language) -> None:
    text = (
        "Tomas Varga, the Hungarian government's chief negotiator, arrived on Monday.\n\n"
        "“We will not sign,” the negotiator said.\n\n"
        "“This text is not a compromise. It is a surrender of everything we asked for.”"
    )
    assert speaker_of(nlp, text, "This text")[0] == "unresolved:tomas-varga"


def test_a_pronoun_before_the_main_subject_is_that_subject(nlp: Language) -> None:
    text = (
        "After months in which he had said a deal was close, Sergei Lavrov admitted on "
        "Friday that the talks had failed."
    )
    assert speaker_of(nlp, text, "a deal was close")[0] == "person:sergei-lavrov"


# --- one resolver for every kind ----------------------------------------------------------------


def test_an_estimates_holder_is_resolved_like_a_quotes_speaker(nlp: Language) -> None:
    text = (
        "Tomas Varga, the Hungarian government's chief negotiator, spoke on Monday. "
        "The negotiator said a deal was unlikely this year."
    )
    doc = nlp(text)
    holders = [s._.get(FIELDS)["holder_actor"] for s in doc.spans[ESTIMATES]]
    assert holders == ["unresolved:tomas-varga"]


def test_words_a_speaker_describes_something_as_are_the_speakers(nlp: Language) -> None:
    text = (
        "Sergei Lavrov met the envoys on Monday and described the talks as “useful but very hard”."
    )
    assert speaker_of(nlp, text, "useful but")[0] == "person:sergei-lavrov"


def test_said_in_a_statement_that_reports_the_clause(nlp: Language) -> None:
    text = "Sergei Lavrov said in a statement that Moscow expected both sides to respect the truce."
    assert speaker_of(nlp, text, "Moscow expected")[0] == "person:sergei-lavrov"


def test_a_pronoun_takes_a_possessor_before_it_in_its_own_sentence(nlp: Language) -> None:
    text = (
        "Kadri Liik met the press in Tallinn on Monday. "
        "Sergei Lavrov's aim is to gain time, which is why he says a deal is unlikely this year."
    )
    doc = nlp(text)
    holders = [s._.get(FIELDS)["holder_actor"] for s in doc.spans[ESTIMATES]]
    assert holders == ["person:sergei-lavrov"]


@pytest.fixture(scope="module")
def claims_nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_claims"))


def test_a_pronoun_in_a_quotation_refers_inside_it(claims_nlp: Language) -> None:
    nlp = claims_nlp
    text = (
        "Russia kept shelling the port on Sunday. "
        "“Ukraine is tired of promises and maybe they don't want a deal at all,” Trump said."
    )
    doc = nlp(text)
    wanting = [s for s in doc.spans[CLAIMS] if "want" in s.text]
    assert [s._.get(FIELDS)["actor"] for s in wanting] == ["UKR"]


def test_a_prisoners_release_is_not_a_press_release(claims_nlp: Language) -> None:
    nlp = claims_nlp
    text = "“The release of Omar Haddad is a red line,” Sergei Lavrov told reporters."
    doc = nlp(text)
    assert [s._.get(FIELDS)["actor"] for s in doc.spans[CLAIMS]] == ["person:sergei-lavrov"]


def test_a_short_quotation_that_is_its_whole_paragraph_continues_the_speaker(
    nlp: Language,
) -> None:
    text = (
        "“We have waited long enough for an answer from the other side,” Sergei Lavrov "
        "said on Monday.\n\n“Now it is their turn.”\n\nThe talks resume on Friday."
    )
    assert speaker_of(nlp, text, "Now it is") == ("person:sergei-lavrov", "Sergei Lavrov")


def test_a_man_reported_speaking_of_himself_is_not_she(nlp: Language) -> None:
    text = (
        "Tomas Brandt said he would stay in Oslo until Friday. "
        "Brandt then met Ines Duarte, the Portuguese envoy. "
        "“We are closer than a week ago,” she said."
    )
    assert speaker_of(nlp, text, "We are closer")[0] == "unresolved:ines-duarte"


def test_an_object_pronoun_says_nothing_of_the_subjects_gender(nlp: Language) -> None:
    text = (
        "Volodymyr Zelensky arrived in Brussels on Monday. "
        "Helga Brandt said the bloc would stand by him. "
        "“We will not leave Ukraine alone,” she said."
    )
    assert speaker_of(nlp, text, "We will not leave")[0] == "unresolved:helga-brandt"


# --- quotations that are a speaker's words inside a clause --------------------------------------


def test_a_short_quotation_a_person_puts_odds_at_is_that_persons(nlp: Language) -> None:
    text = (
        "A senior Chilean negotiator said the talks would go on. "
        "The negotiator put the chance of a deal this month at “one in four”."
    )
    assert speaker_of(nlp, text, "one in four") == (None, "The negotiator")


def test_a_short_quotation_a_named_person_gives_is_that_persons(nlp: Language) -> None:
    text = "Lena Varga, a researcher at a Vienna institute, gave the truce “a 30% chance”."
    assert speaker_of(nlp, text, "a 30% chance") == ("unresolved:lena-varga", "Lena Varga")
    assert holders(nlp, text)[0][1] == "unresolved:lena-varga"


def test_a_short_quotation_a_person_accuses_someone_of_is_that_persons(nlp: Language) -> None:
    text = "The union's leader, Paul Okafor, accused the employers of “starving the port”."
    assert speaker_of(nlp, text, "starving the port")[0] == "unresolved:paul-okafor"


def test_a_scare_quoted_name_of_a_thing_a_state_does_is_no_quotation(nlp: Language) -> None:
    text = "Russia launched its “special operation” in February and the war went on."
    assert quotes(nlp, text) == []


def test_a_quotation_after_a_colon_is_the_subject_of_the_clause_before_it(
    nlp: Language,
) -> None:
    text = (
        "Tomas Berg met the press in Oslo. Chile's chief negotiator, Rosa Medina, was blunt: "
        "“There will be no deal this year, and I'd say the chances of one in spring are slim.”"
    )
    assert speaker_of(nlp, text, "There will be no deal")[0] == "unresolved:rosa-medina"
    assert [actor for _, actor, _ in holders(nlp, text)] == ["unresolved:rosa-medina"]


def test_odds_of_something_happening_put_at_a_quoted_figure_are_the_putters(
    nlp: Language,
) -> None:
    # "at" hangs on the participle "slipping", which has no subject of its own
    text = "The mediator put the odds of the deadline slipping at “two to one”."
    assert speaker_of(nlp, text, "two to one") == (None, "The mediator")


def test_a_quoted_phrase_under_a_verb_of_no_saying_or_judging_is_a_scare_quote(
    nlp: Language,
) -> None:
    text = (
        "Sergei Lavrov tried to rewrite the treaty by “emergency decrees”, but failed. "
        "He seeks to leave his mark in history as “the minister who ended the war.”"
    )
    assert quotes(nlp, text) == []


def test_a_quoted_phrase_a_person_hails_something_as_is_that_persons(nlp: Language) -> None:
    text = "Sergei Lavrov hailed the agreement as the end of “a lost decade”."
    assert speaker_of(nlp, text, "a lost decade")[0] == "person:sergei-lavrov"


def test_who_speaks_or_reads_on_behalf_of_someone_gives_their_words(
    speakers_nlp: Language,
) -> None:
    text = (
        "Chile's ambassador, Pablo Reyes, speaking on behalf of Foreign Minister Alberto van "
        "Klaveren, said the deal “cannot be separated from the fishing rights”. A statement "
        "read by Peru's ambassador on behalf of the bloc's chair said the members welcomed "
        "“any step forward”."
    )
    assert speaker_of(speakers_nlp, text, "cannot be separated")[0] == (
        "unresolved:alberto-van-klaveren"
    )
    assert speaker_of(speakers_nlp, text, "any step forward") == (None, "the bloc's chair")


def test_a_standing_role_on_behalf_of_a_body_is_no_statement_read_for_it(
    speakers_nlp: Language,
) -> None:
    text = (
        "President Jens Olsen said the city would not accept the offer. “The port is ready,” "
        "the president said.\n\nCouncil Speaker Tom Berg, who negotiates on behalf of Hamas, "
        "was less hopeful. Speaking to a local paper, he said the group would not disarm "
        "“while the talks go on”."
    )
    assert speaker_of(speakers_nlp, text, "while the talks")[0] == "unresolved:tom-berg"

"""Arguments read over the passage: the other side of an answer, the story's pair of
parties, and mediators that are never one of "the two sides" (sentences written for
these tests)."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.events.conftest import PUBLISHED
from zopa.extract.events import iter_event_fields


def dyads(nlp: Language, text: str) -> set[tuple[str, str | None, str | None]]:
    doc = nlp.make_doc(text)
    doc._.zopa_published = PUBLISHED
    return {(e["type"], e["source_actor"], e["target_actor"]) for e in iter_event_fields(nlp(doc))}


def test_a_refusal_with_no_object_answers_the_other_party(nlp: Language) -> None:
    text = (
        "Peru and Chile held talks in Lima on Monday. Chile asked Peru to reopen the "
        "border crossing at Tacna. Peru refused."
    )
    assert ("REJECT", "PER", "CHL") in dyads(nlp, text)


def test_an_agreement_with_no_object_is_made_with_the_other_party(nlp: Language) -> None:
    text = (
        "Bolivia and Paraguay resumed talks on the river on Monday. Paraguay proposed a "
        "joint commission. Bolivia agreed."
    )
    assert ("AGREE", "BOL", "PRY") in dyads(nlp, text)


def test_an_answer_of_a_third_party_takes_no_side(nlp: Language) -> None:
    text = "Bolivia and Paraguay resumed talks on the river on Monday. Brazil agreed."
    assert not {d for d in dyads(nlp, text) if d[1] == "BRA" and d[2] is not None}


def test_the_two_delegations_are_never_the_mediators(nlp: Language) -> None:
    text = (
        "Ghana and Togo held talks in Accra on Tuesday, mediated by Norway and "
        "Switzerland. The two delegations agreed to meet again in May."
    )
    found = dyads(nlp, text)
    assert not {d for d in found if {d[1], d[2]} == {"NOR", "CHE"}}
    assert {d for d in found if d[0] == "AGREE" and {d[1], d[2]} == {"GHA", "TGO"}}


def test_the_next_round_is_held_by_the_story_pair(nlp: Language) -> None:
    text = (
        "Ghana and Togo held a round of talks on the border in Accra on Monday. Ghana "
        "accused Togo of moving its border posts. France and Germany called for calm. "
        "The next round of talks is due in Lome in June."
    )
    consults = {frozenset((d[1], d[2])) for d in dyads(nlp, text) if d[0] == "CONSULT"}
    assert consults == {frozenset(("GHA", "TGO"))}


def test_a_deadline_given_is_a_demand_of_the_one_given_it(nlp: Language) -> None:
    text = "Chile and Peru met in Lima. Chile gave Peru until Friday to accept the new draft."
    found = dyads(nlp, text)
    assert ("REQUEST", "CHL", "PER") in found
    assert not {d for d in found if d[0] == "AGREE"}  # the acceptance is only asked for


def test_a_conditional_act_against_another_side_is_a_threat(nlp: Language) -> None:
    text = (
        "Guatemala would take the dispute to the International Court of Justice if Belize "
        "began building the road."
    )
    assert ("THREATEN", "GTM", "BLZ") in dyads(nlp, text)


def test_a_condition_no_one_is_named_in_asks_the_other_party(nlp: Language) -> None:
    text = (
        "Peru and Chile held talks on tariffs in Lima. Peru would take the matter to the "
        "World Trade Organization unless the port ban was lifted."
    )
    assert ("THREATEN", "PER", "CHL") in dyads(nlp, text)


def test_a_conditional_act_of_a_known_type_keeps_its_type(nlp: Language) -> None:
    text = "Mexico would impose sanctions on Ecuador if the embassy raid was repeated."
    found = dyads(nlp, text)
    assert ("SANCTION", "MEX", "ECU") in found
    assert not {d for d in found if d[0] == "THREATEN"}


def test_a_passive_act_with_no_agent_has_no_doer_from_the_main_clause(nlp: Language) -> None:
    text = "Ecuador began drilling again before a deal was signed."
    assert not {d for d in dyads(nlp, text) if d[0] == "AGREE"}


def test_an_answer_naming_its_own_object_gets_no_party_from_the_passage(
    nlp: Language,
) -> None:
    text = "Peru and Chile held talks in Lima on Monday. Peru rejected a new map."
    assert ("REJECT", "PER", None) in dyads(nlp, text)


def test_a_conditional_act_on_a_condition_naming_no_one_is_no_threat(nlp: Language) -> None:
    text = (
        "Peru and Chile held talks on tariffs in Lima. If diplomacy fails, Peru will try "
        "to get it some other way."
    )
    assert not {d for d in dyads(nlp, text) if d[0] == "THREATEN"}


def test_what_a_relative_clause_rejects_is_its_head(nlp: Language) -> None:
    text = (
        "Peru and Chile held talks in Lima on Monday. Chile wants a new map, something "
        "Peru has rejected."
    )
    assert not {d for d in dyads(nlp, text) if d[0] == "REJECT" and d[2] == "CHL"}


def test_an_act_refused_until_a_condition_is_met_is_no_threat(nlp: Language) -> None:
    text = (
        "Peru and Chile held talks in Lima. Peru made clear that it will not put its name "
        "to the document until Chile changes its law."
    )
    assert not {d for d in dyads(nlp, text) if d[0] == "THREATEN"}


def test_talks_measured_by_their_length_are_the_story_pair_s(nlp: Language) -> None:
    text = (
        "Ghana and Togo have argued over the border since 2019. Ghana accused Togo of "
        "moving its posts. Two days of talks in Accra ended on Friday without a deal."
    )
    consults = {frozenset((d[1], d[2])) for d in dyads(nlp, text) if d[0] == "CONSULT"}
    assert consults == {frozenset(("GHA", "TGO"))}


def test_a_meeting_of_some_hours_is_the_story_pair_s(nlp: Language) -> None:
    text = (
        "Bolivia and Paraguay resumed their dispute over the river in March. Paraguay "
        "accused Bolivia of diverting water. A three-hour meeting in Asuncion produced no "
        "statement."
    )
    consults = {frozenset((d[1], d[2])) for d in dyads(nlp, text) if d[0] == "CONSULT"}
    assert consults == {frozenset(("BOL", "PRY"))}


def test_unmeasured_talks_with_no_parties_stay_uncoded(nlp: Language) -> None:
    text = (
        "Ghana and Togo have argued over the border since 2019. Ghana accused Togo of "
        "moving its posts. Talks are often slow, one analyst said."
    )
    assert not {d for d in dyads(nlp, text) if d[0] == "CONSULT"}


def test_a_deadline_given_by_date_is_a_demand_whatever_the_classifier_reads(
    nlp: Language,
) -> None:
    found = dyads(nlp, "Chile gave Peru until November 20 to accept the offer.")
    assert ("REQUEST", "CHL", "PER") in found
    assert not {d for d in found if d[0] == "AGREE"}

"""A body named by what it is ("the government", "his government", "the kingdom") holds
the claim of the actor it stands for. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_claims"))


def _actors(nlp: Language, text: str) -> list[Any]:
    doc = nlp(text)
    return sorted({span._.zopa_fields["actor"] for span in doc.spans["zopa_claims"]})


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the latest government named with its state
        (
            "The Peruvian government met the rebels. Later the government demanded the "
            "reopening of the passes.",
            "PER",
        ),
        # else the state of the latest office holder linked to one
        (
            "Juan Soto, Peru's foreign minister, opened the talks. "
            "The government rejected the new tolls.",
            "PER",
        ),
        # the government's negotiator, through the government
        (
            "Bolivia's government sent envoys. "
            "The government's negotiator rejected a constituent assembly.",
            "BOL",
        ),
        # "government negotiators": the government they negotiate for
        (
            "Juan Soto, Peru's foreign minister, opened the talks. "
            "Government negotiators prefer a phased exchange of detainees.",
            "PER",
        ),
        # "X said his government ...": X's state
        (
            "Juan Soto, Chile's foreign minister, said his government wanted a new toll regime.",
            "CHL",
        ),
        # "the party": the latest group or organisation named
        (
            "Juan Soto spoke for the Andean Unity Party. The party rejected the new tolls.",
            "unresolved:andean-unity-party",
        ),
        # the latest state whose official name makes it a kingdom
        (
            "Saudi Arabia hosted the round. The kingdom rejected the new tolls.",
            "SAU",
        ),
    ],
)
def test_a_body_named_by_what_it_is_holds_the_claim_of_its_actor(
    nlp: Language, text: str, actor: str
) -> None:
    assert _actors(nlp, text) == [actor]


def test_the_government_a_speaker_reports_is_left_to_the_speaker(nlp: Language) -> None:
    # Peru's government is named last, but the Chilean minister says what "the government"
    # wants: the holder rules give it to the speaker (linked to Chile), not to Peru
    text = (
        "Juan Soto, Chile's foreign minister, met the Peruvian government. "
        "Soto said the government wanted a new toll regime."
    )
    assert _actors(nlp, text) == ["unresolved:juan-soto"]


@pytest.mark.parametrize(
    ("text", "not_the_holder"),
    [
        # a country with no owner is as often a place as an actor
        ("Peru hosted the talks. The country will never accept the new tolls.", "PER"),
        # no government named and no office holder before it
        ("Peru hosted the talks. The government rejected the new tolls.", "PER"),
        # "his party" when the document does not say which party he belongs to: not his state
        ("Juan Soto, Chile's foreign minister, said his party wanted a new toll regime.", "CHL"),
    ],
)
def test_a_body_the_document_does_not_tie_to_an_actor_is_not_guessed(
    nlp: Language, text: str, not_the_holder: str
) -> None:
    assert not_the_holder not in _actors(nlp, text)


def test_the_kingdom_in_a_clause_reported_by_its_own_official_is_that_state(
    nlp: Language,
) -> None:
    # no state named before: the reporter's nationality says which kingdom
    text = "In Riyadh, a Saudi official said the kingdom supported a ceasefire in Yemen."
    assert _actors(nlp, text) == ["SAU"]


def test_his_side_under_an_unnamed_reporter_is_the_reporters_state(nlp: Language) -> None:
    # "his" is the reporter, not the person named before
    text = (
        "Andres Castillo arrived in Kinshasa on Monday. A Rwandan negotiator said his side "
        "was ready to accept a buffer zone."
    )
    assert _actors(nlp, text) == ["RWA"]


def test_his_government_is_the_state_owning_the_reporters_office(nlp: Language) -> None:
    # the minister is unknown to the gazetteer; the state owning the office says whose
    text = "Rwanda's foreign minister, Andres Castillo, said his government favoured a ceasefire."
    assert _actors(nlp, text) == ["RWA"]


def test_a_government_delegation_reporting_is_the_government_it_belongs_to(
    nlp: Language,
) -> None:
    text = (
        "The Peruvian government met the rebels in Lima. The government delegation says it "
        "will not sign any deal unless the rebels free the hostages."
    )
    assert _actors(nlp, text) == ["PER"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # "the union": the head word of an organisation named before
        (
            "The Coastal Nurses' Union met the hospital board on Monday. "
            "The union wants a shorter working week.",
            "unresolved:coastal-nurses-union",
        ),
        # "the employers": a plural word of its name names its members
        (
            "The Inland Bus Employers' Federation tabled a new offer. "
            "The employers want a seven-year contract.",
            "unresolved:inland-bus-employers-federation",
        ),
        # a news lede names the body before its name
        (
            "The association rejected any cut in pension contributions. "
            "The Northern Grocers' Association said talks would resume on Friday.",
            "unresolved:northern-grocers-association",
        ),
    ],
)
def test_a_body_named_by_a_word_of_an_organisations_name_holds_its_claim(
    nlp: Language, text: str, actor: str
) -> None:
    assert _actors(nlp, text) == [actor]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # an apposition describes the coalition as the opposition
        (
            "The Andean Front, the alliance of opposition parties, met envoys in Lima. "
            "The opposition rejected the new tolls.",
            "unresolved:andean-front",
        ),
        # the name is the apposition of the describing noun
        (
            "The main opposition coalition, the Andean Front, met envoys in Lima. "
            "Later the opposition rejected the new tolls.",
            "unresolved:andean-front",
        ),
        # an adjective of the noun the name qualifies
        (
            "Juan Soto, whose conservative CDU/CSU bloc won the vote, opened talks. "
            "Soto said the conservatives had accepted the new tolls.",
            "unresolved:cdu-csu-bloc",
        ),
        # officials qualified by the word
        (
            "The Andean Front, the alliance of opposition parties, met envoys in Lima. "
            "Opposition officials say they want a new toll regime.",
            "unresolved:andean-front",
        ),
        (
            "The Coastal Nurses' Union met the hospital board on Monday. "
            "Union negotiators want a shorter working week.",
            "unresolved:coastal-nurses-union",
        ),
    ],
)
def test_a_body_named_by_a_word_describing_an_organisation_holds_its_claim(
    nlp: Language, text: str, actor: str
) -> None:
    assert _actors(nlp, text) == [actor]


def test_an_organisation_not_described_by_the_word_is_not_guessed(nlp: Language) -> None:
    text = "The Andean Front met envoys in Lima. The opposition rejected the new tolls."
    assert _actors(nlp, text) == []


def test_a_word_of_a_name_that_is_not_its_head_names_no_one(nlp: Language) -> None:
    text = (
        "The Coastal Nurses' Union met the hospital board on Monday. "
        "The coastal towns want a shorter working week."
    )
    assert _actors(nlp, text) == []


def test_the_group_is_the_body_acting_just_before_when_no_armed_group_is_named(
    nlp: Language,
) -> None:
    # issue 10: an acronym organisation the NER does not call a group ("The ELN answered")
    text = (
        "The Northern Liberation Council answered within hours. Its commander, Rosa Lima, "
        "wrote that the group would never accept a ceasefire imposed from outside."
    )
    assert _actors(nlp, text) == ["unresolved:northern-liberation-council"]
    # too far back (three sentences), no one is the group
    far = (
        "The Northern Liberation Council met on Monday. Rain fell. Roads closed. "
        "Analysts wrote that the group would never accept a ceasefire."
    )
    assert _actors(nlp, far) == []

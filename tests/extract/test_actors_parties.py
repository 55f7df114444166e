"""Political parties and parliaments as actors, and party people linked to their party
(issue 10: a domestic negotiation between parties).

Texts are the team's own, about made-up coalition talks in Sweden, the Netherlands and
New Zealand; the real spaCy pipeline runs on them."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from zopa.extract import ACTORS, build_pipeline
from zopa.extract._doc import ACTOR_INFO


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors",))


def mentions(nlp: Language, text: str) -> dict[str, tuple[str, str]]:
    """Surface → (key, kind) of the document's actor mentions."""
    doc = nlp(text)
    return {" ".join(s.text.split()): (s.kb_id_, s.label_) for s in doc.spans[ACTORS]}


def info_of(nlp: Language, text: str, name: str) -> dict[str, str]:
    doc = nlp(text)
    key = next(s.kb_id_ for s in doc.spans[ACTORS] if " ".join(s.text.split()) == name)
    return dict(doc._.get(ACTOR_INFO).get(key, {}))


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Coalition talks in Stockholm stalled. The Moderates rejected the tax offer and "
            "walked out of the meeting.",
            "Moderates",
        ),
        (
            "The election left no majority. Talks between the Liberal Democrats and the "
            "Labour Party resumed on Tuesday.",
            "Liberal Democrats",
        ),
        (
            "After the election the Conservatives demanded the finance ministry as the price "
            "of any coalition.",
            "Conservatives",
        ),
        (
            "Parliament will vote next week. The Greens said they would back the budget if "
            "the coal subsidy went.",
            "Greens",
        ),
    ],
)
def test_a_party_named_by_its_members_plural_is_an_organisation(
    nlp: Language, text: str, party: str
) -> None:
    assert mentions(nlp, text)[party][1] == "organisation"
    assert info_of(nlp, text, party)["sector"] == "PTY"


def test_a_bloc_named_by_one_word_is_an_organisation(nlp: Language) -> None:
    text = (
        "The coalition talks in Wellington went on late. The Union rejected the offer, "
        "and the Labour Party said it would wait."
    )
    assert mentions(nlp, text)["Union"] == ("unresolved:union", "organisation")


def test_plural_names_outside_party_politics_stay_no_actor(nlp: Language) -> None:
    # No party, coalition, parliament or election: "the Baptists" is no party.
    text = "The Baptists and the Methodists marched together through the town on Sunday."
    assert "Baptists" not in mentions(nlp, text)


def test_a_people_is_no_party_even_in_party_politics(nlp: Language) -> None:
    # A document about parliaments and parties that speaks of peoples.
    text = (
        "The parliament voted on Tuesday. The Germans and the Austrians have been pressured "
        "by other Europeans to back the coalition's plan."
    )
    found = mentions(nlp, text)
    for people in ("Germans", "Austrians", "Europeans"):
        assert found.get(people, ("", ""))[0].startswith("unresolved:") is False, found


@pytest.mark.parametrize(
    ("text", "person", "party"),
    [
        (
            "Coalition talks resumed. Henrik Lund of the Conservatives said the party would "
            "not yield on taxes.",
            "Henrik Lund",
            "Conservatives",
        ),
        (
            "Coalition talks resumed. Anna Berg, the Moderates' co-leader, said a deal was close.",
            "Anna Berg",
            "Moderates",
        ),
        (
            "The coalition talks dragged on. Moderates leader Petra Sandvik said the budget "
            "was settled.",
            "Petra Sandvik",
            "Moderates",
        ),
        (
            "The Greens joined the coalition talks. Ola Vinter, who became the party's "
            "parliamentary leader in May, asked for the climate ministry.",
            "Ola Vinter",
            "Greens",
        ),
    ],
)
def test_a_party_person_gets_the_party_as_affiliation(
    nlp: Language, text: str, person: str, party: str
) -> None:
    fields = info_of(nlp, text, person)
    assert fields["affiliation"] == party
    assert fields["sector"] == "PTY"


def test_an_acronym_given_a_leader_is_a_party(nlp: Language) -> None:
    text = (
        "The VVD leader Mark Dijkhof opened coalition talks in The Hague on Monday. "
        "Sanne Visser of the VVD said the party wanted the finance ministry."
    )
    assert info_of(nlp, text, "Sanne Visser") == {"affiliation": "VVD", "sector": "PTY"}
    assert info_of(nlp, text, "Mark Dijkhof")["affiliation"] == "VVD"


def test_a_person_the_ner_took_for_a_place_is_a_person(nlp: Language) -> None:
    # The small NER sometimes calls a two-word name a place (GPE): set that label on
    # the parsed document, then run the real actor component on it.
    text = "Coalition talks resumed. Lars Klingvik, who leads the party, said little."
    with nlp.select_pipes(disable=["zopa_actors"]):
        doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Lars")
    doc.ents = [Span(doc, start, start + 2, label="GPE")]
    doc = nlp.get_pipe("zopa_actors")(doc)
    found = {s.text: s.label_ for s in doc.spans[ACTORS]}
    assert found["Lars Klingvik"] == "person"


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        (
            "The minority cabinet has no majority in the Riksdag this autumn.",
            "Riksdag",
            "org:riksdag",
        ),
        ("The Sejm passed the pension bill by a wide margin.", "Sejm", "org:sejm"),
        (
            "Lawmakers in the Jogorku Kenesh ratified the treaty.",
            "Jogorku Kenesh",
            "org:jogorku-kenesh",
        ),
    ],
)
def test_a_legislature_is_an_organisation_of_sector_leg(
    nlp: Language, text: str, name: str, key: str
) -> None:
    assert mentions(nlp, text)[name] == (key, "organisation")


def test_an_acronym_led_by_someone_is_a_party_and_their_affiliation(nlp: Language) -> None:
    text = (
        "Coalition talks opened in Oslo. Ivar Solberg-Moen, the regional premier and leader "
        "of the NLP, said his party wanted the farm ministry."
    )
    assert mentions(nlp, text)["NLP"] == ("unresolved:nlp", "organisation")
    assert info_of(nlp, text, "Ivar Solberg-Moen")["affiliation"] == "NLP"

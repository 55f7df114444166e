"""Mediation and hosting events (issue 10): CONSULT with mode ``mediate`` (CAMEO 045) or
``host`` (CAMEO 043), the mediator or host as source, the parties as targets — on
sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import build_pipeline
from zopa.extract.events import iter_event_fields

HAMAS = "group:hamas"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_events"))


def _third_party(nlp: Language, text: str) -> set[tuple[Any, ...]]:
    doc = nlp.make_doc(text)
    doc._.zopa_published = date(2025, 6, 4)
    found = list(iter_event_fields(nlp(doc)))
    return {
        (e["type"], e["mode"], e["cameo"], e["source_actor"], e["target_actor"])
        for e in found
        if e["mode"] in ("mediate", "host") or e["cameo"] in ("043", "045")
    }


def test_coordinated_mediators_each_mediate_between_the_parties(nlp: Language) -> None:
    found = _third_party(
        nlp,
        "The talks between Armenia and Azerbaijan were mediated by the United States and Qatar.",
    )
    assert found == {
        ("CONSULT", "mediate", "045", mediator, party)
        for mediator in ("USA", "QAT")
        for party in ("ARM", "AZE")
    }


@pytest.mark.parametrize(
    ("text", "mode", "cameo", "mediator", "parties"),
    [
        (
            "Talks hosted by Qatar resumed on Monday between Israel and Hamas.",
            "host",
            "043",
            "QAT",
            {"ISR", HAMAS},
        ),
        (
            "Qatar hosted talks between Armenia and Azerbaijan.",
            "host",
            "043",
            "QAT",
            {"ARM", "AZE"},
        ),
        (
            "Norway acted as mediator between Armenia and Azerbaijan.",
            "mediate",
            "045",
            "NOR",
            {"ARM", "AZE"},
        ),
        ("Oman will remain the mediator.", "mediate", "045", "OMN", {None}),
        (
            "Armenia and Azerbaijan held talks in Abu Dhabi mediated by Qatar.",
            "mediate",
            "045",
            "QAT",
            {"ARM", "AZE"},
        ),
        (
            "The ceasefire between Israel and Hamas was brokered by Egypt.",
            "mediate",
            "045",
            "EGY",
            {"ISR", HAMAS},
        ),
        ("The talks, facilitated by Norway, ended on Friday.", "mediate", "045", "NOR", {None}),
        (
            "Qatar, which is mediating between Israel and Hamas, said the talks would resume.",
            "mediate",
            "045",
            "QAT",
            {"ISR", HAMAS},
        ),
        (
            "The mediator, Norway, said the talks would resume next week.",
            "mediate",
            "045",
            "NOR",
            {None},
        ),
    ],
)
def test_mediation_and_hosting(
    nlp: Language, text: str, mode: str, cameo: str, mediator: str, parties: set[str | None]
) -> None:
    found = _third_party(nlp, text)
    assert found == {("CONSULT", mode, cameo, mediator, party) for party in parties}


def test_a_mediator_of_unnamed_nationality_is_no_event(nlp: Language) -> None:
    assert _third_party(nlp, "An Egyptian mediator said a deal was close.") == set()


def test_a_visit_is_still_a_visit(nlp: Language) -> None:
    doc = nlp.make_doc("Netanyahu visited Washington on Monday.")
    doc._.zopa_published = date(2025, 6, 4)
    modes = {(e["mode"], e["cameo"]) for e in iter_event_fields(nlp(doc))}
    assert modes == {("visit", "042")}


def test_a_broker_or_host_is_no_party_to_the_deal_or_talks(nlp: Language) -> None:
    for text, third in (
        ("The United States and Qatar brokered the deal between Armenia and Azerbaijan.", "QAT"),
        ("Qatar hosted talks on Monday.", "QAT"),
    ):
        doc = nlp.make_doc(text)
        doc._.zopa_published = date(2025, 6, 4)
        found = list(iter_event_fields(nlp(doc)))
        assert any(e["source_actor"] == third for e in found), text
        assert all(
            e["mode"] in ("mediate", "host") for e in found if e["source_actor"] in ("USA", third)
        ), found


@pytest.mark.parametrize(
    ("text", "mode", "mediators"),
    [
        # an offer or a readiness to mediate or host keeps its mode (CAMEO 039: intent to mediate)
        ("Oman offered to mediate between Iran and Israel.", "mediate", {"OMN"}),
        ("Kenya said it was ready to host the talks again.", "host", {"KEN"}),
        # a host of the people at the table, of a round, of officials
        ("Qatar has hosted all three rounds of the talks.", "host", {"QAT"}),
        ("Egypt hosted Benjamin Netanyahu and Mahmoud Abbas for talks.", "host", {"EGY"}),
        # guarantors and facilitators named by their role
        ("Norway and Mexico acted as guarantors of the talks.", "mediate", {"NOR", "MEX"}),
        ("Switzerland served as facilitator of the dialogue.", "mediate", {"CHE"}),
        # auspices, good offices, convening
        (
            "Talks between Sudan and South Sudan resumed under the auspices of Kenya.",
            "mediate",
            {"KEN"},
        ),
        ("Switzerland offered its good offices to Armenia and Azerbaijan.", "mediate", {"CHE"}),
        ("The African Union convened talks between Egypt and Ethiopia.", "host", {"org:au"}),
    ],
)
def test_offers_hosts_and_guarantors_are_third_parties(
    nlp: Language, text: str, mode: str, mediators: set[str]
) -> None:
    found = _third_party(nlp, text)
    assert {source for _, m, _, source, _ in found if m == mode} == mediators, found


def test_a_security_guarantor_is_no_mediator(nlp: Language) -> None:
    text = "Britain and France would act as guarantors of Ukraine's security."
    assert _third_party(nlp, text) == set()


def test_coordinated_hosts_of_passive_talks_each_host_and_meet_no_one(nlp: Language) -> None:
    doc = nlp.make_doc("The talks were hosted by Norway and Cuba.")
    doc._.zopa_published = date(2025, 6, 4)
    found = {(e["mode"], e["source_actor"], e["target_actor"]) for e in iter_event_fields(nlp(doc))}
    # Norway and Cuba host; the talks are not a meeting between the two hosts.
    assert found == {("host", "NOR", None), ("host", "CUB", None)}


@pytest.mark.parametrize(
    "text",
    [
        "The signing ceremony was hosted by Ghana's President Ama Boateng.",
        "Ghana hosted the signing of the accord between Togo and Benin.",
    ],
)
def test_a_host_of_a_signing_ceremony_hosts(nlp: Language, text: str) -> None:
    found = _third_party(nlp, text)
    assert any(mode == "host" and cameo == "043" for _, mode, cameo, _, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Sudan proposed that Kenya, Ghana and Senegal form a quartet to mediate the dispute.",
        "Sudan's proposal for Kenya to mediate between Egypt and Ethiopia was discussed.",
    ],
)
def test_a_proposal_to_mediate_is_no_mediation_that_happened(nlp: Language, text: str) -> None:
    # newcomer item 1: a proposed mediation is still to come
    doc = nlp.make_doc(text)
    doc._.zopa_published = date(2025, 6, 4)
    found = [e for e in iter_event_fields(nlp(doc)) if e["mode"] == "mediate"]
    assert found and {e["status"] for e in found} == {"planned"}, found

"""The gold conventions settled by the team (tests/gold/README.md, last section): breaking
off talks is SANCTION 164, refusing to meet is REJECT 125, workers' strikes are PROTEST
(sentences written for these tests)."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.events.conftest import PUBLISHED
from zopa.extract.events import iter_event_fields


def events(nlp: Language, text: str) -> set[tuple[str, str | None, str | None, str | None]]:
    doc = nlp.make_doc(text)
    doc._.zopa_published = PUBLISHED
    return {
        (e["type"], e["cameo"], e["source_actor"], e["target_actor"])
        for e in iter_event_fields(nlp(doc))
    }


def test_walking_out_of_talks_halts_them_towards_the_other_side(nlp: Language) -> None:
    found = events(nlp, "Chile walked out of the negotiations with Peru on Monday.")
    assert ("SANCTION", "164", "CHL", "PER") in found
    assert not {e for e in found if e[0] == "CONSULT"}  # the talks broken off add no meeting


def test_breaking_off_talks_adds_no_meeting(nlp: Language) -> None:
    found = events(nlp, "Ghana broke off the talks with Togo on Tuesday.")
    assert ("SANCTION", "164", "GHA", "TGO") in found
    assert not {e for e in found if e[0] == "CONSULT"}


def test_refusing_to_meet_is_a_rejection(nlp: Language) -> None:
    found = events(nlp, "Peru refused to meet Chile in Lima on Monday.")
    assert ("REJECT", "125", "PER", "CHL") in found
    assert not {e for e in found if e[0] == "CONSULT"}


def test_a_strike_by_workers_is_a_protest_not_an_attack(nlp: Language) -> None:
    found = events(
        nlp, "The strike by dock workers against the Chilean government entered its third week."
    )
    assert not {e for e in found if e[0] == "ASSAULT"}
    assert ("PROTEST", "143", "unresolved:dock-workers", "CHL") in found


def test_striking_a_tone_or_a_law_down_is_no_attack(nlp: Language) -> None:
    for text in (
        "The Supreme Court struck down the law in 2023.",
        "The contract was struck down by a judge in Lima.",
        "Chile's minister, Ana Ruiz, struck a conciliatory tone on Monday.",
        "Georgia had burned its bridges with Brussels, Ruiz said.",
    ):
        assert not {e for e in events(nlp, text) if e[0] == "ASSAULT"}, text


def test_striking_a_city_is_an_attack(nlp: Language) -> None:
    found = events(nlp, "Russia struck Kharkiv with missiles on Monday.")
    assert {e for e in found if e[0] == "ASSAULT" and e[2] == "RUS"}


def test_soldiers_handed_back_or_returned_are_released(nlp: Language) -> None:
    for text in (
        "Chile handed back two Peruvian soldiers at the border on Friday.",
        "Chile returned the two Peruvian fishermen on Friday.",
    ):
        assert ("RETREAT", "0841", "CHL", "PER") in events(nlp, text), text


def test_funding_a_project_is_economic_aid(nlp: Language) -> None:
    found = events(nlp, "Norway will fund a new water plant for Kenya.")
    assert ("AID", "071", "NOR", "KEN") in found


def test_returning_a_call_or_a_verdict_is_no_release(nlp: Language) -> None:
    found = events(nlp, "Chile returned the draft to Peru with comments on Friday.")
    assert not {e for e in found if e[0] == "RETREAT"}

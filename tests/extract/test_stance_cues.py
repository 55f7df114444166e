"""Stance cues added for claims the parties state without a demand verb: conditions with
"only once / only as", "no X without Y", a refusal of whatever lacks something, "not on
the table", keeping things as they are, "would allow", "expects", "pushed for". Sentences
written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_claims"))


def _claims(nlp: Language, text: str) -> list[tuple[Any, ...]]:
    doc = nlp(text)
    return sorted(
        (f["actor"], f["issue"], f["stance"])
        for f in (span._.zopa_fields for span in doc.spans["zopa_claims"])
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Juan Soto said Peru would return to the talks only once Chile stopped blocking "
            "its convoys.",
            ("PER", "meeting_format", "condition"),
        ),
        (
            "Peru said the tolls would be discussed only as part of a wider transport file.",
            ("PER", "open_toll", "condition"),
        ),
        (
            "Peru said it would discuss Soto's case only in a second phase.",
            ("PER", "open_soto_case", "condition"),
        ),
        # "without him": the thing denied is the issue
        (
            '"No exchange, large or small, will happen without him," Juan Soto said.',
            ("unresolved:juan-soto", "open_exchange", "condition"),
        ),
        (
            '"There will be no deal without the northern ports," Juan Soto said.',
            ("unresolved:juan-soto", "open_port", "condition"),
        ),
        # a refusal of whatever lacks something demands it
        (
            "Peru said that it would sign no accord that did not return the northern ports.",
            ("PER", "open_accord", "condition"),
        ),
        (
            "Peru said it would never agree to a swap that left out Juan Soto.",
            ("PER", "open_swap", "condition"),
        ),
        # a judging adjective is the speaker's judgement, not its noun's stance
        (
            "Peru said that the African Union remained the only acceptable mediator.",
            ("PER", "meeting_format", "accept"),
        ),
        # a plain refusal stays one, with or without quotation marks before the verb
        ("Peru said it would never agree to the swap.", ("PER", "open_swap", "red_line")),
        (
            'Peru said it would not "sign a blank cheque" for new tolls.',
            ("PER", "open_cheque", "red_line"),
        ),
        (
            '"Ownership of the northern ports is not on the table," Juan Soto said.',
            ("unresolved:juan-soto", "open_ownership_port", "red_line"),
        ),
        ("Peru said the toll ban would stay in place.", ("PER", "open_toll_ban", "position")),
        (
            "Peru said it would allow the observers to visit the ports.",
            ("PER", "monitoring_verification", "offer"),
        ),
        (
            "Peru expects firm assurances on the mountain road.",
            ("PER", "security_guarantees", "demand"),
        ),
        (
            "Peru pushed for a review of the toll regime.",
            ("PER", "open_review_toll_regime", "demand"),
        ),
        # "expect someone to do": asks them to
        (
            "Peru said it expected Bolivia's negotiators to publish a timetable.",
            ("PER", "process_timeline", "demand"),
        ),
        (
            "The Andean Front said it would expect the commission to report on the tolls.",
            ("unresolved:andean-front", "open_report_toll", "demand"),
        ),
        # a request is a demand
        (
            "Peru requested a review of the toll regime.",
            ("PER", "open_review_toll_regime", "demand"),
        ),
        (
            "Chile withdrew its request for binding arbitration on Tuesday.",
            ("CHL", "dispute_settlement", "demand"),
        ),
        # "without X there is nothing to ...": X is a condition
        (
            '"Without a ceasefire, there is nothing to negotiate," Peru said.',
            ("PER", "ceasefire", "condition"),
        ),
        # a threat: what the speaker says will follow a supposition
        (
            '"If Chile reimposes the tolls, the negotiation is over," Peru said.',
            ("PER", "open_toll", "condition"),
        ),
        (
            "Peru said it would reimpose the sanctions if Chile broke the accord.",
            ("PER", "sanctions", "condition"),
        ),
        # a stated intention of the speaker's side
        (
            '"We will hold a referendum in May," Peru said.',
            ("PER", "constitution", "position"),
        ),
        (
            "Juan Soto said he would organise a referendum in May.",
            ("unresolved:juan-soto", "constitution", "position"),
        ),
    ],
)
def test_a_stance_without_a_demand_verb_is_a_claim(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert _claims(nlp, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The patrols would go on for weeks.",  # no one says so: a forecast
        "Peru allowed the convoy through.",  # an act, not an offer
        "The deal is expected to be signed next week.",  # a prediction
        "Peru expects to sign next week.",  # a prediction
        "Peru expects the truce to hold.",  # a prediction about a thing
        '"We do not expect any breakthrough," Juan Soto said.',  # a prediction
        "Juan Soto saw no reason to expect any breakthrough.",  # a prediction
        "Peru pushed back the deadline.",  # not pushing for anything
        "If the tolls rise, the sanctions will follow.",  # no one says so: a forecast
        "Chile received Peru's request on Monday.",  # a request named, not made
        "Peru said Chile would hold a referendum.",  # another's conduct: a forecast
        "A referendum will be held in May.",  # no one says so
        "Peru said a referendum would be held in May.",  # an announcement
        '"I would put the chance of a deal at 30 percent," Juan Soto said.',  # a supposition
        # a concession, not a condition
        "Peru said Oman would host the border talks even if the venue moved.",
        "Peru would only talk.",  # "only" with nothing conditioned
        "Peru signed the accord without delay.",  # "without" with nothing denied
    ],
)
def test_the_new_cues_do_not_fire_on_forecasts_and_acts(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Peru does not accept a buffer zone.",
        "Juan Soto said Peru did not accept the buffer zone on its border.",
    ],
)
def test_not_accepting_in_the_present_or_past_is_a_refusal(nlp: Language, text: str) -> None:
    claims = _claims(nlp, text)
    assert [(actor, issue) for actor, issue, _ in claims] == [("PER", "territory")]
    assert claims[0][2] in ("reject", "red_line")


@pytest.mark.parametrize(
    "text",
    [
        "Peru did not give details of the buffer zone.",  # an act
        # no deal reached: "agree on" is what two sides do together, not an assent refused
        "Juan Soto said Peru and Chile did not agree on the buffer zone.",
        # a supposition, no one's stance
        "Juan Soto said Peru would face sanctions if it did not agree to a buffer zone.",
    ],
)
def test_not_agreeing_as_an_act_or_a_supposition_is_no_refusal(nlp: Language, text: str) -> None:
    assert all(stance not in ("reject", "red_line") for _, _, stance in _claims(nlp, text))

"""Probability statements in the forms the press uses, on sentences written for these tests:
numbers and odds, idioms, negated certainty, near misses, retrospective statements, what a
statement is about, and holders named by nationality."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(
        components=("zopa_actors", "zopa_quotes", "zopa_events", "zopa_estimates")
    )


def found(nlp: Language, text: str, published: date | None = None) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.zopa_published = published
    doc = nlp(doc)
    return [dict(span._.zopa_fields, text=span.text) for span in doc.spans["zopa_estimates"]]


def one(nlp: Language, text: str, published: date | None = None) -> dict[str, Any]:
    items = found(nlp, text, published)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Negotiators gave the accord a 35 per cent chance of surviving the winter.", 0.35),
        ("The mediator put the odds of a truce at one in four.", 0.25),
        ("She gave the plan one chance in six of passing.", 1 / 6),
        ("Diplomats saw a 60-40 chance that the border would reopen.", 0.6),
        ("Whether the assembly ratifies the pact is 50-50, the minister said.", 0.5),
        ("Lenders said the odds were three to one against a restructuring.", 0.25),
        ("Traders rated a rate cut at five to one on.", 5 / 6),
        ("Bookmakers offered odds of four to one on an early election.", 0.2),
        ("Analysts saw a one-in-five chance that the talks would end in arbitration.", 0.2),
    ],
)
def test_chances_written_as_numbers_are_read_exactly(
    nlp: Language, text: str, value: float
) -> None:
    item = one(nlp, text)
    assert item["probability"] == pytest.approx(value, abs=1e-4)
    assert item["low"] == item["high"] == item["probability"]


@pytest.mark.parametrize(
    "text",
    [
        "The government imposed a 20% levy on imported cement.",
        "One in three households in the valley lacks running water.",
        "The partners agreed a fifty-fifty split of the profits.",
        "The council approved the budget by a 3-1 vote.",
        "The two ministries were at odds with each other over the port.",
        "At odds over the port, the ministries need two to three years to agree.",
        "Bookmakers said the talks would take two to three weeks.",
        "The likely winner of the primary is a former mayor.",
        "Parliament's speaker, an unlikely ally of the unions, backed the bill.",
        "The envoys met by chance in the lobby of the hotel.",
        "Teachers won 75 percent of the seats on the board.",
        "The army said a return to the negotiating table was out of the question.",
        "She was confident.",
        "The minister was less confident about the substance of the text.",
        "Under the pact the guarantors would be bound to defend the island.",
        "The monitors will make sure the ceasefire lines are respected.",
    ],
)
def test_near_misses_are_no_statements(nlp: Language, text: str) -> None:
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Reaching a deal before the deadline is a long shot.", 0.0, 0.15),
        ("A compromise on the tariff schedule looks like a safe bet.", 0.8, 1.0),
        ("The vote in the senate is touch and go.", 0.45, 0.55),
        ("For the farmers' union the proposal was a non-starter.", 0.0, 0.05),
        ("A strike by the dockers is odds-on.", 0.51, 0.7),
        ("The coalition is more likely than not to survive the budget vote.", 0.51, 0.7),
        ("An agreement on fishing quotas was within reach, the commissioner said.", 0.4, 0.75),
        ("The odds are stacked against a quick reopening of the crossing.", 0.0, 0.2),
        ("A settlement of the pension dispute is far from certain.", 0.25, 0.5),
        ("The minister was by no means sure that parliament would approve it.", 0.25, 0.5),
        ("A snap election is hardly likely this year.", 0.15, 0.35),
        ("A partial amnesty is not out of the question.", 0.4, 0.75),
        ("A second round in Geneva is entirely possible.", 0.5, 0.75),
        ("The rebels were confident of a prisoner release within weeks.", 0.75, 0.9),
        ("A return of the islands is almost certainly not on the agenda.", 0.0, 0.1),
        ("The more probable outcome is a partial deal on tariffs.", 0.65, 0.85),
        ("The result of the party ballot was a foregone conclusion.", 0.9, 1.0),
        ("Ratification by the senate was never in doubt.", 0.9, 1.0),
    ],
)
def test_idioms_and_hedges_have_a_number(nlp: Language, text: str, low: float, high: float) -> None:
    item = one(nlp, text)
    assert low <= item["probability"] <= high, item


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The referendum was always going to pass.", None),
        ("The March summit was never going to produce a treaty.", None),
        ("A meeting of the two leaders was not possible after the talks collapsed.", None),
        ("The truce had never been likely to survive the spring offensive.", None),
        ("A second vote in April was unlikely, the speaker conceded afterwards.", None),
        ("The 2021 framework was bound to unravel, officials now say.", date(2024, 5, 1)),
        ("The crossing was unlikely to reopen in February.", date(2024, 6, 1)),
    ],
)
def test_statements_about_what_is_decided_are_retrospective(
    nlp: Language, text: str, published: date | None
) -> None:
    assert one(nlp, text, published)["retrospective"] is True


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The envoy said a deal was unlikely.", date(2024, 6, 1)),
        ("The envoy said the accord was bound to be signed next week.", None),
        ("Analysts said the crossing was unlikely to reopen in November.", date(2024, 6, 1)),
        ("A ceasefire is likely to hold once the monitors arrive.", None),
        ("The settlement is doomed unless both sides move.", None),
    ],
)
def test_forward_looking_statements_are_not(
    nlp: Language, text: str, published: date | None
) -> None:
    assert one(nlp, text, published)["retrospective"] is False


def test_about_has_its_span_actors_and_event_type(nlp: Language) -> None:
    text = "Analysts said a meeting between Vladimir Putin and Volodymyr Zelensky was unlikely."
    doc = nlp(text)
    (span,) = doc.spans["zopa_estimates"]
    fields = span._.zopa_fields
    assert fields["about"] == "a meeting between Vladimir Putin and Volodymyr Zelensky"
    assert text[fields["about_start"] : fields["about_end"]] == fields["about"]
    assert fields["about_actors"] == ["person:vladimir-putin", "person:volodymyr-zelensky"]
    events = [
        e._.zopa_fields["type"]
        for e in doc.spans["zopa_events"]
        if e.start_char < fields["about_end"] and fields["about_start"] < e.end_char
    ]
    assert fields["about_type"] == (events[0] if events else None)


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("A deal on grain exports was a safe bet, the broker said.", "A deal on grain exports"),
        ("She said the odds were two to one against a new round.", "a new round"),
        ("It was fifty-fifty whether the board would back the merger.", "the board would back"),
        ("Officials called a full withdrawal a remote possibility.", "a full withdrawal"),
        ("The odds of a rate rise in June were better than even.", "a rate rise in June"),
        ("Mirova put the chance of a summit in Paris at about even odds.", "a summit in Paris"),
    ],
)
def test_about_names_the_outcome_when_the_words_do_not(
    nlp: Language, text: str, about: str
) -> None:
    assert one(nlp, text)["about"].startswith(about)


def test_a_group_named_by_nationality_holds_for_its_state(nlp: Language) -> None:
    item = one(nlp, "Tunisian officials said an agreement on the loan was probable.")
    assert item["holder_actor"] == "TUN"
    assert item["holder_text"] == "Tunisian officials"

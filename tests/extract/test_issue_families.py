"""The shipped issue lexicon beyond war-and-ceasefire talks, and stances whose issue is the
paragraph's: team-written sentences through the real claims pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import build_pipeline
from zopa.extract._issues import load_issue_lexicon


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_claims"))


def _claims(nlp: Language, text: str) -> set[tuple[Any, ...]]:
    doc = nlp(text)
    return {
        (f["actor"], f["issue"], f["stance"])
        for f in (span._.zopa_fields for span in doc.spans["zopa_claims"])
    }


def test_the_shipped_lexicon_keeps_its_ids_and_adds_the_codebook_families() -> None:
    ids = set(load_issue_lexicon().ids())
    kept = {"territory", "trade", "ceasefire", "humanitarian_prisoners", "transit_corridor"}
    added = {
        "water",
        "fisheries",
        "maritime",
        "ddr",
        "power_sharing",
        "transitional_justice",
        "refugees_displaced",
        "human_rights",
        "land_reform",
        "natural_resources",
        "finance_aid",
        "monitoring_verification",
        "process_timeline",
        "recognition",
        "dispute_settlement",
        "legal_form",
    }
    assert kept | added <= ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Egypt demands a fixed minimum release from the dam in years of drought.",
            ("EGY", "water", "demand"),
        ),
        (
            "France insists on long-term access to British fishing waters.",
            ("FRA", "fisheries", "demand"),
        ),
        (
            "The Philippines rejected any checks on its resupply missions.",
            ("PHL", "maritime", "reject"),
        ),
        (
            "Colombia demands the demobilisation of every armed group.",
            ("COL", "ddr", "demand"),
        ),
        (
            "Sudan is ready to offer the opposition cabinet posts in a unity government.",
            ("SDN", "power_sharing", "offer"),
        ),
        ("Colombia demands an end to kidnapping.", ("COL", "humanitarian_prisoners", "demand")),
        (
            "Colombia rejected an amnesty for the commanders.",
            ("COL", "transitional_justice", "reject"),
        ),
        (
            "Britain wants a veterinary agreement for its farmers.",
            ("GBR", "trade", "goal"),
        ),
        (
            "Sudan insists on a binding obligation to share flow data every day.",
            ("SDN", "monitoring_verification", "demand"),
        ),
        (
            "Ethiopia rejects binding arbitration of any dispute.",
            ("ETH", "dispute_settlement", "reject"),
        ),
        (
            "Malaysia wants a legally binding agreement, not another declaration.",
            ("MYS", "legal_form", "goal"),
        ),
    ],
)
def test_a_stance_on_an_issue_of_another_kind_of_talks_is_a_claim(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _claims(nlp, text)


def test_a_longer_term_of_another_issue_wins_over_a_word_inside_it(nlp: Language) -> None:
    claims = _claims(nlp, "Britain wants an end to border checks on food and access to its waters.")
    issues = {issue for _, issue, _ in claims}
    assert "trade" in issues  # "border checks"
    assert "territory" not in issues  # its "border"
    fishing = _claims(nlp, "France demands access to British fishing waters.")
    assert {issue for _, issue, _ in fishing} == {"fisheries"}  # not maritime "waters"


_CONDITION = "China insisted on advance notice of every resupply mission."


def test_a_red_line_or_rejection_without_an_issue_word_takes_the_issue_just_before(
    nlp: Language,
) -> None:
    claims = _claims(nlp, f"{_CONDITION} The Philippines rejected the condition within hours.")
    assert ("PHL", "maritime", "reject") in claims
    # a reply that opens the next paragraph answers the one before
    reply = _claims(nlp, f"{_CONDITION}\n\nThe Philippines rejected the condition within hours.")
    assert ("PHL", "maritime", "reject") in reply
    refused = _claims(nlp, "Colombia demands the release of all hostages. Venezuela refused.")
    assert ("VEN", "humanitarian_prisoners", "reject") in refused


@pytest.mark.parametrize(
    "follow",
    [
        " China repeated it. Officials met. The Philippines rejected the condition.",  # too far
        " The Philippines rejected the claim that its boats carried arms.",  # says what
        " The Philippines supported the condition.",  # not a strong stance
        " The Philippines will never give up its boats.",  # a thing of its own, not the condition
        " The Philippines rejected a fee.",  # something new, not what came before
    ],
)
def test_the_issue_before_is_not_taken_without_a_strong_plain_stance_near_it(
    nlp: Language, follow: str
) -> None:
    claims = _claims(nlp, _CONDITION + follow)
    # a stance on something new may be a claim on an open issue, never on the one before
    assert not any(actor == "PHL" and issue == "maritime" for actor, issue, _ in claims)

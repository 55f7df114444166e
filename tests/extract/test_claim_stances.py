"""The stance vocabulary of claims (issue 10): demand, goal, position, offer, accept, reject,
condition, red_line — on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import STANCES, build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_claims"))


def _stances(nlp: Language, text: str) -> set[tuple[Any, ...]]:
    doc = nlp(text)
    return {
        (f["actor"], f["issue"], f["stance"])
        for f in (span._.zopa_fields for span in doc.spans["zopa_claims"])
    }


def test_the_vocabulary_is_the_documented_one() -> None:
    assert set(STANCES) == {
        "demand",
        "goal",
        "position",
        "offer",
        "accept",
        "reject",
        "condition",
        "red_line",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Sudan agreed to a ceasefire in Darfur.",
        "Sudan accepted the ceasefire in Darfur.",
        "Sudan welcomed the proposal for a ceasefire in Darfur.",
    ],
)
def test_acceptance(nlp: Language, text: str) -> None:
    assert ("SDN", "ceasefire", "accept") in _stances(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan rejected the ceasefire.",
        "Azerbaijan refused to sign the ceasefire.",
        "Azerbaijan dismissed the proposal for a ceasefire.",
    ],
)
def test_rejection(nlp: Language, text: str) -> None:
    assert ("AZE", "ceasefire", "reject") in _stances(nlp, text)


def test_unacceptable_about_a_demand_rejects_it_about_a_thing_is_a_red_line(
    nlp: Language,
) -> None:
    rejected = _stances(
        nlp, "Armenia demands a ceasefire. Azerbaijan said these demands were unacceptable."
    )
    assert ("ARM", "ceasefire", "demand") in rejected
    assert ("AZE", "ceasefire", "reject") in rejected
    red_line = _stances(nlp, "Azerbaijan said a ceasefire along the border was unacceptable.")
    assert ("AZE", "ceasefire", "red_line") in red_line


@pytest.mark.parametrize("words", ["only if", "provided that", "on condition that"])
def test_condition(nlp: Language, words: str) -> None:
    stances = _stances(nlp, f"Serbia will accept a ceasefire {words} the sanctions are lifted.")
    assert ("SRB", "ceasefire", "accept") in stances
    assert ("SRB", "sanctions", "condition") in stances


@pytest.mark.parametrize(
    "text",
    [
        "Under no circumstances will Egypt accept a new border.",
        "Egypt will never accept a new border.",
        "A new border is a red line for Egypt.",
        "Egypt said a new border was non-negotiable.",
    ],
)
def test_red_line(nlp: Language, text: str) -> None:
    assert ("EGY", "territory", "red_line") in _stances(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Egypt said there were no red lines in the border talks.",
        "Egypt urged delegations to come back to the border talks with ideas, not red lines.",
    ],
)
def test_red_lines_denied_are_no_red_line(nlp: Language, text: str) -> None:
    # "no red lines", "ideas, not red lines": what no one holds (an appeal, an opening)
    assert not any(stance == "red_line" for _, _, stance in _stances(nlp, text))


def test_existing_stances_keep_their_names(nlp: Language) -> None:
    assert ("TUR", "ceasefire", "demand") in _stances(nlp, "Turkey demands a ceasefire.")
    assert ("TUR", "ceasefire", "goal") in _stances(nlp, "Turkey wants a ceasefire.")
    assert ("TUR", "ceasefire", "offer") in _stances(nlp, "Turkey offered a ceasefire.")
    assert ("TUR", "ceasefire", "position") in _stances(nlp, "Turkey supports a ceasefire.")


def test_commitment_is_a_position_and_an_invitation_an_offer(nlp: Language) -> None:
    committed = _stances(nlp, "Chad said it remained committed to the ceasefire.")
    assert ("TCD", "ceasefire", "position") in committed
    invited = _stances(nlp, "Kenya has invited Somalia and Ethiopia to new talks in Nairobi.")
    assert ("KEN", "meeting_format", "offer") in invited


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "not negotiable" is "non-negotiable"
        ("Egypt said a new border was not negotiable.", ("EGY", "territory", "red_line")),
        # asking someone to do something, or asking for it, demands it
        ("Egypt asked Sudan to sign a ceasefire.", ("EGY", "ceasefire", "demand")),
        ("Egypt asked for a ceasefire in Darfur.", ("EGY", "ceasefire", "demand")),
        # backing a proposal supports it
        ("Egypt backed the call for a ceasefire.", ("EGY", "ceasefire", "position")),
        # "would depend on" what the speaker names sets a condition
        (
            "Egypt said any aid would depend on a ceasefire in Darfur.",
            ("EGY", "ceasefire", "condition"),
        ),
        # "would have to" / "needs to" in a clause someone says is a demand
        (
            "Egypt said Sudan would have to sign a ceasefire first.",
            ("EGY", "ceasefire", "demand"),
        ),
        ("Egypt said Sudan needs to sign a ceasefire.", ("EGY", "ceasefire", "demand")),
    ],
)
def test_labour_and_election_phrasings_of_stances(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _stances(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a source asking not to be named, a reporter's question, an act described
        "A Sudanese official, who asked not to be named, described the ceasefire talks.",
        "Reporters asked Egypt whether the ceasefire would hold.",
        "The Rwanda-backed rebels left the ceasefire line.",
        # a need with no one saying it, an aid that depends on no one's word
        "The ceasefire needs to hold for a week before aid can flow.",
        "Aid to Darfur depends on the ceasefire.",
    ],
)
def test_words_of_asking_backing_or_need_that_state_no_stance(nlp: Language, text: str) -> None:
    assert _stances(nlp, text) == set()


def test_backing_a_plan_named_before_is_no_stance_of_its_own(nlp: Language) -> None:
    stances = _stances(nlp, "Serbia proposed a ceasefire. Egypt, which backed the plan, met Sudan.")
    assert {s for s in stances if s[0] == "EGY"} == set()

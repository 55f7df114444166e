"""Open issues: a stance on something the issue lexicon has no word for is still a claim.

Sentences written for these tests (a fictional Andean negotiation); none comes from an
article or a gold set.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import build_pipeline
from zopa.extract._open_issues import is_open, key_words


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
    ("text", "actor", "stance", "words"),
    [
        # a verb's object, through its "of" complement
        (
            "Peru demanded the reopening of the roads into Cusco.",
            "PER",
            "demand",
            ("reopening", "road", "cusco"),
        ),
        # the object of the verb an offer adjective governs
        (
            "Peru said it was ready to reopen one mountain pass.",
            "PER",
            "offer",
            ("mountain", "pass"),
        ),
        # the object of "insist on", through nothing light
        (
            "Bolivia insisted on the chairmanship of the water council.",
            "BOL",
            "demand",
            ("chairmanship", "water", "council"),
        ),
        # the subject of a red-line predicate
        (
            "The handover of the northern ports is non-negotiable for Ecuador, Quito said.",
            "ECU",
            "red_line",
            ("handover", "port"),
        ),
        # a light head gives way to its complement; its relative clause is no part of it
        (
            "Chile will not accept a set of rules that Peru can rewrite at will.",
            "CHL",
            "reject",
            ("rule",),
        ),
        # a passive complement clause: the act asked for
        (
            "Bolivia demanded that the customs post be moved to Arica.",
            "BOL",
            "demand",
            ("custom", "post", "move", "arica"),
        ),
        # an intransitive act asked for, with where it happens
        (
            "Peru demanded that the army withdraw from the valley.",
            "PER",
            "demand",
            ("withdraw", "valley"),
        ),
        # recognising a thing is a position on it
        ("Peru does not recognise the award.", "PER", "position", ("award",)),
        # a complement act with no object: the act and where it is done
        (
            "Peru said it preferred to negotiate as part of the Andean Community.",
            "PER",
            "goal",
            ("negotiate", "part", "andean", "community"),
        ),
        # a free relative that names its thing: the name
        (
            "Peru rejected what Chile described as a provocation.",
            "PER",
            "reject",
            ("provocation",),
        ),
        # an effort noun stands for the act it names
        (
            "Chile said any attempt to expand the outpost was unacceptable.",
            "CHL",
            "red_line",
            ("expand", "outpost"),
        ),
        # "called for" demands (a verb cue now)
        ("Peru called on Chile to lift the tolls.", "PER", "demand", ("toll",)),
        # supporting a call takes what the call asks
        (
            "Denmark supported the call for longer access to the bay.",
            "DNK",
            "position",
            ("access", "bay"),
        ),
    ],
)
def test_a_stance_on_an_object_outside_the_lexicon_is_a_claim(
    nlp: Language, text: str, actor: str, stance: str, words: tuple[str, ...]
) -> None:
    claims = _claims(nlp, text)
    assert [(a, s) for a, _, s in claims] == [(actor, stance)]
    issue = claims[0][1]
    assert is_open(issue)
    assert key_words(issue) == words


@pytest.mark.parametrize(
    "text",
    [
        "Chile denied the reports.",  # a fact denied, no stance on an issue
        "Chile rejected the charge that it had broken the accord.",  # what was said
        "Peru rejected Chile.",  # a party is no issue
        "Peru called the result a good day.",  # naming, not calling for
        "Bolivia offered a similar view.",  # an opinion, not an offer
        "Peru said it was ready to travel to Quito.",  # a trip, no matter of the talks
        "Peru rejected it.",  # a pronoun names nothing
        "Peru said it was willing to give what it has.",  # a free relative names nothing
        "Peru wants to make sure that it lasts.",  # a light act names nothing
    ],
)
def test_no_open_issue_without_a_matter_of_the_talks(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []


def test_a_proposal_named_before_takes_the_issue_of_the_claim_that_made_it(
    nlp: Language,
) -> None:
    # "welcomed the offer" points back at the offer of the sentence before, whatever it is
    text = "Peru offered to reopen the mountain passes. Bolivia welcomed the offer."
    claims = _claims(nlp, text)
    issues = {issue for _, issue, _ in claims}
    assert len(issues) == 1
    assert {(a, s) for a, _, s in claims} == {("PER", "offer"), ("BOL", "accept")}


def test_a_lexicon_issue_in_scope_wins_over_an_open_one(nlp: Language) -> None:
    assert _claims(nlp, "Peru demanded the lifting of the sanctions.") == [
        ("PER", "sanctions", "demand")
    ]


def test_an_open_issue_key_fits_the_store_and_says_it_is_open(nlp: Language) -> None:
    text = (
        "Ecuador demanded the immediate and unconditional restitution of the archives, "
        "libraries, paintings, manuscripts and cathedral bells of Guayaquil."
    )
    ((_, issue, _),) = _claims(nlp, text)
    assert is_open(issue)
    assert len(issue) <= 60
    assert 1 <= len(key_words(issue)) <= 4
    assert not is_open("territory")
    assert key_words("territory") == ()


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # a pronoun object followed by a time adjunct: no open issue "month"
        (
            "Chile is demanding that Peru lift the sanctions on its fleet. "
            "Peru had rejected them for months.",
            ("PER", "sanctions", "reject"),
        ),
        # softer stances on "it" speak about what came before too
        (
            "Chile said the border crossings should reopen by March. "
            "Peru agreed to it on Friday because the harvest had ended.",
            ("PER", "territory", "accept"),
        ),
        (
            "Chile called for a ceasefire along the river. "
            "Officials in Lima said Peru would oppose it.",
            ("PER", "ceasefire", "position"),
        ),
    ],
)
def test_a_stance_on_a_pronoun_speaks_about_the_claims_before_it(
    nlp: Language, text: str, answer: tuple[str, str, str]
) -> None:
    claims = _claims(nlp, text)
    assert answer in claims
    assert not any(is_open(issue) for actor, issue, _ in claims if actor == "PER")

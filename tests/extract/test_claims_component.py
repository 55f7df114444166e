"""The issue lexicon and the zopa_claims component, on sentences written for these tests."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from zopa.errors import ExtractionError
from zopa.extract import STANCES, build_pipeline
from zopa.extract._issues import IssueMatcher, load_issue_lexicon


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_claims"))


def _claims(nlp: Language, text: str) -> set[tuple[Any, ...]]:
    doc = nlp(text)
    return {
        (f["actor"], f["issue"], f["stance"], f["attribution"])
        for f in (span._.zopa_fields for span in doc.spans["zopa_claims"])
    }


def test_shipped_lexicon_covers_the_issues_of_several_negotiations() -> None:
    ids = set(load_issue_lexicon().ids())
    assert {
        "territory",
        "nato_neutrality",
        "military_limits",
        "government_legitimacy",
        "sanctions",
        "security_guarantees",
        "ceasefire",
        "humanitarian_prisoners",
        "meeting_format",
        "nuclear_program",
        "trade",
    } <= ids


def test_lexicon_syntax_error_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "issues.yaml"
    bad.write_text("issues:\n  - id: water\n    terms: [river, dam\n  - id: x\n")
    with pytest.raises(ExtractionError) as info:
        load_issue_lexicon(bad)
    message = str(info.value)
    assert "\n" not in message
    assert f"{bad}:" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("- just a list\n", "top-level 'issues:'"),
        ("issues:\n  - id: Water Rights\n    terms: [dam]\n", "lower-case"),
        ("issues:\n  - id: water\n    terms: []\n", "non-empty list"),
        (
            "issues:\n  - id: water\n    terms: [dam]\n  - id: water\n    terms: [river]\n",
            "repeated",
        ),
    ],
)
def test_lexicon_schema_errors_name_the_line(tmp_path: Path, content: str, expected: str) -> None:
    bad = tmp_path / "issues.yaml"
    bad.write_text(content)
    with pytest.raises(ExtractionError, match=expected):
        load_issue_lexicon(bad)


def test_demand_by_a_state_is_its_own_statement(nlp: Language) -> None:
    claims = _claims(nlp, "Russia demands a ban on Ukraine joining NATO.")
    assert ("RUS", "nato_neutrality", "demand", "own") in claims


def test_red_line_under_a_reporting_verb(nlp: Language) -> None:
    claims = _claims(nlp, "Iran said that uranium enrichment on its soil is non-negotiable.")
    assert ("IRN", "nuclear_program", "red_line", "own") in claims


def test_goal_reported_by_others(nlp: Language) -> None:
    claims = _claims(nlp, "Analysts say China wants the United States to cut its tariffs.")
    assert ("CHN", "trade", "goal", "reported") in claims


def test_offer_by_a_ready_actor(nlp: Language) -> None:
    claims = _claims(nlp, "Armenia is ready to hold talks on the border in Vienna.")
    assert {claim[:3] for claim in claims} >= {("ARM", "territory", "offer")}


def test_possessor_holds_the_demand_and_anaphora_carries_the_issue(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "Israel wants its troops to stay in the buffer zone. "
        "These demands are unacceptable to Egypt.",
    )
    assert ("ISR", "territory", "goal", "reported") in claims
    assert ("EGY", "territory", "reject", "reported") in claims  # unacceptable demands


def test_salience_cue_is_kept(nlp: Language) -> None:
    doc = nlp("For Turkey, the top priority is a ceasefire in the region.")
    fields = [span._.zopa_fields for span in doc.spans["zopa_claims"]]
    assert any(f["actor"] == "TUR" and f["salience_cue"] == "top priority" for f in fields)


def test_group_named_by_nationality_speaks_for_its_state(nlp: Language) -> None:
    claims = _claims(nlp, "Egyptian officials insisted on a truce along the border.")
    assert {claim[:2] for claim in claims} >= {("EGY", "ceasefire"), ("EGY", "territory")}


def test_relative_clause_cue_governs_the_noun_it_qualifies(nlp: Language) -> None:
    claims = _claims(nlp, "Talks stalled over a ceasefire, which Turkey has resisted for weeks.")
    assert ("TUR", "ceasefire") in {claim[:2] for claim in claims}


def test_list_noun_takes_the_enumeration_of_the_next_sentence(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "Serbia has set several conditions that Kosovo says are unacceptable. "
        "Among them: autonomy for the northern municipalities and a new border.",
    )
    pairs = {claim[:3] for claim in claims}
    assert ("SRB", "constitution", "demand") in pairs
    assert ("XKX", "constitution", "red_line") in pairs or (
        "unresolved:kosovo",
        "constitution",
        "red_line",
    ) in pairs


def test_elaboration_carries_the_holder_forward(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "Ethiopia wants control of the border region. This would mean new tariffs on its trade.",
    )
    assert ("ETH", "trade") in {claim[:2] for claim in claims}


def test_must_under_a_speech_verb_is_a_demand(nlp: Language) -> None:
    claims = _claims(nlp, "Poland said that Belarus must end its military presence on the border.")
    assert ("POL", "military_limits", "demand", "own") in claims


def test_contrasting_clause_belongs_to_its_own_subject(nlp: Language) -> None:
    claims = _claims(
        nlp, "Chile is pressing for lower tariffs, although Peru has opened talks on sanctions."
    )
    pairs = {claim[:2] for claim in claims}
    assert ("CHL", "trade") in pairs
    assert ("CHL", "sanctions") not in pairs


def test_time_adjunct_is_not_an_issue(nlp: Language) -> None:
    claims = _claims(nlp, "Georgia wants a new border treaty on the eve of the elections.")
    pairs = {claim[:2] for claim in claims}
    assert ("GEO", "territory") in pairs
    assert ("GEO", "government_legitimacy") not in pairs


def test_inability_is_not_a_stance_but_refusal_is(nlp: Language) -> None:
    assert _claims(nlp, "Moldova cannot hold elections under martial law.") == set()
    claims = _claims(nlp, "Moldova cannot accept foreign troops on its soil.")
    assert ("MDA", "military_limits") in {claim[:2] for claim in claims}


def test_salience_goes_to_the_claim_it_weighs(nlp: Language) -> None:
    doc = nlp(
        "Norway insists on a ceasefire, and Norwegian officials describe the release of "
        "prisoners as their top priority."
    )
    fields = {
        span._.zopa_fields["issue"]: span._.zopa_fields["salience_cue"]
        for span in doc.spans["zopa_claims"]
        if span._.zopa_fields["actor"] == "NOR"
    }
    assert fields.get("ceasefire", "missing") is None
    assert fields.get("humanitarian_prisoners") == "top priority"


def test_no_claim_without_an_actor_or_in_a_question(nlp: Language) -> None:
    assert _claims(nlp, "Someone wants a ceasefire.") == set()
    assert _claims(nlp, "Does Russia want a ceasefire?") == set()


def test_user_lexicon_replaces_the_shipped_one(tmp_path: Path) -> None:
    lexicon = tmp_path / "issues.yaml"
    lexicon.write_text("issues:\n  - id: water\n    label: Water\n    terms: [dam, river]\n")
    nlp = build_pipeline(components=("zopa_actors", "zopa_quotes"))
    nlp.add_pipe("zopa_claims", config={"issues": str(lexicon)})
    doc = nlp("Egypt demands that Ethiopia stop filling the dam before the talks.")
    issues = {span._.zopa_fields["issue"] for span in doc.spans["zopa_claims"]}
    assert issues == {"water"}


def test_issue_terms_match_by_form_by_lemma_and_across_gaps(nlp: Language, tmp_path: Path) -> None:
    lexicon = tmp_path / "issues.yaml"
    lexicon.write_text(
        "issues:\n"
        "  - id: bloc\n    terms: [nato, non-aligned]\n"
        "  - id: troops\n    terms: [withdrawal of * troops]\n"
        "  - id: peace\n    terms: [peace deal]\n"
    )
    matcher = IssueMatcher(nlp.vocab, load_issue_lexicon(lexicon))
    doc = nlp(
        "Nato and NATO differ only in case. Two peace deals failed. "
        "The withdrawal of all Russian troops stalled; the withdrawal of troops did not. "
        "A non-aligned state."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a lexicon without some kind of term must not warn
        found = [(hit.issue, doc[hit.start : hit.end].text) for hit in matcher(doc)]
    assert found == [
        ("bloc", "Nato"),  # lower-case form
        ("bloc", "NATO"),
        ("peace", "peace deals"),  # lemma of the last word
        # "*" spans zero to two words: two here ...
        ("troops", "withdrawal of all Russian troops"),
        # ... none here
        ("troops", "withdrawal of troops"),
        ("bloc", "non-aligned"),
    ]


@pytest.mark.parametrize("text", ["", "“" * 200, "demands " * 3000, "NATO?" * 100])
def test_odd_input_gives_a_clean_result(nlp: Language, text: str) -> None:
    for span in nlp(text).spans["zopa_claims"]:
        assert span._.zopa_fields["stance"] in STANCES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Poland said the new border was a matter for parliament and could not be a "
            "condition for talks.",
            ("POL", "territory"),
        ),
        (
            "Poland said the border crossings were a humanitarian question and should be "
            "opened at once.",
            ("POL", "territory"),
        ),
    ],
)
def test_a_coordinated_predicate_speaks_about_the_subject_it_shares(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert expected in {claim[:2] for claim in _claims(nlp, text)}


def test_the_governments_goal_under_a_reporting_verb_is_the_speakers(nlp: Language) -> None:
    claims = _claims(nlp, "Sergei Lavrov said the government's priority was a ceasefire.")
    assert ("person:sergei-lavrov", "ceasefire", "goal") in {claim[:3] for claim in claims}


@pytest.mark.parametrize(
    "text",
    [
        # a demand or offer that is the subject of its clause: what the clause says it is
        "Chile's main demand is the reopening of the mountain passes.",
        "Chile's offer covers the reopening of the mountain passes.",
    ],
)
def test_a_demand_named_as_the_subject_is_about_what_its_clause_says(
    nlp: Language, text: str
) -> None:
    issues = {claim[1] for claim in _claims(nlp, text) if claim[0] == "CHL"}
    assert any(issue.startswith("open_reopening") for issue in issues)


def test_a_need_someone_says_is_a_demand(nlp: Language) -> None:
    assert ("EGY", "ceasefire", "demand", "own") in _claims(
        nlp, "Egypt says it needs a ceasefire in Darfur."
    )
    assert _claims(nlp, "The ceasefire in Darfur needs a week to hold.") == set()


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # "would remain X" said of oneself: X is the matter, not the pronoun
        ("Chile said it would remain the sole owner of the copper mine.", "owner"),
        # an object that names nothing ("more") leaves the act as the matter
        ("Chile offered to free more in exchange for the frozen funds.", "free"),
    ],
)
def test_an_open_issue_is_read_past_words_that_name_nothing(
    nlp: Language, text: str, word: str
) -> None:
    issues = {claim[1] for claim in _claims(nlp, text) if claim[0] == "CHL"}
    assert any(issue.startswith("open_") and word in issue for issue in issues), issues


def test_a_headline_clause_with_its_own_subject_holds_its_claim(nlp: Language) -> None:
    # the parser hangs "Lima" on "presses" as a compound: still the clause's own subject,
    # not the leaders of the main clause
    claims = _claims(nlp, "Arce and Boric hold first phone call as Lima presses for Andean summit")
    assert {(actor, issue) for actor, issue, _, _ in claims} == {("PER", "meeting_format")}


def test_they_in_a_facilitators_quotation_is_not_the_facilitators_stance(
    nlp: Language,
) -> None:
    # "they" in a speaker's quotation is someone else: left unresolved, or resolved to the
    # speaker's own state, the stance is not the speaker's
    text = (
        "Chile and Peru agreed in principle on Wednesday to resume talks on the river. "
        "Brazil has hosted the dialogue since 2019.\n\n"
        '"They rejected the water quotas, but they accepted the calendar," '
        "Brazilian envoy Marco Lima told reporters."
    )
    assert not any(actor == "BRA" for actor, *_ in _claims(nlp, text))
    quoted = '"We will not agree on the water quotas," Brazilian envoy Marco Lima said.'
    assert ("unresolved:marco-lima", "water", "red_line", "own") in _claims(nlp, quoted)

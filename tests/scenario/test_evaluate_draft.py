"""Scoring a drafted scenario against gold: each measure on hand-made data, then the CLI once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from zopa.cli import app
from zopa.errors import ScenarioError
from zopa.scenario._draft_gold import DraftGold, load_draft_gold
from zopa.scenario._evaluate import (
    ActorRecord,
    ClaimRecord,
    DraftEvaluation,
    MentionRecord,
    score_claims,
    score_entities,
    score_negotiation,
    score_parties,
    score_positions,
    targets_met,
)
from zopa.scenario._evaluate_run import document_stem, gold_folders

FIXTURE = Path(__file__).parent / "data" / "draft-fixture"

EGYPT = ActorRecord(key="EGY", name="Egypt", kind="state", country="EGY")
ETHIOPIA = ActorRecord(key="ETH", name="Ethiopia", kind="state", country="ETH")
MINISTER = ActorRecord(
    key="person:badr-abdelatty", name="Badr Abdelatty", kind="person", country="EGY"
)
SPOKESMAN = ActorRecord(key="person:tamim-khallaf", name="Tamim Khallaf", kind="person")
ANALYST = ActorRecord(key="person:karim-fawzy", name="Karim Fawzy", kind="person")
LEAGUE = ActorRecord(key="org:arab-league", name="Arab League", kind="organisation")


def _gold(**extra: Any) -> DraftGold:
    data: dict[str, Any] = {
        "negotiation": "river talks",
        "parties": [
            {"key": "EGY", "name": "Egypt", "aliases": ["Cairo"], "people": ["Tamim Khallaf"]},
            {
                "key": "ETH",
                "name": "Ethiopia",
                "aliases": ["Addis Ababa"],
                "people": ["Abiy Ahmed"],
            },
        ],
        "mediators": [{"key": "org:african-union", "name": "African Union", "aliases": ["AU"]}],
        "commentators": [{"name": "Karim Fawzy", "affiliation": "Cairo University"}],
        "issues": [
            {
                "id": "releases",
                "lexicon": "trade",
                "low": {"party": "ETH", "means": "no quota"},
                "high": {"party": "EGY", "means": "a binding quota"},
                "positions": {"EGY": 90, "ETH": 10},
            }
        ],
    }
    data.update(extra)
    return DraftGold.model_validate(data)


def _actor(actor_id: str, name: str, kind: str = "state", **extra: Any) -> dict[str, Any]:
    return {"id": actor_id, "name": name, "kind": kind, "capability": 50, **extra}


def _stance(value: float, placeholder: bool = False) -> dict[str, Any]:
    return {"position": {"value": value, "placeholder": placeholder}, "salience": 50}


# ---- actors resolved ---------------------------------------------------------------------

TEXT = "CAIRO, May 1 — Egypt's Badr Abdelatty met Karim Fawzy of the Arab League."


def _entities(*entities: dict[str, Any]) -> DraftGold:
    return _gold(entities=[{"document": "d", **e} for e in entities])


def test_null_entity_wrongly_resolved_is_wrong_and_unresolved_is_right() -> None:
    gold = _entities({"text": "CAIRO", "actor": None, "as": "place"})
    dateline_as_egypt = MentionRecord("d", 0, 5, EGYPT)
    assert score_entities(gold, [dateline_as_egypt], {"d": TEXT})[0].rate == 0.0
    assert score_entities(gold, [], {"d": TEXT})[0].rate == 1.0
    # A mention that only overlaps the dateline still makes it an actor.
    assert score_entities(gold, [MentionRecord("d", 3, 12, EGYPT)], {"d": TEXT})[0].rate == 0.0


def test_an_outlet_may_be_a_media_organisation_but_nothing_else() -> None:
    text = "Egypt told Nile Wire on Monday."
    gold = _entities({"text": "Nile Wire", "actor": None, "as": "outlet"})
    media = ActorRecord("unresolved:nile-wire", "Nile Wire", "organisation", sector="MED")
    start = text.index("Nile")
    assert (
        score_entities(gold, [MentionRecord("d", start, start + 9, media)], {"d": text})[0].rate
        == 1.0
    )
    assert (
        score_entities(gold, [MentionRecord("d", start, start + 9, LEAGUE)], {"d": text})[0].rate
        == 0.0
    )
    # A place stays right only when no mention covers it, media or not.
    place = _entities({"text": "Nile Wire", "actor": None, "as": "place"})
    assert (
        score_entities(place, [MentionRecord("d", start, start + 9, media)], {"d": text})[0].rate
        == 0.0
    )


def test_state_person_and_organisation_resolutions() -> None:
    gold = _entities(
        {"text": "Egypt", "actor": "EGY"},
        {"text": "Badr Abdelatty", "kind": "person", "country": "EGY"},
        {"text": "Karim Fawzy", "kind": "person"},
        {"text": "Arab League", "kind": "org"},
    )
    start = TEXT.index
    right = [
        MentionRecord("d", start("Egypt"), start("Egypt") + 5, EGYPT),
        MentionRecord("d", start("Badr"), start("Badr") + 14, MINISTER),
        MentionRecord("d", start("Karim"), start("Karim") + 11, ANALYST),
        MentionRecord("d", start("Arab"), start("Arab") + 11, LEAGUE),
    ]
    tally, misses = score_entities(gold, right, {"d": TEXT})
    assert (tally.correct, tally.total, misses) == (4, 4, [])
    # Wrong kinds: Egypt as Ethiopia, the minister as an organisation, the League as a state.
    wrong = [
        MentionRecord("d", start("Egypt"), start("Egypt") + 5, ETHIOPIA),
        MentionRecord("d", start("Badr"), start("Badr") + 14, LEAGUE),
        MentionRecord("d", start("Arab"), start("Arab") + 11, EGYPT),
    ]
    tally, misses = score_entities(gold, wrong, {"d": TEXT})
    assert tally.correct == 0 and misses[0]["text"] == "Egypt"


def test_person_of_another_country_is_wrong_and_missing_text_is_wrong() -> None:
    gold = _entities({"text": "Badr Abdelatty", "kind": "person", "country": "ETH"})
    start = TEXT.index("Badr")
    assert (
        score_entities(gold, [MentionRecord("d", start, start + 14, MINISTER)], {"d": TEXT})[0].rate
        == 0.0
    )
    # Being one of Egypt's `people` is not enough: the store must link the person to Egypt.
    unlinked = _entities({"text": "Tamim Khallaf", "kind": "person", "country": "EGY"})
    text = "Tamim Khallaf spoke."
    assert (
        score_entities(unlinked, [MentionRecord("d", 0, 13, SPOKESMAN)], {"d": text})[0].rate == 0.0
    )
    linked = ActorRecord("person:tamim-khallaf", "Tamim Khallaf", "person", affiliation="Egypt")
    assert score_entities(unlinked, [MentionRecord("d", 0, 13, linked)], {"d": text})[0].rate == 1.0
    absent = _entities({"text": "Sisi", "kind": "person", "country": "EGY"})
    tally, misses = score_entities(absent, [], {"d": TEXT})
    assert tally.rate == 0.0 and misses[0]["found"] == "text not in the document"


# ---- parties found -----------------------------------------------------------------------


def test_commentator_drafted_as_party_is_counted() -> None:
    scenario = {
        "actors": [
            _actor("egy", "Egypt"),
            _actor("eth", "Ethiopia"),
            _actor("fawzy", "Fawzy", kind="leader"),
            _actor("cairo_university", "Cairo University", kind="organisation"),
        ]
    }
    score = score_parties(_gold(), scenario)
    assert score.found.rate == 1.0
    assert score.commentators_as_parties == ["Fawzy", "Cairo University"]
    # Left out of the models, the commentator is no longer a party.
    scenario["actors"][2]["in_models"] = False
    scenario["actors"][3]["in_models"] = False
    assert score_parties(_gold(), scenario).commentators_as_parties == []


def test_party_found_through_its_leader_and_mediators_kept_apart() -> None:
    scenario = {
        "actors": [
            _actor("cairo", "Cairo"),  # an alias of Egypt
            _actor("abiy_ahmed", "Abiy Ahmed", kind="leader"),  # one of Ethiopia's people
            _actor("au", "AU"),  # the mediator drafted as a party
        ]
    }
    score = score_parties(_gold(), scenario)
    assert score.found.rate == 1.0 and score.mediators_as_parties == ["AU"]
    assert score.mediators_found.rate == 0.0
    scenario["actors"][2]["kind"] = "mediator"
    score = score_parties(_gold(), scenario)
    assert score.mediators_as_parties == [] and score.mediators_found.rate == 1.0


def test_leader_that_represents_a_party_finds_it() -> None:
    scenario = {
        "actors": [
            _actor("egy", "Egypt", in_models=False),
            _actor("sisi", "Abdel Fattah al-Sisi", kind="leader", represents="egy"),
        ]
    }
    score = score_parties(_gold(), scenario)
    assert score.found.correct == 1 and score.missing == ["ETH"]


# ---- claims to the right actor -----------------------------------------------------------

SENTENCE = "Khallaf said Cairo would support Ethiopia's plan for a technical committee."


def _claims_gold() -> DraftGold:
    return _gold(
        claims=[
            {
                "document": "d",
                "text": "Cairo would support Ethiopia's plan",
                "actor": "EGY",
                "issue": "releases",
                "stance": "accept",
            },
            {
                "document": "d",
                "text": "not in any stored claim",
                "actor": "ETH",
                "issue": "releases",
                "stance": "reject",
            },
        ]
    )


def test_claim_of_a_person_linked_by_country_or_people_is_right() -> None:
    spokesman_by_country = ActorRecord("person:k", "Someone Else", "person", country="EGY")
    for actor in (EGYPT, MINISTER, SPOKESMAN, spokesman_by_country):
        score = score_claims(_claims_gold(), [ClaimRecord("d", SENTENCE, actor)])
        assert (score.right_actor.correct, score.matched.correct, score.matched.total) == (1, 1, 2)


def test_claim_given_to_the_nearest_name_is_wrong() -> None:
    score = score_claims(_claims_gold(), [ClaimRecord("d", SENTENCE, ETHIOPIA)])
    assert score.right_actor.correct == 0 and score.matched.correct == 1
    assert score.wrong[0]["found"] == ["ETH"]
    # Same sentence in another document: not a match.
    other = score_claims(_claims_gold(), [ClaimRecord("e", SENTENCE, EGYPT)])
    assert other.matched.correct == 0


def test_attribution_is_also_scored_among_the_matched_claims_only() -> None:
    score = score_claims(_claims_gold(), [ClaimRecord("d", SENTENCE, EGYPT)])
    # One of two gold claims is matched and right: half end to end, all of the matched.
    assert score.right_actor.rate == 0.5 and score.attributed.rate == 1.0
    wrong = score_claims(_claims_gold(), [ClaimRecord("d", SENTENCE, ETHIOPIA)])
    assert wrong.attributed.rate == 0.0
    assert score_claims(_claims_gold(), []).attributed.rate is None


# ---- positions ---------------------------------------------------------------------------


def test_scale_is_flipped_when_the_draft_puts_the_gold_low_party_highest() -> None:
    scenario = {
        "issues": [{"id": "trade", "label": "Trade"}],
        "actors": [
            _actor("egy", "Egypt", positions={"trade": _stance(20)}),
            _actor("eth", "Ethiopia", positions={"trade": _stance(100)}),
        ],
    }
    score = score_positions(_gold(), scenario)
    assert score.flipped == ["releases"]
    assert score.right_side.rate == 1.0
    assert score.mae == pytest.approx((abs(90 - 80) + abs(10 - 0)) / 2)


def test_scale_is_flipped_when_the_draft_puts_any_gold_low_side_party_highest() -> None:
    # Sudan sides with Ethiopia (the gold's named low party): a draft whose 100 is Sudan's
    # demand is oriented the other way, as much as one whose 100 is Ethiopia's.
    base = _gold()
    gold = _gold(
        parties=[
            *[p.model_dump(by_alias=True) for p in base.parties],
            {"key": "SDN", "name": "Sudan"},
        ],
        issues=[
            {
                "id": "releases",
                "lexicon": "trade",
                "low": {"party": "ETH", "means": "no quota"},
                "high": {"party": "EGY", "means": "a binding quota"},
                "positions": {"EGY": 90, "ETH": 10, "SDN": 20},
            }
        ],
    )
    scenario = {
        "issues": [{"id": "trade", "label": "Trade"}],
        "actors": [
            _actor("egy", "Egypt", positions={"trade": _stance(20)}),
            _actor("eth", "Ethiopia", positions={"trade": _stance(70)}),
            _actor("sdn", "Sudan", positions={"trade": _stance(100)}),
        ],
    }
    score = score_positions(gold, scenario)
    assert score.flipped == ["releases"]
    assert score.right_side.rate == 1.0


def test_scale_kept_when_oriented_like_the_gold() -> None:
    scenario = {
        "issues": [{"id": "trade", "label": "Trade"}],
        "actors": [
            _actor("egy", "Egypt", positions={"trade": _stance(100)}),
            _actor("eth", "Ethiopia", positions={"trade": _stance(60)}),  # wrong side
        ],
    }
    score = score_positions(_gold(), scenario)
    assert score.flipped == [] and score.right_side.correct == 1
    assert score.mae == pytest.approx((10 + 50) / 2)


def test_placeholder_and_missing_positions_are_wrong_with_distance_to_midpoint() -> None:
    scenario = {
        "issues": [{"id": "trade", "label": "Trade"}],
        "actors": [
            _actor("egy", "Egypt", positions={"trade": _stance(95, placeholder=True)}),
            _actor("eth", "Ethiopia"),
        ],
    }
    score = score_positions(_gold(), scenario)
    assert score.right_side.correct == 0 and score.right_side.total == 2
    assert score.mae == pytest.approx(40.0)  # |90 − 50| and |10 − 50|
    nothing = score_positions(_gold(), {"issues": [], "actors": []})
    assert nothing.not_drafted == ["releases"] and nothing.mae == pytest.approx(40.0)


def test_position_of_fifty_is_skipped_and_null_lexicon_not_scored() -> None:
    gold = _gold(
        issues=[
            {
                "id": "releases",
                "lexicon": "trade",
                "low": {"party": "ETH", "means": "no quota"},
                "high": {"party": "EGY", "means": "a quota"},
                "positions": {"EGY": 90, "ETH": 50},
            },
            {
                "id": "dams",
                "lexicon": None,
                "low": {"party": "ETH", "means": "build"},
                "high": {"party": "EGY", "means": "consent"},
                "positions": {"EGY": 90, "ETH": 10},
            },
        ]
    )
    scenario = {
        "issues": [{"id": "trade"}],
        "actors": [_actor("egy", "Egypt", positions={"trade": {"position": 80}})],  # bare number
    }
    score = score_positions(gold, scenario)
    assert score.right_side.total == 1 and score.right_side.correct == 1
    assert score.no_lexicon == ["dams"]


# ---- totals, targets, gold files, folders ------------------------------------------------


def test_overall_is_micro_averaged_and_targets_checked() -> None:
    def one(name: str, mentions: list[MentionRecord]) -> Any:
        gold = _entities(
            {"text": "Egypt", "actor": "EGY"}, {"text": "CAIRO", "actor": None, "as": "place"}
        )
        return score_negotiation(
            name, gold, mentions=mentions, claims=[], texts={"d": TEXT}, scenario={}
        )

    good = one("a", [])  # Egypt unresolved (wrong), CAIRO right: 1 of 2
    start = TEXT.index("Egypt")
    better = one("b", [MentionRecord("d", start, start + 5, EGYPT)])  # 2 of 2
    overall = DraftEvaluation([good, better]).overall()
    assert overall["actors_resolved"] == pytest.approx(3 / 4)
    met = targets_met(overall)
    assert met["actors_resolved"] is False and met["claims_right_actor"] is None
    assert met["commentators_as_parties"] is True


def test_gold_with_a_claim_by_a_non_party_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(
        "negotiation: x\nparties:\n  - {key: EGY, name: Egypt}\nissues: []\n"
        "entities:\n  - {document: d, text: Cairo, actor: EGY, kind: org}\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError, match=r"gold.yaml:6: entities\[0\]: give either"):
        load_draft_gold(path)
    path.write_text("negotiation: x\nparties: []\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"gold.yaml:2: parties"):
        load_draft_gold(path)


def test_fixture_gold_loads_and_folders_are_found(tmp_path: Path) -> None:
    gold = load_draft_gold(FIXTURE / "gold.yaml")
    assert [p.key for p in gold.parties] == ["BOL", "CHL"]
    assert gold_folders(FIXTURE) == [FIXTURE]
    assert gold_folders(FIXTURE.parent) == [FIXTURE]
    with pytest.raises(ScenarioError, match=r"no gold\.yaml"):
        gold_folders(tmp_path)
    assert document_stem("corpus/2025-05-16-round.md") == "2025-05-16-round"
    assert document_stem("corpus/wire.jsonl:3") == "wire:3"


@pytest.mark.slow
def test_eval_draft_cli_on_the_fixture_prints_sane_json() -> None:
    result = CliRunner().invoke(app, ["eval", "draft", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    scores = data["negotiations"]["draft-fixture"]
    assert scores["actors"]["total"] == 10
    assert scores["parties"]["found"]["total"] == 2
    assert scores["claims"]["right_actor"]["total"] == 5
    # port_rights has no lexicon id: it is scored only when its claims were extracted.
    mapped = scores["positions"]["mapped"]
    assert "port_rights" in mapped or scores["positions"]["no_lexicon"] == ["port_rights"]
    assert scores["positions"]["right_side"]["total"] == 2 * len(mapped)
    for name, value in data["overall"]["measures"].items():
        if name == "positions_mae":
            assert value is None or 0 <= value <= 100
        elif name.endswith("_as_parties"):
            assert value >= 0
        else:
            assert value is None or 0 <= value <= 1, name
    assert set(data["targets"]) == set(data["overall"]["targets_met"])


def test_a_gold_issue_is_scored_on_the_issue_its_claims_were_extracted_under() -> None:
    gold = _claims_gold()  # its issue "releases" has lexicon id "trade"
    scenario = {
        "issues": [{"id": "trade"}, {"id": "water"}],
        "actors": [
            _actor("egy", "Egypt", positions={"trade": _stance(20), "water": _stance(95)}),
            _actor("eth", "Ethiopia", positions={"trade": _stance(80), "water": _stance(5)}),
        ],
    }
    by_lexicon = score_positions(gold, scenario)
    assert by_lexicon.mapped == {"releases": "trade (lexicon)"}
    by_claims = score_positions(gold, scenario, [ClaimRecord("d", SENTENCE, EGYPT, "water")])
    assert by_claims.mapped == {"releases": "water (claims)"}
    assert by_claims.right_side.rate == 1.0 and by_claims.flipped == []
    # A claim under an issue the draft does not have falls back to the lexicon id.
    undrafted = score_positions(gold, scenario, [ClaimRecord("d", SENTENCE, EGYPT, "dams")])
    assert undrafted.mapped == {"releases": "trade (lexicon)"}


def test_a_gold_issue_is_scored_on_the_drafted_issue_that_cites_its_claims() -> None:
    # The draft joined the open issue "open_dam_release" into "water" (open issues that share
    # a word): its claim keeps its own key in the store, and the draft cites it under "water".
    gold = _claims_gold()
    cited = {"claim": 7, "document": "1", "start": 0, "end": 5, "digest": "0" * 12}
    stance = _stance(95)
    stance["position"]["evidence"] = [cited]
    scenario = {
        "issues": [{"id": "trade"}, {"id": "water"}],
        "actors": [
            _actor("egy", "Egypt", positions={"trade": _stance(20), "water": stance}),
            _actor("eth", "Ethiopia", positions={"trade": _stance(80), "water": _stance(5)}),
        ],
    }
    record = ClaimRecord("d", SENTENCE, EGYPT, "open_dam_release", id=7)
    score = score_positions(gold, scenario, [record])
    assert score.mapped == {"releases": "water (claims)"}
    assert score.right_side.rate == 1.0


def test_a_drafted_actor_is_matched_by_the_store_keys_it_carries_before_its_people() -> None:
    # The gold names the party otherwise than the draft ("Egypt (transitional government)"
    # is not "Egypt"); the drafted state carries its store key, so its own positions are
    # scored, not those of a leader drafted apart who is one of the gold party's people.
    gold = _gold(
        parties=[
            {"key": "EGY", "name": "Egypt (transitional government)", "people": ["Tamim Khallaf"]},
            {"key": "ETH", "name": "Ethiopia"},
        ]
    )
    scenario = {
        "issues": [{"id": "trade", "label": "Trade"}],
        "actors": [
            _actor("tamim_khallaf", "Tamim Khallaf", "leader", positions={"trade": _stance(20)}),
            _actor("egypt", "Egypt", keys=["EGY", "person:badr-abdelatty"],
                   positions={"trade": _stance(95)}),
            _actor("eth", "Ethiopia", positions={"trade": _stance(5)}),
        ],
    }  # fmt: skip
    score = score_positions(gold, scenario)
    assert score.right_side.rate == 1.0
    assert score.mae == pytest.approx((5 + 5) / 2)
    parties = score_parties(gold, {"actors": scenario["actors"][1:]})
    assert parties.found.rate == 1.0

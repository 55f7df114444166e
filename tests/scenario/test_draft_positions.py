"""Oriented scales and positions placed from the stance of each party's own claims."""

from __future__ import annotations

import pytest

from tests.scenario.draft_store import Doc, actor, state, write
from zopa.scenario import check_text, draft_scenario, dump_scenario
from zopa.scenario.draft._positions import STANCE_VALUES, stance
from zopa.store import Claim, Store


def _claims(*stances: str, cue: str | None = None) -> list[Claim]:
    return [
        Claim(
            id=n,
            document_id=1,
            start=10 * n,
            end=10 * n + 5,
            text="x",
            issue="i",
            stance=s,
            salience_cue=cue,
        )
        for n, s in enumerate(stances, start=1)
    ]


def _draft(store: Store) -> dict:
    data = draft_scenario(store, issue_labels={})
    assert check_text(dump_scenario(data)).ok
    return data


def _position(data: dict, actor_id: str, issue: str) -> dict:
    actor = next(a for a in data["actors"] if a["id"] == actor_id)
    return actor["positions"][issue]


@pytest.fixture
def dam(store: Store) -> Store:
    """Three parties on a dam: Egypt demands, Ethiopia refuses, Sudan sides with Egypt."""
    doc = Doc(
        "Egypt demanded a binding deal on filling the dam, its main concern. "
        "Egypt insisted on a binding deal on filling the dam. "
        "Ethiopia rejected any binding deal on filling the dam. "
        "Sudan accepted the call for a binding deal on filling the dam. "
        "Ethiopia offered to share data on filling the dam. "
        "Egypt called a deal on water quotas its primary goal."
    )
    doc.claim(
        "EGY",
        "Egypt demanded a binding deal on filling the dam, its main concern",
        "dam",
        "demand",
        "main concern",
    )
    doc.claim("EGY", "Egypt insisted on a binding deal on filling the dam", "dam", "demand")
    doc.claim("ETH", "Ethiopia rejected any binding deal on filling the dam", "dam", "reject")
    doc.claim(
        "SDN", "Sudan accepted the call for a binding deal on filling the dam", "dam", "accept"
    )
    doc.claim("ETH", "Ethiopia offered to share data on filling the dam", "dam", "offer")
    doc.claim(
        "EGY",
        "Egypt called a deal on water quotas its primary goal",
        "quotas",
        "goal",
        "primary goal",
    )
    write(store, [state("EGY", "Egypt"), state("ETH", "Ethiopia"), state("SDN", "Sudan")], [doc])
    return store


def test_the_scale_runs_from_the_resisting_side_to_the_most_demanding_party(dam: Store) -> None:
    data = _draft(dam)
    issue = next(i for i in data["issues"] if i["id"] == "dam")
    assert issue["anchors"][100].startswith("Egypt: “Egypt demanded a binding deal")
    assert issue["anchors"][0].startswith("Ethiopia: “Ethiopia rejected any binding deal")
    assert "status_quo" not in issue


def test_positions_follow_each_party_s_own_stances(dam: Store) -> None:
    data = _draft(dam)
    assert _position(data, "egypt", "dam")["position"]["value"] == 100
    ethiopia = _position(data, "ethiopia", "dam")["position"]
    # A rejection (0) weighs more than an offer (35): the firm no places it.
    assert ethiopia["value"] == 0 and ethiopia["confidence"] < 0.3
    # Sudan accepts Egypt's demand: near it.
    assert _position(data, "sudan", "dam")["position"]["value"] == STANCE_VALUES["ally"]["accept"]
    assert {e.get("claim") for e in ethiopia["evidence"]} >= {3, 5}


def test_salience_from_cue_words_else_from_how_often_the_issue_is_claimed(dam: Store) -> None:
    data = _draft(dam)
    assert _position(data, "egypt", "quotas")["salience"]["value"] == 90  # "primary goal"
    assert _position(data, "egypt", "dam")["salience"]["value"] == 85  # "main concern"
    assert _position(data, "sudan", "dam")["salience"]["value"] == 40  # one claim, no cue


def test_an_issue_no_one_resists_is_oriented_on_the_status_quo(dam: Store) -> None:
    issue = next(i for i in _draft(dam)["issues"] if i["id"] == "quotas")
    assert issue["anchors"][0].startswith("the status quo")
    assert issue["status_quo"]["value"] == 0


def test_confidence_grows_with_the_claims_that_agree() -> None:
    one = stance(_claims("demand"), "pole", "X")["position"]["confidence"]
    three = stance(_claims("demand", "demand", "goal"), "pole", "X")["position"]["confidence"]
    split = stance(_claims("demand", "offer", "accept", "reject"), "resisting", "X")["position"]
    assert one < three
    assert split["confidence"] < one


@pytest.mark.parametrize(
    ("role", "stances", "side"),
    [
        ("pole", ("demand", "red_line"), "high"),
        ("resisting", ("reject",), "low"),
        ("resisting", ("red_line",), "low"),
        ("resisting", ("accept",), "high"),
        ("ally", ("demand",), "high"),
        ("resisting", ("offer",), "low"),
    ],
)
def test_each_stance_puts_the_speaker_on_its_side(
    role: str, stances: tuple[str, ...], side: str
) -> None:
    value = stance(_claims(*stances), role, "X")["position"]["value"]  # type: ignore[arg-type]
    assert (value > 50) == (side == "high")


def test_offers_and_conditions_lie_between_rejection_and_demand() -> None:
    # Between the resisting side's no (0) and the demand (100), a condition nearer the demand.
    for values in STANCE_VALUES.values():
        assert STANCE_VALUES["resisting"]["reject"] < values["offer"] < values["condition"] < 100


def test_a_stated_red_line_is_drafted_on_the_position_s_side_with_its_claim() -> None:
    resisting = stance(_claims("red_line"), "resisting", "X")
    assert resisting["position"]["value"] == 0
    assert resisting["red_line"]["value"] == 15
    assert resisting["red_line"]["evidence"][1]["claim"] == 1
    assert resisting["salience"]["value"] == 90
    pole = stance(_claims("demand", "red_line"), "pole", "X")
    assert pole["red_line"]["value"] == 85
    assert "red_line" not in stance(_claims("demand"), "pole", "X")


def test_a_party_asked_to_give_without_a_claim_of_its_own_is_a_placeholder(store: Store) -> None:
    doc = Doc(
        "Kosovo demanded that Serbia recognise its independence. "
        "Kosovo insisted that Serbia must recognise it. Kosovo thanked Albania for its support."
    )
    doc.claim(
        "XKX", "Kosovo demanded that Serbia recognise its independence", "recognition", "demand"
    )
    doc.claim("XKX", "Kosovo insisted that Serbia must recognise it", "recognition", "demand")
    doc.claim("XKX", "Kosovo thanked Albania for its support", "recognition", "position")
    write(store, [state("XKX", "Kosovo"), state("SRB", "Serbia"), state("ALB", "Albania")], [doc])
    data = _draft(store)
    serbia = _position(data, "serbia", "recognition")
    assert serbia["position"]["value"] == 50 and serbia["position"]["placeholder"] is True
    assert serbia["salience"]["placeholder"] is True
    assert "no claim of its own" in serbia["position"]["evidence"][0]["note"]
    assert _position(data, "kosovo", "recognition")["position"]["value"] == 100
    # Named once in passing: not made a party.
    assert "albania" not in {a["id"] for a in data["actors"]}
    # Kosovo (XKX) is outside the package's list: its capability is a placeholder too.
    kosovo = next(a for a in data["actors"] if a["id"] == "kosovo")
    assert kosovo["capability"]["placeholder"] is True


def test_an_anchor_quotes_the_claim_s_sentence_or_a_window_around_the_claim() -> None:
    from zopa.scenario.draft._rows import excerpt

    short = "Egypt wants a binding deal."
    claim = Claim(id=1, start=6, end=26, sentence_start=0, sentence_end=len(short))
    assert excerpt(short, claim, 140) == short
    long = "In a long speech to the assembly " * 5 + "Egypt demanded a binding deal" + " today" * 30
    start = long.index("Egypt demanded")
    claim = Claim(id=2, start=start, end=start + 29, sentence_start=0, sentence_end=len(long))
    words = excerpt(long, claim, 80)  # the sentence is the whole text here
    assert "Egypt demanded a binding deal" in words
    assert words.startswith("…") and words.endswith("…") and len(words) <= 80


def test_a_firm_no_outweighs_several_soft_acceptances() -> None:
    # A resisting side that rejects the demand and states its own, while accepting pieces
    # of it more often, still stands on its side of the scale; the mix lowers confidence.
    mixed = stance(
        _claims("reject", "demand", "offer", "offer", "accept", "accept", "accept", "accept"),
        "resisting",
        "X",
    )["position"]
    assert mixed["value"] < 50
    assert (
        mixed["confidence"] < stance(_claims("reject"), "resisting", "X")["position"]["confidence"]
    )


def test_a_party_the_pole_rejects_resists_it_even_with_demands_of_its_own(store: Store) -> None:
    # Both demand on the same issue without naming each other; an event shows them opposed.
    doc = Doc(
        "Bolivia demanded sovereign access to the sea. Chile rejected the Bolivian case. "
        "Chile demanded that the 1904 treaty on the sea stand. "
        "Peru demanded a say on any corridor to the sea."
    )
    doc.claim("BOL", "Bolivia demanded sovereign access to the sea", "territory", "demand")
    doc.claim("BOL", "Bolivia demanded sovereign access", "territory", "goal")
    doc.claim("CHL", "Chile demanded that the 1904 treaty on the sea stand", "territory", "demand")
    doc.claim("PER", "Peru demanded a say on any corridor to the sea", "territory", "demand")
    doc.hostile("CHL", "BOL", "Chile rejected the Bolivian case", "REJECT", "120")
    write(store, [state("BOL", "Bolivia"), state("CHL", "Chile"), state("PER", "Peru")], [doc])
    data = _draft(store)
    assert _position(data, "bolivia", "territory")["position"]["value"] == 100
    assert _position(data, "chile", "territory")["position"]["value"] < 50
    assert _position(data, "peru", "territory")["position"]["value"] > 50  # no sign against


def test_a_state_named_once_per_issue_in_lists_is_not_made_a_party(store: Store) -> None:
    # Invited along with others on two issues: not asked to give on either.
    doc = Doc(
        "Armenia proposed talks in Geneva and asked Italy to join them. "
        "Armenia demanded guarantees for the corridor from Italy and others. "
        "Azerbaijan rejected talks in Geneva. Azerbaijan rejected guarantees for the corridor."
    )
    doc.claim(
        "ARM", "Armenia proposed talks in Geneva and asked Italy to join them", "format", "demand"
    )
    doc.claim(
        "ARM",
        "Armenia demanded guarantees for the corridor from Italy and others",
        "guarantees",
        "demand",
    )
    doc.claim("AZE", "Azerbaijan rejected talks in Geneva", "format", "reject")
    doc.claim("AZE", "Azerbaijan rejected guarantees for the corridor", "guarantees", "reject")
    countries = [state("ARM", "Armenia"), state("AZE", "Azerbaijan"), state("ITA", "Italy")]
    write(store, countries, [doc])
    assert "italy" not in {a["id"] for a in _draft(store)["actors"]}


def test_a_party_that_only_rejects_is_never_the_pole(store: Store) -> None:
    # Peru's two rejections outnumber Chile's one offer, yet Peru wants nothing on the issue:
    # Chile's offer is the demand side, Peru resists it.
    doc = Doc(
        "Peru rejected the fishing quota. Peru rejected any quota at all. "
        "Chile offered a quota of ten tonnes."
    )
    doc.claim("PER", "Peru rejected the fishing quota", "quota", "reject")
    doc.claim("PER", "Peru rejected any quota at all", "quota", "reject")
    doc.claim("CHL", "Chile offered a quota of ten tonnes", "quota", "offer")
    write(store, [state("PER", "Peru"), state("CHL", "Chile")], [doc])
    data = _draft(store)
    assert _position(data, "chile", "quota")["position"]["value"] > 50
    assert _position(data, "peru", "quota")["position"]["value"] < 50


def test_adversaries_on_one_issue_are_on_opposite_sides_of_another(store: Store) -> None:
    # On the truce Peru demands and the ALF rejects; on the reform each states its own goal
    # without naming the other: they are still on opposite sides there.
    doc = Doc(
        "Peru demanded a truce. The ALF rejected a truce. Peru wants a reform by decree. "
        "The ALF wants a reform by assembly."
    )
    doc.claim("PER", "Peru demanded a truce", "truce", "demand")
    doc.claim("unresolved:alf", "The ALF rejected a truce", "truce", "reject")
    doc.claim("PER", "Peru wants a reform by decree", "reform", "goal")
    doc.claim("unresolved:alf", "The ALF wants a reform by assembly", "reform", "goal")
    rebels = actor("unresolved:alf", "ALF", "group", sector="REB")
    write(store, [state("PER", "Peru"), rebels], [doc])
    data = _draft(store)
    values = sorted(_position(data, key, "reform")["position"]["value"] for key in ("peru", "alf"))
    assert values[0] < 50 < values[1]


def test_a_party_naming_the_pole_and_its_opponent_backs_the_pole(store: Store) -> None:
    doc = Doc(
        "Peru demanded access to the bay. Peru insisted on access to the bay. Chile rejected "
        "any access to the bay. Bolivia said Peru should insist that Chile open the bay."
    )
    doc.claim("PER", "Peru demanded access to the bay", "bay", "demand")
    doc.claim("PER", "Peru insisted on access to the bay", "bay", "demand")
    doc.claim("CHL", "Chile rejected any access to the bay", "bay", "reject")
    doc.claim("BOL", "Bolivia said Peru should insist that Chile open the bay", "bay", "demand")
    write(store, [state("PER", "Peru"), state("CHL", "Chile"), state("BOL", "Bolivia")], [doc])
    data = _draft(store)
    assert _position(data, "bolivia", "bay")["position"]["value"] > 50
    assert _position(data, "chile", "bay")["position"]["value"] < 50


def test_a_party_welcoming_what_the_pole_did_is_on_its_side(store: Store) -> None:
    # Welcoming Peru's offer names Peru, yet sides with it: Bolivia is no adversary of Peru,
    # so on the corridor, where both state goals, they stay on one side.
    doc = Doc(
        "Peru demanded the release of the detained fishermen. Chile rejected any release. "
        "Bolivia welcomed Peru's call for a release. Peru wants a corridor to the port. "
        "Bolivia wants a corridor to the port. Chile rejected any corridor to the port."
    )
    doc.claim("PER", "Peru demanded the release of the detained fishermen", "release", "demand")
    doc.claim("CHL", "Chile rejected any release", "release", "reject")
    doc.claim("BOL", "Bolivia welcomed Peru's call for a release", "release", "accept")
    doc.claim("PER", "Peru wants a corridor to the port", "corridor", "goal")
    doc.claim("BOL", "Bolivia wants a corridor to the port", "corridor", "goal")
    doc.claim("CHL", "Chile rejected any corridor to the port", "corridor", "reject")
    write(store, [state("PER", "Peru"), state("CHL", "Chile"), state("BOL", "Bolivia")], [doc])
    data = _draft(store)
    assert _position(data, "bolivia", "release")["position"]["value"] > 50
    for ally in ("peru", "bolivia"):
        assert _position(data, ally, "corridor")["position"]["value"] > 50
    assert _position(data, "chile", "corridor")["position"]["value"] < 50


def test_one_disagreement_elsewhere_does_not_outweigh_a_party_s_own_demands(store: Store) -> None:
    # Kenya and Uganda disagree once, on the venue. On the fishing quota Kenya demands most
    # and Uganda states its own demand twice without naming Kenya: one disagreement elsewhere
    # does not turn Uganda's own demands into resistance (it would put Uganda at 10).
    doc = Doc(
        "Kenya demanded talks in Nairobi. Uganda rejected talks in Nairobi. "
        "Kenya demanded a larger fishing quota on the lake. "
        "Kenya insisted on a larger fishing quota, its primary goal. "
        "Kenya demanded the quota within a year. "
        "Uganda demanded a larger fishing quota for lake fishermen. "
        "Uganda insisted on a larger fishing quota for the lake."
    )
    doc.claim("KEN", "Kenya demanded talks in Nairobi", "venue", "demand")
    doc.claim("UGA", "Uganda rejected talks in Nairobi", "venue", "reject")
    doc.claim("KEN", "Kenya demanded a larger fishing quota on the lake", "quota", "demand")
    doc.claim("KEN", "Kenya insisted on a larger fishing quota", "quota", "goal")
    doc.claim("KEN", "Kenya demanded the quota within a year", "quota", "demand")
    doc.claim("UGA", "Uganda demanded a larger fishing quota for lake fishermen", "quota", "demand")
    doc.claim("UGA", "Uganda insisted on a larger fishing quota for the lake", "quota", "goal")
    write(store, [state("KEN", "Kenya"), state("UGA", "Uganda")], [doc])
    data = _draft(store)
    assert _position(data, "uganda", "venue")["position"]["value"] < 50
    assert _position(data, "uganda", "quota")["position"]["value"] > 50


def test_a_party_that_only_draws_red_lines_is_not_the_pole_over_a_stated_goal(
    store: Store,
) -> None:
    # Two red lines outweigh one goal as demand words, yet they say what Norway will not
    # have: Iceland's goal is the demand side, and Norway resists it.
    doc = Doc(
        "Norway said it would never sign the herring accord. "
        "Norway called the herring accord unacceptable. "
        "Iceland wants the herring accord signed this year."
    )
    doc.claim("NOR", "Norway said it would never sign the herring accord", "herring", "red_line")
    doc.claim("NOR", "Norway called the herring accord unacceptable", "herring", "red_line")
    doc.claim("ISL", "Iceland wants the herring accord signed this year", "herring", "goal")
    write(store, [state("NOR", "Norway"), state("ISL", "Iceland")], [doc])
    data = _draft(store)
    assert _position(data, "iceland", "herring")["position"]["value"] > 50
    assert _position(data, "norway", "herring")["position"]["value"] < 50


def test_a_party_that_only_offers_on_a_demanded_issue_resists_the_demand(store: Store) -> None:
    # The union demands a shorter week; the ministry only offers steps toward it. An offer is
    # a concession to the other side, so the ministry is on the low side, not the union's ally.
    doc = Doc(
        "The dockers' union demanded a 35-hour week. "
        "Ghana offered a pilot of shorter shifts at one port. "
        "Ghana offered to review the rosters next year."
    )
    doc.claim("unresolved:union", "The dockers' union demanded a 35-hour week", "week", "demand")
    doc.claim("GHA", "Ghana offered a pilot of shorter shifts at one port", "week", "offer")
    doc.claim("GHA", "Ghana offered to review the rosters next year", "week", "offer")
    union = actor("unresolved:union", "Dockers' Union", "organisation", sector="LAB")
    write(store, [state("GHA", "Ghana"), union], [doc])
    data = _draft(store)
    assert _position(data, "dockers_union", "week")["position"]["value"] > 50
    assert _position(data, "ghana", "week")["position"]["value"] < 50


def test_a_red_line_that_insists_rather_than_refuses_still_makes_the_pole(store: Store) -> None:
    # "non-negotiable" affirms what Norway wants: that red line is a demand, so Norway stays
    # the pole over Iceland's stated goal (only a refusing red line gives way to a goal).
    doc = Doc(
        "Norway said its current herring share was non-negotiable. "
        "Norway said keeping the current herring share was non-negotiable. "
        "Iceland wants the herring shares recalculated."
    )
    doc.claim("NOR", "its current herring share was non-negotiable", "herring", "red_line")
    doc.claim("NOR", "keeping the current herring share was non-negotiable", "herring", "red_line")
    doc.claim("ISL", "Iceland wants the herring shares recalculated", "herring", "goal")
    write(store, [state("NOR", "Norway"), state("ISL", "Iceland")], [doc])
    data = _draft(store)
    assert _position(data, "norway", "herring")["position"]["value"] == 100

"""Open issues (no lexicon word) grouped across documents and placed in the draft."""

from __future__ import annotations

from tests.scenario.draft_store import Doc, state, write
from zopa.scenario import check_text, draft_scenario, dump_scenario
from zopa.scenario.draft._open_issues import MIN_CLAIMS, group_open_issues
from zopa.store import Store


def test_open_issues_sharing_a_content_word_are_one_issue() -> None:
    grouped = group_open_issues(
        {
            "open_reopening_road_cusco": 2,
            "open_road_cusco": 1,
            "open_pass": 1,
            "open_mountain_pass": 1,
            "territory": 4,
        }
    )
    assert grouped == {
        "open_reopening_road_cusco": "open_reopening_road_cusco",
        "open_road_cusco": "open_reopening_road_cusco",
        "open_pass": "open_pass",  # ties: the shorter key names the group
        "open_mountain_pass": "open_pass",
    }


def test_a_generic_word_alone_does_not_join_two_issues() -> None:
    grouped = group_open_issues({"open_final_deal_port": 1, "open_final_deal_toll": 1})
    # "final" and "deal" name no matter: two one-claim issues, each too small to draft
    assert MIN_CLAIMS == 2
    assert grouped == {"open_final_deal_port": None, "open_final_deal_toll": None}


def test_the_draft_places_the_parties_on_an_open_issue_of_several_documents(
    store: Store,
) -> None:
    first = Doc("Peru demanded the reopening of the roads into Cusco.")
    first.claim(
        "PER", "Peru demanded the reopening of the roads", "open_reopening_road_cusco", "demand"
    )
    second = Doc("Bolivia rejected any road into Cusco. Chile denied a trade plan.")
    second.claim("BOL", "Bolivia rejected any road into Cusco", "open_road_cusco", "reject")
    second.claim("CHL", "Chile denied a trade plan", "open_trade_plan", "position")
    write(
        store,
        [state("PER", "Peru"), state("BOL", "Bolivia"), state("CHL", "Chile")],
        [first, second],
    )
    data = draft_scenario(store, issue_labels={})
    assert check_text(dump_scenario(data)).ok
    issues = {i["id"]: i for i in data["issues"]}
    # one issue under the key most claims carry (tie: the shorter); the one-claim trade plan
    # of a single sentence is no issue of the talks
    assert set(issues) == {"open_road_cusco"}
    assert "open issue" in issues["open_road_cusco"]["label"]
    positions = {
        a["id"]: a["positions"]["open_road_cusco"]["position"]["value"]
        for a in data["actors"]
        if "open_road_cusco" in a.get("positions", {})
    }
    assert positions["peru"] > 50 > positions["bolivia"]

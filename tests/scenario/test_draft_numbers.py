"""Positions placed by the numbers the parties' claims state on an issue."""

from __future__ import annotations

import pytest

from tests.scenario.draft_store import Doc, actor, state, write
from zopa.scenario import check_text, draft_scenario, dump_scenario
from zopa.scenario.draft._numbers import Amount, amounts, place_by_numbers
from zopa.store import Claim, Store


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("offered 45,000 cedis a month", [Amount(45000, "cedi")]),
        ("wants a 12% raise", [Amount(12, "%")]),
        ("a cut of 7.5 per cent", [Amount(7.5, "%")]),
        ("asked for $3 billion over two years", [Amount(3e9, "dollar"), Amount(2, "year")]),
        ("a review every four years", [Amount(4, "year")]),
        ("a vote on autonomy by 2031", [Amount(2031, "year")]),
        ("the 1998 accord must stand", []),
        ("the three of them met", []),
    ],
)
def test_numbers_are_read_with_their_unit(text: str, expected: list[Amount]) -> None:
    assert amounts(text) == expected


def _claim(n: int, text: str, stance: str) -> Claim:
    return Claim(id=n, document_id=1, start=n, end=n + 1, text=text, issue="pay", stance=stance)


def test_the_pole_s_number_is_100_and_the_farthest_other_number_0() -> None:
    claims = {
        "union": [
            _claim(1, "demanded 90,000 cedis", "demand"),
            _claim(2, "stood by 70,000 cedis", "demand"),
        ],
        "ministry": [_claim(3, "offered 40,000 cedis", "offer")],
        "employers": [_claim(4, "could pay 60,000 cedis", "position")],
    }
    placed = place_by_numbers(claims, "union")
    assert placed is not None
    assert placed.unit == "cedi"
    assert placed.far == "ministry"
    assert placed.values == {"union": 100, "ministry": 0, "employers": 50}


def test_numbers_of_one_party_or_of_different_units_place_no_one() -> None:
    one = {
        "union": [_claim(1, "demanded 90,000 cedis", "demand")],
        "ministry": [_claim(2, "refused", "reject")],
    }
    units = {
        "union": [_claim(1, "demanded 90,000 cedis", "demand")],
        "ministry": [_claim(2, "offered a 5% rise", "offer")],
    }
    assert place_by_numbers(one, "union") is None
    assert place_by_numbers(units, "union") is None


def test_a_draft_places_the_parties_by_the_numbers_they_state(store: Store) -> None:
    # The stances alone make the ministry the union's ally (a position and a condition, no
    # one rejecting): the cedi figures put the two at opposite ends, and the notes say so.
    doc = Doc(
        "The teachers' union demanded a monthly wage of 90,000 cedis. "
        "Ghana said the budget could carry a wage of 40,000 cedis. "
        "Ghana said any wage must be affordable to the regions."
    )
    doc.claim("unresolved:union", "demanded a monthly wage of 90,000 cedis", "wage", "demand")
    doc.claim("GHA", "the budget could carry a wage of 40,000 cedis", "wage", "position")
    doc.claim("GHA", "any wage must be affordable to the regions", "wage", "condition")
    union = actor("unresolved:union", "Teachers' Union", "organisation", sector="LAB")
    write(store, [state("GHA", "Ghana"), union], [doc])
    data = draft_scenario(store, issue_labels={})
    assert check_text(dump_scenario(data)).ok
    by_id = {a["id"]: a for a in data["actors"]}
    ghana = by_id["ghana"]["positions"]["wage"]["position"]
    union_position = by_id["teachers_union"]["positions"]["wage"]["position"]
    assert (ghana["value"], union_position["value"]) == (0, 100)
    assert "40,000 cedi" in ghana["evidence"][0]["note"]
    assert not ghana.get("placeholder")
    issue = next(i for i in data["issues"] if i["id"] == "wage")
    assert "status_quo" not in issue
    assert any("90,000 cedi" in e.get("note", "") for e in issue["evidence"])

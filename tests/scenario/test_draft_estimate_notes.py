"""The notes a draft writes beside the estimates it cites: the holder by name, a
comparison as a direction (team-written rows, not a seed negotiation)."""

from __future__ import annotations

from tests.scenario.draft_store import Doc, actor, state, write
from zopa.scenario import draft_scenario
from zopa.store import Store


def test_notes_name_the_holder_and_give_a_comparison_no_level(store: Store) -> None:
    doc = Doc(
        "Peru demanded access to the port. Chile rejected access to the port. "
        "Ana Ruiz of the Andes Forum said the talks had made a deal more likely. "
        '"I put a deal at 30 percent," she said.'
    )
    doc.claim("PER", "Peru demanded access to the port", "trade", "demand")
    doc.claim("CHL", "Chile rejected access to the port", "trade", "reject")
    doc.estimate("Ana Ruiz of the Andes Forum", "more likely", 0.5, by="ruiz", interval=(0, 1))
    doc.estimate("she", "30 percent", 0.3, by="ruiz")
    people = [actor("ruiz", "Ana Ruiz", "person")]
    write(store, [state("PER", "Peru"), state("CHL", "Chile"), *people], [doc])
    data = draft_scenario(store, scenario_id="port", issue_labels={"trade": "Trade"})
    notes = [e["note"] for e in data["evidence"]]
    assert notes == [
        "more likely (a direction, no level) from Ana Ruiz: a deal this year",
        "p=0.30 [0.25, 0.35] from Ana Ruiz: a deal this year",
    ]

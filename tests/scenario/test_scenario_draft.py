"""``draft_scenario`` from claims, estimates and mentions written to a real store with the ORM."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from zopa.errors import ScenarioError
from zopa.scenario import check_text, draft_scenario, dump_scenario, load_scenario
from zopa.store import Actor, Claim, Document, Estimate, Mention, Store

TEXT = (
    "Northland demands the whole valley and calls it its primary goal. "
    "Southland refuses any handover of the valley. "
    "Northland also wants the river treaty revised, a very secondary matter. "
    "An analyst puts the chance of a deal this year at 10 percent."
)


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _evidence(needle: str) -> dict[str, object]:
    start, end = _span(needle)
    return {
        "start": start,
        "end": end,
        "text": needle,
        "sentence_start": start,
        "sentence_end": end,
        "extractor": "test",
    }


def _fill(store: Store) -> None:
    with store.write() as session:
        doc = Document(
            sha256="0" * 64,
            source="valley.txt",
            date_source="none",
            language="en",
            text=TEXT,
            word_count=len(TEXT.split()),
            ingested_at=datetime.now(UTC),
        )
        north = Actor(key="northland", name="Northland", kind="state")
        south = Actor(key="southland", name="Southland", kind="state")
        session.add_all([doc, north, south])
        session.flush()
        for actor, needle in (
            (north, "Northland demands"),
            (north, "Northland also"),
            (south, "Southland refuses"),
        ):
            session.add(Mention(document_id=doc.id, actor_id=actor.id, **_evidence(needle)))
        session.add_all(
            [
                Claim(
                    document_id=doc.id,
                    actor_id=north.id,
                    issue="valley",
                    stance="demand",
                    salience_cue="primary goal",
                    attribution="own",
                    **_evidence("Northland demands the whole valley"),
                ),
                Claim(
                    document_id=doc.id,
                    actor_id=south.id,
                    issue="valley",
                    stance="red_line",
                    salience_cue=None,
                    attribution="own",
                    **_evidence("Southland refuses any handover of the valley"),
                ),
                Claim(
                    document_id=doc.id,
                    actor_id=north.id,
                    issue="river treaty",
                    stance="goal",
                    salience_cue="a very secondary matter",
                    attribution="reported",
                    **_evidence("Northland also wants the river treaty revised"),
                ),
                Estimate(
                    document_id=doc.id,
                    holder_text="An analyst",
                    phrase="10 percent",
                    probability=0.1,
                    low=0.08,
                    high=0.12,
                    about="a deal this year",
                    **_evidence("10 percent"),
                ),
            ]
        )


def test_draft_proposes_a_checkable_scenario_with_evidence(store: Store) -> None:
    _fill(store)
    data = draft_scenario(store, scenario_id="valley", title="Valley talks")
    text = dump_scenario(data)
    report = check_text(text, source="draft.yaml")
    assert report.ok, [p.format() for p in report.problems]
    scenario = report.scenario
    assert scenario is not None
    assert {i.id for i in scenario.issues} == {"valley", "river_treaty"}
    north, south = scenario.actor("northland"), scenario.actor("southland")
    valley = north.positions["valley"]
    # Salience from the cue words: "primary goal" high, "very secondary" low.
    assert valley.salience.value == 90
    assert north.positions["river_treaty"].salience.value == 15
    assert valley.salience.confidence is not None
    # The most vocal actor anchors the scale; the claim is cited by id, document and span.
    assert valley.position.value == 100
    cited = valley.position.evidence[0]
    assert cited.claim is not None and (cited.start, cited.end) == _span(
        "Northland demands the whole valley"
    )
    # The other side is a low-confidence placeholder, and its red-line claim is cited.
    placeholder = south.positions["valley"]
    assert placeholder.position.confidence is not None and placeholder.position.confidence < 0.2
    assert any(e.note and "red line stated" in e.note for e in placeholder.evidence)
    # Capability from the share of mentions: Northland has two, Southland one.
    assert north.capability.value == 100 and south.capability.value == 50
    assert scenario.evidence[0].estimate is not None


def test_draft_keeps_a_base_scenario_and_adds_evidence(sqlite_store: Store, tmp_path: Path) -> None:
    _fill(sqlite_store)
    first = dump_scenario(draft_scenario(sqlite_store, scenario_id="valley"))
    edited = yaml.safe_load(first)
    south = next(a for a in edited["actors"] if a["id"] == "southland")
    south["positions"]["valley"]["position"] = {"value": 5, "evidence": ["analyst: refuses"]}
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(edited, sort_keys=False), encoding="utf-8")
    again = draft_scenario(sqlite_store, base=load_scenario(path))
    report = check_text(dump_scenario(again))
    assert report.ok, [p.format() for p in report.problems]
    assert report.scenario is not None
    assert report.scenario.actor("southland").positions["valley"].position.value == 5


def test_draft_of_an_empty_store_says_what_to_do(sqlite_store: Store) -> None:
    with pytest.raises(ScenarioError, match="zopa extract"):
        draft_scenario(sqlite_store)


def test_draft_labels_issues_from_the_lexicon(store: Store) -> None:
    _fill(store)
    labelled = draft_scenario(store, issue_labels={"valley": "Control of the valley"})
    by_id = {issue["id"]: issue for issue in labelled["issues"]}
    assert by_id["valley"]["label"] == "Control of the valley"
    assert "Control of the valley" in by_id["valley"]["anchors"][100]
    unlabelled = draft_scenario(store, issue_labels={})
    assert {issue["label"] for issue in unlabelled["issues"]} >= {"valley"}

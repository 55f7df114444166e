"""``scenario draft --base``: the analyst's file is kept, new evidence added once, no duplicate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.scenario.border_talks import FIRST, LABELS, LATER, border_actors, border_db
from tests.scenario.draft_store import Doc, write
from zopa.cli import app
from zopa.scenario import build_draft, check_text, dump_scenario, merge_draft
from zopa.scenario.draft._yaml import guess_emitter, to_text
from zopa.store import Store

runner = CliRunner()


def _edit(text: str) -> str:
    """What an analyst does: rename an actor, move a value, add comments."""
    text = text.replace(
        "id: venezuela\n    name: Venezuela", "id: ven\n    name: Bolivarian Republic"
    )
    text = text.replace(
        "  - id: guyana\n", "  # Georgetown: checked against the 2025 statements\n  - id: guyana\n"
    )
    marker = "      territory:\n        position:\n          value: 0\n"
    assert marker in text
    text = text.replace(
        marker, "      territory:\n        position:\n          value: 5  # not quite zero\n"
    )
    return "# my notes on the talks\n" + text


@pytest.fixture
def drafted(sqlite_store: Store, tmp_path: Path) -> tuple[Store, str]:
    write(sqlite_store, border_actors(), [FIRST, LATER])
    text = _edit(dump_scenario(build_draft(sqlite_store, issue_labels=LABELS).data))
    assert check_text(text).ok
    return sqlite_store, text


def test_a_redraft_keeps_the_analyst_s_file_byte_for_byte(drafted: tuple[Store, str]) -> None:
    store, edited = drafted
    merged, summary = merge_draft(edited, build_draft(store, issue_labels=LABELS))
    assert merged == edited
    assert summary.added_actors == summary.added_issues == summary.added_positions == []
    assert summary.added_evidence == 0
    assert summary.kept_actors["venezuela"] == "ven"  # found by its claims and its people


def test_new_evidence_is_added_once_and_nothing_is_duplicated(
    drafted: tuple[Store, str],
) -> None:
    store, edited = drafted
    more = Doc(
        "Maduro insisted that the Essequibo referendum settles the border.",
        published=dt.date(2025, 4, 1),
    )
    more.claim(
        "person:maduro",
        "Maduro insisted that the Essequibo referendum settles",
        "territory",
        "demand",
    )
    more.mention("person:maduro", "Maduro")
    write(store, [], [more])
    merged, summary = merge_draft(edited, build_draft(store, issue_labels=LABELS))
    report = check_text(merged)
    assert report.ok, [p.format() for p in report.errors]
    scenario = report.scenario
    assert scenario is not None
    ids = [a.id for a in scenario.actors]
    assert len(ids) == len(set(ids)) and "venezuela" not in ids
    assert scenario.actor("guyana").positions["territory"].position.value == 5
    for kept in ("# my notes on the talks", "# Georgetown: checked", "value: 5  # not quite zero"):
        assert kept in merged
    assert summary.added_evidence == 1  # the new claim, on Venezuela's stance
    stance = scenario.actor("ven").positions["territory"]
    assert [e.claim for e in stance.evidence if e.claim] == [8]
    # Two lines: the stance's new `evidence:` key and the citation on it.
    assert len(merged.splitlines()) == len(edited.splitlines()) + 2
    again, summary = merge_draft(merged, build_draft(store, issue_labels=LABELS))
    assert again == merged and summary.added_evidence == 0


def test_a_base_actor_that_represents_a_state_stands_for_it(drafted: tuple[Store, str]) -> None:
    store, _ = drafted
    base = (
        "id: s\ntitle: t\nissues:\n  - {id: land, label: Territory, anchors: {0: a, 100: b}}\n"
        "actors:\n  - {id: caracas, name: Caracas, kind: state, capability: 50}\n"
        "  - {id: maduro, name: Maduro, kind: leader, represents: caracas, capability: 50}\n"
    )
    merged, summary = merge_draft(base, build_draft(store, issue_labels=LABELS))
    assert summary.kept_actors["venezuela"] == "caracas"
    assert summary.kept_issues["territory"] == "land"
    scenario = check_text(merged).scenario
    assert scenario is not None
    assert set(scenario.actor("caracas").positions) == {"land", "security"}
    assert "guyana" in summary.added_actors and "security" in summary.added_issues


def test_a_base_actor_is_found_by_the_store_keys_it_carries(drafted: tuple[Store, str]) -> None:
    # Renamed past recognition and cited nowhere, the analyst's actor still carries the
    # store key the draft wrote: the redraft merges into it rather than adding a twin.
    store, _ = drafted
    base = (
        "id: s\ntitle: t\nissues:\n  - {id: land, label: Territory, anchors: {0: a, 100: b}}\n"
        "actors:\n  - {id: gov, name: The government, kind: state, capability: 50, keys: [VEN]}\n"
    )
    merged, summary = merge_draft(base, build_draft(store, issue_labels=LABELS))
    assert summary.kept_actors["venezuela"] == "gov"
    scenario = check_text(merged).scenario
    assert scenario is not None
    assert "venezuela" not in [a.id for a in scenario.actors]


def test_cli_draft_base_prints_what_changed_and_as_of_sets_the_date(tmp_path: Path) -> None:
    db = border_db(tmp_path)
    first = tmp_path / "first.yaml"
    result = runner.invoke(
        app, ["--db", db, "scenario", "draft", "--as-of", "2025-01-01", "-o", str(first)]
    )
    assert result.exit_code == 0, result.output
    assert "as_of: 2025-01-01\n" in first.read_text(encoding="utf-8")
    assert "left out 1 document(s) published later or undated" in result.stderr
    merged = tmp_path / "merged.yaml"
    result = runner.invoke(
        app, ["--db", db, "scenario", "draft", "--base", str(first), "-o", str(merged)]
    )
    assert result.exit_code == 0, result.output
    assert "kept the file's values of 4 actor(s)" in result.stderr
    assert "added issues: security" in result.stderr
    assert check_text(merged.read_text(encoding="utf-8")).ok
    bad = runner.invoke(app, ["--db", db, "scenario", "draft", "--as-of", "1 May"])
    assert bad.exit_code == 2 and "--as-of" in bad.output


@pytest.mark.parametrize("example", ["russia-ukraine-2025", "armenia-azerbaijan-2025"])
def test_merging_into_a_hand_written_scenario_keeps_every_line_of_it(
    sqlite_store: Store, example: str
) -> None:
    from tests.conftest import EXAMPLES

    write(sqlite_store, border_actors(), [FIRST, LATER])
    base = (EXAMPLES / "scenarios" / f"{example}.yaml").read_text(encoding="utf-8")
    draft = build_draft(sqlite_store, issue_labels=LABELS)
    merged, summary = merge_draft(base, draft)
    assert check_text(merged).ok
    lines = iter(merged.splitlines())
    assert all(line in lines for line in base.splitlines())  # in order, none changed
    assert summary.added_actors == ["essequibo_front", "guyana", "venezuela", "brazil"]
    assert merge_draft(merged, draft)[0] == merged


def _without(text: str, issue_id: str) -> str:
    """What an analyst does who finds an issue irrelevant: delete it and every stance on it."""
    yaml = guess_emitter(text)  # the emitter `--base` writes with, so only the deletion differs
    doc = yaml.load(text)
    doc["issues"] = [i for i in doc["issues"] if i["id"] != issue_id]
    for actor in doc["actors"]:
        (actor.get("positions") or {}).pop(issue_id, None)
    return to_text(yaml, doc)


def test_what_the_analyst_deleted_stays_deleted_until_new_documents_bring_it_back(
    drafted: tuple[Store, str],
) -> None:
    store, edited = drafted
    assert "drafted_from: 1-2\n" in edited  # the draft records the documents it read
    trimmed = _without(edited, "security")
    assert check_text(trimmed).ok
    merged, summary = merge_draft(trimmed, build_draft(store, issue_labels=LABELS))
    assert merged == trimmed
    assert summary.added_issues == summary.added_positions == []
    assert summary.left_out == ["issue security"]
    assert any("not added again" in line and "issue security" in line for line in summary.lines())
    # A new article on the issue is new evidence: the issue comes back, cited from it.
    more = Doc("Ali demanded that Venezuela remove its troops.", published=dt.date(2025, 4, 2))
    more.claim("person:ali", "Ali demanded that Venezuela remove its troops", "security", "demand")
    more.mention("person:ali", "Ali")
    write(store, [], [more])
    merged, summary = merge_draft(trimmed, build_draft(store, issue_labels=LABELS))
    assert summary.added_issues == ["security"] and summary.left_out == []
    report = check_text(merged)
    assert report.ok and report.scenario is not None
    assert report.scenario.drafted_from == "1-3"


def test_a_file_that_records_no_documents_gets_every_unmatched_item_and_then_the_record(
    drafted: tuple[Store, str],
) -> None:
    store, edited = drafted
    trimmed = _without(edited, "security").replace("drafted_from: 1-2\n", "")
    merged, summary = merge_draft(trimmed, build_draft(store, issue_labels=LABELS))
    assert summary.added_issues == ["security"] and summary.left_out == []
    assert "drafted_from: 1-2\n" in merged and check_text(merged).ok

"""Stored events that may resolve an open question, and ``zopa questions resolve``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from zopa.cli import app
from zopa.forecast import resolving_events
from zopa.scenario import Scenario, load_scenario
from zopa.store import Actor, Document, Event, Store, open_store

TEXT = (
    "Alder and Birch signed the water accord in Cedar on Monday. "
    "Alder met Birch and Cedar for talks on Tuesday. "
    "Alder and Birch will sign a second accord next year. "
    "Alder and Birch met alone on Wednesday."
)


def side(actor: str, name: str, key: str, position: float) -> dict[str, Any]:
    stance = {"position": position, "salience": 50}
    return {"id": actor, "name": name, "kind": "state", "capability": 1, "keys": [key],
            "positions": {"water": stance}}  # fmt: skip


def scenario_data() -> dict[str, Any]:
    return {
        "id": "rivers",
        "title": "Rivers",
        "issues": [{"id": "water", "label": "Water", "anchors": {0: "B", 100: "A"}}],
        "actors": [
            side("a", "Alder", "ALD", 100),
            side("b", "Birch", "BIR", 0),
            side("c", "Cedar", "CED", 50),
        ],
        "questions": [
            {
                "id": "accord",
                "text": "Will Alder and Birch sign a water accord by June?",
                "what": {"type": "agreement_signed", "issues": ["water"], "parties": ["a", "b"]},
                "opens": "2025-01-01",
                "resolution_date": "2025-06-30",
            },
            {
                "id": "three",
                "text": "Will the three meet by June?",
                "what": {"type": "format_held", "participants": ["a", "b", "c"]},
                "opens": "2025-01-01",
                "resolution_date": "2025-06-30",
            },
            {
                "id": "later",
                "text": "Will Alder and Birch sign by 2030 (opens after the signing)?",
                "what": {"type": "agreement_signed", "issues": ["water"], "parties": ["a", "b"]},
                "opens": "2025-04-01",
                "resolution_date": "2030-12-31",
            },
        ],
    }


def act(needle: str, kind: str, pairs: list[tuple[str, str]], day: str | None, status: str):
    start = TEXT.index(needle)
    return [
        {
            "type": kind,
            "source": s,
            "target": t,
            "start": start,
            "end": start + len(needle),
            "day": day,
            "status": status,
        }
        for s, t in pairs
    ]


EVENTS = [
    *act("Alder and Birch signed", "AGREE", [("ALD", "BIR")], "2025-03-03", "happened"),
    # a trilateral meeting, one event per pair of actors
    *act(
        "Alder met Birch and Cedar",
        "CONSULT",
        [("ALD", "BIR"), ("ALD", "CED")],
        "2025-03-04",
        "happened",
    ),
    *act("will sign a second accord", "AGREE", [("ALD", "BIR")], "2026-01-01", "planned"),
    *act("met alone", "CONSULT", [("ALD", "BIR")], "2025-03-05", "happened"),
]


def fill(store: Store) -> None:
    with store.write() as session:
        actors = {k: Actor(key=k, name=k.title(), kind="state") for k in ("ALD", "BIR", "CED")}
        session.add_all(actors.values())
        document = Document(
            sha256="0" * 64,
            source="accord.txt",
            published_at=dt.date(2025, 3, 6),
            date_source="metadata",
            language="en",
            text=TEXT,
            word_count=len(TEXT.split()),
            ingested_at=dt.datetime.now(dt.UTC),
        )
        session.add(document)
        session.flush()
        for e in EVENTS:
            session.add(
                Event(
                    document_id=document.id,
                    type=e["type"],
                    cameo="057" if e["type"] == "AGREE" else "040",
                    source_actor_id=actors[e["source"]].id,
                    target_actor_id=actors[e["target"]].id,
                    date=dt.date.fromisoformat(e["day"]) if e["day"] else None,
                    status=e["status"],
                    start=e["start"],
                    end=e["end"],
                    text=TEXT[e["start"] : e["end"]],
                    sentence_start=e["start"],
                    sentence_end=e["end"],
                    extractor="test",
                )
            )


def test_a_happened_signing_between_the_parties_may_resolve_the_question(store: Store) -> None:
    fill(store)
    found = resolving_events(store, Scenario.model_validate(scenario_data()), dt.date(2025, 3, 10))
    assert [r.event["text"] for r in found["accord"]] == ["Alder and Birch signed"]
    [signing] = found["accord"]
    assert "--outcome yes --on 2025-03-03 --event" in signing.command("rivers.yaml")
    # the planned second accord is no outcome; nor is a signing before the question opened
    assert "later" not in found


def test_a_meeting_of_three_needs_all_three_in_one_act(store: Store) -> None:
    fill(store)
    found = resolving_events(store, Scenario.model_validate(scenario_data()), dt.date(2025, 3, 10))
    texts = {r.event["text"] for r in found["three"]}
    assert texts == {"Alder met Birch and Cedar"}  # the meeting of two alone does not count


def test_nothing_dated_after_the_as_of_day_is_shown(store: Store) -> None:
    fill(store)
    found = resolving_events(store, Scenario.model_validate(scenario_data()), dt.date(2025, 3, 2))
    assert found == {}


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'z.db'}"
    store = open_store(url)
    try:
        fill(store)
    finally:
        store.close()
    path = tmp_path / "rivers.yaml"
    text = "# the analyst's notes stay\n" + yaml.safe_dump(scenario_data(), sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return url, path


def test_questions_lists_what_may_resolve_and_resolve_records_it(files: tuple[str, Path]) -> None:
    url, path = files
    runner = CliRunner()
    listed = runner.invoke(app, ["--db", url, "questions", str(path), "--as-of", "2025-03-10"])
    assert listed.exit_code == 0, listed.stderr
    flat = " ".join(listed.stdout.split())
    assert (
        "accord: event 1: AGREE Ald → Bir, happened 2025-03-03 (document 1) may resolve it" in flat
    )
    args = ["--db", url, "questions", "resolve", str(path), "accord", "--outcome", "yes"]
    done = runner.invoke(app, [*args, "--on", "2025-03-06", "--event", "1"])
    assert done.exit_code == 0, done.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# the analyst's notes stay")
    accord = next(q for q in load_scenario(path).questions if q.id == "accord")
    assert accord.outcome is True and accord.resolved_on == dt.date(2025, 3, 6)
    [cited] = accord.resolution_evidence
    assert (cited.document, cited.start, cited.end) == ("1", 0, len("Alder and Birch signed"))
    assert cited.digest is not None
    # resolved now: no longer listed as open with something that may resolve it
    again = runner.invoke(app, ["--db", url, "questions", str(path), "--as-of", "2025-03-10"])
    assert "accord: event" not in " ".join(again.stdout.split())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--outcome", "maybe", "--on", "2025-03-06"], "neither yes/no nor a number"),
        (["--outcome", "yes", "--on", "2025-02-30"], "is not a date"),
        (["--outcome", "yes", "--on", "2025-03-06", "--event", "99"], "no stored event 99"),
    ],
)
def test_bad_resolutions_change_nothing(
    files: tuple[str, Path], extra: list[str], message: str
) -> None:
    url, path = files
    before = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--db", url, "questions", "resolve", str(path), "accord", *extra]
    )
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert path.read_text(encoding="utf-8") == before


def test_an_unknown_question_is_one_error_line(files: tuple[str, Path]) -> None:
    url, path = files
    args = ["--db", url, "questions", "resolve", str(path), "nope", "--outcome", "yes"]
    result = CliRunner().invoke(app, [*args, "--on", "2025-03-06"])
    assert result.exit_code == 1 and "no question 'nope'" in result.stderr

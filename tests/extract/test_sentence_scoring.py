"""``zopa eval events``: events scored sentence by sentence, beside a keyword baseline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from zopa.cli import app
from zopa.errors import ExtractionError
from zopa.extract._sentence_scoring import (
    GoldSentence,
    baseline_type,
    load_sentences,
    same_actor,
    score_sentences,
)

runner = CliRunner()
SENTENCES = """\
- id: a1
  published: '2024-03-02'
  text: Kenya hosted a Somali delegation in Nairobi.
  type: CONSULT
  mode: host
  cameo: '043'
  trigger: hosted
  source_actor: KEN
  target_actor: SOM
  status: happened
- id: a2
  published: 2024-03-02
  text: Nothing of note happened in the capital.
  type: null
  source_actor: null
  target_actor: null
  status: null
"""


def gold(**fields: Any) -> GoldSentence:
    base: dict[str, Any] = {
        "id": "x",
        "text": "Police fired tear gas at protesters.",
        "published": None,
        "type": "COERCE",
        "trigger": "fired tear gas",
        "source_actor": "unresolved:kenyan-police",
        "target_actor": "unresolved:protesters",
        "status": "happened",
    }
    return GoldSentence(**{**base, **fields})


def event(etype: str, source: str | None, target: str | None, start: int = 0, end: int = 36):
    return {
        "type": etype,
        "source_actor": source,
        "target_actor": target,
        "start": start,
        "end": end,
        "status": "happened",
    }


def test_load_reads_dates_quoted_or_not(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SENTENCES)
    first, second = load_sentences(path)
    assert (first.type, first.source_actor, str(first.published)) == (
        "CONSULT",
        "KEN",
        "2024-03-02",
    )
    assert second.type is None
    assert str(second.published) == "2024-03-02"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: b\n  text: t\n  type: PARLEY\n", "PARLEY"),
        ("- id: b\n  text: t\n  type: AID\n  status: done\n", "status"),
        ("- id: b\n  text: t\n  published: soon\n", "YYYY-MM-DD"),
        ("id: b\n", "YAML list"),
        ("- [unclosed\n", "not valid YAML"),
        ("- id: b\n", "id and text"),
    ],
)
def test_bad_files_name_the_item_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ExtractionError, match=r"bad\.yaml") as error:
        load_sentences(path)
    assert message in str(error.value)


def test_unresolved_actors_match_by_head_word() -> None:
    assert same_actor("unresolved:kenyan-police", "unresolved:police")
    assert same_actor("unresolved:eln", "unresolved:eln-rebels")
    assert not same_actor("unresolved:police", "unresolved:protesters")
    assert not same_actor("unresolved:kenyan-police", "KEN")
    assert same_actor(None, None)
    assert not same_actor("KEN", None)


def test_keyword_baseline_takes_the_earliest_keyword() -> None:
    assert baseline_type("Police arrested protesters after the attack.") == "COERCE"
    assert baseline_type("The weather was fine.") is None


def test_scores_type_dyad_status_and_confusion() -> None:
    sentences = [
        gold(),
        gold(id="y", type="PROTEST", source_actor="unresolved:farmers", target_actor=None),
        gold(id="z", type="ASSAULT"),
    ]
    predicted = [
        [event("COERCE", "unresolved:police", "unresolved:protesters")],
        [event("ASSAULT", "unresolved:police", None, start=30, end=36)],
        [],
    ]
    report = score_sentences(sentences, predicted).as_dict()
    assert report["coverage"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["type_accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert report["type_source_target"] == {
        "precision": 0.5,
        "recall": pytest.approx(1 / 3, abs=1e-3),
        "f1": 0.4,
        "hits": 1,
    }
    assert report["status_accuracy"] == 1.0
    assert report["confusion"] == {
        "ASSAULT": {"none": 1},
        "COERCE": {"COERCE": 1},
        "PROTEST": {"ASSAULT": 1},
    }
    assert report["baseline"]["type_accuracy"] == pytest.approx(1 / 3, abs=1e-3)


def test_the_main_event_overlaps_the_trigger() -> None:
    sentence = gold(text="Police fired tear gas at protesters.", trigger="protesters")
    predicted = [[event("COERCE", "x", None, 0, 20), event("PROTEST", "y", None, 25, 35)]]
    assert score_sentences([sentence], predicted).confusion["COERCE"]["PROTEST"] == 1


def test_cli_scores_a_file(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SENTENCES)
    result = runner.invoke(app, ["eval", "events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["sentences"] == 2
    assert report["gold_events"] == 1
    assert report["type_accuracy"] == 1.0
    table = runner.invoke(app, ["eval", "events", str(path)])
    assert "keyword baseline" in table.output


def test_cli_bad_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- id: b\n  text: t\n  type: PARLEY\n")
    result = runner.invoke(app, ["eval", "events", str(path)])
    assert result.exit_code != 0
    assert "PARLEY" in result.output
    assert "Traceback" not in result.output

"""``zopa forecast SCENARIO``: every source as of a date, stored once, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.forecast.conftest import add_statement
from zopa.cli import app
from zopa.forecast import list_forecasts
from zopa.store import Store

runner = CliRunner()
MEET = "Arland and Borvia are likely to meet."
DEAL = "A deal between Arland and Borvia on land is doubtful."


def scenario_data(evidence: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Two states with red lines on one issue; an open meeting, deal and value question."""
    return {
        "id": "arland-borvia",
        "title": "Arland and Borvia",
        "models": ["zopa.compromise.v1"],
        "issues": [
            {"id": "land", "label": "Land", "anchors": {0: "B", 100: "A"}, "status_quo": 50}
        ],
        "actors": [
            {
                "id": "arland",
                "name": "Arland",
                "kind": "state",
                "capability": 1,
                "positions": {
                    "land": {
                        "position": {"value": 20, "evidence": evidence or []},
                        "salience": 50,
                        "red_line": 50,
                        "red_line_uncertainty": [40, 60],
                        "accepts": "below",
                    }
                },
            },
            {
                "id": "borvia",
                "name": "Borvia",
                "kind": "state",
                "capability": 1,
                "positions": {
                    "land": {"position": 80, "salience": 50, "red_line": 30, "accepts": "above"}
                },
            },
        ],
        "questions": [
            {
                "id": "meet",
                "text": "Will Arland and Borvia meet by 30 June 2025?",
                "what": {"type": "format_held", "participants": ["arland", "borvia"]},
                "opens": "2025-01-01",
                "resolution_date": "2025-06-30",
            },
            {
                "id": "deal",
                "text": "Will Arland and Borvia sign a deal on land by 30 June 2025?",
                "what": {"type": "agreement_signed", "issues": ["land"]},
                "opens": "2025-01-01",
                "resolution_date": "2025-06-30",
            },
            {
                "id": "where",
                "text": "Where will land stand at the end of 2025?",
                "kind": "value",
                "issue": "land",
                "resolution_date": "2025-12-31",
            },
        ],
    }


def write_scenario(tmp_path: Path, data: dict[str, Any], name: str = "scenario.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return str(path)


def zopa(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def forecast_json(url: str, scenario: str, *extra: str) -> str:
    code, out, err = zopa(
        url, "forecast", scenario, "--as-of", "2025-03-01", "--runs", "400", "--json", *extra
    )
    assert code == 0, err
    return out


def test_the_run_forecasts_every_question_and_stores_each_forecast_once(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    add_statement(opened, "2025-02-01", MEET, 0.7)
    add_statement(opened, "2025-02-15", DEAL, 0.25)
    add_statement(opened, None, MEET, 0.1)  # undated: left out, counted
    scenario = write_scenario(tmp_path, scenario_data())
    out = forecast_json(store_url, scenario)
    data = json.loads(out)
    assert data["as_of"] == "2025-03-01" and data["undated_documents"] == 1
    assert {"zopa.experts.v1", "zopa.static_models.v1", "zopa.combined.v1"} <= set(data["sources"])
    made = {(f["question"], f["source"]): f for f in data["forecasts"]}
    for field in ("question", "source", "probability", "low", "high", "as_of", "inputs_digest"):
        assert all(field in f for f in data["forecasts"])
    assert made["meet", "zopa.experts.v1"]["probability"] == 0.7
    assert made["deal", "zopa.experts.v1"]["probability"] == 0.25
    assert made["where", "zopa.static_models.v1"]["value"] == 50.0
    combined = made["deal", "zopa.combined.v1"]
    assert set(combined["parameters"]["weights"]) >= {"zopa.experts.v1", "zopa.static_models.v1"}
    reasons = {(u["question"], u["source"]): u["reason"] for u in data["unanswered"]}
    assert "format_held" in reasons["meet", "zopa.static_models.v1"]
    stored = list_forecasts(opened, "arland-borvia")
    assert len(stored) == len(data["forecasts"])
    # The same as-of date and inputs again: the same bytes, nothing stored twice.
    code, again, err = zopa(
        store_url, "forecast", "run", scenario, "--as-of", "2025-03-01", "--runs", "400", "--json"
    )
    assert code == 0 and again == out
    assert "already stored with the same inputs, skipped" in err
    assert len(list_forecasts(opened, "arland-borvia")) == len(stored)


@pytest.mark.slow
def test_documents_dated_after_the_as_of_date_change_no_forecast(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    add_statement(opened, "2025-02-01", MEET, 0.7)
    add_statement(opened, "2025-02-15", DEAL, 0.25)
    scenario = write_scenario(tmp_path, scenario_data())
    before = forecast_json(store_url, scenario)
    # Later news, on the very questions asked: none of it may leak into the forecast.
    add_statement(opened, "2025-03-02", MEET, 0.99)
    add_statement(opened, "2025-06-01", DEAL, 0.01, title="Arland and Borvia sign")
    add_statement(opened, "2026-01-01", "Arland and Borvia met in 2025.", 1.0)
    after = forecast_json(store_url, scenario)
    assert after.encode() == before.encode()


def test_the_combination_alone_combines_every_own_source(tmp_path: Path, store_url: str) -> None:
    scenario = write_scenario(tmp_path, scenario_data())
    code, out, err = zopa(
        store_url,
        "forecast",
        scenario,
        "--as-of",
        "2025-03-01",
        "--runs",
        "50",
        "--sources",
        "zopa.combined.v1",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["sources"] == ["zopa.combined.v1"]
    assert {f["source"] for f in data["forecasts"]} == {"zopa.combined.v1"}
    (deal,) = [f for f in data["forecasts"] if f["question"] == "deal"]
    assert "zopa.static_models.v1" in deal["parameters"]["weights"]


def test_the_table_and_the_subcommands_still_work(tmp_path: Path, store_url: str) -> None:
    scenario = write_scenario(tmp_path, scenario_data())
    code, out, _ = zopa(store_url, "forecast", scenario, "--as-of", "2025-03-01", "--runs", "50")
    assert code == 0 and "forecasts as of 2025-03-01" in out and "zopa.static_models.v1" in out
    code, out, _ = zopa(store_url, "forecast", "scores", scenario, "--json")
    assert code == 0 and json.loads(out)["scenario"] == "arland-borvia"
    code, out, _ = zopa(store_url, "forecast", "--help")
    assert code == 0 and "import-prices" in out and "run" in out


def test_bad_input_is_one_line_and_stores_nothing(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    scenario = write_scenario(tmp_path, scenario_data())
    code, _, err = zopa(store_url, "forecast", scenario, "--sources", "zopa.nope.v1")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "unknown forecast source 'zopa.nope.v1'" in err and "zopa.experts.v1" in err
    code, _, err = zopa(store_url, "forecast", scenario, "--as-of", "01/03/2025")
    assert code == 2 and "not a date YYYY-MM-DD" in err and len(err.strip().splitlines()) == 1
    broken = scenario_data()
    broken["questions"][0]["what"]["participants"] = ["arland", "nobody"]
    code, _, err = zopa(store_url, "forecast", write_scenario(tmp_path, broken, "broken.yaml"))
    assert code == 1 and "nobody" in err and len(err.strip().splitlines()) == 1
    code, _, err = zopa(store_url, "forecast", scenario, "--runs", "0")
    assert code == 2 and "--runs" in err  # a malformed command line (docs/cli.md)
    assert list_forecasts(opened, "arland-borvia") == []


def test_an_as_of_date_before_every_document_is_a_warning(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    add_statement(opened, "2025-02-01", MEET, 0.7)
    scenario = write_scenario(tmp_path, scenario_data())
    code, out, err = zopa(
        store_url, "forecast", scenario, "--as-of", "2024-01-01", "--runs", "50", "--json"
    )
    assert code == 0
    assert "warning: no stored document is dated on or before 2024-01-01" in err
    assert json.loads(out)["warnings"][0].startswith("no stored document is dated")


def test_hindsight_is_flagged_and_strict_refuses_it(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    later = add_statement(opened, "2025-05-01", "Arland will settle for 20.", 0.9)
    scenario = write_scenario(tmp_path, scenario_data(evidence=[{"estimate": later}]))
    code, out, err = zopa(
        store_url, "forecast", scenario, "--as-of", "2025-03-01", "--runs", "50", "--json"
    )
    assert code == 0
    flag = {
        "value": "actors[arland].positions.land.position",
        "evidence": f"estimate {later}",
        "published": "2025-05-01",
    }
    assert json.loads(out)["hindsight"] == [flag]
    assert f"hindsight: actors[arland].positions.land.position cites estimate {later}" in err
    stored = len(list_forecasts(opened, "arland-borvia"))
    code, _, err = zopa(store_url, "forecast", scenario, "--as-of", "2025-03-01", "--strict")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert f"actors[arland].positions.land.position cites estimate {later}" in err
    assert len(list_forecasts(opened, "arland-borvia")) == stored
    # As of a date after the evidence, it is not hindsight.
    code, _, err = zopa(
        store_url, "forecast", scenario, "--as-of", "2025-05-01", "--runs", "50", "--strict"
    )
    assert code == 0, err


def test_a_pinned_estimate_the_store_does_not_hold_is_a_warning(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    held = add_statement(opened, "2025-02-01", MEET, 0.7)
    data = scenario_data()
    data["questions"][0]["evidence"] = [{"estimate": held}, {"estimate": 99, "drop": True}]
    data["questions"][1]["evidence"] = [{"estimate": 98}]
    scenario = write_scenario(tmp_path, data)
    code, out, err = zopa(
        store_url, "forecast", scenario, "--as-of", "2025-03-01", "--runs", "20", "--json"
    )
    assert code == 0, err
    q0, q1 = data["questions"][0]["id"], data["questions"][1]["id"]
    assert json.loads(out)["warnings"] == [
        f"questions[{q0}].evidence drops estimate 99, which is not in the store; "
        "check the id with `zopa estimates`",
        f"questions[{q1}].evidence pins estimate 98, which is not in the store; "
        "check the id with `zopa estimates`",
    ]
    assert "warning: questions[" in err

"""Scenarios, predictions, questions, forecasts and scores: the CLI's ``--json``, over HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import client_of
from tests.web.demo_store import AS_OF, SCENARIO, SCENARIO_FILE
from tests.web.test_api_errors import problem
from zopa.cli import app
from zopa.forecast import NewForecast, add_forecasts, list_forecasts
from zopa.store import open_store
from zopa.web.api._pages import MAX_PAGE_SIZE


def _cli_json(url: str, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", url, *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_stored_scenario_reads_back(api: TestClient) -> None:
    listed = api.get("/api/v1/scenarios").json()
    assert [s["name"] for s in listed["items"]] == [SCENARIO]
    one = api.get(f"/api/v1/scenarios/{SCENARIO}").json()
    assert one["text"] == SCENARIO_FILE.read_text(encoding="utf-8")
    assert one["id"] == SCENARIO and one["as_of"] == AS_OF
    assert one["sha256"] == listed["items"][0]["sha256"]


@pytest.mark.slow
def test_predictions_are_the_solve(api: TestClient, demo_db: str) -> None:
    expected = _cli_json(demo_db, "solve", str(SCENARIO_FILE), "--seed", "7", "--draws", "300")
    url = f"/api/v1/scenarios/{SCENARIO}/predictions"
    got = api.get(url, params={"seed": 7, "draws": 300}).json()
    again = api.get(url, params={"seed": 7, "draws": 300}).json()
    assert got["scenario"].pop("file") == SCENARIO
    expected["scenario"].pop("file")
    assert got == expected
    assert again["scenario"]["file"] == SCENARIO and again["models"] == got["models"]
    one = api.get(url, params={"models": "zopa.median.v1", "draws": 100}).json()
    assert [m["name"] for m in one["models"]] == ["zopa.median.v1"]


def test_placeholders_are_refused_unless_allowed(demo_copy: str) -> None:
    text = SCENARIO_FILE.read_text(encoding="utf-8")
    draft = text.replace("    salience: ", "    salience: {value: 50, placeholder: true} #", 1)
    with client_of(demo_copy) as client:
        stored = client.post(
            "/api/v1/scenarios",
            files={"file": ("draft.yaml", draft.encode())},
            data={"name": "draft"},
        )
        assert stored.status_code == 201, stored.text
        refused = client.get("/api/v1/scenarios/draft/predictions", params={"draws": 50})
        allowed = client.get(
            "/api/v1/scenarios/draft/predictions",
            params={"draws": 50, "allow_placeholders": "true"},
        )
    assert "placeholder" in problem(refused, 422)["detail"]
    assert allowed.status_code == 200 and allowed.json()["placeholders"]


def test_questions_forecasts_and_scores_are_the_cli(api: TestClient, demo_db: str) -> None:
    questions = api.get(f"/api/v1/scenarios/{SCENARIO}/questions", params={"as_of": AS_OF})
    assert questions.json() == _cli_json(demo_db, "questions", str(SCENARIO_FILE), "--as-of", AS_OF)
    scores = api.get(f"/api/v1/scenarios/{SCENARIO}/scores").json()
    assert scores == _cli_json(demo_db, "forecast", "scores", str(SCENARIO_FILE))
    first = questions.json()["questions"][0]
    detail = api.get(
        f"/api/v1/scenarios/{SCENARIO}/questions/{first['id']}", params={"as_of": AS_OF}
    ).json()
    assert {k: v for k, v in detail.items() if k != "history"} == first
    forecasts = []
    page = api.get(f"/api/v1/scenarios/{SCENARIO}/forecasts", params={"limit": 10}).json()
    while True:
        forecasts += page["items"]
        if page["next_url"] is None:
            break
        page = api.get(page["next_url"]).json()
    assert forecasts, "the demo store holds forecasts"
    keys = [(f["question"], f["source"], f["as_of"], f["id"]) for f in forecasts]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert detail["history"] == [f for f in forecasts if f["question"] == first["id"]]


def test_predictions_take_the_short_model_names_the_tables_print(api: TestClient) -> None:
    url = f"/api/v1/scenarios/{SCENARIO}/predictions"
    one = api.get(url, params={"models": "median", "draws": 50}).json()
    assert [m["name"] for m in one["models"]] == ["zopa.median.v1"]
    detail = problem(api.get(url, params={"models": "medain"}), 400, "models")["detail"]
    assert "or their short names (compromise, " in detail


def test_kept_forecasts_follow_new_forecasts(demo_copy: str) -> None:
    # Listings of forecasts are kept per scenario text and forecasts_version: a forecast
    # stored by another process must show at the next read, in the list and the question.
    listing = f"/api/v1/scenarios/{SCENARIO}/forecasts?limit={MAX_PAGE_SIZE}"
    with client_of(demo_copy) as client:
        before = client.get(listing).json()["items"]
        question = before[0]["question"]
        detail = f"/api/v1/scenarios/{SCENARIO}/questions/{question}"
        history = client.get(detail).json()["history"]
        assert client.get(listing).json()["items"] == before  # kept, and the same
        store = open_store(demo_copy)
        try:
            made = list_forecasts(store, SCENARIO, questions=[question])[0]
            fields = made.model_dump(include=set(NewForecast.model_fields))
            with store.write() as session:
                add_forecasts(session, [NewForecast.model_validate(fields | {"source": "late"})])
        finally:
            store.close()
        after = client.get(listing).json()["items"]
        assert [f for f in after if f["source"] != "late"] == before
        assert [f["source"] for f in client.get(detail).json()["history"]].count("late") == 1
        assert len(client.get(detail).json()["history"]) == len(history) + 1

"""Question status and latest forecasts as of a date: nothing known later leaks in."""

from __future__ import annotations

from datetime import date

import pytest

from tests.forecast.conftest import record
from zopa.forecast import describe_question, latest_forecasts, question_status, questions_overview
from zopa.scenario import Scenario


@pytest.mark.parametrize(
    ("question", "as_of", "status"),
    [
        ("meet", "2024-12-31", "upcoming"),
        ("meet", "2025-01-01", "open"),
        ("meet", "2025-01-07", "open"),
        ("meet", "2025-01-08", "resolved"),
        ("deal", "2025-01-31", "open"),
        ("deal", "2025-02-01", "resolved"),
        ("truce", "2030-12-31", "open"),
        ("truce", "2031-01-01", "due"),
    ],
)
def test_status_as_of_a_date(scenario: Scenario, question: str, as_of: str, status: str) -> None:
    q = next(q for q in scenario.questions if q.id == question)
    assert question_status(q, date.fromisoformat(as_of)) == status


def test_due_until_the_outcome_is_known(scenario: Scenario) -> None:
    late = scenario.questions[1].model_copy(update={"resolved_on": date(2025, 2, 5)})
    assert question_status(late, date(2025, 2, 3)) == "due"
    assert question_status(late, date(2025, 2, 5)) == "resolved"


def test_latest_forecast_per_source_as_of_a_date() -> None:
    records = [
        record("meet", "market", "2025-01-01", 0.4, row=1),
        record("meet", "market", "2025-01-03", 0.5, row=2),
        record("meet", "market", "2025-01-03", 0.6, row=3),
        record("meet", "market", "2025-01-05", 0.9, row=4),
        record("meet", "crowd", "2025-01-02", 0.2, row=5),
    ]
    latest = latest_forecasts(records, date(2025, 1, 4))
    assert [(r.source, r.probability) for r in latest] == [("crowd", 0.2), ("market", 0.6)]
    assert [r.probability for r in latest_forecasts(records) if r.source == "market"] == [0.9]


def test_overview_hides_outcomes_not_known_yet(scenario: Scenario) -> None:
    records = [record("meet", "market", "2025-01-05", 0.8, row=1)]
    before = {q["id"]: q for q in questions_overview(scenario, records, date(2025, 1, 7))}
    assert before["meet"]["status"] == "open" and before["meet"]["outcome"] is None
    (forecast,) = before["meet"]["forecasts"]
    assert {k: forecast[k] for k in ("question", "source", "probability", "as_of")} == {
        "question": "meet",
        "source": "market",
        "probability": 0.8,
        "as_of": "2025-01-05",
    }
    assert {"low", "high"} <= set(forecast)
    after = {q["id"]: q for q in questions_overview(scenario, records, date(2025, 1, 8))}
    assert after["meet"]["outcome"] is True and after["meet"]["resolved_on"] == "2025-01-08"
    assert questions_overview(scenario, records, date(2025, 1, 4))[0]["forecasts"] == []


def test_questions_described_from_their_ids(scenario: Scenario) -> None:
    assert [describe_question(q) for q in scenario.questions] == [
        "any format held with a, b",
        "agreement on land",
        "RETREAT between a and b",
        "value of land",
    ]

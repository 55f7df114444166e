"""A question resolved after the report's date: shown resolved, scored as the CLI scores it."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from tests.forecast.conftest import scenario_data
from zopa.forecast import NewForecast, add_forecasts, list_forecasts, score_forecasts
from zopa.report._figures import question_views
from zopa.report._templates import environment
from zopa.report.views import Links, load_evidence
from zopa.scenario import Scenario
from zopa.store import Store

REPORT_DAY = date(2025, 1, 10)  # "deal" resolves on 2025-01-31, known on 2025-02-01


def _forecast(as_of: str, probability: float) -> NewForecast:
    return NewForecast(
        scenario="tiny",
        question="deal",
        source="pundits",
        source_kind="experts",
        as_of=date.fromisoformat(as_of),
        probability=probability,
        method="test",
    )


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_question_scored_in_the_report_is_said_to_be_resolved(store: Store) -> None:
    scenario = Scenario.model_validate(scenario_data())
    with store.write() as session:  # one forecast before the report's date, one after
        add_forecasts(session, [_forecast("2025-01-05", 0.3), _forecast("2025-01-20", 0.1)])
    evidence = load_evidence(store, as_of=REPORT_DAY)
    questions, calibration = question_views(store, scenario, evidence, Links(True), REPORT_DAY)
    deal = next(q for q in questions if q["id"] == "deal")
    assert deal["status"] == "resolved" and deal["outcome"] is False
    assert deal["resolved_after"] is True
    # the latest forecast shown is the one made by the report's date ...
    assert [f["probability"] for f in deal["forecasts"]] == [0.3]
    # ... the scores those of `zopa forecast scores`: the final forecast before it closed
    cli = score_forecasts(scenario, list_forecasts(store, "tiny"))
    (scored,) = [s for s in deal["scores"] if s["source"] == "pundits"]
    assert scored["as_of"] == "2025-01-20" and scored["brier"] == cli.sources[0].brier
    (pundits,) = [s for s in calibration["sources"] if s["source"] == "pundits"]
    assert pundits["brier"] == cli.sources[0].brier
    html = environment().get_template("sections/question.html").render(q={**deal, "figure": None})
    text = _text(html)
    known = "(known 2025-02-01, after this page's date 2025-01-10)"
    assert f"resolves 2025-01-31; resolved, outcome: no {known}" in text
    assert "Latest forecast of each source made by 2025-01-10" in text
    assert "before the question closed on 2025-02-01" in text
    assert "pundits 2025-01-20 0.10 0.010" in text  # the date of the final forecast scored

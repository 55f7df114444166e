"""The shipped Russia–Ukraine scenario through the simulator, the forecast source and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.simulate.conftest import agreement_question, scenario, talks
from zopa.cli import app
from zopa.forecast import ForecastInputs, NewForecast
from zopa.registry import forecast_sources
from zopa.scenario import load_scenario, question_status
from zopa.simulate import SimulationSource, TalksSimulator
from zopa.simulate._params import TalksParams

SCENARIO = EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"
AS_OF = dt.date(2025, 8, 7)


def test_every_answer_is_a_probability_inside_its_interval() -> None:
    s = load_scenario(SCENARIO)
    result = TalksSimulator(sensitivity_trajectories=2, sensitivity_runs=10).simulate(
        s, as_of=AS_OF, runs=500, seed=1
    )
    # Open on the as-of date: neither resolved early nor opening later.
    open_ids = {q.id for q in s.questions if question_status(q, AS_OF) == "open"}
    assert open_ids < {q.id for q in s.questions if q.resolution_date >= AS_OF}
    assert {q.question for q in result.questions} | set(result.skipped) == open_ids
    events = [q for q in result.questions if q.kind == "event"]
    assert events
    for q in events:
        assert q.probability is not None and q.low is not None and q.high is not None
        assert 0.0 <= q.low <= q.probability <= q.high <= 1.0
    for q in result.questions:
        if q.kind == "value":
            assert q.low is not None and q.value is not None and q.high is not None
            assert 0.0 <= q.low <= q.value <= q.high <= 100.0
    # The threat with a deadline the day after the as-of date: imposed about half the time.
    sanctions = next(q for q in result.questions if q.question == "new_us_sanctions")
    assert sanctions.probability is not None and 0.4 < sanctions.probability < 0.6


def test_the_forecast_source_is_registered_and_stores_what_it_was_made_with() -> None:
    assert forecast_sources.get("zopa.simulation.v1") is SimulationSource
    s = load_scenario(SCENARIO)
    forecasts = SimulationSource().forecast(ForecastInputs(s, AS_OF, runs=300, seed=2))
    assert forecasts and all(isinstance(f, NewForecast) for f in forecasts)
    first = forecasts[0]
    assert (first.source, first.source_kind, first.method) == (
        "zopa.simulation.v1",
        "simulator",
        "zopa.talks.v1",
    )
    assert first.as_of == AS_OF and first.inputs_digest is not None
    assert len(first.inputs_digest) == 64
    assert first.parameters["runs"] == 300 and first.parameters["seed"] == 2
    again = SimulationSource().forecast(ForecastInputs(s, AS_OF, runs=300, seed=2))
    assert [f.public() for f in again] == [f.public() for f in forecasts]


def test_a_scenario_without_talks_gets_no_simulation_forecasts() -> None:
    data = talks()
    for actor in data["actors"]:
        del actor["positions"]["land"]["red_line"]
    inputs = ForecastInputs(scenario(data), dt.date(2025, 1, 1), runs=10, seed=0)
    assert SimulationSource().forecast(inputs) == []


def test_zopa_simulate_prints_json_and_a_table() -> None:
    runner = CliRunner()
    args = ["simulate", str(SCENARIO), "--runs", "200", "--seed", "3", "--sensitivity", "2"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["simulator"] == "zopa.talks.v1" and data["as_of"] == "2025-08-07"
    assert data["sensitivity"]["runs"] == 2 * 7 * 50
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "new_us_sanctions" in result.stdout and "Morris" in result.stdout


def test_zopa_simulate_refuses_bad_values_on_one_line() -> None:
    for bad in ("0", "-5", "1000001"):
        result = CliRunner().invoke(app, ["simulate", str(SCENARIO), "--runs", bad])
        assert result.exit_code == 2  # a malformed command line (docs/cli.md)
        assert "Invalid value for '--runs'" in result.stderr and result.stderr.count("\n") == 1


def test_zopa_simulate_explains_a_none_with_settings_the_scenario_accepts(tmp_path: Path) -> None:
    data = talks(questions=[agreement_question(days=10)])
    path = tmp_path / "short.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["simulate", str(path), "--runs", "50", "--sensitivity", "0"])
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "deal: of 50 runs, 50 still apart at the date" in text
    assert "Monte Carlo error of the runs only" in text
    named = re.findall(r"`(\w+)`", text[text.index("set that pace") - 120 :])
    assert named and set(named) <= set(TalksParams.__dataclass_fields__), named


def test_a_simulation_forecast_listed_anywhere_carries_how_its_runs_ended() -> None:
    from zopa.cli._questions import forecast_cell

    data = talks(questions=[agreement_question(days=10)])
    inputs = ForecastInputs(scenario(data), dt.date(2025, 1, 1), runs=40, seed=0)
    [made] = SimulationSource().forecast(inputs)
    assert made.probability == 0.0
    assert made.parameters["paths"] == {"agreed": 0, "voided": 0, "walked": 0, "apart": 40}
    cell = " ".join(forecast_cell(made.public()).split())
    assert "of 40 runs, 40 still apart at the date" in cell

"""The scenario's `simulation:` section: the analyst's settings, kept in the file, checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from zopa.forecast import ForecastInputs
from zopa.scenario import check_file, load_scenario
from zopa.simulate import SimulationSource

SCENARIO = EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"
AS_OF = dt.date(2025, 8, 7)


def _sanctions(simulation: dict[str, object]) -> float:
    scenario = load_scenario(SCENARIO).model_copy(update={"simulation": simulation})
    inputs = ForecastInputs(scenario=scenario, as_of=AS_OF, runs=400, seed=3)
    (forecast,) = [
        f for f in SimulationSource().forecast(inputs) if f.question == "new_us_sanctions"
    ]
    assert forecast.probability is not None
    assert forecast.parameters["credibility"] == simulation.get("credibility", 0.5)
    return forecast.probability


def test_the_scenario_s_settings_reach_the_simulation() -> None:
    # The threat's deadline falls the day after the as-of date: imposed as often as it is credible.
    assert 0.4 < _sanctions({}) < 0.6
    assert _sanctions({"credibility": 1.0}) == 1.0
    assert _sanctions({"credibility": 0.0}) == 0.0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("{credibility: 1.5}", "parameter credibility=1.5 is invalid"),
        ("{concession_days: -5}", "parameter concession_days=-5 is invalid"),
        ("{patience: 3}", "patience"),
    ],
)
def test_bad_settings_are_one_problem_on_their_line(
    tmp_path: Path, settings: str, message: str
) -> None:
    text = SCENARIO.read_text(encoding="utf-8") + f"simulation: {settings}\n"
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = check_file(path).errors
    assert message in problem.message
    assert problem.line == text.count("\n")  # the last line: where `simulation:` is


def test_good_settings_pass_check_and_a_yaml_date_is_a_date(tmp_path: Path) -> None:
    text = SCENARIO.read_text(encoding="utf-8")
    text += "simulation: {talks_began: 2025-05-16, concession_days: 200, betas: {russia: 0.5}}\n"
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_file(path).errors == []
    inputs = ForecastInputs(scenario=load_scenario(path), as_of=AS_OF, runs=50, seed=0)
    made = SimulationSource().forecast(inputs)
    assert made and made[0].parameters["talks_began"] == "2025-05-16"

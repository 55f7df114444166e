"""`zopa solve` does bounded work: bounds checked first, memory within the budget, progress.

The last test is the attacker's: a generated 500 actors × 200 issues scenario that
`check` accepts, solved in a subprocess with a 3 GB address-space limit and a time
limit, so a regression fails the test instead of swapping the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from zopa.cli import app
from zopa.cli._scenario import solve_progress
from zopa.errors import ModelError
from zopa.models import OverBudgetError
from zopa.models._budget import MIB
from zopa.registry import models as model_registry
from zopa.scenario import Scenario, check_file, solve_scenario, synthetic_scenario

Writer = Callable[..., Path]
runner = CliRunner()


def _one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.parametrize(
    ("option", "value", "most"),
    [("--draws", "1000000000", "1000000"), ("--loop-draws", "1000000", "10000")],
)
def test_draw_counts_past_their_bound_are_refused_before_any_work(
    write_scenario: Writer, scenario_data: dict[str, Any], option: str, value: str, most: str
) -> None:
    # --draws 1000000000 used to ask numpy for 179 GiB.
    result = runner.invoke(app, ["solve", str(write_scenario(scenario_data)), option, value])
    assert result.exit_code == 2
    line = _one_line(result.output)
    assert option in line and most in line


def test_solve_scenario_checks_the_bounds_too(scenario_data: dict[str, Any]) -> None:
    with pytest.raises(ModelError, match="draws must be between 1 and 1,000,000"):
        solve_scenario(Scenario.model_validate(scenario_data), draws=10**9)


def test_chart_in_a_missing_folder_is_refused_and_creates_nothing(
    tmp_path: Path, write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    missing = tmp_path / "no" / "such"
    path = write_scenario(scenario_data)
    args = ["solve", str(path), "--draws", "10", "--chart", str(missing / "c")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    line = _one_line(result.output)
    assert f"the folder {missing} does not exist" in line
    assert not (tmp_path / "no").exists()


def test_models_option_takes_a_comma_separated_list(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(scenario_data)
    args = ["solve", str(path), "--draws", "20", "--loop-draws", "2", "--json"]
    result = runner.invoke(app, [*args, "--models", "zopa.compromise.v1,zopa.nash.v1"])
    assert result.exit_code == 0, result.output
    names = [m["name"] for m in json.loads(result.stdout)["models"]]
    assert names == ["zopa.compromise.v1", "zopa.nash.v1"]


def test_memory_budget_below_the_floor_is_a_usage_error(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(scenario_data)
    result = runner.invoke(app, ["solve", str(path), "--memory-budget", "8"])
    assert result.exit_code == 2
    assert "--memory-budget" in _one_line(result.output)


def test_a_model_over_the_budget_is_refused_before_any_model_runs() -> None:
    # 1,500 actors on one issue: the expected-utility model's arrays grow as actors².
    scenario = Scenario.model_validate(synthetic_scenario(1500, 1, uncertain=0, red_lines=0))
    calls: list[tuple[str, int, int]] = []
    models = ["zopa.compromise.v1", "zopa.expected_utility.v1"]
    with pytest.raises(OverBudgetError) as refused:
        solve_scenario(
            scenario,
            models=models,
            draws=10,
            memory_budget=64 * MIB,
            progress=lambda *args: calls.append(args),
        )
    assert calls == []  # nothing was fitted
    message = str(refused.value)
    assert message.startswith("zopa.expected_utility.v1 on 1,500 actors × 1 issues needs about")
    assert "leave it out with --models zopa.compromise.v1" in message


def test_a_scenario_too_large_for_one_draw_is_refused_before_any_array() -> None:
    # 1,000 actors with one stance each over 400 issues: dense arrays of 400,000 cells.
    data = synthetic_scenario(1000, 400, stances=0.0, uncertain=0, red_lines=0)
    with pytest.raises(OverBudgetError) as refused:
        solve_scenario(Scenario.model_validate(data), memory_budget=64 * MIB)
    message = str(refused.value)
    assert message.startswith("solving 1,000 actors × 400 issues (one draw) needs about")
    assert "split the scenario" in message


def test_progress_is_reported_for_models_draws_and_refits(scenario_data: dict[str, Any]) -> None:
    seen: dict[str, tuple[int, int]] = {}
    solve_scenario(
        Scenario.model_validate(scenario_data),
        models=["zopa.compromise.v1", "zopa.nash.v1"],
        draws=50,
        loop_draws=5,
        rng=1,
        progress=lambda task, done, total: seen.__setitem__(task, (done, total)),
    )
    assert seen == {"models": (2, 2), "draws": (50, 50), "refits": (5, 5)}


def test_no_progress_bars_unless_stderr_is_a_terminal() -> None:
    # Under pytest stderr is captured, not a terminal: no bars, no callback.
    with solve_progress() as progress:
        assert progress is None


def _limit_memory() -> None:
    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.slow
def test_a_large_scenario_is_solved_within_the_budget_or_refused_up_front(tmp_path: Path) -> None:
    # 500 actors × 200 issues, 8 stances each on average (~400 KB, like the scenario that
    # once asked for 74.5 GiB), within a 3 GB address space and 120 s. The exchange model
    # (and the ensemble, which averages it in) take minutes a fit at this size: their
    # own tests bound them; every other model runs here.
    data = synthetic_scenario(500, 200, stances=0.04, seed=3)
    path = tmp_path / "large.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert check_file(path).ok
    models = [
        name
        for name in model_registry.names()
        if name.startswith("zopa.") and name not in ("zopa.exchange.v1", "zopa.ensemble.v1")
    ]
    args = [sys.executable, "-m", "zopa", "solve", str(path), "--json", "--seed", "1"]
    done = subprocess.run(
        [*args, "--draws", "200", "--loop-draws", "3", "--models", ",".join(models)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        check=False,
    )
    if done.returncode == 0:
        result = json.loads(done.stdout)
        assert len(result["issues"]) == 200 and len(result["models"]) == len(models)
    else:
        assert done.returncode == 1, done.stderr[-2000:]
        line = _one_line(done.stderr)
        assert line.startswith("error: ") and "over the memory budget" in line
        assert "--models" in line

"""The memory budget: chunk sizes, refusals up front, and results that do not depend on it."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from zopa.errors import ConfigError, ModelError
from zopa.models import (
    BargainingProblem,
    CompromiseModel,
    Constraints,
    EnsembleModel,
    ExchangeModel,
    ExpectedUtilityModel,
    MonteCarloResult,
    NashBargainingModel,
    OverBudgetError,
    ProbabilisticCondorcetModel,
    Spread,
    WeightedMedianModel,
    _refits,
    limit_memory,
    memory_budget,
    run_monte_carlo,
)
from zopa.models._budget import DEFAULT_MEMORY_BUDGET, MIB, fit_chunk, format_bytes
from zopa.models._montecarlo import MAX_DRAWS, MAX_LOOP_DRAWS, UNIFORM
from zopa.models._refits import _pool
from zopa.settings import Settings


def test_default_budget_is_the_documented_setting() -> None:
    assert memory_budget() == DEFAULT_MEMORY_BUDGET == Settings().memory_budget_mb * MIB


def test_limit_memory_is_scoped_and_has_a_floor() -> None:
    with limit_memory(100 * MIB):
        assert memory_budget() == 100 * MIB
    assert memory_budget() == DEFAULT_MEMORY_BUDGET
    with pytest.raises(ConfigError, match=r"below the minimum of 64\.0 MiB"), limit_memory(MIB):
        pass


def test_fit_chunk_fills_the_budget_or_refuses_in_one_line() -> None:
    with limit_memory(100 * MIB):
        assert fit_chunk(10 * MIB, 50, what="w", fix="f") == 10
        assert fit_chunk(10 * MIB, 3, what="w", fix="f") == 3
        assert fit_chunk(10 * MIB, 50, what="w", fix="f", fixed=60 * MIB) == 4
        with pytest.raises(OverBudgetError) as refused:
            fit_chunk(200 * MIB, 5, what="zopa.x.v1 on 9 actors", fix="leave it out")
    assert str(refused.value) == (
        "zopa.x.v1 on 9 actors needs about 200.0 MiB, over the memory budget of 100.0 MiB; "
        "leave it out"
    )
    assert isinstance(refused.value, ModelError)
    assert format_bytes(74.5 * 1024**3) == "74.5 GiB"


def _crowded_issue(actors: int) -> BargainingProblem:
    """One issue every actor takes a position on: the case whose cost grows as actors²."""
    rng = np.random.default_rng(0)
    return BargainingProblem(
        actors=tuple(f"a{i}" for i in range(actors)),
        issues=("i",),
        positions=rng.uniform(0, 100, (actors, 1)),
        salience=rng.uniform(0.1, 1, (actors, 1)),
        capability=rng.uniform(1, 10, actors),
        reference=np.array([50.0]),
    )


@pytest.mark.parametrize("model", [ExpectedUtilityModel(), ProbabilisticCondorcetModel()])
def test_a_model_over_the_budget_refuses_before_allocating(model: object) -> None:
    problem = _crowded_issue(1500)
    assert isinstance(model, ExpectedUtilityModel | ProbabilisticCondorcetModel)
    assert model.memory_needed(problem) > 64 * MIB
    with limit_memory(64 * MIB), pytest.raises(OverBudgetError, match=model.name):
        model.fit(problem)


def test_expected_utility_works_on_the_actors_present_only() -> None:
    # 2,000 actors, 20 on each of 100 issues: the cost is 20² per issue, not 2,000².
    rng = np.random.default_rng(1)
    n, m = 2000, 100
    x = np.full((n, m), np.nan)
    for j in range(m):
        x[rng.choice(n, 20, replace=False), j] = rng.uniform(0, 100, 20)
    problem = BargainingProblem(
        actors=tuple(f"a{i}" for i in range(n)),
        issues=tuple(f"i{j}" for j in range(m)),
        positions=x,
        salience=np.where(np.isnan(x), np.nan, 0.5),
        capability=np.ones(n),
        reference=np.full(m, 50.0),
    )
    model = ExpectedUtilityModel()
    assert model.memory_needed(problem) < MIB
    with limit_memory(64 * MIB):
        outcome = model.fit(problem).prediction_.outcome
    assert np.isfinite(outcome).all()


def _uncertain(n: int, m: int) -> tuple[BargainingProblem, Constraints, Spread, Spread]:
    rng = np.random.default_rng(2)
    x = rng.uniform(20, 80, (n, m))
    problem = BargainingProblem(
        actors=tuple(f"a{i}" for i in range(n)),
        issues=tuple(f"i{j}" for j in range(m)),
        positions=x,
        salience=np.full((n, m), 0.5),
        capability=np.ones(n),
        reference=np.full(m, 50.0),
    )
    red = np.where(x < 50, x + 15, x - 15)
    constraints = Constraints(
        actors=problem.actors,
        issues=problem.issues,
        red_line=red,
        side=np.where(x < 50, -1, 1).astype(np.int8),
        negotiator=np.ones((n, m), dtype=bool),
        ratifier=np.zeros((n, m), dtype=bool),
        scale=problem.scale,
    )
    spread = Spread(np.full((n, m), UNIFORM, dtype=np.int8), x - 10, x + 10, np.full((n, m), 1.0))
    lines = Spread(np.full((n, m), UNIFORM, dtype=np.int8), red - 5, red + 5, np.full((n, m), 1.0))
    return problem, constraints, spread, lines


def test_monte_carlo_results_do_not_depend_on_the_chunk_size() -> None:
    problem, constraints, spread, lines = _uncertain(40, 30)
    models = {
        "c": CompromiseModel(),
        "m": WeightedMedianModel(),
        "n": NashBargainingModel(),
    }

    def run() -> MonteCarloResult:
        return run_monte_carlo(
            problem,
            constraints,
            models,
            position_spread=spread,
            red_line_spread=lines,
            draws=3000,
            loop_draws=40,
            rng=9,
        )

    whole = run()
    with limit_memory(64 * MIB):  # chunks of about 500 draws instead of one of 3,000
        chunked = run()
    np.testing.assert_array_equal(whole.nonempty, chunked.nonempty)
    for label in models:
        np.testing.assert_array_equal(whole.models[label].outcomes, chunked.models[label].outcomes)


def test_draw_counts_are_bounded_before_anything_is_drawn() -> None:
    problem, constraints, spread, lines = _uncertain(3, 2)
    for draws, loop_draws in ((MAX_DRAWS + 1, 1), (1, MAX_LOOP_DRAWS + 1), (0, 1)):
        with pytest.raises(ModelError, match="must be between 1 and"):
            run_monte_carlo(
                problem,
                constraints,
                {},
                position_spread=spread,
                red_line_spread=lines,
                draws=draws,
                loop_draws=loop_draws,
            )


def test_keeping_too_many_draws_is_refused_with_a_count_that_fits() -> None:
    problem, constraints, spread, lines = _uncertain(3, 400)
    with limit_memory(64 * MIB), pytest.raises(OverBudgetError) as refused:
        run_monte_carlo(
            problem,
            constraints,
            {"c": CompromiseModel(), "m": WeightedMedianModel()},
            position_spread=spread,
            red_line_spread=lines,
            draws=MAX_DRAWS,
        )
    message = str(refused.value)
    assert "keeping 1,000,000 draws of 2 model(s) on 400 issues" in message
    # Half of 64 MiB over 400 issues × (two float64 outcomes + bool verdicts) a draw.
    assert "give --draws 4,194 or fewer" in message


def test_refits_in_worker_processes_equal_refits_here(monkeypatch: pytest.MonkeyPatch) -> None:
    problem, constraints, spread, lines = _uncertain(8, 3)
    models = {
        "eu": ExpectedUtilityModel(),
        "nash": NashBargainingModel(),
        "ens": EnsembleModel(members=("zopa.median.v1", "zopa.pce.v1")),
    }

    def run() -> MonteCarloResult:
        return run_monte_carlo(
            problem,
            constraints,
            models,
            position_spread=spread,
            red_line_spread=lines,
            draws=40,
            loop_draws=40,
            rng=4,
        )

    monkeypatch.setattr(_refits, "PARALLEL_AFTER", float("inf"))
    here = run()
    monkeypatch.setattr(_refits, "PARALLEL_AFTER", 0.0)  # any refit is worth two processes
    elsewhere = run()
    for label in models:
        np.testing.assert_array_equal(here.models[label].outcomes, elsewhere.models[label].outcomes)
        np.testing.assert_array_equal(here.models[label].within, elsewhere.models[label].within)


def test_worker_processes_only_when_they_pay_off_and_cannot_change_results() -> None:
    problem = _uncertain(4, 2)[0]
    budget = DEFAULT_MEMORY_BUDGET
    eu, counts = {"eu": ExpectedUtilityModel()}, {"eu": 40}
    pool = _pool(eu, counts, problem, budget, estimate=60.0)
    assert pool is not None
    pool.shutdown()
    assert _pool(eu, counts, problem, budget, estimate=0.5) is None
    # A model drawing from a generator it holds would depend on which process refits what.
    drawing = ExchangeModel(variant="random_rate", rng=np.random.default_rng(0))
    assert _pool({"x": drawing}, {"x": 40}, problem, budget, estimate=60.0) is None


def test_monte_carlo_memory_stays_within_the_budget_whatever_the_draws() -> None:
    problem, constraints, spread, lines = _uncertain(10, 20)
    tracemalloc.start()
    try:
        with limit_memory(64 * MIB):
            run_monte_carlo(
                problem,
                constraints,
                {"c": CompromiseModel()},
                position_spread=spread,
                red_line_spread=lines,
                draws=100_000,  # all at once: 100,000 × 200 cells × ~10 arrays ≈ 1.5 GiB
                loop_draws=1,
                rng=0,
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= 64 * MIB


class _WaitingModel(NashBargainingModel):
    """Nash, whose every refit first waits a little (no CPU), as on a machine busy with
    other work, and notes in the file ``log`` the process that made it."""

    def __init__(self, *, log: str = "") -> None:
        super().__init__()
        self.log = log

    def _outcome(self, problem: BargainingProblem) -> Any:
        time.sleep(0.12)
        with open(self.log, "a", encoding="utf-8") as noted:
            noted.write(f"{os.getpid()}\n")
        return super()._outcome(problem)


@pytest.mark.slow
def test_refits_that_wait_rather_than_compute_start_no_worker_processes(tmp_path: Path) -> None:
    """The first refit's CPU time, not its wall time, decides on workers: on a busy
    machine the wall clock counts others' work, and workers would only add to it."""
    problem, constraints, spread, lines = _uncertain(4, 2)
    log = tmp_path / "refits.txt"
    draws = 44  # 44 × 0.12 s of waiting: over PARALLEL_AFTER by the wall clock
    assert draws * 0.12 > _refits.PARALLEL_AFTER
    run_monte_carlo(
        problem,
        constraints,
        {"waits": _WaitingModel(log=str(log))},
        position_spread=spread,
        red_line_spread=lines,
        draws=draws,
        loop_draws=draws,
        rng=4,
    )
    made_by = log.read_text(encoding="utf-8").split()
    assert len(made_by) >= draws
    assert set(made_by) == {str(os.getpid())}

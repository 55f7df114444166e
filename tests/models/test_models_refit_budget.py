"""The refit budget: slow models are refitted on fewer Monte Carlo draws, said so, never others."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.models.test_models_budget import _uncertain
from zopa.cli import app
from zopa.models import (
    MIN_REFITS,
    CompromiseModel,
    EnsembleModel,
    ExchangeModel,
    ExpectedUtilityModel,
    NashBargainingModel,
    ProbabilisticCondorcetModel,
    refit_counts,
    run_monte_carlo,
)
from zopa.models._base import BargainingModel, BargainingProblem


def test_without_a_budget_every_model_gets_every_loop_draw() -> None:
    problem = _uncertain(6, 3)[0]
    models: dict[str, BargainingModel] = {"eu": ExpectedUtilityModel(), "x": ExchangeModel()}
    assert refit_counts(models, problem, 150, None) == {"eu": 150, "x": 150}


def test_a_budget_gives_each_model_the_draws_its_estimated_fits_afford() -> None:
    problem = _uncertain(6, 3)[0]
    nash = NashBargainingModel()
    per_fit = nash.fit_seconds(problem)
    assert per_fit > 0
    counts = refit_counts({"nash": nash}, problem, 200, 37.5 * per_fit)
    assert counts == {"nash": 37}
    # Never below the floor, however slow; never above the draws asked for.
    assert refit_counts({"nash": nash}, problem, 200, per_fit / 1000) == {"nash": MIN_REFITS}
    assert refit_counts({"nash": nash}, problem, 5, per_fit / 1000) == {"nash": 5}
    assert refit_counts({"nash": nash}, problem, 200, 1e9 * per_fit) == {"nash": 200}


def test_an_ensemble_never_gets_more_refits_than_its_members() -> None:
    # Otherwise it would refit its members alone on the draws they were not refitted on.
    problem = _uncertain(30, 6)[0]
    members = ("zopa.expected_utility.v1", "zopa.pce.v1")
    models: dict[str, BargainingModel] = {
        "eu": ExpectedUtilityModel(),
        "ens": EnsembleModel(members=members),
    }
    budget = 40 * models["eu"].fit_seconds(problem)
    counts = refit_counts(models, problem, 200, budget)
    assert counts["ens"] < counts["eu"] <= 40


def test_budgeted_refits_are_the_first_draws_of_the_full_run() -> None:
    problem, constraints, spread, lines = _uncertain(8, 4)
    models: dict[str, BargainingModel] = {"c": CompromiseModel(), "eu": ExpectedUtilityModel()}

    def run(refit_seconds: float | None):
        return run_monte_carlo(
            problem,
            constraints,
            models,
            position_spread=spread,
            red_line_spread=lines,
            draws=60,
            loop_draws=40,
            refit_seconds=refit_seconds,
            rng=3,
        )

    full, cut = run(None), run(15 * models["eu"].fit_seconds(problem))
    assert cut.models["eu"].outcomes.shape[0] == 15 and cut.models["eu"].limited
    assert full.models["eu"].outcomes.shape[0] == 40 and not full.models["eu"].limited
    np.testing.assert_array_equal(cut.models["eu"].outcomes, full.models["eu"].outcomes[:15])
    np.testing.assert_array_equal(cut.models["eu"].within, full.models["eu"].within[:15])
    # The vectorised model and the zone use every draw either way.
    np.testing.assert_array_equal(cut.models["c"].outcomes, full.models["c"].outcomes)
    assert not cut.models["c"].limited
    np.testing.assert_array_equal(cut.nonempty, full.nonempty)


def _solve(tmp_path: Path, *args: str) -> tuple[int, str]:
    scenario = EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"
    result = CliRunner().invoke(
        app,
        ["--db", f"sqlite:///{tmp_path / 'z.db'}", "solve", str(scenario), "--seed", "1", *args],
    )
    return result.exit_code, result.output


@pytest.mark.parametrize("as_json", [True, False])
def test_solve_says_which_models_the_budget_cut(tmp_path: Path, as_json: bool) -> None:
    code, out = _solve(
        tmp_path,
        "--models",
        "zopa.compromise.v1,zopa.nash.v1",
        "--refit-budget",
        "0.0001",
        *(["--json"] if as_json else []),
    )
    assert code == 0, out
    if as_json:
        models = {m["name"]: m for m in json.loads(out)["models"]}
        assert models["zopa.nash.v1"]["refits_limited"]
        assert MIN_REFITS <= models["zopa.nash.v1"]["draws"] < 200
        assert not models["zopa.compromise.v1"]["refits_limited"]
    else:
        assert "refit budget: nash" in out and "--refit-budget 0" in out


def test_refit_budget_zero_refits_every_model_on_every_loop_draw(tmp_path: Path) -> None:
    code, out = _solve(
        tmp_path, "--models", "zopa.nash.v1", "--refit-budget", "0", "--loop-draws", "30", "--json"
    )
    assert code == 0, out
    (nash,) = json.loads(out)["models"]
    assert nash["draws"] == 30 and not nash["refits_limited"]


def test_a_negative_refit_budget_is_one_line(tmp_path: Path) -> None:
    code, out = _solve(tmp_path, "--refit-budget", "-1")
    assert code != 0 and "--refit-budget" in out and "Traceback" not in out


def _sized(n: int, m: int) -> BargainingProblem:
    return _uncertain(n, m)[0]


@pytest.mark.parametrize(
    "model",
    [ExchangeModel(), ExpectedUtilityModel(), ProbabilisticCondorcetModel(), NashBargainingModel()],
    ids=lambda model: model.name,
)
def test_fit_estimates_grow_with_the_problem_and_never_vary(model: BargainingModel) -> None:
    small, wide, tall = _sized(10, 4), _sized(10, 16), _sized(40, 4)
    assert 0 < model.fit_seconds(small) < model.fit_seconds(wide)
    assert model.fit_seconds(small) < model.fit_seconds(tall)
    assert model.fit_seconds(wide) == model.fit_seconds(_sized(10, 16))  # no measurement


def test_the_exchange_estimate_grows_with_the_square_of_the_issues_and_of_the_actors() -> None:
    # O(n² m²) candidate cells per round (Stokman & Van Oosten's pairs of actors and issues).
    model = ExchangeModel()
    base = model.fit_seconds(_sized(50, 40)) - 0.003
    assert model.fit_seconds(_sized(100, 40)) - 0.003 == pytest.approx(4 * base)
    assert model.fit_seconds(_sized(50, 80)) - 0.003 == pytest.approx(4 * base, rel=0.02)

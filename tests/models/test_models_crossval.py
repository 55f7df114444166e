"""The tuned compromise model and cross-validation by proposal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from zopa.errors import ConfigError
from zopa.models import (
    CompromiseModel,
    TunedCompromiseModel,
    cross_validate,
    load_csv,
    load_deu,
    tune,
)


def test_defaults_are_the_compromise_model(problem: Any) -> None:
    p = problem(
        [[0.0, 10.0], [40.0, 50.0], [100.0, 70.0]], salience=[[0.2, 1], [0.9, 0.5], [0.5, 0.5]]
    )
    np.testing.assert_allclose(
        TunedCompromiseModel().fit(p).prediction_.outcome,
        CompromiseModel().fit(p).prediction_.outcome,
    )


def test_full_shrinkage_is_the_plain_mean(problem: Any) -> None:
    p = problem([[0.0], [30.0], [90.0]], capability=[10, 1, 1])
    assert TunedCompromiseModel(shrink=0.0).fit(p).prediction_.outcome[0] == pytest.approx(40.0)


def _dataset(tmp_path: Path, outcome_from_mean: bool) -> Any:
    """12 proposals; outcomes at the plain mean, or at the c·s weighted mean."""
    rng = np.random.default_rng(3)
    lines = ["issue,actor,position,salience,capability,reference_point,outcome,group"]
    for g in range(12):
        x = rng.uniform(0, 100, 4)
        s = rng.uniform(0.1, 1, 4)
        c = np.array([5.0, 1.0, 1.0, 1.0])
        out = x.mean() if outcome_from_mean else (c * s * x).sum() / (c * s).sum()
        for a in range(4):
            lines.append(f"i{g},a{a},{x[a]:.6f},{100 * s[a]:.6f},{c[a]},,{out:.6f},p{g}")
    path = tmp_path / "d.csv"
    path.write_text("\n".join(lines) + "\n")
    return load_csv(path)


def test_tune_recovers_the_rule_that_made_the_outcomes(tmp_path: Path) -> None:
    assert tune(_dataset(tmp_path, True)).shrink == 0.0
    fitted = tune(_dataset(tmp_path, False))
    assert (fitted.shrink, fitted.salience_power) == (1.0, 1.0)


def test_cross_validation_holds_out_whole_proposals(tmp_path: Path) -> None:
    report = cross_validate(_dataset(tmp_path, True), folds=3, replicates=200)
    held = [p for f in report["folds"] for p in f["proposals"]]
    assert sorted(held) == sorted(f"p{g}" for g in range(12))  # each proposal once
    assert report["mae_diff"] < 0 and report["ci95"][1] < 0  # the plain mean made the data
    with pytest.raises(ConfigError, match="folds"):
        cross_validate(_dataset(tmp_path, True), folds=13)


def test_cross_validation_on_deu_dev(deu_dev: Path) -> None:
    report = cross_validate(load_deu(deu_dev, capability="council"), folds=5, replicates=200)
    assert report["issues_scored"] == 180
    assert report["compromise"] == pytest.approx(20.72, abs=0.01)  # as `zopa eval models`
    low, high = report["ci95"]
    assert low <= report["mae_diff"] <= high

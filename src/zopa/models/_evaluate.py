"""Score bargaining models against recorded outcomes (the DEU validation)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from zopa.errors import ConfigError, quoted
from zopa.models._data import OutcomeDataset
from zopa.models._kernels import compromise_outcome
from zopa.registry import models as model_registry

__all__ = ["DEFAULT_MODELS", "evaluate", "score"]

FloatArray = NDArray[np.float64]
BENCHMARK = "zopa.compromise.v1"
DEFAULT_MODELS = (
    "zopa.compromise.v1",
    "zopa.median.v1",
    "zopa.nash.v1",
    "zopa.expected_utility.v1",
    "zopa.exchange.v1",
    "zopa.pce.v1",
    "zopa.ensemble.v1",
)
BASELINES = ("baseline.reference_point", "baseline.unweighted_mean")


def score(prediction: FloatArray, outcome: FloatArray) -> dict[str, float | int]:
    """Mean/median absolute error, RMSE and shares within 5, 10 and 20 points."""
    ok = ~np.isnan(prediction) & ~np.isnan(outcome)
    err = np.abs(prediction[ok] - outcome[ok])
    if not err.size:
        nan = float("nan")
        return {"n": 0, "mae": nan, "median_ae": nan, "rmse": nan} | {
            f"within_{k}": nan for k in (5, 10, 20)
        }
    return {
        "n": int(err.size),
        "mae": float(err.mean()),
        "median_ae": float(np.median(err)),
        "rmse": float(np.sqrt(np.mean(err**2))),
        "within_5": float(np.mean(err <= 5)),
        "within_10": float(np.mean(err <= 10)),
        "within_20": float(np.mean(err <= 20)),
    }


def predict_dataset(
    dataset: OutcomeDataset, name: str, params: Mapping[str, Any] | None = None
) -> list[FloatArray]:
    """Fit the registered model ``name`` (default parameters but ``params``) on every problem."""
    model = model_registry.get(name)().set_params(**(params or {}))
    return [model.fit(problem).prediction_.outcome for problem in dataset.problems]


def _baseline(dataset: OutcomeDataset, name: str) -> list[FloatArray]:
    if name == "baseline.reference_point":
        return [problem.reference.copy() for problem in dataset.problems]
    return [
        compromise_outcome(problem.positions.T, np.ones_like(problem.positions.T))
        for problem in dataset.problems
    ]


def evaluate(
    dataset: OutcomeDataset,
    models: Sequence[str] | None = None,
    *,
    rng: int = 0,
    replicates: int = 2000,
    min_actors: int = 3,
    params: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Score models and naive baselines on a dataset with known outcomes.

    Parameters
    ----------
    dataset:
        Problems with recorded outcomes (:func:`~zopa.models.load_deu`, :func:`load_csv`).
    models:
        Registry names to score; the compromise model is always scored as the benchmark.
    rng:
        Seed of the bootstrap (reported in the result).
    replicates:
        Bootstrap replicates.
    min_actors:
        An issue counts if its outcome is recorded (within its scale) and at least
        this many actors hold a position on it.
    params:
        Parameters per model name that differ from the defaults
        (``{"zopa.expected_utility.v1": {"rounds": 8}}``); a bad name or value is a
        :class:`~zopa.errors.ModelError`.

    Returns
    -------
    dict
        Plain data: the rule, the number of issues and groups scored, per model
        (then per baseline) its ``params``, ``n, mae, median_ae, rmse,
        within_5/10/20`` and the paired bootstrap 95% interval of
        ``MAE(model) - MAE(compromise)``; and ``issues``: each scored issue's group,
        id, recorded outcome and every model's prediction.

    Notes
    -----
    The bootstrap resamples groups (DEU: whole proposals) with replacement, keeping
    each resampled proposal's issues together, because issues of one proposal share
    actors and are not independent; every model is scored on the same resample
    (paired). Intervals are the 2.5 and 97.5 percentiles.
    """
    if replicates < 1:
        raise ConfigError(f"replicates must be >= 1, got {replicates}")
    names = list(dict.fromkeys([BENCHMARK, *(models or DEFAULT_MODELS)]))
    params = params or {}
    stray = [name for name in params if name not in names]
    if stray:
        raise ConfigError(
            f"parameters given for {quoted(stray[0])}, which is not scored; "
            f"score it too (--model {stray[0]}) or drop its parameters"
        )
    keep = []
    for problem, outcome in zip(dataset.problems, dataset.outcomes, strict=True):
        in_scale = (outcome >= problem.scale[:, 0]) & (outcome <= problem.scale[:, 1])
        keep.append(in_scale & (problem.present.sum(axis=0) >= min_actors))
    truth = np.concatenate([o[k] for o, k in zip(dataset.outcomes, keep, strict=True)])
    group_of = np.concatenate([np.full(int(k.sum()), g) for g, k in enumerate(keep)])
    n_groups = len(dataset.problems)
    entries: list[tuple[str, str, FloatArray]] = []
    for name in names:
        preds = predict_dataset(dataset, name, params.get(name))
        entries.append(
            (name, "model", np.concatenate([p[k] for p, k in zip(preds, keep, strict=True)]))
        )
    for name in BASELINES:
        preds = _baseline(dataset, name)
        entries.append(
            (name, "baseline", np.concatenate([p[k] for p, k in zip(preds, keep, strict=True)]))
        )
    generator = np.random.default_rng(rng)
    draws = generator.integers(0, n_groups, size=(replicates, n_groups))
    counts = np.zeros((replicates, n_groups))
    np.add.at(counts, (np.arange(replicates)[:, None], draws), 1.0)
    bench = entries[0][2]
    results = []
    for name, kind, pred in entries:
        row: dict[str, Any] = {"name": name, "kind": kind, "params": dict(params.get(name, {}))}
        row |= score(pred, truth)
        both = ~np.isnan(pred) & ~np.isnan(bench)
        diff = np.where(both, np.abs(pred - truth) - np.abs(bench - truth), 0.0)
        per_group = np.bincount(group_of, weights=diff, minlength=n_groups)
        n_group = np.bincount(group_of, weights=both.astype(float), minlength=n_groups)
        boot = (counts @ per_group) / np.maximum(counts @ n_group, 1.0)
        row["mae_diff_vs_compromise"] = float(diff[both].mean()) if both.any() else float("nan")
        row["ci95"] = [float(np.percentile(boot, 2.5)), float(np.percentile(boot, 97.5))]
        results.append(row)
    return {
        "dataset": dataset.source,
        "capability": dataset.capability,
        "rule": (
            f"an issue counts if its outcome is recorded within its scale and at least "
            f"{min_actors} actors hold a position on it"
        ),
        "issues_total": int(sum(len(o) for o in dataset.outcomes)),
        "issues_scored": int(truth.size),
        "groups_scored": len(np.unique(group_of)),
        "seed": rng,
        "bootstrap": {"replicates": replicates, "resampled": "groups (proposals)", "level": 0.95},
        "notes": list(dataset.notes),
        "results": results,
        "issues": _scored_issues(dataset, keep, truth, entries),
    }


def _scored_issues(
    dataset: OutcomeDataset,
    keep: list[NDArray[np.bool_]],
    truth: FloatArray,
    entries: list[tuple[str, str, FloatArray]],
) -> list[dict[str, Any]]:
    """Per scored issue: group, id, recorded outcome and each prediction (``None``: none)."""
    where = [
        (group, issue)
        for group, problem, k in zip(dataset.groups, dataset.problems, keep, strict=True)
        for issue, counted in zip(problem.issues, k, strict=True)
        if counted
    ]
    return [
        {
            "group": group,
            "issue": issue,
            "outcome": float(truth[t]),
            "predicted": {
                name: None if np.isnan(pred[t]) else float(pred[t]) for name, _, pred in entries
            },
        }
        for t, (group, issue) in enumerate(where)
    ]

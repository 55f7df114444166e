"""Contract tests over every model in zopa.registry.models (scikit-learn common-checks style)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import zopa.models  # noqa: F401  (registers the built-in models)
from zopa.errors import ModelError
from zopa.models import BargainingModel
from zopa.registry import models

NAMES = [name for name in models.names() if name.startswith("zopa.")]


def test_every_documented_family_is_registered() -> None:
    expected = {
        "zopa.compromise.v1",
        "zopa.median.v1",
        "zopa.nash.v1",
        "zopa.expected_utility.v1",
        "zopa.exchange.v1",
        "zopa.pce.v1",
        "zopa.ensemble.v1",
    }
    assert expected <= set(NAMES)


@pytest.fixture(params=NAMES)
def model(request: pytest.FixtureRequest) -> BargainingModel:
    instance = models.get(request.param)()
    assert isinstance(instance, BargainingModel)
    return instance


@pytest.fixture
def mixed(problem: Any) -> Any:
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 100, (6, 4))
    x[0, 1] = np.nan
    x[3, 2] = np.nan
    return problem(
        x.tolist(),
        salience=rng.uniform(0.1, 1, (6, 4)).tolist(),
        capability=[3, 1, 2, 5, 1, 1],
        reference=[0, 100, 50, np.nan],
    )


def test_constructible_with_defaults_and_named(model: BargainingModel) -> None:
    assert models.get(model.name) is type(model)


def test_deterministic(model: BargainingModel, mixed: Any) -> None:
    first = model.fit(mixed).prediction_
    second = type(model)(**model.get_params()).fit(mixed).prediction_
    np.testing.assert_array_equal(first.outcome, second.outcome)
    assert first.inputs_digest == mixed.digest()
    assert first.model == model.name


def test_params_round_trip(model: BargainingModel) -> None:
    params = model.get_params()
    clone = type(model)(**params)
    assert clone.get_params() == params
    assert clone.set_params(**params) is clone


def test_unknown_parameter_rejected(model: BargainingModel) -> None:
    with pytest.raises(ModelError, match="unknown parameter"):
        model.set_params(no_such_parameter=1)


def test_bad_parameters_rejected(model: BargainingModel, mixed: Any) -> None:
    assert model.constraints, f"{model.name} declares no parameter constraints"
    for key in model.constraints:
        before = model.get_params()[key]
        with pytest.raises(ModelError, match=key):
            model.set_params(**{key: object()})
        assert model.get_params()[key] is before  # a rejected value is not kept
        bad = type(model)(**{key: "not-a-valid-value-%"})
        with pytest.raises(ModelError, match=key):
            bad.fit(mixed)


def test_prediction_within_scale(model: BargainingModel, mixed: Any) -> None:
    outcome = model.fit(mixed).prediction_.outcome
    assert outcome.shape == (4,)
    assert np.all(np.isfinite(outcome))
    assert np.all((outcome >= 0) & (outcome <= 100))


def test_nan_actor_is_ignored(model: BargainingModel, mixed: Any, problem: Any) -> None:
    """Adding an actor with no positions at all changes nothing."""
    bigger = problem(
        [*mixed.positions.tolist(), [np.nan] * 4],
        salience=[*np.nan_to_num(mixed.salience, nan=0.5).tolist(), [0.9] * 4],
        capability=[*mixed.capability.tolist(), 100.0],
        reference=mixed.reference.tolist(),
    )
    np.testing.assert_allclose(
        model.fit(bigger).prediction_.outcome, model.fit(mixed).prediction_.outcome, atol=1e-9
    )


def test_unanimous_actors_get_their_position(model: BargainingModel, problem: Any) -> None:
    unanimous = problem([[30.0, 80.0]] * 4, capability=[1, 2, 3, 4], reference=[0.0, np.nan])
    np.testing.assert_allclose(model.fit(unanimous).prediction_.outcome, [30.0, 80.0], atol=1e-6)


def test_predict_is_the_fitted_outcome(model: BargainingModel, mixed: Any) -> None:
    # Monte Carlo refits call predict(): the same outcome, without details or state.
    outcome = model.predict(mixed)
    assert not hasattr(model, "prediction_")
    np.testing.assert_array_equal(outcome, model.fit(mixed).prediction_.outcome)


def test_memory_needed_is_a_non_negative_count(model: BargainingModel, mixed: Any) -> None:
    needed = model.memory_needed(mixed)
    assert isinstance(needed, int) and needed >= 0

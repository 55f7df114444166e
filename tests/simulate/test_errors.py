"""Bad parameters and unsimulable scenarios: one-line ZopaErrors before any work."""

from __future__ import annotations

from typing import Any

import pytest

from tests.simulate.conftest import AS_OF, scenario, side, talks
from zopa.errors import ModelError, ZopaError
from zopa.simulate import TalksSimulator


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"beta": 0}, "beta=0"),
        ({"beta": float("nan")}, "beta=nan"),
        ({"betas": {"a": -1}}, "betas[a]=-1"),
        ({"kappa": 1.5}, "kappa=1.5"),
        ({"step_days": 0}, "step_days=0"),
        ({"step_days": 1.5}, "step_days=1.5"),
        ({"credibility": True}, "credibility=True"),
        ({"cost_per_day": "x" * 500}, "cost_per_day="),
        ({"mediation": "yes"}, "mediation='yes'"),
        ({"speed": 2}, "unknown parameter 'speed'"),
        ({"talks_began": "2025-02-30"}, "talks_began='2025-02-30'"),
        ({"talks_began": 2024}, "talks_began=2024"),
    ],
)
def test_bad_parameters_are_one_line_model_errors(params: dict[str, Any], names: str) -> None:
    with pytest.raises(ModelError) as caught:
        TalksSimulator(**params)
    message = str(caught.value)
    assert names in message and "\n" not in message and len(message) < 300


@pytest.mark.parametrize(("runs", "seed"), [(0, 0), (10**7, 0), (True, 0), (10, -1), (10, 1.5)])
def test_bad_runs_or_seed_are_refused(runs: Any, seed: Any) -> None:
    with pytest.raises(ZopaError, match=r"^zopa\.talks\.v1: (runs|seed)="):
        TalksSimulator().simulate(scenario(talks()), as_of=AS_OF, runs=runs, seed=seed)


def test_betas_for_an_actor_who_is_not_a_side_is_refused() -> None:
    with pytest.raises(ModelError, match=r"betas names 'zz', which is not a side; sides: a, b"):
        TalksSimulator(betas={"zz": 2.0}).simulate(scenario(talks()), as_of=AS_OF, runs=5, seed=0)


def test_a_scenario_with_one_side_cannot_be_simulated() -> None:
    data = talks()
    lone = side("b", 0, 60)
    del lone["positions"]["land"]["red_line"]
    data["actors"][1] = lone
    with pytest.raises(ModelError, match=r"has 1 side\(s\) with binding red lines"):
        TalksSimulator().simulate(scenario(data), as_of=AS_OF, runs=5, seed=0)

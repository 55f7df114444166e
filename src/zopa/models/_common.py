"""Small helpers every model shares: weights, scales and parameter checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from zopa.models._base import BargainingProblem

FloatArray = NDArray[np.float64]


def vote_weights(problem: BargainingProblem, *, use_salience: bool = True) -> FloatArray:
    """``(n, m)`` capability × salience (or capability alone), 0 for absent actors."""
    c = np.broadcast_to(problem.capability[:, None], problem.positions.shape)
    w = c * np.nan_to_num(problem.salience, nan=0.0) if use_salience else c
    return np.where(problem.present, w, 0.0)


def clip_to_scale(outcome: FloatArray, problem: BargainingProblem) -> FloatArray:
    """Keep each issue's outcome within its scale (``nan`` stays ``nan``)."""
    return np.clip(outcome, problem.scale[:, 0], problem.scale[:, 1])


def is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def one_of(*choices: str) -> tuple[Callable[[Any], bool], str]:
    """A constraint accepting exactly one of ``choices``."""
    return (lambda v: v in choices), "one of " + ", ".join(repr(c) for c in choices)


def int_at_least(low: int) -> tuple[Callable[[Any], bool], str]:
    """A constraint accepting integers ``>= low`` (not bools)."""
    return (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= low), (
        f"an integer >= {low}"
    )


def number_in(low: float, high: float) -> tuple[Callable[[Any], bool], str]:
    """A constraint accepting real numbers in ``[low, high]``."""

    def check(v: Any) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool) and low <= v <= high

    return check, f"a number in [{low}, {high}]"


def is_seed(value: Any) -> bool:
    """A seed: ``None``, a non-negative int or a numpy Generator."""
    if isinstance(value, np.random.Generator) or value is None:
        return True
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


SEED = (is_seed, "None, a non-negative integer seed or a numpy.random.Generator")
BOOL = (is_bool, "True or False")

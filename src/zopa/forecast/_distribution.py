"""The stored form of a value question's predictive distribution, and its CRPS.

A value forecast stores its point in ``value`` (the issue's 0–100 scale) and,
when the source has one, its whole predictive distribution in ``parameters``,
in one of two forms:

* ``"sample"``: a list of draws on the 0–100 scale (at most :data:`MAX_MEMBERS`;
  a source with more draws stores every k-th of them sorted, or its quantiles);
* ``"quantiles"``: a list of ``[level, value]`` pairs, the levels strictly
  increasing inside (0, 1) and the values not decreasing (at most
  :data:`MAX_MEMBERS` pairs).

A forecast with neither is a point forecast: a distribution with all its mass
on ``value``. :func:`crps` scores each form with scoringrules (Zanetti et al.):
a sample by the CRPS of its empirical distribution (``crps_ensemble``, quantile
decomposition estimator), quantiles by twice the mean pinball loss over the
levels (``crps_quantile``; Berrisch & Ziel 2023: close to the CRPS for many
evenly spread levels, coarse for a few), a point by its absolute error.

References
----------
Gneiting, T., & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
estimation. *Journal of the American Statistical Association*, 102(477), 359–378.
Berrisch, J., & Ziel, F. (2023). CRPS learning. *Journal of Econometrics*, 237(2), 105221.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "MAX_MEMBERS",
    "Predictive",
    "check_predictive",
    "crps",
    "crps_uniform",
    "predictive_of",
]

MAX_MEMBERS = 2000
"""The most draws, or quantile pairs, a stored value forecast may carry."""

PredictiveForm = Literal["sample", "quantiles", "point"]


@dataclass(frozen=True)
class Predictive:
    """A value forecast's predictive distribution: its form, values and quantile levels."""

    form: PredictiveForm
    values: NDArray[np.float64]
    levels: NDArray[np.float64] | None = None


def _number(item: Any) -> float | None:
    if isinstance(item, bool) or not isinstance(item, int | float):
        return None
    return float(item) if math.isfinite(item) and 0 <= item <= 100 else None


def check_predictive(parameters: Mapping[str, Any]) -> None:
    """Raise :class:`ValueError` naming what is wrong with a stored ``sample`` or ``quantiles``."""
    if "sample" in parameters and "quantiles" in parameters:
        raise ValueError("give a value forecast's `sample` or its `quantiles`, not both")
    if "sample" in parameters:
        sample = parameters["sample"]
        if not isinstance(sample, list) or not 1 <= len(sample) <= MAX_MEMBERS:
            raise ValueError(f"`sample` is a list of 1 to {MAX_MEMBERS} numbers")
        if any(_number(x) is None for x in sample):
            raise ValueError("every draw of `sample` is a number from 0 to 100")
    if "quantiles" in parameters:
        pairs = parameters["quantiles"]
        if not isinstance(pairs, list) or not 1 <= len(pairs) <= MAX_MEMBERS:
            raise ValueError(f"`quantiles` is a list of 1 to {MAX_MEMBERS} [level, value] pairs")
        if any(not isinstance(p, list | tuple) or len(p) != 2 for p in pairs):
            raise ValueError("each entry of `quantiles` is a [level, value] pair")
        levels = [p[0] for p in pairs]
        if any(isinstance(q, bool) or not isinstance(q, int | float) for q in levels):
            raise ValueError("quantile levels are numbers strictly between 0 and 1")
        if not all(0 < q < 1 for q in levels) or any(b <= a for a, b in itertools.pairwise(levels)):
            raise ValueError("quantile levels are strictly increasing, strictly between 0 and 1")
        values = [_number(p[1]) for p in pairs]
        if any(v is None for v in values):
            raise ValueError("quantile values are numbers from 0 to 100")
        if any(b < a for a, b in itertools.pairwise(v for v in values if v is not None)):
            raise ValueError("quantile values do not decrease as the level rises")


def predictive_of(value: float, parameters: Mapping[str, Any]) -> Predictive:
    """The predictive distribution of a stored value forecast (already checked)."""
    if "sample" in parameters:
        return Predictive("sample", np.asarray(parameters["sample"], dtype=float))
    if "quantiles" in parameters:
        pairs = np.asarray(parameters["quantiles"], dtype=float).reshape(-1, 2)
        return Predictive("quantiles", pairs[:, 1], pairs[:, 0])
    return Predictive("point", np.asarray([value], dtype=float))


def crps(predictive: Predictive, outcome: float) -> float:
    """Continuous ranked probability score of ``predictive`` at ``outcome`` (lower is better).

    Units are those of the issue's scale (0–100); a point forecast scores its
    absolute error.
    """
    import scoringrules as sr  # scoringrules imports scipy.special (about 1 s): only when scoring

    if predictive.form == "quantiles":
        assert predictive.levels is not None
        score = sr.crps_quantile(outcome, predictive.values, predictive.levels, backend="numpy")
    else:
        score = sr.crps_ensemble(outcome, predictive.values, estimator="qd", backend="numpy")
    return float(score)


def crps_uniform(outcome: float, low: float = 0.0, high: float = 100.0) -> float:
    """CRPS of the uniform distribution on ``[low, high]``: the no-knowledge baseline."""
    import scoringrules as sr  # scoringrules imports scipy.special (about 1 s): only when scoring

    return float(sr.crps_uniform(outcome, low, high, backend="numpy"))

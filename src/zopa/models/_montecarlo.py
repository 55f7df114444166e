"""Monte Carlo over declared uncertainty: distributions of predictions and of the ZOPA.

Positions and red lines that carry an uncertainty (a uniform range, a triangle
around the stated value, or a normal spread) are drawn all at once into arrays
with a leading draw axis — no Python loop per draw — and clipped to each
issue's scale. Then

* the compromise and weighted-median models run through their vectorised
  kernels (:mod:`zopa.models._kernels`) on every draw at once;
* every other model is refitted in a Python loop on the first ``loop_draws``
  draws only (they are iterative and not vectorised); the result says how many
  draws each model used;
* the zone of possible agreement is recomputed for every draw, giving the
  probability that it is non-empty, per issue and for the package.

Randomness is explicit: pass a seed or a :class:`numpy.random.Generator`; the
same seed gives the same draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from zopa.errors import ModelError
from zopa.models._base import BargainingModel, BargainingProblem
from zopa.models._common import vote_weights
from zopa.models._kernels import compromise_outcome, weighted_median_outcome
from zopa.models._zopa import Constraints, Zone, within_zone, zone_of_agreement

__all__ = [
    "NONE",
    "NORMAL",
    "TRIANGULAR",
    "UNIFORM",
    "ModelDraws",
    "MonteCarloResult",
    "Spread",
    "run_monte_carlo",
    "sample_values",
]

FloatArray = NDArray[np.float64]

NONE, UNIFORM, TRIANGULAR, NORMAL = 0, 1, 2, 3

Kernel = Callable[[ArrayLike, ArrayLike], FloatArray]

#: Models whose outcome has a kernel vectorised over draws: registry name -> kernel.
VECTORISED: dict[str, Kernel] = {
    "zopa.compromise.v1": compromise_outcome,
    "zopa.median.v1": weighted_median_outcome,
}


@dataclass(frozen=True)
class Spread:
    """The uncertainty of an ``(n, m)`` array of values, cell by cell.

    ``kind`` is :data:`NONE`, :data:`UNIFORM` (on ``[low, high]``),
    :data:`TRIANGULAR` (``low``, mode at the value, ``high``) or :data:`NORMAL`
    (mean the value, standard deviation ``sd``).
    """

    kind: NDArray[np.int8]
    low: FloatArray
    high: FloatArray
    sd: FloatArray

    @classmethod
    def none(cls, shape: tuple[int, int]) -> Spread:
        """No uncertainty anywhere."""
        nan = np.full(shape, np.nan)
        return cls(np.zeros(shape, dtype=np.int8), nan, nan.copy(), nan.copy())

    @property
    def any(self) -> bool:
        """Whether some cell is uncertain."""
        return bool(np.any(self.kind != NONE))


def sample_values(
    values: FloatArray,
    spread: Spread,
    *,
    draws: int,
    rng: np.random.Generator,
    scale: FloatArray,
) -> FloatArray:
    """``(draws, n, m)`` draws of ``values`` (``(n, m)``) under ``spread``.

    Cells without uncertainty repeat their value; draws are clipped to each
    issue's ``scale`` (``(m, 2)``). Each distribution is drawn for all its cells
    and draws in one call, in a fixed order, so a seed fixes the result.
    """
    out = np.broadcast_to(values, (draws, *values.shape)).copy()
    for kind in (UNIFORM, TRIANGULAR, NORMAL):
        cells = np.nonzero(spread.kind == kind)
        if cells[0].size == 0:
            continue
        size = (draws, cells[0].size)
        if kind == UNIFORM:
            drawn = rng.uniform(spread.low[cells], spread.high[cells], size=size)
        elif kind == TRIANGULAR:
            mode = np.clip(values[cells], spread.low[cells], spread.high[cells])
            drawn = rng.triangular(spread.low[cells], mode, spread.high[cells], size=size)
        else:
            drawn = rng.normal(values[cells], spread.sd[cells], size=size)
        out[:, cells[0], cells[1]] = drawn
    return np.asarray(np.clip(out, scale[:, 0], scale[:, 1]))


@dataclass(frozen=True)
class ModelDraws:
    """One model's outcomes over the draws it was run on.

    ``outcomes`` is ``(k, m)``; ``vectorised`` says whether all draws ran in one
    kernel call (``k`` equals the number of draws) or a loop refitted the model
    on the first ``k`` draws.
    """

    model: str
    params: dict[str, Any]
    outcomes: FloatArray
    vectorised: bool
    within: NDArray[np.bool_]

    def interval(self, level: float) -> tuple[FloatArray, FloatArray]:
        """``(m,)`` lower and upper quantiles enclosing ``level`` of the draws."""
        tail = (1.0 - level) / 2.0
        with np.errstate(invalid="ignore"):
            if np.all(np.isnan(self.outcomes)):
                nan = np.full(self.outcomes.shape[1], np.nan)
                return nan, nan.copy()
            low, high = np.nanquantile(self.outcomes, [tail, 1.0 - tail], axis=0)
        return np.asarray(low), np.asarray(high)


@dataclass(frozen=True)
class MonteCarloResult:
    """Distributions of every model's prediction and of the ZOPA over the draws."""

    draws: int
    seed: int | None
    positions: FloatArray
    zone: Zone
    zone_level1: Zone
    models: dict[str, ModelDraws] = field(default_factory=dict)

    @property
    def p_zopa(self) -> FloatArray:
        """``(m,)`` probability that each issue's (level-II) ZOPA is non-empty."""
        return np.asarray(self.zone.nonempty.mean(axis=0))

    @property
    def p_package(self) -> float:
        """Probability that some package satisfies every red line on every issue."""
        return float(self.zone.package_nonempty.mean())


def _vectorised_outcomes(
    model: BargainingModel, problem: BargainingProblem, positions: FloatArray
) -> FloatArray | None:
    """All draws through the model's kernel, or ``None`` if it has none that agrees.

    The kernel is used only if it reproduces the fitted model on the base
    problem, so a model whose parameters change what it computes falls back to
    the loop rather than giving a silently different answer.
    """
    kernel = VECTORISED.get(model.name)
    if kernel is None:
        return None
    use_salience = bool(getattr(model, "use_salience", True))
    weights = vote_weights(problem, use_salience=use_salience).T
    base = np.clip(kernel(problem.positions.T, weights), problem.scale[:, 0], problem.scale[:, 1])
    fitted = model.fit(problem).prediction_.outcome
    if not np.allclose(base, fitted, equal_nan=True):
        return None
    outcome = kernel(np.swapaxes(positions, -1, -2), weights)
    return np.asarray(np.clip(outcome, problem.scale[:, 0], problem.scale[:, 1]))


def _looped_outcomes(
    model: BargainingModel, problem: BargainingProblem, positions: FloatArray
) -> FloatArray:
    out = np.empty((positions.shape[0], len(problem.issues)))
    for k, drawn in enumerate(positions):
        variant = BargainingProblem(
            actors=problem.actors,
            issues=problem.issues,
            positions=drawn,
            salience=problem.salience,
            capability=problem.capability,
            reference=problem.reference,
            scale=problem.scale,
        )
        out[k] = model.fit(variant).prediction_.outcome
    return out


def _fresh_seed() -> int:
    """A seed from the operating system's entropy, small enough to print and reuse."""
    return int(np.random.default_rng().integers(0, 2**63 - 1))


def run_monte_carlo(
    problem: BargainingProblem,
    constraints: Constraints,
    models: Mapping[str, BargainingModel],
    *,
    position_spread: Spread,
    red_line_spread: Spread,
    draws: int = 2000,
    loop_draws: int = 200,
    rng: int | np.random.Generator | None = None,
) -> MonteCarloResult:
    """Draw positions and red lines, run every model on the draws, recompute the ZOPA.

    Parameters
    ----------
    problem:
        The base problem; its ``positions`` are the stated values.
    constraints:
        Red lines over the same actors and issues as ``problem``.
    models:
        Fitted-or-not models by display name; each is refitted here.
    position_spread, red_line_spread:
        Uncertainty of positions and of red lines, ``(n, m)`` each.
    draws:
        Number of draws (vectorised models and the ZOPA use all of them).
    loop_draws:
        How many of the draws models without a vectorised kernel are refitted on.
    rng:
        A seed or a Generator. ``None`` draws a fresh seed, which is recorded.

    Returns
    -------
    MonteCarloResult
        With ``seed`` set when a seed (given or fresh) made the generator.

    Notes
    -----
    Cost: ``O(draws · n · m)`` for sampling and the ZOPA, the same for the
    compromise kernel, ``O(draws · m · n log n)`` for the median kernel, and
    ``loop_draws`` full fits for every other model.
    """
    if draws < 1 or loop_draws < 1:
        raise ModelError(f"draws ({draws}) and loop_draws ({loop_draws}) must be at least 1")
    if constraints.actors != problem.actors or constraints.issues != problem.issues:
        raise ModelError("constraints and problem must have the same actors and issues")
    seed: int | None
    if isinstance(rng, np.random.Generator):
        generator, seed = rng, None
    else:
        seed = _fresh_seed() if rng is None else int(rng)
        generator = np.random.default_rng(seed)
    positions = sample_values(
        problem.positions, position_spread, draws=draws, rng=generator, scale=problem.scale
    )
    red_lines = sample_values(
        constraints.red_line, red_line_spread, draws=draws, rng=generator, scale=problem.scale
    )
    zone = zone_of_agreement(constraints, level=2, red_line=red_lines)
    zone1 = zone_of_agreement(constraints, level=1, red_line=red_lines)
    results: dict[str, ModelDraws] = {}
    for label, model in models.items():
        outcomes = _vectorised_outcomes(model, problem, positions)
        vectorised = outcomes is not None
        if outcomes is None:
            outcomes = _looped_outcomes(model, problem, positions[:loop_draws])
        k = outcomes.shape[0]
        part = Zone(zone.low[:k], zone.high[:k])
        results[label] = ModelDraws(
            model=model.name,
            params=model.get_params(),
            outcomes=outcomes,
            vectorised=vectorised,
            within=within_zone(outcomes, part),
        )
    return MonteCarloResult(draws, seed, positions, zone, zone1, results)

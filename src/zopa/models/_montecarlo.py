"""Monte Carlo over declared uncertainty: distributions of predictions and of the ZOPA.

Positions and red lines that carry an uncertainty (a uniform range, a triangle
around the stated value, or a normal spread) are drawn into arrays with a
leading draw axis — no Python loop per draw — and clipped to each issue's
scale. The draws are made in chunks sized to the memory budget
(:mod:`zopa.models._budget`), so memory stays bounded whatever the number of
draws; per chunk

* the compromise and weighted-median models run through their vectorised
  kernels (:mod:`zopa.models._kernels`) on every draw of the chunk at once;
* the zone of possible agreement is recomputed for every draw, giving the
  probability that it is non-empty, per issue and for the package.

Every other model is then refitted on each of the first ``loop_draws`` draws
only (they are iterative and not vectorised; :mod:`zopa.models._refits`, in
worker processes when that pays off). With a refit budget (``refit_seconds``,
:data:`REFIT_SECONDS` for ``zopa solve`` unless ``--refit-budget 0`` is given) a
model whose fits are slow is refitted on fewer draws: as many as its estimated
fit time (:meth:`~zopa.models.BargainingModel.fit_seconds`, deterministic, so the
same inputs always give the same draws) allows within the budget, at least
:data:`MIN_REFITS`. The result says how many draws each model used and whether
the budget cut them.

Randomness is explicit: pass a seed or a :class:`numpy.random.Generator`; the
same seed gives the same draws. Every draw reads one row of a single stream of
uniform numbers and turns it into values by each cell's inverse distribution
function, so the draws do not depend on the chunk size (nor on the budget).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from zopa.errors import ModelError
from zopa.limits import MAX_DRAWS, MAX_LOOP_DRAWS, MIN_REFITS, REFIT_SECONDS
from zopa.models._base import BargainingModel, BargainingProblem
from zopa.models._budget import (
    OverBudgetError,
    chunks,
    fit_chunk,
    format_bytes,
    memory_budget,
)
from zopa.models._common import vote_weights
from zopa.models._kernels import compromise_outcome, weighted_median_outcome
from zopa.models._refits import Progress, refit_draws
from zopa.models._zopa import Constraints, within_zone, zone_of_agreement

__all__ = [
    "MAX_DRAWS",
    "MAX_LOOP_DRAWS",
    "MIN_REFITS",
    "NONE",
    "NORMAL",
    "REFIT_SECONDS",
    "TRIANGULAR",
    "UNIFORM",
    "ModelDraws",
    "MonteCarloResult",
    "Progress",
    "Spread",
    "base_bytes",
    "check_draws",
    "draw_bytes",
    "refit_counts",
    "run_monte_carlo",
    "sample_values",
]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

NONE, UNIFORM, TRIANGULAR, NORMAL = 0, 1, 2, 3


Kernel = Callable[[ArrayLike, ArrayLike], FloatArray]

#: Models whose outcome has a kernel vectorised over draws: registry name -> kernel.
VECTORISED: dict[str, Kernel] = {
    "zopa.compromise.v1": compromise_outcome,
    "zopa.median.v1": weighted_median_outcome,
}

#: float64 arrays of ``actors × issues`` alive at once per draw of a chunk: the drawn
#: positions and red lines, the acceptable bounds and their masked copies, and the
#: kernels' prepared copies and sort keys (7.6 measured with tracemalloc; rounded up).
_ARRAYS_PER_DRAW = 9
#: float64 arrays per uncertain cell and draw while drawing (the uniform numbers and
#: the inverse distribution functions' branches; about 1 measured, rounded up).
_ARRAYS_PER_COLUMN = 2
#: ``actors × issues`` arrays alive through a whole solve: the problem, the red lines and
#: their sides and masks, both spreads, the stated positions (float64 or smaller).
_ARRAYS_BASE = 20


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

    @property
    def size(self) -> int:
        """How many cells are uncertain: the uniform numbers one draw reads."""
        return int(np.count_nonzero(self.kind != NONE))

    def values_at(self, values: FloatArray, u: FloatArray, scale: FloatArray) -> FloatArray:
        """``(k, n, m)`` values at probabilities ``u`` (``(k, size)``) of each uncertain cell.

        Each uncertain cell (in row-major order) takes its inverse distribution
        function at its column of ``u``; the other cells repeat ``values``. The
        result is clipped to each issue's ``scale`` (``(m, 2)``). With ``u``
        uniform on ``[0, 1)`` these are draws; with a constant ``u = q`` they are
        the ``q``-quantiles of every cell.
        """
        out = np.broadcast_to(values, (u.shape[0], *values.shape)).copy()
        rows, cols = np.nonzero(self.kind != NONE)
        kind = self.kind[rows, cols]
        low, high, sd = self.low[rows, cols], self.high[rows, cols], self.sd[rows, cols]
        value = values[rows, cols]
        width = high - low
        with np.errstate(invalid="ignore", divide="ignore"):
            # Triangular with its mode at the (clipped) value: the inverse CDF by branch.
            mode = np.clip(value, low, high)
            cut = np.divide(mode - low, width, out=np.zeros_like(width), where=width > 0)
            rising = low + np.sqrt(u * width * (mode - low))
            falling = high - np.sqrt((1 - u) * width * (high - mode))
            drawn = np.where(
                kind == UNIFORM,
                low + u * width,
                np.where(kind == TRIANGULAR, np.where(u < cut, rising, falling), np.nan),
            )
            normal = kind == NORMAL
            if normal.any():
                # Imported here: scipy.special takes ~0.4 s to import, a cost every
                # `import zopa.models` (the CLI, each refit worker) paid for this one call.
                from scipy.special import ndtri

                drawn[:, normal] = value[normal] + sd[normal] * ndtri(u[:, normal])
        out[:, rows, cols] = drawn
        return np.asarray(np.clip(out, scale[:, 0], scale[:, 1]))


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
    issue's ``scale`` (``(m, 2)``). One row of ``spread.size`` uniform numbers
    per draw, so a seed fixes the result.
    """
    return spread.values_at(values, rng.random((draws, spread.size)), scale)


@dataclass(frozen=True)
class ModelDraws:
    """One model's outcomes over the draws it was run on.

    ``outcomes`` is ``(k, m)``; ``vectorised`` says whether all draws ran through
    a kernel (``k`` equals the number of draws) or a loop refitted the model on
    the first ``k`` draws; ``limited`` whether a refit budget made ``k`` smaller
    than the loop draws asked for.
    """

    model: str
    params: dict[str, Any]
    outcomes: FloatArray
    vectorised: bool
    within: BoolArray
    limited: bool = False

    def interval(self, level: float) -> tuple[FloatArray, FloatArray]:
        """``(m,)`` lower and upper quantiles enclosing ``level`` of the draws."""
        tail = (1.0 - level) / 2.0
        low, high = np.full((2, self.outcomes.shape[1]), np.nan)
        gaps = np.isnan(self.outcomes)
        # nanquantile goes column by column in Python: only where some draws are nan.
        whole, partly = ~gaps.any(axis=0), gaps.any(axis=0) & ~gaps.all(axis=0)
        for cols, quantile in ((whole, np.quantile), (partly, np.nanquantile)):
            if cols.any():
                low[cols], high[cols] = quantile(self.outcomes[:, cols], [tail, 1 - tail], axis=0)
        return low, high


@dataclass(frozen=True)
class MonteCarloResult:
    """Distributions of every model's prediction and of the ZOPA over the draws.

    ``nonempty`` and ``nonempty_level1`` are ``(draws, m)``: whether each draw's
    zone is non-empty at level II (ratifiers too) and level I (negotiators).
    """

    draws: int
    seed: int | None
    nonempty: BoolArray
    nonempty_level1: BoolArray
    models: dict[str, ModelDraws] = field(default_factory=dict)

    @property
    def p_zopa(self) -> FloatArray:
        """``(m,)`` probability that each issue's (level-II) ZOPA is non-empty."""
        return np.asarray(self.nonempty.mean(axis=0))

    @property
    def p_zopa_level1(self) -> FloatArray:
        """``(m,)`` probability that each issue's negotiators' (level-I) zone is non-empty."""
        return np.asarray(self.nonempty_level1.mean(axis=0))

    @property
    def p_package(self) -> float:
        """Probability that some package satisfies every red line on every issue."""
        return float(self.nonempty.all(axis=1).mean())


def _kernel_of(model: BargainingModel, problem: BargainingProblem) -> Kernel | None:
    """The model's vectorised kernel, or ``None`` if it has none that agrees with it.

    The kernel is used only if it reproduces the fitted model on the base
    problem, so a model whose parameters change what it computes falls back to
    the loop rather than giving a silently different answer.
    """
    kernel = VECTORISED.get(model.name)
    if kernel is None:
        return None
    weights = _kernel_weights(model, problem)
    base = np.clip(kernel(problem.positions.T, weights), problem.scale[:, 0], problem.scale[:, 1])
    fitted = model.fit(problem).prediction_.outcome
    return kernel if np.allclose(base, fitted, equal_nan=True) else None


def _kernel_weights(model: BargainingModel, problem: BargainingProblem) -> FloatArray:
    use_salience = bool(getattr(model, "use_salience", True))
    return vote_weights(problem, use_salience=use_salience).T


class _Draws:
    """Positions and red lines drawn chunk by chunk from one seed.

    Every pass over the draws restarts the same stream, so the first ``k``
    draws are the same whatever the chunk size and however often they are read.
    """

    def __init__(
        self,
        problem: BargainingProblem,
        constraints: Constraints,
        position_spread: Spread,
        red_line_spread: Spread,
        seed: np.random.SeedSequence,
    ) -> None:
        self.problem, self.constraints = problem, constraints
        self.position_spread, self.red_line_spread = position_spread, red_line_spread
        self.seed = seed
        self.columns = position_spread.size + red_line_spread.size

    def chunks(self, draws: int, size: int) -> Iterator[tuple[slice, FloatArray, FloatArray]]:
        """``(where, positions, red_lines)`` for consecutive chunks of at most ``size`` draws."""
        generator = np.random.default_rng(self.seed)
        split = self.position_spread.size
        scale = self.problem.scale
        for where in chunks(draws, size):
            u = generator.random((where.stop - where.start, self.columns))
            positions = self.position_spread.values_at(self.problem.positions, u[:, :split], scale)
            red_lines = self.red_line_spread.values_at(
                self.constraints.red_line, u[:, split:], scale
            )
            yield where, positions, red_lines


def _seed_of(rng: int | np.random.Generator | None) -> tuple[int | None, np.random.SeedSequence]:
    """The seed to record (``None`` for a caller's Generator) and the stream's seed."""
    if isinstance(rng, np.random.Generator):
        return None, np.random.SeedSequence(int(rng.integers(0, 2**63 - 1)))
    seed = _fresh_seed() if rng is None else int(rng)
    return seed, np.random.SeedSequence(seed)


def _fresh_seed() -> int:
    """A seed from the operating system's entropy, small enough to print and reuse."""
    return int(np.random.default_rng().integers(0, 2**63 - 1))


def check_draws(draws: int, loop_draws: int) -> None:
    """Raise :class:`ModelError` unless ``1 <= draws <= MAX_DRAWS`` and likewise loop draws."""
    for name, value, most in (
        ("draws", draws, MAX_DRAWS),
        ("loop_draws", loop_draws, MAX_LOOP_DRAWS),
    ):
        if not 1 <= value <= most:
            raise ModelError(
                f"{name} must be between 1 and {most:,}, got {value:,}; "
                f"give --{name.replace('_', '-')} {min(max(value, 1), most)} or fewer"
            )


def base_bytes(actors: int, issues: int) -> int:
    """Memory of the problem's own ``actors × issues`` arrays, alive through a solve."""
    return 8 * _ARRAYS_BASE * actors * issues


def draw_bytes(actors: int, issues: int, uncertain: int) -> int:
    """Working memory of one Monte Carlo draw (the smallest chunk) with ``uncertain`` cells."""
    return 8 * (_ARRAYS_PER_DRAW * actors * issues + _ARRAYS_PER_COLUMN * uncertain)


def _kept_bytes(draws: int, loop_draws: int, issues: int, vectorised: int, looped: int) -> int:
    """Bytes of results kept across chunks: outcomes (float64) and verdicts (bool)."""
    per_draw = issues * (9 * vectorised + 2)
    return draws * per_draw + loop_draws * issues * 9 * looped


def run_monte_carlo(
    problem: BargainingProblem,
    constraints: Constraints,
    models: Mapping[str, BargainingModel],
    *,
    position_spread: Spread,
    red_line_spread: Spread,
    draws: int = 2000,
    loop_draws: int = 200,
    refit_seconds: float | None = None,
    rng: int | np.random.Generator | None = None,
    progress: Progress | None = None,
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
        Number of draws, at most :data:`MAX_DRAWS` (vectorised models and the
        ZOPA use all of them).
    loop_draws:
        How many of the draws models without a vectorised kernel are refitted
        on, at most :data:`MAX_LOOP_DRAWS`.
    refit_seconds:
        A refit budget per model, in estimated seconds on one core (``None``, the
        default: no budget): a model is refitted on
        ``min(loop_draws, max(MIN_REFITS, refit_seconds // fit_seconds))`` draws
        (:func:`refit_counts`).
    rng:
        A seed or a Generator. ``None`` draws a fresh seed, which is recorded.
    progress:
        Called as ``progress(task, done, total)`` after every chunk of draws
        (task ``"draws"``) and every draw the other models are refitted on
        (task ``"refits"``).

    Returns
    -------
    MonteCarloResult
        With ``seed`` set when a seed (given or fresh) made the generator.

    Raises
    ------
    ModelError
        If a count is out of bounds, or (an :class:`~zopa.models.OverBudgetError`)
        if the draws' results alone would not fit the memory budget.

    Notes
    -----
    Cost: ``O(draws · n · m)`` for sampling and the ZOPA, the same for the
    compromise kernel, ``O(draws · m · n log n)`` for the median kernel, and
    ``loop_draws`` full fits for every other model. Memory: the kept results,
    ``O(draws · m)``, plus one chunk of ``O(chunk · n · m)``, sized to the budget.
    """
    check_draws(draws, loop_draws)
    if constraints.actors != problem.actors or constraints.issues != problem.issues:
        raise ModelError("constraints and problem must have the same actors and issues")
    n, m = problem.positions.shape
    loop_draws = min(loop_draws, draws)
    kernels = {label: _kernel_of(model, problem) for label, model in models.items()}
    vectorised = [label for label, kernel in kernels.items() if kernel is not None]
    looped = [label for label in models if label not in vectorised]
    kept = _kept_bytes(draws, loop_draws, m, len(vectorised), len(looped))
    if kept > memory_budget() // 2:
        per_draw = _kept_bytes(1, 0, m, len(vectorised), len(looped))
        raise OverBudgetError(
            f"keeping {draws:,} draws of {len(models)} model(s) on {m:,} issues needs about "
            f"{format_bytes(kept)}, over half the memory budget of "
            f"{format_bytes(memory_budget())}; give --draws "
            f"{max(1, memory_budget() // 2 // per_draw):,} or fewer, or fewer --models"
        )
    size = fit_chunk(
        draw_bytes(n, m, position_spread.size + red_line_spread.size),
        draws,
        fixed=kept + base_bytes(n, m),
        what=f"one Monte Carlo draw of {n:,} actors × {m:,} issues",
        fix="leave actors without a stance out of the scenario, or split it",
    )
    seed, stream = _seed_of(rng)
    source = _Draws(problem, constraints, position_spread, red_line_spread, stream)
    nonempty = np.empty((draws, m), dtype=bool)
    nonempty1 = np.empty((draws, m), dtype=bool)
    outcomes = {label: np.empty((draws, m)) for label in vectorised}
    within = {label: np.empty((draws, m), dtype=bool) for label in vectorised}
    weights = {label: _kernel_weights(models[label], problem) for label in vectorised}
    for where, positions, red_lines in source.chunks(draws, size):
        zone = zone_of_agreement(constraints, level=2, red_line=red_lines)
        nonempty[where] = zone.nonempty
        nonempty1[where] = zone_of_agreement(constraints, level=1, red_line=red_lines).nonempty
        swapped = np.swapaxes(positions, -1, -2)
        for label in vectorised:
            kernel = kernels[label]
            assert kernel is not None
            value = kernel(swapped, weights[label])
            outcomes[label][where] = np.clip(value, problem.scale[:, 0], problem.scale[:, 1])
            within[label][where] = within_zone(outcomes[label][where], zone)
        if progress is not None:
            progress("draws", where.stop, draws)
    results = {
        label: ModelDraws(
            model=models[label].name,
            params=models[label].get_params(),
            outcomes=outcomes[label],
            vectorised=True,
            within=within[label],
        )
        for label in vectorised
    }
    if looped:
        chosen = {label: models[label] for label in looped}
        counts = refit_counts(chosen, problem, loop_draws, refit_seconds)
        zones = (
            (where, positions, zone_of_agreement(constraints, level=2, red_line=red_lines))
            for where, positions, red_lines in source.chunks(max(counts.values()), size)
        )
        refits = refit_draws(chosen, problem, zones, counts, progress)
        for label, (outcomes_of, within_of) in refits.items():
            model = models[label]
            results[label] = ModelDraws(
                model=model.name,
                params=model.get_params(),
                outcomes=outcomes_of,
                vectorised=False,
                within=within_of,
                limited=counts[label] < loop_draws,
            )
    return MonteCarloResult(draws, seed, nonempty, nonempty1, {k: results[k] for k in models})


def refit_counts(
    models: Mapping[str, BargainingModel],
    problem: BargainingProblem,
    loop_draws: int,
    refit_seconds: float | None,
) -> dict[str, int]:
    """How many draws each model is refitted on: all ``loop_draws`` without a budget;
    with one, as many as ``refit_seconds`` of its estimated fits, between
    :data:`MIN_REFITS` and ``loop_draws``.

    The estimate (:meth:`~zopa.models.BargainingModel.fit_seconds`) is a function
    of the model and the problem's size only, so the counts never depend on the
    machine or its load.
    """
    if refit_seconds is None:
        return dict.fromkeys(models, loop_draws)
    counts = {}
    for label, model in models.items():
        per_fit = max(model.fit_seconds(problem), 1e-9)
        affordable = int(min(refit_seconds / per_fit, MAX_LOOP_DRAWS))
        counts[label] = min(loop_draws, max(MIN_REFITS, affordable))
    return counts

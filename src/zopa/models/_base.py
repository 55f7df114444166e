"""The data every bargaining model reads, and the one interface every model shares.

A :class:`BargainingProblem` is plain numpy data — actors × issues — that the
scenario stage (or a dataset loader such as DEU) builds; models never see YAML
or the database. Every model follows scikit-learn's estimator contract
(``sklearn/base.py``): the constructor only stores keyword-only parameters,
``fit(problem)`` returns ``self`` and sets learned attributes ending in ``_``,
and ``get_params()`` reads the parameters back so each :class:`Prediction`
records exactly how it was made.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

import numpy as np
from numpy.typing import NDArray

from zopa.errors import ModelError

__all__ = ["BargainingModel", "BargainingProblem", "Prediction", "shared_fits"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class BargainingProblem:
    """Actors' positions, saliences and capabilities on one or more issues.

    Attributes
    ----------
    actors:
        Actor ids, length ``n``.
    issues:
        Issue ids, length ``m``.
    positions:
        ``(n, m)`` positions on each issue's scale; ``nan`` where an actor has no
        position on an issue (it then takes no part in that issue).
    salience:
        ``(n, m)`` salience in ``[0, 1]`` (the literature's 0–100 divided by 100);
        ``nan`` where the position is missing.
    capability:
        ``(n,)`` non-negative capability (clout); only relative sizes matter.
    reference:
        ``(m,)`` reference point / status quo per issue (the disagreement outcome);
        ``nan`` where unknown.
    scale:
        ``(m, 2)`` lower and upper bound of each issue's scale (0–100 by default).
    """

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    positions: FloatArray
    salience: FloatArray
    capability: FloatArray
    reference: FloatArray
    scale: FloatArray = field(default_factory=lambda: np.empty((0, 2)))

    def __post_init__(self) -> None:
        n, m = len(self.actors), len(self.issues)
        if self.scale.shape == (0, 2) and m:
            object.__setattr__(self, "scale", np.tile([0.0, 100.0], (m, 1)))
        expected = {
            "positions": (n, m),
            "salience": (n, m),
            "capability": (n,),
            "reference": (m,),
            "scale": (m, 2),
        }
        for name, shape in expected.items():
            got = np.shape(getattr(self, name))
            if got != shape:
                raise ModelError(f"BargainingProblem.{name} has shape {got}; expected {shape}")
        salience = self.salience[~np.isnan(self.salience)]
        if salience.size and (salience.min() < 0 or salience.max() > 1):
            raise ModelError("BargainingProblem.salience must lie in [0, 1]")
        if np.any(self.capability < 0) or not np.all(np.isfinite(self.capability)):
            raise ModelError("BargainingProblem.capability must be finite and non-negative")

    @property
    def present(self) -> NDArray[np.bool_]:
        """``(n, m)`` mask of the actors taking part in each issue."""
        return ~np.isnan(self.positions)

    def digest(self) -> str:
        """A SHA-256 of the inputs, stored with every prediction (provenance)."""
        h = hashlib.sha256()
        h.update("\x1f".join(self.actors).encode())
        h.update(b"\x1e")
        h.update("\x1f".join(self.issues).encode())
        for array in (self.positions, self.salience, self.capability, self.reference, self.scale):
            h.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
        return h.hexdigest()


@dataclass(frozen=True)
class Prediction:
    """What a model predicts for every issue of a problem, and how it got there.

    ``outcome`` is ``(m,)`` (``nan`` where the model cannot say); ``details``
    holds model-specific plain data (rounds, exchanges, probabilities).
    """

    model: str
    params: dict[str, Any]
    issues: tuple[str, ...]
    outcome: FloatArray
    inputs_digest: str
    details: dict[str, Any] = field(default_factory=dict)


class BargainingModel:
    """Base class of every model: parameters in, ``fit`` sets ``prediction_``.

    Subclasses set ``name`` (their registry name, e.g. ``"zopa.compromise.v1"``),
    take only keyword-only constructor arguments stored unchanged as attributes,
    and implement :meth:`_solve`.
    """

    name: ClassVar[str] = ""
    #: Constraints table (as in scikit-learn's ``_parameter_constraints``): parameter
    #: name -> (check, what a valid value looks like). Checked by :meth:`fit` and
    #: :meth:`set_params`, so a bad value fails before any work, as one ModelError.
    constraints: ClassVar[Mapping[str, tuple[Callable[[Any], bool], str]]] = {}

    prediction_: Prediction

    def validate_params(self) -> None:
        """Raise :class:`ModelError` naming the first parameter that breaks its constraint."""
        for key, value in self.get_params().items():
            if key not in self.constraints:
                continue
            check, expected = self.constraints[key]
            try:
                ok = bool(check(value))
            except (TypeError, ValueError):
                ok = False
            if not ok:
                raise ModelError(
                    f"{self.name}: parameter {key}={value!r} is invalid; expected {expected}"
                )

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters and their current values."""
        signature = inspect.signature(type(self).__init__)
        return {
            p: getattr(self, p)
            for p in signature.parameters
            if p != "self" and signature.parameters[p].kind is inspect.Parameter.KEYWORD_ONLY
        }

    def set_params(self, **params: Any) -> Self:
        """Set parameters by name; unknown names are a :class:`ModelError`."""
        valid = self.get_params()
        for key in params:
            if key not in valid:
                raise ModelError(
                    f"{self.name}: unknown parameter {key!r}; valid: {', '.join(sorted(valid))}"
                )
        old = {key: valid[key] for key in params}
        for key, value in params.items():
            setattr(self, key, value)
        try:
            self.validate_params()
        except ModelError:
            for key, value in old.items():
                setattr(self, key, value)
            raise
        return self

    def predict(self, problem: BargainingProblem) -> FloatArray:
        """The ``(m,)`` outcome alone: no :class:`Prediction`, no details, ``self`` unchanged.

        What Monte Carlo refits call, many times over. Inside :func:`shared_fits`
        an outcome already computed for the same model, parameters and problem is
        reused (an ensemble and its member models then share their fits).
        """
        self.validate_params()
        params = self.get_params()
        memo = _SHARED.get()
        if memo is None or any(isinstance(v, np.random.Generator) for v in params.values()):
            return self._outcome(problem)
        key = (self.name, repr(sorted(params.items())), id(problem))
        if key not in memo:
            memo[key] = self._outcome(problem)
        return memo[key].copy()

    def fit(self, problem: BargainingProblem) -> Self:
        """Solve ``problem`` and store the result as ``prediction_``."""
        self.validate_params()
        outcome, details = self._solve(problem)
        self.prediction_ = Prediction(
            model=self.name,
            params=self.get_params(),
            issues=problem.issues,
            outcome=outcome,
            inputs_digest=problem.digest(),
            details=details,
        )
        return self

    def memory_needed(self, problem: BargainingProblem) -> int:
        """Bytes of working memory the smallest chunk of a fit on ``problem`` needs.

        :func:`zopa.scenario.solve_scenario` calls it for every model before
        fitting any, and refuses (naming the model and what to do) a model whose
        need exceeds the memory budget (:mod:`zopa.models._budget`). A model whose
        arrays grow faster than ``actors × issues`` overrides it with its cost at
        the smallest chunk it can work in, and sizes its chunks with
        :func:`~zopa.models._budget.fit_chunk`. The default, 0, is for models
        whose memory is linear in the problem, which the caller bounds.
        """
        del problem
        return 0

    def fit_seconds(self, problem: BargainingProblem) -> float:
        """Estimated seconds of one fit on ``problem``, on one core of the bench machine.

        A deterministic estimate from the model's order of growth (never a
        measurement, so the same inputs always get the same number of Monte Carlo
        refits, :data:`zopa.models.REFIT_SECONDS`); models whose cost grows faster
        than ``actors × issues`` override it with their own growth and a rate
        measured by ``bench/models.py``. The default: a microsecond per
        actor-issue cell.
        """
        n, m = problem.positions.shape
        return 1e-6 * float(n * m)

    def _outcome(self, problem: BargainingProblem) -> FloatArray:
        """The outcome of :meth:`_solve`; a model whose details are costly overrides it."""
        return self._solve(problem)[0]

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        raise NotImplementedError


_SHARED: ContextVar[dict[tuple[str, str, int], FloatArray] | None] = ContextVar(
    "zopa_shared_fits", default=None
)


@contextmanager
def shared_fits() -> Iterator[None]:
    """Within the block, :meth:`BargainingModel.predict` computes each outcome once.

    Outcomes are keyed by model name, parameters and the problem object itself,
    so keep one problem alive per block (Monte Carlo opens one block per draw).
    A model with a random generator among its parameters is never shared: each
    call may draw differently.
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)

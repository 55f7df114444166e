"""Bargaining and collective-choice models (pipeline stage 4).

Every model is a :class:`BargainingModel` found by name in :data:`zopa.registry.models`:

==============================  ===========================================
``zopa.compromise.v1``          capability × salience weighted mean
``zopa.median.v1``              weighted median (median voter)
``zopa.nash.v1``                asymmetric Nash bargaining solution
``zopa.expected_utility.v1``    Bueno de Mesquita's challenge model
``zopa.exchange.v1``            Stokman's exchange model
``zopa.pce.v1``                 KTAB's probabilistic Condorcet election
``zopa.ensemble.v1``            weighted average of the above
``zopa.tuned_compromise.v1``    compromise with salience exponent and shrinkage
==============================  ===========================================

Monte Carlo code calls the vectorised kernels :func:`compromise_outcome` and
:func:`weighted_median_outcome` directly; validation runs through :func:`evaluate`.
"""

from zopa.models._base import BargainingModel, BargainingProblem, Prediction
from zopa.models._budget import (
    DEFAULT_MEMORY_BUDGET,
    OverBudgetError,
    limit_memory,
    memory_budget,
)
from zopa.models._compromise import CompromiseModel
from zopa.models._crossval import TunedCompromiseModel, cross_validate, tune
from zopa.models._data import (
    CAPABILITY_RULES,
    CSV_SCALE_RULES,
    OutcomeDataset,
    load_csv,
    load_deu,
)
from zopa.models._ensemble import EnsembleModel
from zopa.models._evaluate import DEFAULT_MODELS, evaluate, score
from zopa.models._exchange import ExchangeModel
from zopa.models._expected_utility import ExpectedUtilityModel
from zopa.models._kernels import compromise_outcome, weighted_median_outcome
from zopa.models._median import WeightedMedianModel
from zopa.models._montecarlo import (
    MIN_REFITS,
    REFIT_SECONDS,
    ModelDraws,
    MonteCarloResult,
    Spread,
    refit_counts,
    run_monte_carlo,
    sample_values,
)
from zopa.models._nash import NashBargainingModel, nash_outcome
from zopa.models._pce import ProbabilisticCondorcetModel, pce_distribution
from zopa.models._zopa import (
    Constraints,
    Zone,
    acceptable_bounds,
    blocking_actors,
    within_zone,
    zone_of_agreement,
)

__all__ = [
    "CAPABILITY_RULES",
    "CSV_SCALE_RULES",
    "DEFAULT_MEMORY_BUDGET",
    "DEFAULT_MODELS",
    "MIN_REFITS",
    "REFIT_SECONDS",
    "BargainingModel",
    "BargainingProblem",
    "CompromiseModel",
    "Constraints",
    "EnsembleModel",
    "ExchangeModel",
    "ExpectedUtilityModel",
    "ModelDraws",
    "MonteCarloResult",
    "NashBargainingModel",
    "OutcomeDataset",
    "OverBudgetError",
    "Prediction",
    "ProbabilisticCondorcetModel",
    "Spread",
    "TunedCompromiseModel",
    "WeightedMedianModel",
    "Zone",
    "acceptable_bounds",
    "blocking_actors",
    "compromise_outcome",
    "cross_validate",
    "evaluate",
    "limit_memory",
    "load_csv",
    "load_deu",
    "memory_budget",
    "nash_outcome",
    "pce_distribution",
    "refit_counts",
    "run_monte_carlo",
    "sample_values",
    "score",
    "tune",
    "weighted_median_outcome",
    "within_zone",
    "zone_of_agreement",
]

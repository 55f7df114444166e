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
==============================  ===========================================

Monte Carlo code calls the vectorised kernels :func:`compromise_outcome` and
:func:`weighted_median_outcome` directly; validation runs through :func:`evaluate`.
"""

from zopa.models._base import BargainingModel, BargainingProblem, Prediction
from zopa.models._compromise import CompromiseModel
from zopa.models._data import CAPABILITY_RULES, OutcomeDataset, load_csv, load_deu
from zopa.models._ensemble import EnsembleModel
from zopa.models._evaluate import DEFAULT_MODELS, evaluate, score
from zopa.models._exchange import ExchangeModel
from zopa.models._expected_utility import ExpectedUtilityModel
from zopa.models._kernels import compromise_outcome, weighted_median_outcome
from zopa.models._median import WeightedMedianModel
from zopa.models._nash import NashBargainingModel, nash_outcome
from zopa.models._pce import ProbabilisticCondorcetModel, pce_distribution

__all__ = [
    "CAPABILITY_RULES",
    "DEFAULT_MODELS",
    "BargainingModel",
    "BargainingProblem",
    "CompromiseModel",
    "EnsembleModel",
    "ExchangeModel",
    "ExpectedUtilityModel",
    "NashBargainingModel",
    "OutcomeDataset",
    "Prediction",
    "ProbabilisticCondorcetModel",
    "WeightedMedianModel",
    "compromise_outcome",
    "evaluate",
    "load_csv",
    "load_deu",
    "nash_outcome",
    "pce_distribution",
    "score",
    "weighted_median_outcome",
]

"""Bargaining and collective-choice models (pipeline stage 4).

Every model is a :class:`BargainingModel` found by name in :data:`zopa.registry.models`.
"""

from zopa.models._base import BargainingModel, BargainingProblem, Prediction

__all__ = ["BargainingModel", "BargainingProblem", "Prediction"]

"""The weighted median (median voter) model."""

from __future__ import annotations

from typing import Any, ClassVar

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._common import BOOL, clip_to_scale, vote_weights
from zopa.models._kernels import weighted_median_outcome
from zopa.registry import models

__all__ = ["WeightedMedianModel"]


@models.register("zopa.median.v1")
class WeightedMedianModel(BargainingModel):
    """Predict each issue's outcome as the position of the weighted median voter.

    Parameters
    ----------
    use_salience:
        Votes are capability × salience (default) or capability alone.

    Notes
    -----
    The lower weighted median: the smallest position at which the actors at or below
    it hold at least half the votes. It is always one actor's position. With
    single-peaked preferences on one dimension it beats every other position in
    pairwise majority votes (Black 1948), which is why Bueno de Mesquita's model
    starts from it.

    References
    ----------
    Black, D. (1948). On the rationale of group decision-making. *Journal of
    Political Economy*, 56(1), 23–34.
    Achen, C. H. (2006). Evaluating political decision-making models. In R. Thomson
    et al. (eds.), *The European Union Decides* (pp. 264–298). Cambridge UP.
    """

    name: ClassVar[str] = "zopa.median.v1"
    constraints: ClassVar = {"use_salience": BOOL}

    def __init__(self, *, use_salience: bool = True) -> None:
        self.use_salience = use_salience

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        w = vote_weights(problem, use_salience=self.use_salience)
        outcome = weighted_median_outcome(problem.positions.T, w.T)
        return clip_to_scale(outcome, problem), {}

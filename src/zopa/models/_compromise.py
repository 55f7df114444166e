"""The compromise model: the capability × salience weighted mean of positions."""

from __future__ import annotations

from typing import Any, ClassVar

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._common import BOOL, clip_to_scale, vote_weights
from zopa.models._kernels import compromise_outcome
from zopa.registry import models

__all__ = ["CompromiseModel"]


@models.register("zopa.compromise.v1")
class CompromiseModel(BargainingModel):
    """Predict each issue's outcome as the weighted mean of the actors' positions.

    Parameters
    ----------
    use_salience:
        Weight each actor by capability × salience (default) or by capability alone.

    Notes
    -----
    ``O_j = Σ_i c_i s_ij x_ij / Σ_i c_i s_ij`` over the actors present on issue ``j``.
    The best single performer on the DEU data (Achen 2006), and the benchmark every
    other zopa model is scored against.

    References
    ----------
    Van den Bos, J. M. M. (1991). *Dutch EC Policy Making: A Model-Guided Approach
    to Coordination and Negotiation*. Amsterdam: Thesis Publishers.
    Achen, C. H. (2006). Evaluating political decision-making models. In R. Thomson,
    F. N. Stokman, C. H. Achen & T. König (eds.), *The European Union Decides*
    (pp. 264–298). Cambridge University Press.
    """

    name: ClassVar[str] = "zopa.compromise.v1"
    constraints: ClassVar = {"use_salience": BOOL}

    def __init__(self, *, use_salience: bool = True) -> None:
        self.use_salience = use_salience

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        w = vote_weights(problem, use_salience=self.use_salience)
        outcome = compromise_outcome(problem.positions.T, w.T)
        return clip_to_scale(outcome, problem), {}

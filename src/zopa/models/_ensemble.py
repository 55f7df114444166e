"""A weighted average of other registered models."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._common import clip_to_scale
from zopa.registry import models

__all__ = ["EnsembleModel"]

DEFAULT_MEMBERS = ("zopa.compromise.v1", "zopa.median.v1", "zopa.pce.v1", "zopa.exchange.v1")


def _valid_members(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) > 0
        and all(isinstance(v, str) and v != EnsembleModel.name and v in models for v in value)
    )


def _valid_weights(value: Any) -> bool:
    if value is None:
        return True
    return (
        isinstance(value, tuple)
        and all(isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in value)
        and sum(value) > 0
    )


@models.register("zopa.ensemble.v1")
class EnsembleModel(BargainingModel):
    """Average the predictions of several registered models, with stated weights.

    Parameters
    ----------
    members:
        Registry names of the member models (default parameters each). Default:
        compromise, weighted median, PCE and exchange.
    weights:
        Non-negative weight per member, same length as ``members``; ``None``
        (default) means equal weights. The weights used are in
        ``details["weights"]``.

    Notes
    -----
    Combining forecasts that err differently usually lowers the error (Bates &
    Granger 1969); on DEU the models' errors are highly correlated, so expect
    little gain (Achen 2006). A member that cannot predict an issue (``nan``) is
    left out of that issue's average.

    References
    ----------
    Bates, J. M. & Granger, C. W. J. (1969). The combination of forecasts.
    *Operational Research Quarterly*, 20(4), 451–468.
    """

    name: ClassVar[str] = "zopa.ensemble.v1"
    constraints: ClassVar = {
        "members": (_valid_members, "a non-empty tuple of registered model names (not itself)"),
        "weights": (_valid_weights, "None or a tuple of non-negative numbers, not all zero"),
    }

    def __init__(
        self,
        *,
        members: tuple[str, ...] = DEFAULT_MEMBERS,
        weights: tuple[float, ...] | None = None,
    ) -> None:
        self.members = members
        self.weights = weights

    def _members(self) -> list[BargainingModel]:
        return [models.get(name)() for name in self.members]

    def memory_needed(self, problem: BargainingProblem) -> int:
        """The most any member needs (members are fitted one after the other)."""
        return max(member.memory_needed(problem) for member in self._members())

    def fit_seconds(self, problem: BargainingProblem) -> float:
        """The members' estimates together (it fits each of them)."""
        return sum(member.fit_seconds(problem) for member in self._members())

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        from zopa.errors import ModelError

        weights = np.ones(len(self.members)) if self.weights is None else np.array(self.weights)
        if weights.size != len(self.members):
            raise ModelError(
                f"{self.name}: {weights.size} weights for {len(self.members)} members; "
                "give one weight per member"
            )
        preds = np.array([member.predict(problem) for member in self._members()])
        mask = ~np.isnan(preds)
        w = np.where(mask, weights[:, None], 0.0)
        total = w.sum(axis=0)
        outcome = np.where(
            total > 0,
            (w * np.nan_to_num(preds)).sum(axis=0) / np.where(total > 0, total, 1),
            np.nan,
        )
        details = {
            "weights": dict(zip(self.members, (weights / weights.sum()).tolist(), strict=True))
        }
        return clip_to_scale(outcome, problem), details

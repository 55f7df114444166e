"""Which parameters move each probability most: Morris elementary effects through SALib.

The method of Morris (1991), with Campolongo, Cariboni & Saltelli (2007)'s
:math:`\\mu^*` (mean absolute elementary effect), screens parameters at a cost
linear in their number: ``r`` trajectories of ``k + 1`` points each through
the ranges of :data:`~zopa.simulate._params.SENSITIVITY_BOUNDS`. Every point
is simulated with ``runs_per_point`` runs, all points in one vectorised
simulation (the parameters are per-run arrays), so the cost is
``r × (k + 1) × runs_per_point`` runs, stated in the result. SALib (Herman &
Usher 2017) draws the design and computes the indices.

References
----------
Morris, M. D. (1991). Factorial sampling plans for preliminary computational
experiments. *Technometrics*, 33(2), 161–174.

Campolongo, F., Cariboni, J., & Saltelli, A. (2007). An effective screening
design for sensitivity analysis of large models. *Environmental Modelling &
Software*, 22(10), 1509–1518.

Herman, J., & Usher, W. (2017). SALib: an open-source Python library for
sensitivity analysis. *Journal of Open Source Software*, 2(9), 97.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from zopa.simulate._arrays import TalksArrays
from zopa.simulate._params import SENSITIVITY_BOUNDS

__all__ = ["LEVELS", "Sensitivity", "morris_design", "morris_indices", "with_design"]

LEVELS = 4
"""Grid levels of the Morris design."""


@dataclass(frozen=True)
class Sensitivity:
    """Morris indices per question: parameter -> ``mu_star``, its confidence, ``sigma``."""

    method: str
    trajectories: int
    points: int
    runs_per_point: int
    bounds: dict[str, tuple[float, float]]
    indices: dict[str, list[dict[str, float | str]]] = field(default_factory=dict)
    """Per question, parameters sorted by ``mu_star`` (largest first)."""

    @property
    def runs(self) -> int:
        """Simulated runs the analysis cost."""
        return self.points * self.runs_per_point

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (``docs/simulation.md``)."""
        return {
            "method": self.method,
            "trajectories": self.trajectories,
            "points": self.points,
            "runs_per_point": self.runs_per_point,
            "runs": self.runs,
            "bounds": {k: list(v) for k, v in self.bounds.items()},
            "indices": self.indices,
        }


def _problem() -> dict[str, Any]:
    names = list(SENSITIVITY_BOUNDS)
    return {
        "num_vars": len(names),
        "names": names,
        "bounds": [list(SENSITIVITY_BOUNDS[n]) for n in names],
    }


def morris_design(trajectories: int, seed: int) -> NDArray[np.float64]:
    """``(r (k+1), k)`` Morris design over :data:`SENSITIVITY_BOUNDS` (columns in its order)."""
    from SALib.sample import morris as morris_sample  # SALib loads pandas: only when used

    return np.asarray(
        morris_sample.sample(_problem(), trajectories, num_levels=LEVELS, seed=seed),
        dtype=np.float64,
    )


def with_design(
    arrays: TalksArrays, design: NDArray[np.float64], runs_per_point: int
) -> TalksArrays:
    """``arrays`` (``len(design) × runs_per_point`` runs) with each point's parameters."""
    columns = dict(
        zip(SENSITIVITY_BOUNDS, np.repeat(design, runs_per_point, axis=0).T, strict=True)
    )
    return dataclasses.replace(
        arrays,
        beta=arrays.beta * np.exp(columns["log_beta"])[:, None],
        kappa=columns["kappa"],
        concession_days=columns["concession_days"],
        cost=columns["cost_per_day"],
        lever_cost=columns["lever_cost_per_day"],
        credibility=columns["credibility"],
    )


def morris_indices(
    design: NDArray[np.float64],
    outputs: dict[str, NDArray[np.float64]],
    *,
    trajectories: int,
    runs_per_point: int,
    seed: int,
) -> Sensitivity:
    """Morris indices of each question's probability (``outputs``: question -> ``(points,)``)."""
    from SALib.analyze import morris as morris_analyze  # SALib loads pandas: only when used

    problem = _problem()
    indices: dict[str, list[dict[str, float | str]]] = {}
    for question, y in outputs.items():
        si = morris_analyze.analyze(problem, design, y, num_levels=LEVELS, seed=seed)
        rows: list[dict[str, float | str]] = [
            {
                "parameter": str(name),
                "mu_star": round(float(mu), 6),
                "mu_star_conf": round(float(conf), 6),
                "sigma": round(float(sigma), 6),
            }
            for name, mu, conf, sigma in zip(
                si["names"], si["mu_star"], si["mu_star_conf"], si["sigma"], strict=True
            )
        ]
        rows.sort(key=lambda row: (-float(row["mu_star"]), str(row["parameter"])))
        indices[question] = rows
    return Sensitivity(
        method="morris",
        trajectories=trajectories,
        points=int(design.shape[0]),
        runs_per_point=runs_per_point,
        bounds=dict(SENSITIVITY_BOUNDS),
        indices=indices,
    )

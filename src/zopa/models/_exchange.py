"""Stokman's exchange model: actors trade positions across issues of one problem."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._common import SEED, clip_to_scale, int_at_least, one_of
from zopa.models._kernels import compromise_outcome
from zopa.registry import models

__all__ = ["ExchangeModel"]


@models.register("zopa.exchange.v1")
class ExchangeModel(BargainingModel):
    """Two actors each yield on the issue they care less about; then the compromise.

    Parameters
    ----------
    variant:
        ``"equal_gain"`` (default): the exchange rate gives both actors the same
        utility gain; ``"random_rate"``: a rate drawn uniformly between the two
        rates at which one of them would gain nothing.
    rounds:
        Rounds of exchanges (default 1); expected outcomes are recomputed between rounds.
    rng:
        Seed or ``numpy.random.Generator`` for ``"random_rate"`` (default 0).

    Notes
    -----
    Following Stokman & Van Oosten (1994) and Stokman & Thomson (2004) for two
    issues ``j, l`` and two actors ``i, k`` of one problem (a DEU proposal):

    * expected outcome ``O_j`` is the compromise (capability × salience mean);
      moving ``i``'s position on ``j`` by ``Δ`` shifts ``O_j`` by
      ``c_i s_ij Δ / Σ_h c_h s_hj``;
    * an exchange needs ``i`` and ``k`` on opposite sides of ``O_j`` and of ``O_l``,
      and ``s_il / s_ij > s_kl / s_kj``: ``i`` yields on ``j`` (shifting ``O_j`` by
      ``a`` toward ``k``), ``k`` yields on ``l`` (shifting ``O_l`` by ``b`` toward ``i``);
    * gains with utility linear in the expected outcome: ``G_i = s_il b - s_ij a``,
      ``G_k = s_kj a - s_kl b``; equal gain sets
      ``a/b = (s_il + s_kl)/(s_ij + s_kj)``;
    * size: as large as possible without either actor passing the other's position;
    * exchanges are realised greedily by total gain, each actor moving at most once
      per issue per round (zopa's choice; the original lets actors' supply and
      demand be exhausted in the same order).

    ``details["exchanges"]`` lists every realised exchange.

    References
    ----------
    Stokman, F. N. & Van Oosten, R. (1994). The exchange of voting positions: an
    object-oriented model of policy networks. In B. Bueno de Mesquita & F. N. Stokman
    (eds.), *European Community Decision Making* (pp. 105–127). Yale UP.
    Stokman, F. N. & Thomson, R. (2004). Winners and losers in the European Union.
    *European Union Politics*, 5(1), 5–23.
    Arregui, J., Stokman, F. N. & Thomson, R. (2006). Compromise, exchange and
    challenge in the European Union. In R. Thomson et al. (eds.), *The European
    Union Decides* (pp. 124–152). Cambridge UP.
    """

    name: ClassVar[str] = "zopa.exchange.v1"
    constraints: ClassVar = {
        "variant": one_of("equal_gain", "random_rate"),
        "rounds": int_at_least(0),
        "rng": SEED,
    }

    def __init__(
        self,
        *,
        variant: str = "equal_gain",
        rounds: int = 1,
        rng: int | np.random.Generator | None = 0,
    ) -> None:
        self.variant = variant
        self.rounds = rounds
        self.rng = rng

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        generator = np.random.default_rng(self.rng)
        present = problem.present
        x = problem.positions.copy()
        s = np.where(present, np.nan_to_num(problem.salience, nan=0.0), 0.0)
        c = problem.capability
        exchanges: list[dict[str, Any]] = []
        for _ in range(self.rounds):
            made = self._one_round(problem, x, s, c, present, generator)
            if not made:
                break
            exchanges.extend(made)
        w = np.where(present, c[:, None] * s, 0.0)
        outcome = compromise_outcome(x.T, w.T)
        return clip_to_scale(outcome, problem), {"exchanges": exchanges}

    def _one_round(
        self,
        problem: BargainingProblem,
        x: FloatArray,
        s: FloatArray,
        c: FloatArray,
        present: np.ndarray,
        generator: np.random.Generator,
    ) -> list[dict[str, Any]]:
        n, m = x.shape
        if m < 2 or n < 2:
            return []
        w = np.where(present, c[:, None] * s, 0.0)
        total = w.sum(axis=0)
        expected = compromise_outcome(x.T, w.T)
        side = np.where(present & (w > 0), np.sign(np.nan_to_num(x - expected)), 0.0)
        # Axes: i, k, j (issue i yields on), l (issue k yields on).
        si_j, si_l = s[:, None, :, None], s[:, None, None, :]
        sk_j, sk_l = s[None, :, :, None], s[None, :, None, :]
        opposite_j = (side[:, None, :] * side[None, :, :] < 0)[:, :, :, None]
        opposite_l = (side[:, None, :] * side[None, :, :] < 0)[:, :, None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            upper = si_l / si_j  # i gains nothing above this rate a/b
            lower = sk_l / sk_j  # k gains nothing below it
            ok = opposite_j & opposite_l & (upper > lower) & (si_j > 0) & (sk_l > 0)
            ok &= ~np.eye(n, dtype=bool)[:, :, None, None] & ~np.eye(m, dtype=bool)[None, None]
            if not ok.any():
                return []
            if self.variant == "equal_gain":
                rate = (si_l + sk_l) / (si_j + sk_j)
            else:
                u = generator.random(ok.shape)
                rate = lower + u * (np.minimum(upper, 1e6) - lower)
            xd = np.abs(x[:, None, :] - x[None, :, :])  # (i, k, issue)
            a_max = (c[:, None, None] * s[:, None, :] * xd / total)[:, :, :, None]
            b_max = (c[None, :, None] * s[None, :, :] * xd / total)[:, :, None, :]
            b = np.minimum(b_max, a_max / rate)
            a = rate * b
            gain_i = si_l * b - si_j * a
            gain_k = sk_j * a - sk_l * b
            ok &= (gain_i > 0) & (gain_k > 0)
        candidates = np.argwhere(ok)
        if not candidates.size:
            return []
        joint = (gain_i + gain_k)[ok]
        used = np.zeros((n, m), dtype=bool)
        made: list[dict[str, Any]] = []
        for idx in np.argsort(-joint, kind="stable"):
            i, k, j, l_ = (int(v) for v in candidates[idx])
            if used[i, j] or used[k, l_]:
                continue
            used[i, j] = used[k, l_] = True
            move_i = a[i, k, j, l_] * total[j] / (c[i] * s[i, j])
            move_k = b[i, k, j, l_] * total[l_] / (c[k] * s[k, l_])
            x[i, j] += np.sign(x[k, j] - x[i, j]) * min(move_i, abs(x[k, j] - x[i, j]))
            x[k, l_] += np.sign(x[i, l_] - x[k, l_]) * min(move_k, abs(x[i, l_] - x[k, l_]))
            made.append(
                {
                    "actors": [problem.actors[i], problem.actors[k]],
                    "issues": [problem.issues[j], problem.issues[l_]],
                    "gains": [float(gain_i[i, k, j, l_]), float(gain_k[i, k, j, l_])],
                }
            )
        return made

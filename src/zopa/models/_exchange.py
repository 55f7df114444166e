"""Stokman's exchange model: actors trade positions across issues of one problem."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from zopa.errors import ModelError
from zopa.models._base import BargainingModel, BargainingProblem, FloatArray
from zopa.models._budget import MIB, memory_budget
from zopa.models._common import SEED, clip_to_scale, int_at_least, one_of
from zopa.models._exchange_candidates import (
    CELL_BYTES,
    Candidates,
    RateDraw,
    RoundState,
    blocks,
    evaluate_block,
    exchange_terms,
    issue_pairs,
)
from zopa.models._kernels import compromise_outcome
from zopa.registry import models

__all__ = ["ExchangeModel"]

#: Most working memory of one fit, whatever the problem size (less when the budget
#: in force, :func:`zopa.models._budget.memory_budget`, is smaller): half for screening blocks
#: of candidates (``CELL_BYTES`` per cell), half for the ranked candidates held
#: (``HELD_BYTES`` each). A round with more valid candidates than fit is realised
#: in several passes, each taking the next best ones.
MEMORY_BUDGET = 128 * MIB
#: Bytes per held candidate: 16 stored, twice over while merging, plus the
#: partition and greedy temporaries.
HELD_BYTES = 128
#: Candidates ranked and walked through per step of the greedy choice.
TAKEN_AT_ONCE = 1 << 12
#: Most actor-pair cells ``update="sequential"`` may evaluate in a round (its upper
#: bound, checked before any work): about a minute on one core.
SEQUENTIAL_CELLS = 2 * 10**9


#: Candidate cells (actor pair × issue pair) a round evaluates per second, one core of
#: the bench machine (100 × 50: 24.5 M cells in 0.34 s; ``bench/models.py``).
CELLS_PER_SECOND = 7e7


def block_sizes(budget: int) -> tuple[int, int]:
    """Cells per screening block and candidates held, for a memory ``budget`` in bytes."""
    return max(1, budget // 2 // CELL_BYTES), max(1, budget // 2 // HELD_BYTES)


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
    update:
        ``"simultaneous"`` (default; zopa's choice, kept so earlier figures stand):
        every exchange of a round is computed from the positions and expected
        outcomes at the start of the round, so the round does not depend on the
        order of realisation; ``"sequential"``: after each realised exchange the
        positions and expected outcomes are updated and the remaining exchanges
        recomputed before the next is chosen, as Decide, the implementation of
        Stokman's group, does within a round (Dijkstra et al. 2018).
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
    * size: as large as possible without either actor passing the other's
      position, and without either expected outcome passing the position of the
      actor who demanded the shift (``a <= |x_kj - O_j|``, ``b <= |x_il - O_l|``;
      beyond it the demanding actor no longer gains, so the linear gain would
      overcount: Stokman & Van Oosten 1994; Decide caps it the same way);
    * exchanges are realised greedily by joint gain (ties: lower actor ``i``, then
      ``k``, then issue index), each actor moving at most once per issue per round
      (zopa's choice; Decide lets an actor move again in the same direction).
      With ``"simultaneous"`` several exchanges of a round may together move an
      expected outcome past an actor's position; ``"sequential"`` sees each move.

    ``details["exchanges"]`` lists every realised exchange with both gains.

    Cost for ``n`` actors and ``m`` issues: ``O(m² n log n)`` per round to
    generate the candidates plus ``O(1)`` per valid candidate, of which there are
    up to ``n² m² / 8`` (a quarter of the actor pairs are on opposite sides of
    both expected outcomes; each exchange is evaluated once for both of its
    orders); ``"sequential"``: up to ``O(n³ m²)``, checked against
    :data:`SEQUENTIAL_CELLS` before any work. Memory stays within
    :data:`MEMORY_BUDGET` whatever the size: candidates are evaluated in blocks
    (:mod:`zopa.models._exchange_candidates`) and only the best that fit are held.
    On 100 actors × 50 issues (about 1.45 million exchanges, two passes) a fit
    takes about 0.25 s (``bench/exchange.py``).

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
    Dijkstra, J., Van Assen, M., Stokman, F. N. & Draaijer, J. (2018). Random
    variation of exchange rates in the equal utility exchange model. Technical
    report; implemented in Decide (github.com/foarsitter/decide-exchange-model).
    """

    name: ClassVar[str] = "zopa.exchange.v1"
    constraints: ClassVar = {
        "variant": one_of("equal_gain", "random_rate"),
        "rounds": int_at_least(0),
        "update": one_of("simultaneous", "sequential"),
        "rng": SEED,
    }

    def __init__(
        self,
        *,
        variant: str = "equal_gain",
        rounds: int = 1,
        update: str = "simultaneous",
        rng: int | np.random.Generator | None = 0,
    ) -> None:
        self.variant = variant
        self.rounds = rounds
        self.update = update
        self.rng = rng

    def fit_seconds(self, problem: BargainingProblem) -> float:
        """``O(n² m²)`` per round: a few ms plus the candidate cells at
        :data:`CELLS_PER_SECOND` (measured by ``bench/models.py``; the ``"sequential"``
        update may take longer, bounded by :data:`SEQUENTIAL_CELLS`)."""
        n, m = problem.positions.shape
        return float(0.003 + self.rounds * n * n * m * max(m - 1, 0) / CELLS_PER_SECOND)

    def memory_needed(self, problem: BargainingProblem) -> int:
        """The state arrays of a round (a dozen ``actors × issues`` float arrays), one
        screening row of one issue pair and one held candidate: the smallest working set."""
        n, m = problem.positions.shape
        return int(n * m * 8 * 12 + n * CELL_BYTES + HELD_BYTES)

    def _solve(self, problem: BargainingProblem) -> tuple[FloatArray, dict[str, Any]]:
        generator = np.random.default_rng(self.rng)
        present = problem.present
        x = problem.positions.copy()
        s = np.where(present, np.nan_to_num(problem.salience, nan=0.0), 0.0)
        c = problem.capability
        w = np.where(present, c[:, None] * s, 0.0)
        n, m = x.shape
        if self.update == "sequential":
            self._check_sequential_work(n, m)
        exchanges: list[dict[str, Any]] = []
        for _ in range(self.rounds if n >= 2 and m >= 2 else 0):
            draw = None
            if self.variant == "random_rate":
                draw = RateDraw(int(generator.integers(2**63)))
            trade = _Round(x, s, c, w, draw)
            made = trade.simultaneous() if self.update == "simultaneous" else trade.sequential()
            if not made:
                break
            exchanges.extend(
                {
                    "actors": [problem.actors[i], problem.actors[k]],
                    "issues": [problem.issues[j], problem.issues[l_]],
                    "gains": [gain_i, gain_k],
                }
                for i, k, j, l_, gain_i, gain_k in made
            )
        outcome = compromise_outcome(x.T, w.T)
        return clip_to_scale(outcome, problem), {"exchanges": exchanges}

    def _check_sequential_work(self, n: int, m: int) -> None:
        """Refuse before any work if a sequential round may exceed :data:`SEQUENTIAL_CELLS`.

        Bound: one full pass (``n² m (m-1)`` cells), then per exchange (at most
        ``n m / 2``: each uses up two actor-issue slots) the ``4 m`` issue pairs
        that involve its two issues.
        """
        cells = n * n * m * (m - 1) + (n * m // 2) * 4 * m * n * n
        if cells > SEQUENTIAL_CELLS:
            raise ModelError(
                f"{self.name}: update='sequential' on {n} actors x {m} issues may evaluate "
                f"{cells:.1e} candidate cells a round (limit {SEQUENTIAL_CELLS:.0e}, about a "
                f"minute); use update='simultaneous' (the default) or fewer actors or issues"
            )


Made = list[tuple[int, int, int, int, float, float]]


class _Round:
    """One round of exchanges; moves the positions ``x`` in place."""

    def __init__(
        self, x: FloatArray, s: FloatArray, c: FloatArray, w: FloatArray, draw: RateDraw | None
    ) -> None:
        self.x, self.s, self.c, self.w, self.draw = x, s, c, w, draw
        self.total = w.sum(axis=0)
        self.present = ~np.isnan(x)
        self.free = np.ones(x.shape, dtype=bool)
        self.cells, self.held = block_sizes(min(MEMORY_BUDGET, memory_budget()))

    def state(self) -> RoundState:
        """Sides and distances from the current positions' expected outcomes."""
        expected = compromise_outcome(self.x.T, self.w.T)
        gap = self.x - expected
        side = np.where(self.present & (self.w > 0), np.sign(np.nan_to_num(gap)), 0.0)
        return RoundState(
            self.x.copy(), self.s, self.c, self.total, side, np.abs(gap), self.free.copy()
        )

    def realise(self, state: RoundState, chosen: Candidates) -> Made:
        """Move the actors of the ``chosen`` exchanges (computed from ``state``), in order.

        ``i`` moves on ``j`` so that ``O_j`` shifts by ``a``, ``k`` on ``l`` so that
        ``O_l`` shifts by ``b``; neither beyond the partner's current position.
        """
        n, m = self.x.shape
        i, k, j, l_ = chosen.decode(n, m)
        u = None if self.draw is None else self.draw.at(i, k, j, l_, n)
        terms = exchange_terms(state, i, k, j, l_, u)
        x, s, c, total = self.x, self.s, self.c, self.total
        made: Made = []
        for t, (ii, kk, jj, ll) in enumerate(
            zip(i.tolist(), k.tolist(), j.tolist(), l_.tolist(), strict=True)
        ):
            move_i = float(terms.a[t]) * total[jj] / (c[ii] * s[ii, jj])
            move_k = float(terms.b[t]) * total[ll] / (c[kk] * s[kk, ll])
            x[ii, jj] += np.sign(x[kk, jj] - x[ii, jj]) * min(move_i, abs(x[kk, jj] - x[ii, jj]))
            x[kk, ll] += np.sign(x[ii, ll] - x[kk, ll]) * min(move_k, abs(x[ii, ll] - x[kk, ll]))
            self.free[ii, jj] = self.free[kk, ll] = False
            made.append((ii, kk, jj, ll, float(terms.gain_i[t]), float(terms.gain_k[t])))
        return made

    def simultaneous(self) -> Made:
        """Every exchange from the start-of-round state, best joint gain first.

        Exact greedy in passes: each pass screens the candidates whose actors can
        still yield and holds the best that fit the budget among those ranked after
        the previous pass's; they are taken in rank order while both actors are
        free, ``TAKEN_AT_ONCE`` at a time (dropping those whose actors are no
        longer free before each slice).
        """
        state = self.state()
        made: Made = []
        last: tuple[float, int] | None = None
        while True:
            held, more = self._held(state, last)
            if not len(held):
                return made
            made += self.realise(state, held.take(self._greedy(held, state.free)))
            if not more:
                return made
            last = held.worst()

    def _held(self, state: RoundState, last: tuple[float, int] | None) -> tuple[Candidates, bool]:
        """The best candidates that fit, ranked after ``last`` (unordered); any more?"""
        parts: list[Candidates] = []
        size, more = 0, False
        n, m = self.x.shape
        mirrored = self.draw is None
        for block in blocks(issue_pairs(m, mirrored=mirrored), n, self.cells, mirrored=mirrored):
            found = evaluate_block(state, block, self.draw)
            if last is not None:
                found = found.after(*last)
            parts.append(found)
            size += len(found)
            if size > 2 * self.held:
                joined = Candidates.join(parts)
                parts, size, more = [joined.take(joined.best(self.held))], self.held, True
        merged = Candidates.join(parts)
        if len(merged) > self.held:
            return merged.take(merged.best(self.held)), True
        return merged, more

    def _greedy(self, held: Candidates, free: NDArray[np.bool_]) -> NDArray[np.intp]:
        """Indices of the candidates taken, in rank order; marks their actors in ``free``."""
        n, m = self.x.shape
        i, k, j, l_ = held.decode(n, m)
        slot_i, slot_k = i * m + j, k * m + l_
        open_ = free.reshape(-1)  # a view: marking it marks free
        left = np.arange(len(held))
        taken: list[int] = []
        while left.size:
            left = left[open_[slot_i[left]] & open_[slot_k[left]]]
            if not left.size:
                break
            top = left[held.take(left).best(TAKEN_AT_ONCE)]
            top = top[held.take(top).ranked()]
            for t, a, b in zip(
                top.tolist(), slot_i[top].tolist(), slot_k[top].tolist(), strict=True
            ):
                if open_[a] and open_[b]:
                    open_[a] = open_[b] = False
                    taken.append(t)
            done = np.zeros(len(held), dtype=bool)
            done[top] = True
            left = left[~done[left]]
        return np.array(taken, dtype=np.intp)

    def sequential(self) -> Made:
        """One exchange at a time, each from the state the previous ones left.

        The best candidate of every ordered issue pair is kept; a realised exchange
        on ``(j, l)`` changes only issues ``j`` and ``l``, so only the pairs that
        involve them are evaluated again.
        """
        n, m = self.x.shape
        best_joint = np.full((m, m), -np.inf)
        best_order = np.zeros((m, m), dtype=np.int64)
        mirrored = self.draw is None
        pairs = issue_pairs(m, mirrored=mirrored)
        made: Made = []
        while True:
            state = self.state()
            best_joint[pairs] = best_joint[pairs[::-1]] = -np.inf
            for block in blocks(pairs, n, self.cells, mirrored=mirrored):
                found = evaluate_block(state, block, self.draw)
                top = found.take(found.ranked())
                _, _, j, l_ = top.decode(n, m)
                first = np.unique(j * m + l_, return_index=True)[1]
                j, l_, top = j[first], l_[first], top.take(first)
                # A pair split over several blocks (very many actors) keeps its best.
                better = (top.joint > best_joint[j, l_]) | (
                    (top.joint == best_joint[j, l_]) & (top.order < best_order[j, l_])
                )
                best_joint[j[better], l_[better]] = top.joint[better]
                best_order[j[better], l_[better]] = top.order[better]
            if not np.isfinite(best_joint).any():
                return made
            flat = int(np.lexsort((best_order.ravel(), -best_joint.ravel()))[0])
            chosen = Candidates(best_joint.ravel()[[flat]], best_order.ravel()[[flat]])
            made += self.realise(state, chosen)
            j0, l0 = divmod(flat, m)
            touched = np.zeros((m, m), dtype=bool)
            touched[[j0, l0], :] = True
            touched[:, [j0, l0]] = True
            np.fill_diagonal(touched, False)
            rows, cols = np.nonzero(np.triu(touched) if mirrored else touched)
            pairs = (rows.astype(np.int64), cols.astype(np.int64))

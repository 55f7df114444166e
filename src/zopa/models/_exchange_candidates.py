"""Candidate exchanges of Stokman's exchange model, evaluated in bounded blocks.

A candidate is an ordered quadruple ``(i, k, j, l)``: actor ``i`` yields on issue
``j`` towards ``k``, actor ``k`` yields on issue ``l`` towards ``i``. There are
``n² m²`` of them, so they are never held at once: :func:`evaluate_block` takes a
block of issue pairs (or, for very many actors, of rows of one issue pair) of at
most ``cells`` actor-pair cells, screens the cells with cheap boolean
tests and computes the exchange (:func:`exchange_terms`) only for the survivors,
returning the valid candidates as 16 bytes each (joint gain and rank key). A block
of ``cells`` cells needs at most ``cells × CELL_BYTES`` bytes, whatever the
problem size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Bytes one screened actor-pair cell may need at the peak of :func:`evaluate_block`:
#: a few boolean masks, three int64 indices and about 20 float64 terms if every
#: cell survives the screen (typically an eighth does).
CELL_BYTES = 200


@dataclass(frozen=True)
class RoundState:
    """What every candidate of one round is computed from.

    ``side`` is ``-1/0/+1``: the actor's side of the expected outcome (0: absent,
    no weight, or exactly on it); ``distance`` is ``|x - O|``, how far the expected
    outcome may move towards the actor before it passes the actor's position;
    ``free`` marks the issues an actor may still yield on in this round.
    """

    x: FloatArray  # (n, m) positions, nan where absent
    s: FloatArray  # (n, m) salience, 0 where absent
    c: FloatArray  # (n,) capability
    total: FloatArray  # (m,) Σ c s per issue
    side: FloatArray  # (n, m)
    distance: FloatArray  # (n, m)
    free: NDArray[np.bool_]  # (n, m)


@dataclass(frozen=True)
class Candidates:
    """Valid candidate exchanges: joint gain and rank key ``order``.

    ``order`` is the flat index ``((i n + k) m + j) m + l``; candidates rank by
    joint gain, ties by ``order`` (actor ``i``, then ``k``, then the issues).
    """

    joint: FloatArray
    order: IntArray

    def __len__(self) -> int:
        return int(self.joint.size)

    def take(self, index: NDArray[np.intp] | slice) -> Candidates:
        return Candidates(self.joint[index], self.order[index])

    def ranked(self) -> NDArray[np.intp]:
        """Indices from the best candidate to the worst."""
        return np.lexsort((self.order, -self.joint))

    def after(self, joint: float, order: int) -> Candidates:
        """The candidates ranked after the one with this joint gain and key."""
        keep = (self.joint < joint) | ((self.joint == joint) & (self.order > order))
        return self.take(np.nonzero(keep)[0])

    def best(self, count: int) -> NDArray[np.intp]:
        """Indices of the ``count`` best candidates, in no particular order (``O(size)``)."""
        if len(self) <= count:
            return np.arange(len(self))
        neg = -self.joint
        cut = np.partition(neg, count - 1)[count - 1]
        above, ties = np.nonzero(neg < cut)[0], np.nonzero(neg == cut)[0]
        ties = ties[np.argsort(self.order[ties], kind="stable")[: count - above.size]]
        return np.concatenate([above, ties])

    def worst(self) -> tuple[float, int]:
        """Joint gain and key of the candidate ranked last."""
        low = float(self.joint.min())
        return low, int(self.order[self.joint == low].max())

    @staticmethod
    def join(parts: Sequence[Candidates]) -> Candidates:
        if not parts:
            return Candidates(np.empty(0), np.empty(0, np.int64))
        if len(parts) == 1:
            return parts[0]
        return Candidates(
            np.concatenate([p.joint for p in parts]), np.concatenate([p.order for p in parts])
        )

    def decode(self, n: int, m: int) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        """``(i, k, j, l)`` of every candidate."""
        rest, l_ = np.divmod(self.order, m)
        rest, j = np.divmod(rest, m)
        i, k = np.divmod(rest, n)
        return i, k, j, l_


@dataclass(frozen=True)
class Block:
    """Issue pairs ``(js[p], ls[p])`` with the actors ``rows`` as ``i`` (and all as ``k``)."""

    js: IntArray
    ls: IntArray
    rows: slice


def all_pairs(m: int) -> tuple[IntArray, IntArray]:
    """Every ordered pair of distinct issues, ``j`` major."""
    j, l_ = np.nonzero(~np.eye(m, dtype=bool))
    return j.astype(np.int64), l_.astype(np.int64)


def blocks(pairs: tuple[IntArray, IntArray], n: int, cells: int) -> Iterator[Block]:
    """Cut issue pairs into blocks of at most ``cells`` cells (at least one row of ``n``)."""
    js, ls = pairs
    if n * n <= cells:
        step = max(1, cells // (n * n))
        for start in range(0, js.size, step):
            yield Block(js[start : start + step], ls[start : start + step], slice(0, n))
        return
    rows = max(1, cells // n)
    for p in range(js.size):
        for start in range(0, n, rows):
            yield Block(js[p : p + 1], ls[p : p + 1], slice(start, min(n, start + rows)))


@dataclass(frozen=True)
class RateDraw:
    """The uniform draw behind each candidate's random exchange rate in one round.

    Each issue pair ``(j, l)`` has its own stream seeded by ``(seed, j, l)``, laid
    out by actor ``i`` then ``k``, so a candidate's draw does not depend on how the
    candidates are cut into blocks or how often they are evaluated.
    """

    seed: int

    def _stream(self, j: int, l_: int, skip: int) -> np.random.Generator:
        bits = np.random.PCG64([self.seed, j, l_])
        bits.advance(skip)  # one 64-bit output per double
        return np.random.Generator(bits)

    def block(self, block: Block, n: int) -> FloatArray:
        """``(pairs, rows, n)`` draws of a block."""
        rows = block.rows.stop - block.rows.start
        out = np.empty((block.js.size, rows, n))
        for p, (j, l_) in enumerate(zip(block.js.tolist(), block.ls.tolist(), strict=True)):
            out[p] = self._stream(j, l_, block.rows.start * n).random((rows, n))
        return out

    def at(self, i: IntArray, k: IntArray, j: IntArray, l_: IntArray, n: int) -> FloatArray:
        """The draws of the candidates ``(i, k, j, l)``."""
        pick = zip(i.tolist(), k.tolist(), j.tolist(), l_.tolist(), strict=True)
        return np.array([self._stream(jj, ll, ii * n + kk).random() for ii, kk, jj, ll in pick])


@dataclass(frozen=True)
class Terms:
    """Shifts ``a`` (of ``O_j``) and ``b`` (of ``O_l``) and both actors' gains."""

    a: FloatArray
    b: FloatArray
    gain_i: FloatArray
    gain_k: FloatArray


def exchange_terms(
    state: RoundState,
    i: IntArray,
    k: IntArray,
    j: IntArray,
    l_: IntArray,
    u: FloatArray | None,
) -> Terms:
    """The exchange of each candidate ``(i, k, j, l)`` (screened by :func:`evaluate_block`).

    Notes
    -----
    With utility linear in the expected outcome (Stokman & Van Oosten 1994):
    ``i`` yields on ``j``, shifting ``O_j`` by ``a``; ``k`` yields on ``l``,
    shifting ``O_l`` by ``b``; gains ``G_i = s_il b - s_ij a`` and
    ``G_k = s_kj a - s_kl b``. Equal gain (``u`` is None):
    ``a/b = (s_il + s_kl)/(s_ij + s_kj)``; random rate: ``s_kl/s_kj + u`` times
    the width of the interval up to ``s_il/s_ij`` (rates where both gain).
    ``a`` is at most what moving ``i`` onto ``k``'s position shifts ``O_j``
    (``c_i s_ij |x_ij - x_kj| / Σ c s``) and at most ``|x_kj - O_j|``: past ``k``'s
    position the shift no longer helps ``k`` (the demanding actor's position caps
    the shift; Stokman & Van Oosten 1994); ``b`` likewise.
    """
    s, x, c, total, distance = state.s, state.x, state.c, state.total, state.distance
    sij, sil, skj, skl = s[i, j], s[i, l_], s[k, j], s[k, l_]
    with np.errstate(divide="ignore", invalid="ignore"):
        if u is None:
            rate = (sil + skl) / (sij + skj)
        else:
            lower = skl / skj
            rate = lower + u * (np.minimum(sil / sij, 1e6) - lower)
        a_max = (c[i] * sij) * np.abs(x[i, j] - x[k, j]) / total[j]
        b_max = (c[k] * skl) * np.abs(x[i, l_] - x[k, l_]) / total[l_]
        a_max = np.minimum(a_max, distance[k, j])
        b_max = np.minimum(b_max, distance[i, l_])
        b = np.minimum(b_max, a_max / rate)
        a = rate * b
    return Terms(a, b, sil * b - sij * a, skj * a - skl * b)


def evaluate_block(state: RoundState, block: Block, draw: RateDraw | None) -> Candidates:
    """The valid candidates (both actors gain) of one block.

    A cell passes the screen when ``i`` and ``k`` are on opposite sides of both
    expected outcomes, both may still yield on their issue, ``s_ij > 0``,
    ``s_kl > 0`` and ``s_il/s_ij > s_kl/s_kj`` (``i`` cares relatively more about
    ``l``, ``k`` about ``j``).
    """
    s, side, free = state.s, state.side, state.free
    js, ls, rows = block.js, block.ls, block.rows
    n, m = s.shape
    # Each actor's pair of sides (of O_j, O_l) as a code 0..8; k's is mirrored, so
    # "opposite on both issues" is one comparison. Actors that cannot take part
    # in the role get codes that match nothing (-1 as i, -2 as k).
    code = (3 * (side[:, js] + 1) + side[:, ls] + 1).T.astype(np.int8)
    both = (side[:, js] != 0).T & (side[:, ls] != 0).T
    sj, sl = s[:, js].T, s[:, ls].T
    as_i = np.where(both & free[:, js].T & (sj > 0), code, -1).astype(np.int8)
    as_k = np.where(both & free[:, ls].T & (sl > 0), 8 - code, -2).astype(np.int8)
    # Axes: (pair p, actor i in rows, actor k).
    ok = as_i[:, rows, None] == as_k[:, None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = sl / sj
    ok &= ratio[:, rows, None] > ratio[:, None, :]  # also rules out i == k
    p, i_rel, k = np.nonzero(ok)
    if not p.size:
        return Candidates.join([])
    i, j, l_ = (i_rel + rows.start).astype(np.int64), js[p], ls[p]
    u = None if draw is None else draw.block(block, n)[p, i_rel, k]
    terms = exchange_terms(state, i, k, j, l_, u)
    valid = (terms.gain_i > 0) & (terms.gain_k > 0)
    order = ((i * n + k) * m + j) * m + l_
    return Candidates((terms.gain_i + terms.gain_k)[valid], order[valid])

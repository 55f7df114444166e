"""Candidate exchanges of Stokman's exchange model, evaluated in bounded blocks.

A candidate is an ordered quadruple ``(i, k, j, l)``: actor ``i`` yields on issue
``j`` towards ``k``, actor ``k`` yields on issue ``l`` towards ``i``. There are
``n² m²`` of them, so they are never held at once: :func:`evaluate_block` takes a
block of issue pairs (or, for very many actors, of rows of one issue pair) of at
most ``cells`` actor-pair cells, generates the valid pairs of actors from the
actors sorted by their sides and salience ratios (no cell is screened one by one)
and computes their exchanges, returning the valid candidates as 16 bytes each
(joint gain and rank key). ``(i, k, j, l)`` and ``(k, i, l, j)`` are the same
exchange using the same two slots; with the equal-gain rate a block of issue
pairs ``j < l`` (``mirrored``) evaluates both from the same gathered values and
keeps only the better ranked, the only one the greedy choice can take. A block
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

#: Bytes one actor-pair cell may need at the peak of :func:`evaluate_block`: the
#: random rates' draws (one float64 per cell) and about 38 float64, int64 or
#: boolean arrays over the candidates, of which there is at most one per cell (a
#: quarter when a block holds whole issue pairs; typically an eighth).
CELL_BYTES = 320


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
    mirrored: bool = False


def issue_pairs(m: int, *, mirrored: bool) -> tuple[IntArray, IntArray]:
    """Every ordered pair of distinct issues, ``j`` major; only ``j < l`` if ``mirrored``.

    A block of mirrored pairs is evaluated for both orders at once (see
    :func:`evaluate_block`).
    """
    keep = np.triu(np.ones((m, m), dtype=bool), 1) if mirrored else ~np.eye(m, dtype=bool)
    j, l_ = np.nonzero(keep)
    return j.astype(np.int64), l_.astype(np.int64)


def blocks(
    pairs: tuple[IntArray, IntArray], n: int, cells: int, *, mirrored: bool = False
) -> Iterator[Block]:
    """Cut issue pairs into blocks of at most ``cells`` cells (at least one row of ``n``)."""
    js, ls = pairs
    if n * n <= cells:
        step = max(1, cells // (n * n))
        for start in range(0, js.size, step):
            yield Block(js[start : start + step], ls[start : start + step], slice(0, n), mirrored)
        return
    rows = max(1, cells // n)
    for p in range(js.size):
        for start in range(0, n, rows):
            yield Block(js[p : p + 1], ls[p : p + 1], slice(start, min(n, start + rows)), mirrored)


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
    sij, skl = s[i, j], s[k, l_]
    with np.errstate(divide="ignore", invalid="ignore"):
        a_max = (c[i] * sij) * np.abs(x[i, j] - x[k, j]) / total[j]
        b_max = (c[k] * skl) * np.abs(x[i, l_] - x[k, l_]) / total[l_]
    return _shifts(
        sij,
        s[i, l_],
        s[k, j],
        skl,
        np.minimum(a_max, distance[k, j]),
        np.minimum(b_max, distance[i, l_]),
        u,
    )


def _shifts(
    sij: FloatArray,
    sil: FloatArray,
    skj: FloatArray,
    skl: FloatArray,
    a_max: FloatArray,
    b_max: FloatArray,
    u: FloatArray | None,
) -> Terms:
    """:func:`exchange_terms` from the saliences and the capped largest shifts."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if u is None:
            rate = (sil + skl) / (sij + skj)
        else:
            lower = skl / skj
            rate = lower + u * (np.minimum(sil / sij, 1e6) - lower)
        b = np.minimum(b_max, a_max / rate)
        a = rate * b
    return Terms(a, b, sil * b - sij * a, skj * a - skl * b)


@dataclass(frozen=True)
class _Side:
    """What one role of a candidate contributes, per entry ``(pair, actor)``.

    ``cs`` is ``c s`` on the issue the actor yields on, ``distance`` its distance
    from the expected outcome of the issue the partner yields on, ``total`` the
    ``Σ c s`` of the issue the actor yields on.
    """

    s_j: FloatArray
    s_l: FloatArray
    x_j: FloatArray
    x_l: FloatArray
    cs: FloatArray
    distance: FloatArray
    total: FloatArray

    def repeat(self, count: IntArray) -> _Side:
        return _Side(*(np.repeat(v, count) for v in self._values()))

    def take(self, index: IntArray) -> _Side:
        return _Side(*(v[index] for v in self._values()))

    def _values(self) -> tuple[FloatArray, ...]:
        return self.s_j, self.s_l, self.x_j, self.x_l, self.cs, self.distance, self.total


class _PairView:
    """The round's ``(n, m)`` state laid out as ``(pairs, n)`` rows for issues ``js`` and ``ls``."""

    def __init__(self, state: RoundState, js: IntArray, ls: IntArray) -> None:
        self.side_j, self.side_l = state.side.T[js], state.side.T[ls]
        self.s_j, self.s_l = state.s.T[js], state.s.T[ls]
        self.free_j, self.free_l = state.free.T[js], state.free.T[ls]
        self.x_j, self.x_l = state.x.T[js], state.x.T[ls]
        self.d_j, self.d_l = state.distance.T[js], state.distance.T[ls]
        self.c, self.total_j, self.total_l = state.c, state.total[js], state.total[ls]

    def side(self, pair: IntArray, actor: IntArray, *, yields_on_j: bool) -> _Side:
        """The entries ``(pair, actor)`` in the role yielding on ``j`` (``i``) or on ``l``."""
        s_j, s_l = self.s_j[pair, actor], self.s_l[pair, actor]
        x_j, x_l = self.x_j[pair, actor], self.x_l[pair, actor]
        if yields_on_j:
            return _Side(
                s_j, s_l, x_j, x_l, self.c[actor] * s_j, self.d_l[pair, actor], self.total_j[pair]
            )
        return _Side(
            s_j, s_l, x_j, x_l, self.c[actor] * s_l, self.d_j[pair, actor], self.total_l[pair]
        )


def evaluate_block(state: RoundState, block: Block, draw: RateDraw | None) -> Candidates:
    """The valid candidates (both actors gain) of one block.

    A candidate needs ``i`` and ``k`` on opposite sides of both expected
    outcomes, both free to yield on their issue, ``s_ij > 0``, ``s_kl > 0`` and
    ``s_il/s_ij > s_kl/s_kj`` (``i`` cares relatively more about ``l``, ``k`` about
    ``j``). They are generated, not screened: per issue pair the actors who may
    act as ``k`` are sorted by their sides and ratio, so the partners of each
    ``i`` are a run of that order (``O(pairs · n log n)`` plus the candidates,
    instead of testing all ``pairs · n²`` cells).
    """
    js, ls, rows = block.js, block.ls, block.rows
    n, m = state.s.shape
    pairs = _PairView(state, js, ls)
    # Sides of (O_j, O_l) as a code -4..4; k meets i when its code is i's negated.
    code = (3 * pairs.side_j + pairs.side_l).astype(np.int64)
    both = (pairs.side_j != 0) & (pairs.side_l != 0)
    as_i = both & pairs.free_j & (pairs.s_j > 0)
    as_i[:, : rows.start] = False
    as_i[:, rows.stop :] = False
    as_k = both & pairs.free_l & (pairs.s_l > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = pairs.s_l / pairs.s_j
    pi, ii = np.nonzero(as_i)
    pk, kk = np.nonzero(as_k)
    if not pi.size or not pk.size:
        return Candidates.join([])
    # One sort of both roles by (pair and sides, ratio, i before k): the k entries
    # before an i in its group are exactly its partners (ratio strictly lower).
    group = np.concatenate([pi * 9 + code[pi, ii] + 4, pk * 9 + 4 - code[pk, kk]])
    is_k = np.repeat([False, True], [pi.size, pk.size])
    order = np.lexsort((is_k, np.concatenate([ratio[pi, ii], ratio[pk, kk]]), group))
    sorted_k = is_k[order]
    seen = np.cumsum(sorted_k)  # k entries up to and including each place
    new = np.ones(order.size, dtype=bool)
    new[1:] = group[order[1:]] != group[order[:-1]]
    first = np.maximum.accumulate(np.where(new, np.arange(order.size), 0))
    at_i = ~sorted_k
    start = (seen - sorted_k)[first][at_i]  # the group's first k, in k order
    count = seen[at_i] - start
    entry = order[at_i]  # i entries, in the same order as start and count
    k_entry = order[sorted_k] - pi.size
    pi, ii = pi[entry], ii[entry]
    pk, kk = pk[k_entry], kk[k_entry]
    # Candidates: each i entry repeated over its run of k entries.
    total = int(count.sum())
    if not total:
        return Candidates.join([])
    run = np.arange(total) + np.repeat(start - (np.cumsum(count) - count), count)
    i_side = pairs.side(pi, ii, yields_on_j=True).repeat(count)
    k_side = pairs.side(pk, kk, yields_on_j=False).take(run)
    u = None
    if draw is not None:
        u = draw.block(block, n)[np.repeat(pi, count), np.repeat(ii, count) - rows.start, kk[run]]
    with np.errstate(divide="ignore", invalid="ignore"):
        a_max = i_side.cs * np.abs(i_side.x_j - k_side.x_j) / i_side.total
        b_max = k_side.cs * np.abs(i_side.x_l - k_side.x_l) / k_side.total
    a_max = np.minimum(a_max, k_side.distance)
    b_max = np.minimum(b_max, i_side.distance)
    terms = _shifts(i_side.s_j, i_side.s_l, k_side.s_j, k_side.s_l, a_max, b_max, u)
    valid = (terms.gain_i > 0) & (terms.gain_k > 0)
    joint = terms.gain_i + terms.gain_k
    # ((i n + k) m + j) m + l, with the part that depends on i and the pair first.
    kk = kk[run]
    order_key = np.repeat((ii * n * m + js[pi]) * m + ls[pi], count) + kk * (m * m)
    if block.mirrored:
        # (k, i, l, j), the same exchange seen from k: its largest shifts are these
        # swapped (the same numbers); only the rate is computed the other way up.
        mirror = _shifts(k_side.s_l, k_side.s_j, i_side.s_l, i_side.s_j, b_max, a_max, None)
        valid_m = (mirror.gain_i > 0) & (mirror.gain_k > 0)
        joint_m = mirror.gain_i + mirror.gain_k
        order_m = np.repeat((ii * m + ls[pi]) * m + js[pi], count) + kk * (n * m * m)
        # Both use the same two slots, so only the better ranked can ever be taken.
        better = valid_m & (
            ~valid | (joint_m > joint) | ((joint_m == joint) & (order_m < order_key))
        )
        joint = np.where(better, joint_m, joint)
        order_key = np.where(better, order_m, order_key)
        valid |= valid_m
    return Candidates(joint[valid], order_key[valid])

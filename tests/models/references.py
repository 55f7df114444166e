"""Slow, plainly written references of the exchange, expected-utility and PCE models.

Each follows its model's equations (see the models' docstrings) as directly as
possible: every candidate, pair or vote written out, loops where the model
vectorises, nothing shared with the models' code but the problem type and the
kernels named. The property tests compare the models with them on random
problems, so a speed-up that changes a result fails.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from zopa.models import BargainingProblem, ExchangeModel, compromise_outcome
from zopa.models._exchange_candidates import RateDraw


def _dense_candidates(
    x: np.ndarray, s: np.ndarray, c: np.ndarray, w: np.ndarray, free: np.ndarray, u_of: Any
) -> tuple[np.ndarray, ...]:
    """All valid candidates from positions ``x``, best first: (i, k, j, l, a, b, gi, gk)."""
    n, m = x.shape
    expected = compromise_outcome(x.T, w.T)
    side = np.where(~np.isnan(x) & (w > 0), np.sign(np.nan_to_num(x - expected)), 0.0)
    distance = np.abs(x - expected)
    total = w.sum(axis=0)
    i, k, j, l_ = (a.ravel() for a in np.indices((n, n, m, m)))
    ok = (side[i, j] * side[k, j] < 0) & (side[i, l_] * side[k, l_] < 0)
    ok &= (i != k) & (j != l_) & free[i, j] & free[k, l_]
    i, k, j, l_ = i[ok], k[ok], j[ok], l_[ok]
    with np.errstate(divide="ignore", invalid="ignore"):
        upper, lower = s[i, l_] / s[i, j], s[k, l_] / s[k, j]
        keep = (upper > lower) & (s[i, j] > 0) & (s[k, l_] > 0)
        i, k, j, l_, upper, lower = i[keep], k[keep], j[keep], l_[keep], upper[keep], lower[keep]
        if u_of is None:
            rate = (s[i, l_] + s[k, l_]) / (s[i, j] + s[k, j])
        else:
            rate = lower + u_of(i, k, j, l_) * (np.minimum(upper, 1e6) - lower)
        a_max = (c[i] * s[i, j]) * np.abs(x[i, j] - x[k, j]) / total[j]
        b_max = (c[k] * s[k, l_]) * np.abs(x[i, l_] - x[k, l_]) / total[l_]
        a_max = np.minimum(a_max, distance[k, j])  # O_j stops at k's position
        b_max = np.minimum(b_max, distance[i, l_])  # O_l stops at i's position
        b = np.minimum(b_max, a_max / rate)
        a = rate * b
        gi, gk = s[i, l_] * b - s[i, j] * a, s[k, j] * a - s[k, l_] * b
    good = (gi > 0) & (gk > 0)
    cols = [v[good] for v in (i, k, j, l_, a, b, gi, gk)]
    order = np.lexsort((cols[3], cols[2], cols[1], cols[0], -(cols[6] + cols[7])))
    return tuple(v[order] for v in cols)


def exchange_reference(problem: BargainingProblem, **params: Any) -> tuple[np.ndarray, list[Any]]:
    """The exchange model written out densely (``n² m²`` arrays): fine for tiny problems."""
    variant = params.get("variant", "equal_gain")
    sequential = params.get("update", "simultaneous") == "sequential"
    generator = np.random.default_rng(params.get("rng", 0))
    present = problem.present
    x = problem.positions.copy()
    s = np.where(present, np.nan_to_num(problem.salience, nan=0.0), 0.0)
    c = problem.capability
    w = np.where(present, c[:, None] * s, 0.0)
    total = w.sum(axis=0)
    n, m = x.shape
    made: list[Any] = []
    for _ in range(params.get("rounds", 1)):
        u_of = None
        if variant == "random_rate":
            draw = RateDraw(int(generator.integers(2**63)))
            u_of = lambda i, k, j, l_, draw=draw: draw.at(i, k, j, l_, n)  # noqa: E731
        free = np.ones((n, m), dtype=bool)
        found = _dense_candidates(x, s, c, w, free, u_of)
        this_round = []
        while found[0].size:
            for i, k, j, l_, a, b, gi, gk in zip(*(v.tolist() for v in found), strict=True):
                if not (free[i, j] and free[k, l_]):
                    continue
                move_i, move_k = a * total[j] / (c[i] * s[i, j]), b * total[l_] / (c[k] * s[k, l_])
                x[i, j] += np.sign(x[k, j] - x[i, j]) * min(move_i, abs(x[k, j] - x[i, j]))
                x[k, l_] += np.sign(x[i, l_] - x[k, l_]) * min(move_k, abs(x[i, l_] - x[k, l_]))
                free[i, j] = free[k, l_] = False
                this_round.append(((i, k), (j, l_), (gi, gk)))
                if sequential:
                    break
            if not sequential:
                break
            found = _dense_candidates(x, s, c, w, free, u_of)
        if not this_round:
            break
        made += this_round
    return np.clip(compromise_outcome(x.T, w.T), *problem.scale.T), made


# ---------------------------------------------------------------------------
# Expected utility (Scholz, Calbert & Smith 2011), one issue and one pair at a time.

SAME = 1e-9


def assert_matches_exchange_reference(problem: BargainingProblem, params: dict[str, Any]) -> None:
    """The exchange model and :func:`exchange_reference` agree: outcome, exchanges in
    order, and both actors' gains."""
    got = ExchangeModel(**params).fit(problem).prediction_
    want, made = exchange_reference(problem, **params)
    np.testing.assert_allclose(got.outcome, want, rtol=0, atol=1e-12)
    exchanges = got.details["exchanges"]
    assert [(e["actors"], e["issues"]) for e in exchanges] == [
        ([problem.actors[i], problem.actors[k]], [problem.issues[j], problem.issues[l_]])
        for (i, k), (j, l_), _ in made
    ]
    np.testing.assert_allclose(
        np.reshape([e["gains"] for e in exchanges], (-1, 2)),
        np.reshape([g for *_, g in made], (-1, 2)),
        rtol=0,
        atol=1e-12,
    )


def _lower_median(z: list[float], w: list[float]) -> float:
    """Smallest position at which the weight at or below it reaches half the total."""
    if not z:
        return math.nan
    if sum(w) <= 0:
        w = [1.0] * len(z)
    half = 0.5 * sum(w)
    return min(
        p
        for p in z
        if sum(wk for zk, wk in zip(z, w, strict=True) if zk <= p) >= half * (1 - 1e-12)
    )


def _power(base: float, exponent: float) -> float:
    """``base ** exponent`` as ``exp(exponent log base)``, 0 at base 0."""
    return 0.0 if base <= 0 else math.exp(exponent * math.log(base))


def eu_reference(
    problem: BargainingProblem,
    *,
    rounds: int = 4,
    q: float = 1.0,
    t: float = 1.0,
    outcome: str = "median",
    choice: str = "scholz",
) -> np.ndarray:
    """The expected-utility model's outcome, issue by issue, actor pair by actor pair."""
    n, m = problem.positions.shape
    result = np.full(m, np.nan)
    for j in range(m):
        lo, hi = problem.scale[j]
        width = hi - lo if hi > lo else 1.0
        here = [a for a in range(n) if problem.present[a, j]]
        if not here:
            continue
        z = {a: min(max((problem.positions[a, j] - lo) / width, 0.0), 1.0) for a in here}
        s = {a: float(np.nan_to_num(problem.salience[a, j])) for a in here}
        w = {a: problem.capability[a] * s[a] for a in here}
        mu = _lower_median([z[a] for a in here], [w[a] for a in here])
        for _ in range(rounds):
            z = _eu_round(here, z, s, w, mu, q, t, choice)
            mu = _lower_median([z[a] for a in here], [w[a] for a in here])
        if outcome == "median":
            final = mu
        else:
            weights = [w[a] for a in here] if sum(w.values()) > 0 else [1.0] * len(here)
            final = sum(wa * z[a] for wa, a in zip(weights, here, strict=True)) / sum(weights)
        result[j] = min(max(lo + final * width, lo), hi)
    return result


def _eu_round(
    here: list[int],
    z: dict[int, float],
    s: dict[int, float],
    w: dict[int, float],
    mu: float,
    q: float,
    t: float,
    choice: str,
) -> dict[int, float]:
    """One round: every recipient acts on one accepted offer, all at once."""
    pairs = [(a, b) for a in here for b in here if a != b]

    def support(a: int, b: int) -> float:  # votes for a against b
        return sum(w[k] * max(abs(z[k] - z[b]) - abs(z[k] - z[a]), 0.0) for k in here)

    total = sum(support(a, b) + support(b, a) for a, b in pairs)
    prob = {
        (a, b): support(a, b) / total if total > 0 and abs(z[a] - z[b]) > SAME else 0.0
        for a, b in pairs
    }

    def eu(a: int, b: int, rho: float, plain: bool) -> float:
        """(EU of a challenging b)/4 (Scholz et al., eq. 7), exponent rho."""
        d = abs(z[a] - z[b])
        if plain:
            near, far = 0.5 - 0.5 * d, 0.5 + 0.5 * d
        else:
            near, far = _power(0.5 - 0.5 * d, rho), _power(0.5 + 0.5 * d, rho)
        if q == 1.0:
            rest = 0.5**rho
        else:
            spread = 0.25 * (abs(z[a] - mu) + d)
            better, worse = max(0.5 - spread, 0.0) ** rho, (0.5 + spread) ** rho
            rest = q * 0.5**rho + (1 - q) * (t * better + (1 - t) * worse)
        return rest - near - s[b] * (1 - prob[a, b]) * (far - near)

    threat = {b: sum(eu(a, b, 1.0, True) for a in here if a != b) for b in here}
    high, low = max(threat.values()), min(threat.values())
    risk = {}
    for b in here:
        ratio = (2 * threat[b] - high - low) / (high - low) if high > low else 0.0
        risk[b] = (1 - ratio / 3) / (1 + ratio / 3)
    moved = dict(z)
    for b in here:  # recipient
        offers = []
        for a in here:  # sender
            d = abs(z[a] - z[b])
            if a == b or d <= SAME:
                continue
            u, e = eu(a, b, risk[b], False), eu(b, a, risk[b], False)
            if u <= 0:
                continue
            if e > 0 and u > e:
                kind, share = 0, 1.0
            elif e < 0 and -e < u:
                kind, share = 1, -e / u
            elif e < 0:
                kind, share = 2, 1.0
            else:
                continue
            offers.append((kind, share * d, -u, a, z[b] + share * (z[a] - z[b])))
        if not offers:
            continue
        if choice == "nearest":
            best = min(offers, key=lambda o: (o[1], o[2], o[3]))
        elif choice == "strongest":
            best = min(offers, key=lambda o: (o[2], o[1], o[3]))
        else:
            kind = min(o[0] for o in offers)
            first = [o for o in offers if o[0] == kind]
            if kind == 1:
                best = min(first, key=lambda o: (o[2], o[1], o[3]))
            else:
                best = min(first, key=lambda o: (o[1], o[2], o[3]))
        moved[b] = best[4]
    return moved


# ---------------------------------------------------------------------------
# Probabilistic Condorcet election (Wise & Bankes 2015), one issue at a time.


def pce_reference(
    problem: BargainingProblem, *, utility: str = "linear", power: float = 1.0
) -> tuple[np.ndarray, list[dict[float, float]]]:
    """Outcome (``point="mean"``) and each issue's distribution over its options."""
    n, m = problem.positions.shape
    outcome = np.full(m, np.nan)
    distributions: list[dict[float, float]] = []
    for j in range(m):
        here = [a for a in range(n) if problem.present[a, j]]
        if not here:
            distributions.append({})
            continue
        x = {a: float(problem.positions[a, j]) for a in here}
        w = {a: problem.capability[a] * float(np.nan_to_num(problem.salience[a, j])) for a in here}
        if not any(v > 0 for v in w.values()):
            w = dict.fromkeys(here, 1.0)
        lo, hi = problem.scale[j]
        options = sorted(set(x.values()))
        pi = _pce_issue(x, w, options, hi - lo if hi > lo else 1.0, utility, power)
        outcome[j] = min(max(float(pi @ np.array(options)), lo), hi)
        distributions.append(dict(zip(options, pi.tolist(), strict=True)))
    return outcome, distributions


def _pce_issue(
    x: dict[int, float],
    w: dict[int, float],
    options: list[float],
    width: float,
    utility: str,
    power: float,
) -> np.ndarray:
    """Stationary distribution over ``options`` of one issue's contests."""
    k = len(options)

    def loss(a: int, p: float) -> float:
        gap = abs(x[a] - p) / width
        return gap if utility == "linear" else gap * gap

    def strength(p: float, r: float) -> float:  # coalition for p against r
        return sum(w[a] * max(loss(a, r) - loss(a, p), 0.0) for a in x) ** power

    chain = np.zeros((k, k))
    for i, p in enumerate(options):
        for h, r in enumerate(options):
            if h != i:
                for_r, for_p = strength(r, p), strength(p, r)
                win = for_r / (for_r + for_p) if for_r + for_p > 0 else 0.5
                chain[i, h] = win / (k - 1)
        chain[i, i] = 1.0 - chain[i].sum()
    # pi T = pi, Σ pi = 1, by least squares on the stacked equations.
    system = np.vstack([chain.T - np.eye(k), np.ones((1, k))])
    pi = np.clip(np.linalg.lstsq(system, np.eye(k + 1)[-1], rcond=None)[0], 0.0, None)
    return np.asarray(pi / pi.sum())

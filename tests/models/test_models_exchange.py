"""The exchange model: bounded memory, the gain cap, both update rules, Decide's sample."""

from __future__ import annotations

import tracemalloc
from typing import Any

import numpy as np
import pytest

import zopa.models._exchange as exchange_module
from zopa.errors import ModelError
from zopa.models import BargainingProblem, ExchangeModel, compromise_outcome
from zopa.models._exchange_candidates import RateDraw

# ---------------------------------------------------------------------------
# A dense reference: every candidate (i, k, j, l) at once, as in the equations.


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


def _reference(problem: BargainingProblem, **params: Any) -> tuple[np.ndarray, list[Any]]:
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


def _random_problem(seed: int, n: int, m: int) -> BargainingProblem:
    rng = np.random.default_rng(seed)
    x = rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], size=(n, m))
    x[rng.random((n, m)) < 0.1] = np.nan
    return BargainingProblem(
        actors=tuple(f"a{i}" for i in range(n)),
        issues=tuple(f"i{j}" for j in range(m)),
        positions=x,
        salience=np.where(np.isnan(x), np.nan, rng.random((n, m))),
        capability=rng.random(n) * 3,
        reference=np.full(m, np.nan),
    )


@pytest.mark.parametrize("update", ["simultaneous", "sequential"])
@pytest.mark.parametrize("variant", ["equal_gain", "random_rate"])
@pytest.mark.parametrize("budget", [1000, 5000, 128 << 20])
def test_blocks_and_passes_match_a_dense_reference(
    monkeypatch: pytest.MonkeyPatch, update: str, variant: str, budget: int
) -> None:
    # budget 1000 B: blocks of 2 cells (rows of one issue pair) and 3 candidates held,
    # so every round takes many passes; 128 MiB: one block and one pass.
    monkeypatch.setattr(exchange_module, "MEMORY_BUDGET", budget)
    monkeypatch.setattr(exchange_module, "TAKEN_AT_ONCE", 2)
    for seed in range(6):
        problem = _random_problem(seed, n=3 + seed % 4, m=2 + seed % 3)
        params = {"update": update, "variant": variant, "rounds": 2, "rng": seed}
        got = ExchangeModel(**params).fit(problem).prediction_
        want, made = _reference(problem, **params)
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


def test_gain_is_capped_at_the_demanding_actors_position() -> None:
    """A yields on j towards B; moving A all the way would carry O_j past B's 60.

    Capabilities 10, 10, 1; O_j = 590/11.5 = 51.30, O_l = 925/11.5 = 80.43. With
    rate a/b = (0.9+0.2)/(0.2+0.9) = 1, A's full move would shift O_j by
    10·0.2·60/11.5 = 10.43 (to 61.74, past B) and B's by 17.39. B gains nothing
    from the part beyond its own position, so the shift stops at
    a = b = 60 - 51.30 = 100/11.5, and each gains 0.9·a - 0.2·a = 70/11.5 = 6.09
    (the uncapped linear term counted 7.30).
    """
    problem = BargainingProblem(
        actors=("A", "B", "C"),
        issues=("j", "l"),
        positions=np.array([[0.0, 100.0], [60.0, 0.0], [100.0, 50.0]]),
        salience=np.array([[0.2, 0.9], [0.9, 0.2], [0.5, 0.5]]),
        capability=np.array([10.0, 10.0, 1.0]),
        reference=np.full(2, np.nan),
    )
    prediction = ExchangeModel().fit(problem).prediction_
    (exchange,) = prediction.details["exchanges"]
    assert exchange["actors"] == ["A", "B"] and exchange["issues"] == ["j", "l"]
    np.testing.assert_allclose(exchange["gains"], [70 / 11.5, 70 / 11.5], rtol=1e-12)
    np.testing.assert_allclose(prediction.outcome, [60.0, 1025 / 11.5], rtol=1e-12)


def test_memory_stays_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # 40 actors x 20 issues: 608,000 candidate cells, about 5 MB per float64 array
    # if held at once (the former implementation held about 25 of them).
    budget = 4 << 20
    problem = _random_problem(0, n=40, m=20)
    expected = ExchangeModel().fit(problem).prediction_
    monkeypatch.setattr(exchange_module, "MEMORY_BUDGET", budget)
    tracemalloc.start()
    try:
        got = ExchangeModel().fit(problem).prediction_
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < budget
    np.testing.assert_array_equal(got.outcome, expected.outcome)
    assert got.details == expected.details


def test_sequential_refuses_a_round_too_large_before_any_work() -> None:
    problem = _random_problem(0, n=100, m=50)
    with pytest.raises(ModelError, match=r"100 actors x 50 issues.*update='simultaneous'"):
        ExchangeModel(update="sequential").fit(problem)


# ---------------------------------------------------------------------------
# Decide's 10-actor sample (toll around a city centre).

DECIDE_ACTORS = ("Willems", "PvdA", "GL", "VVD", "SP", "CDA", "D66", "CU", "KvK", "Wcentr")
DECIDE_POWER = (1, 1, 0.6, 0.5, 0.4, 0.5, 0.2, 0.2, 0.6, 0.9)
# issue: (scale low, high), positions, saliences (0-1) in the order of DECIDE_ACTORS
DECIDE_ISSUES = {
    "tolheffing-binnenstad": (
        (0, 100),
        (100, 50, 100, 0, 75, 25, 25, 75, 25, 0),
        (0.95, 0.8, 0.95, 0.9, 0.7, 0.8, 0.5, 0.7, 0.8, 0.95),
    ),
    "tol-hoogte": (
        (0.5, 7),
        (3, 3, 5, 0.5, 2, 1, 3, 3, 1, 0.5),
        (0.7, 0.7, 0.9, 0.5, 0.5, 0.6, 0.3, 0.5, 0.6, 0.8),
    ),
    "wanneer-tol": (
        (0, 100),
        (100, 75, 100, 0, 75, 25, 50, 75, 0, 0),
        (0.9, 0.7, 0.95, 0.9, 0.6, 0.7, 0.5, 0.6, 0.7, 1),
    ),
    "woonwerkverkeer": (
        (0, 100),
        (100, 100, 100, 0, 50, 50, 75, 100, 0, 0),
        (0.8, 0.6, 0.8, 0.9, 0.4, 0.4, 0.6, 0.6, 0.9, 0.95),
    ),
    "extra-investering": (
        (0, 100),
        (25, 25, 50, 50, 0, 25, 25, 50, 50, 100),
        (0.6, 0.5, 0.4, 0.8, 0.3, 0.5, 0.5, 0.5, 0.5, 0.9),
    ),
    "kleine-of-grote-ring": (
        (0, 100),
        (75, 25, 100, 0, 0, 50, 50, 75, 25, 100),
        (0.95, 0.8, 0.9, 0.7, 0.7, 0.6, 0.7, 0.8, 0.8, 0.9),
    ),
}


@pytest.fixture
def decide_sample() -> BargainingProblem:
    """Decide's sample data: 10 actors, 6 issues of a municipal toll decision.

    Source: the Decide implementation of the exchange model (F. N. Stokman; code
    by J. Draaijer), ``data/input/sample_data.txt`` of
    github.com/foarsitter/decide-exchange-model ("Data voorbeeldcasus training
    Decide", February 2017): actors with power, and per issue each actor's
    position and salience (0-1). Decide rescales every issue to 0-100 from the
    issue's scale points, so ``tol-hoogte`` (0.5-7 euro) is rescaled here the same way.
    """
    x = np.array(
        [[(v - lo) * 100 / (hi - lo) for v in pos] for (lo, hi), pos, _ in DECIDE_ISSUES.values()]
    )
    s = np.array([sal for _, _, sal in DECIDE_ISSUES.values()])
    return BargainingProblem(
        actors=DECIDE_ACTORS,
        issues=tuple(DECIDE_ISSUES),
        positions=x.T,
        salience=s.T,
        capability=np.array(DECIDE_POWER, dtype=float),
        reference=np.full(len(DECIDE_ISSUES), np.nan),
    )


def test_decide_sample_has_decides_240_exchange_pairs(decide_sample: BargainingProblem) -> None:
    """Decide's own test counts 240 (actor pair, issue pair) combinations on opposite sides.

    Per issue pair, actors left of both expected outcomes pair with those right of
    both, and left-right with right-left (Decide's groups A-D and B-C).
    """
    p = decide_sample
    left = p.positions < compromise_outcome(p.positions.T, (p.capability * p.salience.T))
    pairs = 0
    for j in range(len(p.issues)):
        for l_ in range(j + 1, len(p.issues)):
            group = np.bincount(left[:, j] + 2 * left[:, l_], minlength=4)
            pairs += group[0] * group[3] + group[1] * group[2]
    assert pairs == 240


@pytest.mark.parametrize("update", ["simultaneous", "sequential"])
def test_decide_sample_first_exchanges_have_decides_gains(
    decide_sample: BargainingProblem, update: str
) -> None:
    """Decide's test: the first realised exchange gains 1.97368421…, the second 1.79263630…

    Both come from the start-of-round positions (the second shares no actor's issue
    with the first), so both update rules must reproduce them; equal gain means
    both actors of every exchange gain the same.
    """
    exchanges = ExchangeModel(update=update).fit(decide_sample).prediction_.details["exchanges"]
    assert exchanges[0]["actors"] == ["Wcentr", "Willems"]
    assert exchanges[0]["issues"] == ["tolheffing-binnenstad", "extra-investering"]
    np.testing.assert_allclose(exchanges[0]["gains"], 1.973684210526315789, rtol=1e-12)
    np.testing.assert_allclose(exchanges[1]["gains"], 1.79263630876534102, rtol=1e-12)
    for exchange in exchanges:
        assert exchange["gains"][0] == pytest.approx(exchange["gains"][1], rel=1e-9)


def test_decide_sample_one_round_both_update_rules(decide_sample: BargainingProblem) -> None:
    """Round-one outcomes under both rules (zopa's own figures, not Decide's).

    Both realise 23 exchanges; the first five agree. Thereafter they part: with
    simultaneous updating several exchanges push ``extra-investering`` and
    ``woonwerkverkeer`` by amounts computed from the start positions, while
    sequential updating recomputes each from the moved expected outcomes; the
    outcomes differ by up to 11.3 points (``extra-investering``), the compromise
    before exchange being 49.4, 27.2, 50.6, 52.5, 49.5, 56.6.
    """
    fitted = {
        update: ExchangeModel(update=update).fit(decide_sample).prediction_
        for update in ("simultaneous", "sequential")
    }
    np.testing.assert_allclose(
        fitted["simultaneous"].outcome, [63.110, 47.362, 51.719, 24.277, 73.041, 47.203], atol=5e-4
    )
    np.testing.assert_allclose(
        fitted["sequential"].outcome, [61.341, 54.344, 52.053, 17.940, 84.341, 43.469], atol=5e-4
    )
    simultaneous, sequential = (f.details["exchanges"] for f in fitted.values())
    assert len(simultaneous) == len(sequential) == 23
    assert simultaneous[:5] == sequential[:5] and simultaneous[5] != sequential[5]

"""The exchange model: bounded memory, the gain cap, both update rules, Decide's sample."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

import zopa.models._exchange as exchange_module
from tests.models.references import assert_matches_exchange_reference
from zopa.errors import ModelError
from zopa.models import BargainingProblem, ExchangeModel, compromise_outcome


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
        assert_matches_exchange_reference(problem, params)


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

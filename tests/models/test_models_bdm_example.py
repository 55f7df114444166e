"""Regression tests on Bueno de Mesquita's (1994) EC emission-standards example.

Positions are years (4–10); the actual outcome was 8.83 years.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from zopa.models import (
    BargainingProblem,
    CompromiseModel,
    ExpectedUtilityModel,
    WeightedMedianModel,
)

# Scholz, Calbert & Smith (2011), Table 2: median position after each of 8 rounds.
SCHOLZ_TABLE_2 = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
# Table 2 prints one decimal; zopa's path differs by at most 0.13 years in every
# round but the second (see test_round_2_is_the_one_wider_gap). 0.3 years is 5% of
# the 6-year range of positions.
TOLERANCE = 0.3


def _path(problem: BargainingProblem, **params: Any) -> list[float]:
    details = ExpectedUtilityModel(rounds=8, **params).fit(problem).prediction_.details
    return [m[0] for m in details["median_by_round"]]


def _condorcet_winner(x: np.ndarray, w: np.ndarray) -> float:
    """The position beating every other position in c·s-weighted pairwise votes."""
    options = np.unique(x)
    for a in options:
        if all((w * (np.abs(x - b) - np.abs(x - a))).sum() >= 0 for b in options):
            return float(a)
    raise AssertionError("no Condorcet winner")


def test_compromise_is_7_39(emissions: Any) -> None:
    # Σ c s x / Σ c s = 5.003 / 0.677 by hand from Table 1.
    assert CompromiseModel().fit(emissions).prediction_.outcome[0] == pytest.approx(7.39, abs=0.005)


def test_weighted_median_is_7(emissions: Any) -> None:
    # Votes c·s at 4 years: 0.248 of 0.677 (< half); with those at 7: 0.341 (>= half).
    assert WeightedMedianModel().fit(emissions).prediction_.outcome[0] == 7.0


def test_expected_utility_reproduces_scholz_table_2(emissions: Any) -> None:
    path = _path(emissions)
    assert path[0] == 7.0  # the start: the median of Table 1
    gaps = [abs(a - b) for a, b in zip(path[1:], SCHOLZ_TABLE_2, strict=True)]
    assert max(gaps) <= TOLERANCE, list(zip(path[1:], SCHOLZ_TABLE_2, strict=True))
    # The qualitative path of Table 2: up to ~9.9, the collapse in round 6, recovery.
    assert path[6] < path[5] - 2 and path[8] > path[7] > path[6]


def test_round_2_is_the_one_wider_gap(emissions: Any) -> None:
    """Where zopa differs: round 2 only, by Belgium's compromise fraction.

    Belgium holds the median in every round. In round 1 it compromises with France
    from 7 to 7 + 3|E/U| = 8.43 (Table 2: 8.4). In round 2 it compromises again
    from 8.43 towards 10; zopa's |E/U| is 0.76 (9.62), Table 2's 9.9 implies
    0.94. The published medians alone do not show which term
    differs; every later round is again within 0.13 years.
    """
    path = _path(emissions)[1:]
    gaps = [abs(a - b) for a, b in zip(path, SCHOLZ_TABLE_2, strict=True)]
    assert 0.15 < gaps[1] <= TOLERANCE
    assert max(gaps[:1] + gaps[2:]) <= 0.13
    first = ExpectedUtilityModel(rounds=1).fit(emissions).prediction_.details
    belgium = emissions.actors.index("Belgium")
    assert first["final_positions"][belgium][0] == pytest.approx(8.4, abs=0.05)


@pytest.mark.parametrize("rounds", range(1, 9))
def test_reported_median_is_the_condorcet_winner(emissions: Any, rounds: int) -> None:
    details = ExpectedUtilityModel(rounds=rounds).fit(emissions).prediction_.details
    x = np.array([row[0] for row in details["final_positions"]])
    w = emissions.capability * emissions.salience[:, 0]
    assert details["median_by_round"][-1][0] == pytest.approx(_condorcet_winner(x, w))


def test_offer_rule_does_not_depend_on_the_scale_direction(emissions: Any) -> None:
    mirrored = BargainingProblem(
        actors=emissions.actors,
        issues=emissions.issues,
        positions=14.0 - emissions.positions,
        salience=emissions.salience,
        capability=emissions.capability,
        reference=emissions.reference,
        scale=emissions.scale,
    )
    for choice in ("scholz", "nearest", "strongest"):
        np.testing.assert_allclose(
            14.0 - np.array(_path(mirrored, choice=choice)), _path(emissions, choice=choice)
        )


def test_risk_exponents_span_half_to_two(emissions: Any) -> None:
    details = ExpectedUtilityModel(rounds=1).fit(emissions).prediction_.details
    r = np.array(details["risk_by_round"][0])[:, 0]
    assert r.min() == pytest.approx(0.5) and r.max() == pytest.approx(2.0)

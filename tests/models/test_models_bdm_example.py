"""Regression tests on Bueno de Mesquita's (1994) EC emission-standards example.

Positions are years (4–10); the actual outcome was 8.83 years.
"""

from __future__ import annotations

from typing import Any

import pytest

from zopa.models import CompromiseModel, ExpectedUtilityModel, WeightedMedianModel

# Scholz, Calbert & Smith (2011), Table 2: median position after each of 8 rounds.
SCHOLZ_TABLE_2 = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]


def test_compromise_is_7_39(emissions: Any) -> None:
    # Σ c s x / Σ c s = 5.003 / 0.677 by hand from Table 1.
    assert CompromiseModel().fit(emissions).prediction_.outcome[0] == pytest.approx(7.39, abs=0.005)


def test_weighted_median_is_7(emissions: Any) -> None:
    # Votes c·s at 4 years: 0.248 of 0.677 (< half); with those at 7: 0.341 (>= half).
    assert WeightedMedianModel().fit(emissions).prediction_.outcome[0] == 7.0


def test_expected_utility_starts_from_the_median_and_stays_in_range(emissions: Any) -> None:
    details = ExpectedUtilityModel(rounds=8).fit(emissions).prediction_.details
    path = [m[0] for m in details["median_by_round"]]
    assert path[0] == 7.0
    assert all(4.0 <= m <= 10.0 for m in path)


def test_expected_utility_differs_from_scholz_table_2(emissions: Any) -> None:
    """zopa does NOT reproduce Scholz et al.'s Table 2; this test pins where.

    Scholz et al. report 8.4 after round 1; zopa's round 1 moves Belgium and
    Ireland to 4 years and Luxembourg to 7, which leaves the weighted median at
    7.0 (the actors at 4 hold 0.279 of 0.677 votes), and the median jumps to 10
    after round 5. The published account leaves open which
    proposal a target accepts, whether the median reported is a vote-weighted
    median or mean, and whether the sender of a lost conflict moves; zopa's
    choices are in ``ExpectedUtilityModel``'s docstring. If a change brings zopa
    within 0.5 years of every published round, replace this test by one that
    asserts that agreement.
    """
    details = ExpectedUtilityModel(rounds=8).fit(emissions).prediction_.details
    path = [m[0] for m in details["median_by_round"][1:]]
    gaps = [abs(a - b) for a, b in zip(path, SCHOLZ_TABLE_2, strict=True)]
    assert path[0] == pytest.approx(7.0)
    assert max(gaps) > 0.5

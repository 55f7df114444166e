"""Faratin's time-dependent concession, in zopa's exponent convention."""

from __future__ import annotations

import numpy as np
import pytest

from zopa.simulate import TACTICS, conceded


def test_linear_concedes_in_proportion_to_time() -> None:
    assert conceded([0.0, 0.25, 0.5, 1.0], 1.0).tolist() == [0.0, 0.25, 0.5, 1.0]


def test_boulware_holds_firm_and_conceder_gives_early() -> None:
    half = conceded(0.5, [TACTICS["boulware"], TACTICS["linear"], TACTICS["conceder"]])
    # 0.5 ** (1 / 0.25) = 0.0625; 0.5 ** (1 / 4) = 0.8409
    assert half == pytest.approx([0.0625, 0.5, 0.5**0.25])


def test_negmas_exponent_is_the_inverse_of_zopas() -> None:
    # negmas's PolyAspiration: aspiration 1 - t ** e, "boulware" e = 4.
    t = np.linspace(0, 1, 11)
    assert 1 - conceded(t, 1 / 4) == pytest.approx(1 - t**4)


def test_kappa_is_conceded_at_the_start_and_time_past_the_horizon_counts_as_the_end() -> None:
    assert conceded([0.0, 2.0], 1.0, 0.2).tolist() == pytest.approx([0.2, 1.0])

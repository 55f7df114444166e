"""The verbal-probability scale: derived from the surveys, shipped, and its stated rules."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zopa.errors import ExtractionError
from zopa.extract._probability import (
    CERTAINTY_ANCHORS,
    EXTENSIONS,
    INTENSIFIERS,
    POSSIBILITY_PHRASES,
    derive_scale,
    estimate_for,
    explicit_estimate,
    load_scale,
    odds_estimate,
    shipped_scale,
)

SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "verbal_probability"
needs_surveys = pytest.mark.skipif(not SURVEYS.is_dir(), reason="../shared survey data absent")
SHIPPED = Path(__file__).resolve().parents[2] / "src/zopa/extract/data/probability_scale.json"


@needs_surveys
def test_capphrase_likely_matches_an_independent_computation() -> None:
    with (SURVEYS / "CAPphrase_absolute_judgements.csv").open() as handle:
        values = [float(r["probability"]) for r in csv.DictReader(handle) if r["term"] == "Likely"]
    q1, median, q3 = np.percentile(np.array(values) / 100, [25, 50, 75])
    stats = derive_scale(SURVEYS).stats("likely")
    assert stats is not None
    assert stats.source == "capphrase"
    assert stats.n == len(values)
    assert (stats.q1, stats.median, stats.q3) == pytest.approx((q1, median, q3), abs=1e-4)


@needs_surveys
def test_phrases_asked_by_both_surveys_keep_both_with_the_larger_first() -> None:
    entries = derive_scale(SURVEYS).phrases["unlikely"]
    assert [entry.source for entry in entries] == ["capphrase", "perceptions"]
    assert entries[0].n > entries[1].n
    assert derive_scale(SURVEYS).stats("we doubt") is not None  # only in perceptions


@needs_surveys
def test_shipped_json_equals_a_fresh_derivation() -> None:
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(derive_scale(SURVEYS).to_json()))
    assert "zenodo.18750055" in json.dumps(shipped["sources"])
    assert "zonination/perceptions" in json.dumps(shipped["sources"])


def test_missing_survey_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="not found") as info:
        derive_scale(tmp_path)
    assert "\n" not in str(info.value)


def test_unreadable_scale_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "scale.json"
    bad.write_text("{not json")
    with pytest.raises(ExtractionError, match="regenerate"):
        load_scale(bad)


def test_every_extension_points_at_a_surveyed_phrase() -> None:
    scale = shipped_scale()
    assert all(scale.stats(anchor) is not None for anchor in EXTENSIONS.values())


def test_surveyed_phrases_read_as_their_survey_median_and_quartiles() -> None:
    scale = shipped_scale()
    for phrase in scale.phrases:
        estimate = estimate_for(phrase)
        stats = scale.stats(phrase)
        assert estimate is not None and stats is not None
        assert stats.q1 <= estimate.probability <= stats.q3
        assert (estimate.low, estimate.high) == (stats.q1, stats.q3)


def test_surveyed_intensified_phrase_wins_over_the_rule() -> None:
    highly = estimate_for("likely", intensifier="highly")
    stats = shipped_scale().stats("highly likely")
    assert highly is not None and stats is not None
    assert highly.probability == stats.median
    assert highly.rule == "survey"


def test_negated_possibility_means_impossibility() -> None:
    not_possible = estimate_for("possible", negated=True)
    assert not_possible is not None and not_possible.anchor == "almost no chance"


def test_double_negative_is_a_moderate_chance_not_a_mirror() -> None:
    not_unlikely = estimate_for("unlikely", negated=True)
    assert not_unlikely is not None and not_unlikely.anchor == "realistic possibility"


def test_unknown_phrase_gives_none() -> None:
    assert estimate_for("purple") is None


@given(st.floats(min_value=-5, max_value=5, allow_nan=False))
def test_explicit_numbers_are_clipped_and_collapsed(value: float) -> None:
    estimate = explicit_estimate(value)
    assert 0.0 <= estimate.low == estimate.probability == estimate.high <= 1.0


PHRASES = sorted({*shipped_scale().phrases, *EXTENSIONS})


@given(
    st.sampled_from(PHRASES),
    st.sampled_from([None, *INTENSIFIERS]),
    st.booleans(),
)
def test_every_reading_is_an_ordered_interval_in_the_unit_range(
    phrase: str, intensifier: str | None, negated: bool
) -> None:
    estimate = estimate_for(phrase, intensifier=intensifier, negated=negated)
    assert estimate is not None
    assert 0.0 <= estimate.low <= estimate.probability <= estimate.high <= 1.0


@given(
    st.sampled_from([p for p in PHRASES if p not in POSSIBILITY_PHRASES]),
    st.sampled_from(sorted(INTENSIFIERS)),
)
def test_intensifiers_move_towards_the_nearer_bound(phrase: str, intensifier: str) -> None:
    base = estimate_for(phrase)
    stronger = estimate_for(phrase, intensifier=intensifier)
    assert base is not None and stronger is not None
    if base.probability > 0.5:
        assert stronger.probability >= base.probability
    elif base.probability < 0.5:
        assert stronger.probability <= base.probability


def test_very_likely_is_at_least_likely_and_not_likely_is_below_even() -> None:
    likely = estimate_for("likely")
    very = estimate_for("likely", intensifier="very")
    negated = estimate_for("likely", negated=True)
    assert likely is not None and very is not None and negated is not None
    assert very.probability >= likely.probability
    assert very.probability == pytest.approx(likely.probability + (1 - likely.probability) / 2)
    assert negated.probability < 0.5


def _certain(phrase: str) -> bool:
    estimate = estimate_for(phrase)
    return estimate is not None and estimate.anchor in CERTAINTY_ANCHORS


@given(
    st.sampled_from(
        [
            p
            for p in PHRASES
            if (estimate_for(p) or explicit_estimate(0.5)).probability > 0.5 and not _certain(p)
        ]
    )
)
def test_negating_a_likely_phrase_mirrors_it(phrase: str) -> None:
    base = estimate_for(phrase)
    negated = estimate_for(phrase, negated=True)
    assert base is not None and negated is not None
    assert negated.probability == pytest.approx(1 - base.probability, abs=1e-4)


@pytest.mark.parametrize("phrase", ["certain", "sure", "inevitable", "almost certain"])
def test_negated_certainty_leaves_the_question_open(phrase: str) -> None:
    negated = estimate_for(phrase, negated=True)
    might = estimate_for("might happen")
    assert negated is not None and might is not None
    assert (negated.probability, negated.low, negated.high) == (
        might.probability,
        might.low,
        might.high,
    )


@pytest.mark.parametrize("intensifier", ["quite", "entirely", "very"])
def test_an_intensified_possibility_is_a_real_chance(intensifier: str) -> None:
    estimate = estimate_for("possible", intensifier=intensifier)
    real = estimate_for("realistic possibility")
    assert estimate is not None and real is not None
    assert estimate.probability == real.probability > 0.5


@pytest.mark.parametrize(
    ("first", "second", "against", "value"),
    [
        (2, 1, True, 1 / 3),
        (3, 1, True, 0.25),
        (4, 1, False, 0.8),
        (1, 1, True, 0.5),
        (5, 2, False, 5 / 7),
    ],
)
def test_odds_are_converted_exactly(first: int, second: int, against: bool, value: float) -> None:
    estimate = odds_estimate(first, second, against=against)
    assert estimate is not None
    assert estimate.probability == pytest.approx(value, abs=1e-4)
    assert estimate.low == estimate.high == estimate.probability


def test_odds_without_a_positive_side_are_none() -> None:
    assert odds_estimate(0, 3, against=True) is None

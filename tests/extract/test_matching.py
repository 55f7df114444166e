"""The one-to-one matching and the precision/recall/F1 shared by every extraction scorer."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from zopa.extract._matching import PRF, Item, exact, match_items, overlaps


def _span(start: int, end: int, **fields: str) -> dict[str, object]:
    return {"start": start, "end": end, **fields}


def test_each_gold_item_takes_the_first_free_prediction_in_text_order() -> None:
    gold = [_span(10, 20), _span(0, 12)]  # listed out of text order on purpose
    predicted = [_span(15, 30), _span(5, 11), _span(40, 50)]
    # gold (0, 12) comes first in text order and takes (5, 11); gold (10, 20) then takes
    # (15, 30), although (5, 11) overlaps it too
    assert match_items(gold, predicted, overlaps) == [(1, 1), (0, 0)]


def test_the_rule_decides_what_is_the_same() -> None:
    gold = [_span(0, 10, key="RUS")]
    predicted = [_span(0, 10, key="UKR"), _span(2, 8, key="RUS")]
    assert match_items(gold, predicted, lambda p, g: overlaps(p, g) and p["key"] == g["key"]) == [
        (0, 1)
    ]
    assert match_items(gold, predicted, exact) == [(0, 0)]


spans = st.builds(
    lambda start, length: _span(start, start + length),
    st.integers(0, 50),
    st.integers(1, 10),
)


@given(st.lists(spans, max_size=8), st.lists(spans, max_size=8))
def test_matching_is_one_to_one_and_only_pairs_the_same(
    gold: list[Item], predicted: list[Item]
) -> None:
    pairs = match_items(gold, predicted, overlaps)
    assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    assert all(overlaps(predicted[p], gold[g]) for g, p in pairs)
    # greedy: a gold item left unmatched overlaps no prediction that is still free
    free = set(range(len(predicted))) - {p for _, p in pairs}
    for g in set(range(len(gold))) - {g for g, _ in pairs}:
        assert not any(overlaps(predicted[p], gold[g]) for p in free)


@dataclass(frozen=True)
class _Counts(PRF):
    true_positives: int
    predicted: int
    gold: int


def test_precision_recall_f1_from_counts() -> None:
    score = _Counts(3, 4, 6)
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert score.f1 == 2 * 0.75 * 0.5 / 1.25
    # nothing predicted and nothing to find is perfect; nothing found of something is 0
    assert _Counts(0, 0, 0).f1 == 1.0
    assert _Counts(0, 3, 2).f1 == 0.0

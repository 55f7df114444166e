"""Matching extracted items with gold items, and precision, recall and F1 from the counts.

Every scorer of ``zopa eval extraction`` (actors and quotes in
:mod:`zopa.extract._evaluate`, events in :mod:`zopa.extract._event_scoring`,
claims and estimates in :mod:`zopa.extract._claim_scoring`) pairs items the same
way and only differs in when two items are "the same":

- items are plain mappings with ``start``/``end`` character offsets;
- matching is one-to-one and greedy in text order: each gold item, in text order,
  takes the first prediction in text order that is still free and the same as it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["PRF", "Item", "exact", "match_items", "overlaps"]

Item = Mapping[str, Any]


def overlaps(a: Item, b: Item) -> bool:
    """The two items' character spans share at least one character."""
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def exact(a: Item, b: Item) -> bool:
    """The two items cover exactly the same characters."""
    return int(a["start"]) == int(b["start"]) and int(a["end"]) == int(b["end"])


def _in_text_order(items: Sequence[Item]) -> list[int]:
    return sorted(range(len(items)), key=lambda i: (int(items[i]["start"]), int(items[i]["end"])))


def match_items(
    gold: Sequence[Item], predicted: Sequence[Item], same: Callable[[Item, Item], bool]
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of matching items, one-to-one.

    Each gold item, in text order, takes the first prediction in text order that no
    earlier gold item took and for which ``same(prediction, gold_item)`` holds.
    """
    free = _in_text_order(predicted)
    pairs: list[tuple[int, int]] = []
    for g in _in_text_order(gold):
        p = next((p for p in free if same(predicted[p], gold[g])), None)
        if p is not None:
            free.remove(p)
            pairs.append((g, p))
    return pairs


class PRF:
    """Precision, recall and F1 of a score record with ``true_positives``, ``predicted``
    and ``gold`` counts (a mixin for the scorers' dataclasses)."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """Share of predictions that match gold (1.0 when nothing was predicted)."""
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when there is no gold)."""
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

"""Scoring extracted events against gold: the events rule for ``zopa eval extraction``.

A predicted event matches a gold event when their character spans overlap and
they agree on PLOVER type, source actor and target actor; for CONSULT and
COOPERATE, events between equals, the two actors may come in either order.
Matching is one-to-one (each gold event is used once, predictions in document
order). Status, CAMEO code, date and place are reported as agreement rates over
the matched pairs rather than folded into the match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["EventScore", "match_events", "score_events"]

_UNORDERED = frozenset({"CONSULT", "COOPERATE"})


@dataclass(frozen=True)
class EventScore:
    """Counts and rates of one comparison (add scores of several documents with ``+``)."""

    true_positives: int
    predicted: int
    gold: int
    status_agree: int = 0
    cameo_agree: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted events that match gold (1.0 when nothing was predicted)."""
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold events found (1.0 when there is no gold)."""
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: EventScore) -> EventScore:
        return EventScore(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.status_agree + other.status_agree,
            self.cameo_agree + other.cameo_agree,
        )


def _dyad(item: Mapping[str, Any]) -> tuple[str, Any, Any]:
    kind = str(item["type"])
    source, target = item.get("source_actor"), item.get("target_actor")
    if kind in _UNORDERED and target is not None:
        first, second = sorted((str(source), str(target)))
        return kind, first, second
    return kind, source, target


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def match_events(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of matching events, one-to-one."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for p_index, pred in sorted(enumerate(predicted), key=lambda x: int(x[1]["start"])):
        for g_index, item in enumerate(gold):
            if g_index in used or _dyad(item) != _dyad(pred) or not _overlap(item, pred):
                continue
            used.add(g_index)
            pairs.append((g_index, p_index))
            break
    return pairs


def score_events(
    gold: Sequence[Mapping[str, Any]], predicted: Iterable[Mapping[str, Any]]
) -> EventScore:
    """Compare one document's predicted events with its gold events."""
    preds = list(predicted)
    pairs = match_events(gold, preds)
    return EventScore(
        true_positives=len(pairs),
        predicted=len(preds),
        gold=len(gold),
        status_agree=sum(gold[g].get("status") == preds[p].get("status") for g, p in pairs),
        cameo_agree=sum(gold[g].get("cameo") == preds[p].get("cameo") for g, p in pairs),
    )

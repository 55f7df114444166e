"""Scoring extracted events against gold: the events rule for ``zopa eval extraction``.

A predicted event matches a gold event when their character spans overlap and
they agree on PLOVER type, source actor and target actor; for CONSULT and
COOPERATE, events between equals, the two actors may come in either order.
Matching is one-to-one and greedy in text order, like every kind's
(:func:`zopa.extract._matching.match_items`). Status, CAMEO code, date and place
are reported as agreement rates over the matched pairs rather than folded into
the match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zopa.extract._matching import PRF, match_items, overlaps

__all__ = ["EventScore", "match_events", "score_events"]

_UNORDERED = frozenset({"CONSULT", "COOPERATE"})


@dataclass(frozen=True)
class EventScore(PRF):
    """Counts and agreements of one comparison (add scores of several documents with ``+``)."""

    true_positives: int
    predicted: int
    gold: int
    status_agree: int = 0
    cameo_agree: int = 0

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


def match_events(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of matching events, one-to-one: overlapping
    spans, the same type and the same source and target."""
    return match_items(gold, predicted, lambda p, g: overlaps(p, g) and _dyad(p) == _dyad(g))


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

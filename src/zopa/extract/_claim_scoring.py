"""Scoring claims against gold annotations (estimates: :mod:`zopa.extract._estimate_scoring`).

Items are plain dicts with ``start``/``end`` character offsets and the kind's
fields (the gold YAML layout of ``tests/gold/``). Matching is one-to-one and
greedy in text order:

a **claim** matches a gold claim with the same ``actor`` and ``issue`` whose span
overlaps it.

Pairs come from :func:`zopa.extract._matching.match_items`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from zopa.extract._matching import PRF, Item, match_items, overlaps

__all__ = ["Score", "score_claims"]


@dataclass(frozen=True)
class Score(PRF):
    """Counts, with precision, recall and F1, plus kind-specific extras (rates)."""

    true_positives: int
    predicted: int
    gold: int
    extras: Mapping[str, float]


def _match(
    predicted: Sequence[Item], gold: Sequence[Item], same: Callable[[Item, Item], bool]
) -> list[tuple[Item, Item]]:
    """Matched (prediction, gold item) pairs: overlapping spans and ``same``."""
    return [
        (predicted[p], gold[g])
        for g, p in match_items(gold, predicted, lambda a, b: overlaps(a, b) and same(a, b))
    ]


def _salience(item: Item) -> str | None:
    cue = item.get("salience_cue")
    return " ".join(str(cue).lower().split()) if cue else None


def score_claims(predicted: Sequence[Item], gold: Sequence[Item]) -> Score:
    """Claims match on actor + issue with overlapping spans.

    Extras: ``stance_agreement`` (share of matched claims with the gold stance) and
    ``salience_agreement`` (of the matched claims where either side records a salience
    cue, the share where both record the same words).
    """
    pairs = _match(
        predicted, gold, lambda p, g: p["actor"] == g["actor"] and p["issue"] == g["issue"]
    )
    stance = sum(p["stance"] == g["stance"] for p, g in pairs)
    weighed = [(p, g) for p, g in pairs if _salience(p) or _salience(g)]
    salience = sum(_salience(p) == _salience(g) for p, g in weighed)
    return Score(
        len(pairs),
        len(predicted),
        len(gold),
        {
            "stance_agreement": stance / len(pairs) if pairs else 1.0,
            "salience_agreement": salience / len(weighed) if weighed else 1.0,
        },
    )

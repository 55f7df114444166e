"""Scoring claims and estimates against gold annotations.

Items are plain dicts with ``start``/``end`` character offsets and the kind's
fields (the gold YAML layout of ``tests/gold/``). Matching is one-to-one and
greedy in text order:

- a **claim** matches a gold claim with the same ``actor`` and ``issue`` whose
  span overlaps it;
- an **estimate** matches a gold estimate whose span overlaps it. For matched
  estimates the scorer also counts how often the holder agrees and whether each
  number of a surveyed phrase lies within that phrase's interquartile range.

Pairs come from :func:`zopa.extract._matching.match_items`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from zopa.extract._matching import PRF, Item, match_items, overlaps
from zopa.extract._probability import Scale, shipped_scale

__all__ = ["Score", "score_claims", "score_estimates"]


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


def score_estimates(
    predicted: Sequence[Item], gold: Sequence[Item], scale: Scale | None = None
) -> Score:
    """Estimates match on overlapping spans; extras: holder agreement and the IQR check.

    ``within_iqr`` is the share of matched estimates of a surveyed phrase whose
    probability lies within that phrase's survey interquartile range.
    """
    table = scale if scale is not None else shipped_scale()
    pairs = _match(predicted, gold, lambda p, g: True)
    holders = sum(p.get("holder_actor") == g.get("holder_actor") for p, g in pairs)
    surveyed = 0
    inside = 0
    for p, _ in pairs:
        stats = table.stats(str(p.get("phrase", "")))
        if stats is not None:
            surveyed += 1
            inside += stats.q1 <= float(p["probability"]) <= stats.q3
    return Score(
        len(pairs),
        len(predicted),
        len(gold),
        {
            "holder_agreement": holders / len(pairs) if pairs else 1.0,
            "within_iqr": inside / surveyed if surveyed else 1.0,
        },
    )

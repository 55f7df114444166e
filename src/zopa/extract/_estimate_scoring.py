"""Scoring probability statements against gold, and the keyword baseline beside it.

An extracted estimate matches a gold estimate whose span overlaps it (one-to-one,
greedy in text order: :func:`zopa.extract._matching.match_items`). Over the
matched pairs the scorer reports, each as a rate with the number of pairs it is
over, and each only where the gold item carries the field:

- ``holder_agreement`` — the same ``holder_actor`` (both ``None`` for the writer or
  an anonymous holder);
- ``within_iqr`` — of the matched estimates of a surveyed phrase, the share whose
  probability lies within that phrase's survey interquartile range;
- ``value_agreement`` — gold ``value`` (0–1) and the extracted ``probability``
  differ by at most 0.1, or the gold value lies within the extracted
  ``low``–``high`` (the survey IQR of a verbal phrase);
- ``retrospective_accuracy`` — the extracted ``retrospective`` flag equals gold's;
- ``about_overlap`` — the mean word-overlap F1 of the extracted ``about`` text with
  gold's (lower-cased words, as sets).

**Keyword baseline.** :func:`keyword_estimates` marks every occurrence of a word
of :data:`PROBABILITY_KEYWORDS` and every number written as a chance (``25%``,
``25 percent``, ``one in five``, ``50-50``, ``three to one``); ``zopa eval
extraction`` scores it like zopa's estimates (``estimates.keyword_baseline``) so
the extractor's detection F1 can be read beside a plain word list's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from zopa.extract._matching import PRF, Item, match_items, overlaps
from zopa.extract._probability import Scale, shipped_scale

__all__ = [
    "PROBABILITY_KEYWORDS",
    "EstimateScore",
    "keyword_estimates",
    "score_detection",
    "score_estimates",
]

#: The keyword baseline's words (whole words, any case).
PROBABILITY_KEYWORDS: tuple[str, ...] = (
    "likely",
    "unlikely",
    "likelihood",
    "probable",
    "probably",
    "improbable",
    "probability",
    "possible",
    "possibly",
    "impossible",
    "possibility",
    "certain",
    "certainly",
    "uncertain",
    "inevitable",
    "doubt",
    "doubts",
    "doubted",
    "doubtful",
    "chance",
    "chances",
    "odds",
    "prospect",
    "prospects",
    "expect",
    "expects",
    "expected",
    "expectation",
    "expectations",
    "perhaps",
    "maybe",
    "fifty-fifty",
)

_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
_KEYWORD = re.compile(
    r"\b(?:"
    + "|".join(re.escape(word) for word in PROBABILITY_KEYWORDS)
    + r")\b"
    + r"|\b\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b)"
    + rf"|\b{_NUMBER} in {_NUMBER}\b"
    + r"|\b\d+-\d+\b"
    + rf"|\b{_NUMBER}[ -]to[ -]{_NUMBER}\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EstimateScore(PRF):
    """Counts with precision, recall and F1, and extras: name → (rate, items it is over)."""

    true_positives: int
    predicted: int
    gold: int
    extras: Mapping[str, tuple[float, int]] = field(default_factory=dict)


def keyword_estimates(text: str) -> list[dict[str, int]]:
    """The keyword baseline's estimates of ``text``: one item per keyword or chance number."""
    return [{"start": m.start(), "end": m.end()} for m in _KEYWORD.finditer(text)]


def score_detection(predicted: Sequence[Item], gold: Sequence[Item]) -> EstimateScore:
    """Detection alone: overlapping spans, one-to-one (how the keyword baseline is scored)."""
    return EstimateScore(len(match_items(gold, predicted, overlaps)), len(predicted), len(gold))


def _about_text(item: Item) -> str | None:
    about = item.get("about")
    return str(about) if about else None


def _word_f1(predicted: str | None, gold: str) -> float:
    mine = set(_WORD.findall((predicted or "").lower()))
    theirs = set(_WORD.findall(gold.lower()))
    shared = len(mine & theirs)
    if not shared:
        return 0.0
    precision, recall = shared / len(mine), shared / len(theirs)
    return 2 * precision * recall / (precision + recall)


def _value_agrees(predicted: Item, value: float) -> bool:
    probability = float(predicted["probability"])
    low = float(predicted.get("low", probability))
    high = float(predicted.get("high", probability))
    return abs(probability - value) <= 0.1 + 1e-9 or low <= value <= high


def _rate(hits: Sequence[float]) -> tuple[float, int]:
    return (sum(hits) / len(hits) if hits else 1.0, len(hits))


def score_estimates(
    predicted: Sequence[Item], gold: Sequence[Item], scale: Scale | None = None
) -> EstimateScore:
    """Estimates match on overlapping spans; extras as in the module docstring."""
    table = scale if scale is not None else shipped_scale()
    pairs = [(predicted[p], gold[g]) for g, p in match_items(gold, predicted, overlaps)]
    holders = [float(p.get("holder_actor") == g.get("holder_actor")) for p, g in pairs]
    iqr: list[float] = []
    for p, _ in pairs:
        stats = table.stats(str(p.get("phrase", "")))
        if stats is not None:
            iqr.append(float(stats.q1 <= float(p["probability"]) <= stats.q3))
    extras = {"holder_agreement": _rate(holders), "within_iqr": _rate(iqr)}
    values = [
        float(_value_agrees(p, float(g["value"]))) for p, g in pairs if g.get("value") is not None
    ]
    retrospective = [
        float(bool(p.get("retrospective")) == bool(g["retrospective"]))
        for p, g in pairs
        if "retrospective" in g
    ]
    about = [_word_f1(_about_text(p), str(g["about"])) for p, g in pairs if g.get("about")]
    for name, hits in (
        ("value_agreement", values),
        ("retrospective_accuracy", retrospective),
        ("about_overlap", about),
    ):
        if hits:
            extras[name] = _rate(hits)
    return EstimateScore(len(pairs), len(predicted), len(gold), extras)

"""Measuring extraction against gold annotations (``zopa eval extraction GOLD_DIR CORPUS_DIR``).

Gold layout (``tests/gold/README.md``): one YAML list per document and kind,
``<stem>.<kind>.yaml``, beside or apart from the document ``<stem>.txt``; each
item has ``start``/``end`` character offsets into
``zopa.ingest.normalise_text(file text)`` and the kind's fields, actors by key.

Matching rules, all one-to-one and greedy in text order
(:func:`zopa.extract._matching.match_items`):

- **actors**: a predicted mention matches a gold mention it overlaps with the
  same actor key (descriptions such as "the Congolese presidency" are left out:
  the gold marks named references only);
- **quotes**: scored separately for direct and indirect quotes, each by exact
  span and by overlap, and each with the speaker required to be right (same
  actor key, or both anonymous with overlapping speaker words) and without;
- **events**, **claims**, **estimates**: the rules of their components'
  scorers (:mod:`zopa.extract._event_scoring`, :mod:`zopa.extract._claim_scoring`,
  :mod:`zopa.extract._estimate_scoring`, with its keyword baseline beside it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from zopa.errors import ExtractionError
from zopa.extract._actors import get_gazetteer
from zopa.extract._claim_scoring import score_claims
from zopa.extract._doc import ACTORS, CLAIMS, ESTIMATES, EVENTS, FIELDS, QUOTES
from zopa.extract._estimate_scoring import (
    keyword_estimates,
    score_detection,
    score_estimates,
)
from zopa.extract._event_scoring import known_names, score_events, spelled_out_names
from zopa.extract._matching import PRF, Item, exact, match_items, overlaps
from zopa.files import MAX_DATA_FILE_BYTES, read_text, yaml_error_line
from zopa.ingest import date_from_dateline, normalise_text

__all__ = [
    "KINDS",
    "EvaluationReport",
    "Score",
    "evaluate_extraction",
    "load_gold",
    "score_actors",
    "score_quotes",
]

KINDS = ("actors", "quotes", "events", "claims", "estimates")
_GROUPS = {"quotes": QUOTES, "events": EVENTS, "claims": CLAIMS, "estimates": ESTIMATES}
_KEYWORDS = "estimates.keyword_baseline"


@dataclass(frozen=True)
class Score(PRF):
    """Matches, predictions and gold items of one measure, with extras (agreement rates
    with the number of items each rate is over)."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    extras: dict[str, tuple[float, int]] = field(default_factory=dict)

    def __add__(self, other: Score) -> Score:
        extras = dict(self.extras)
        for name, (rate, weight) in other.extras.items():
            mine, n = extras.get(name, (0.0, 0))
            extras[name] = (
                (mine * n + rate * weight) / (n + weight) if n + weight else 1.0,
                n + weight,
            )
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            extras,
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain numbers for JSON."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
            **{name: round(rate, 4) for name, (rate, _) in self.extras.items()},
        }


def _count(
    predicted: Sequence[Item], gold: Sequence[Item], same: Callable[[Item, Item], bool]
) -> Score:
    return Score(len(match_items(gold, predicted, same)), len(predicted), len(gold))


def score_actors(predicted: Sequence[Item], gold: Sequence[Item]) -> Score:
    """Mentions match when their spans overlap and they name the same actor key."""
    return _count(predicted, gold, lambda p, g: overlaps(p, g) and p["key"] == g["key"])


def _speaker_right(p: Item, g: Item) -> bool:
    if g.get("speaker_actor") is not None:
        return bool(p.get("speaker_actor") == g["speaker_actor"])
    if p.get("speaker_actor") is not None:
        return False
    if g.get("speaker_start") is None or p.get("speaker_start") is None:
        return g.get("speaker_start") is None and p.get("speaker_start") is None
    return overlaps(
        {"start": p["speaker_start"], "end": p["speaker_end"]},
        {"start": g["speaker_start"], "end": g["speaker_end"]},
    )


def _with_speaker(span_rule: Callable[[Item, Item], bool]) -> Callable[[Item, Item], bool]:
    return lambda p, g: span_rule(p, g) and _speaker_right(p, g)


def score_quotes(predicted: Sequence[Item], gold: Sequence[Item]) -> dict[str, Score]:
    """Direct and indirect quotes, by exact span and by overlap, with and without the speaker.

    Keys: ``<kind>.<exact|overlap>.speaker`` (span and speaker right) and
    ``<kind>.<exact|overlap>.span`` (span only), for kind in direct, indirect.
    """
    scores: dict[str, Score] = {}
    for kind in ("direct", "indirect"):
        mine = [p for p in predicted if p["kind"] == kind]
        theirs = [g for g in gold if g["kind"] == kind]
        for name, span_rule in (("exact", exact), ("overlap", overlaps)):
            scores[f"{kind}.{name}.speaker"] = _count(mine, theirs, _with_speaker(span_rule))
            scores[f"{kind}.{name}.span"] = _count(mine, theirs, span_rule)
    return scores


def _from_external(score: Any) -> Score:
    extras: dict[str, tuple[float, int]] = {}
    weight = score.true_positives
    for name, rate in dict(getattr(score, "extras", {}) or {}).items():
        # A rate over its own number of items comes as (rate, n); else over the matches.
        extras[name] = (
            (float(rate[0]), int(rate[1]))
            if isinstance(rate, tuple)
            else (
                float(rate),
                weight,
            )
        )
    for name in ("status_agree", "cameo_agree"):
        if hasattr(score, name):
            matched = score.true_positives
            extras[name.replace("_agree", "_agreement")] = (
                getattr(score, name) / matched if matched else 1.0,
                matched,
            )
    return Score(score.true_positives, score.predicted, score.gold, extras)


def _score_kind(
    kind: str,
    found: dict[str, list[dict[str, Any]]],
    gold: Sequence[Item],
    names: dict[str, str],
) -> dict[str, Score]:
    predicted = found[kind]
    if kind == "actors":
        return {"actors": score_actors(predicted, gold)}
    if kind == "quotes":
        return {f"quotes.{name}": s for name, s in score_quotes(predicted, gold).items()}
    if kind == "events":
        return {"events": _from_external(score_events(gold, predicted, names))}
    if kind == "claims":
        return {"claims": _from_external(score_claims(predicted, gold))}
    return {
        "estimates": _from_external(score_estimates(predicted, gold)),
        "estimates.keyword_baseline": _from_external(score_detection(found[_KEYWORDS], gold)),
    }


@dataclass
class EvaluationReport:
    """Scores per measure summed over documents, and per document."""

    totals: dict[str, Score] = field(default_factory=dict)
    documents: dict[str, dict[str, Score]] = field(default_factory=dict)

    def add(self, stem: str, scores: dict[str, Score]) -> None:
        """Record one document's scores."""
        self.documents[stem] = scores
        for name, score in scores.items():
            self.totals[name] = self.totals.get(name, Score()) + score

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON: totals and per-document scores."""
        return {
            "totals": {name: s.as_dict() for name, s in sorted(self.totals.items())},
            "documents": {
                stem: {name: s.as_dict() for name, s in sorted(scores.items())}
                for stem, scores in sorted(self.documents.items())
            },
        }


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The items of one gold file (an empty file is an empty list)."""
    text = read_text(path, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what="gold file")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ExtractionError(f"{path}{line}: invalid YAML in gold file; fix the syntax") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(
        isinstance(i, dict) and "start" in i and "end" in i for i in data
    ):
        raise ExtractionError(f"{path}: a gold file is a YAML list of items with start and end")
    return data


def _predicted(doc: Any) -> dict[str, list[dict[str, Any]]]:
    items: dict[str, list[dict[str, Any]]] = {
        "actors": [
            {"start": s.start_char, "end": s.end_char, "key": s.kb_id_}
            for s in doc.spans.get(ACTORS, [])
            if not (s._.get(FIELDS) or {}).get("description")  # gold marks named references
        ]
    }
    items[_KEYWORDS] = list(keyword_estimates(doc.text))
    for kind, group in _GROUPS.items():
        items[kind] = [
            {"start": s.start_char, "end": s.end_char, **(s._.get(FIELDS) or {})}
            for s in doc.spans.get(group, [])
        ]
    return items


def evaluate_extraction(nlp: Language, gold_dir: Path, corpus_dir: Path) -> EvaluationReport:
    """Run ``nlp`` on every document of ``corpus_dir`` that has gold in ``gold_dir`` and score it.

    Raises
    ------
    ExtractionError
        A folder is missing, holds no gold files, or a gold file has no document.
    """
    for folder in (gold_dir, corpus_dir):
        if not folder.is_dir():
            raise ExtractionError(f"{folder}: no such folder")
    gold: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        stem, _, kind = path.name.removesuffix(".yaml").rpartition(".")
        if kind in KINDS and stem:
            gold.setdefault(stem, {})[kind] = load_gold(path)
    if not gold:
        raise ExtractionError(f"{gold_dir}: no gold files (<document>.<kind>.yaml)")
    texts: list[tuple[str, str]] = []
    for stem in sorted(gold):
        document = corpus_dir / f"{stem}.txt"
        if not document.is_file():
            raise ExtractionError(f"{gold_dir}/{stem}.*.yaml: no document {document}")
        text = read_text(
            document, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what="document"
        )
        texts.append((stem, normalise_text(text)))
    docs = []
    for stem, text in texts:
        doc = nlp.make_doc(text)
        doc._.zopa_published = date_from_dateline(text)
        docs.append((doc, stem))
    report = EvaluationReport()
    gazetteer = get_gazetteer(nlp)
    known = known_names(gazetteer)
    for doc, stem in nlp.pipe(docs, as_tuples=True):
        predicted = _predicted(doc)
        names = {**known, **spelled_out_names(doc, gazetteer)}
        scores: dict[str, Score] = {}
        for kind, items in gold[stem].items():
            scores.update(_score_kind(kind, predicted, items, names))
        report.add(stem, scores)
    return report

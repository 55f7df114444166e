"""Scoring events sentence by sentence (``zopa eval events SENTENCES.yaml``).

A sentences file is a YAML list; each item is one sentence of news with its main event::

    - id: s001
      published: '2024-03-02'
      text: "Police in Nairobi fired tear gas at thousands of protesters ..."
      type: COERCE          # PLOVER type of the main event (null or NONE: no event)
      mode: null
      cameo: '175'
      trigger: fired tear gas
      source_actor: unresolved:kenyan-police   # gazetteer key, unresolved:<slug>, or null
      target_actor: unresolved:protesters
      status: happened       # happened | planned | refused | hypothetical

Each sentence is extracted as its own document dated ``published``. Measures:

- **coverage**: the share of sentences where at least one event is coded;
- **type accuracy**: the sentence's *main* predicted event — the first whose span
  overlaps the gold trigger's words, else the first event — has the gold type; a
  sentence without an event counts as wrong;
- **type + source + target** precision, recall and F1: a sentence is a hit when one of
  its events has the gold type, source and target (CONSULT and COOPERATE unordered);
  precision is over the sentences where an event is coded, recall over the sentences
  with a gold event. Actors are compared by key; a gold ``unresolved:<slug>`` matches a
  predicted unresolved actor when the last word of either slug is a word of the other
  ("unresolved:kenyan-police" and "unresolved:police");
- **status accuracy** over the sentences whose main event has the right type;
- a **confusion** table (gold type -> main predicted type or ``none``) and the accuracy
  per gold type;
- a **keyword baseline**: the type whose keyword (:data:`BASELINE_KEYWORDS`, a trivial
  list of a few words per type) occurs earliest in the lower-cased sentence; no keyword,
  no event. It shows what a rule set must beat.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from zopa.errors import ExtractionError, quoted
from zopa.extract._doc import EVENTS, FIELDS, PUBLISHED
from zopa.extract.events import PLOVER_TYPES
from zopa.files import MAX_DATA_FILE_BYTES, display_path, read_text, yaml_error_line

__all__ = [
    "BASELINE_KEYWORDS",
    "NO_EVENT",
    "GoldSentence",
    "SentenceReport",
    "baseline_type",
    "evaluate_sentences",
    "load_sentences",
    "same_actor",
    "score_sentences",
]

STATUSES = ("happened", "planned", "refused", "hypothetical")
#: The ``type`` of a sentence that reports no event (also written null).
NO_EVENT = "NONE"
_UNORDERED = frozenset({"CONSULT", "COOPERATE"})
_NONE = "none"

#: The keyword baseline: a few obvious words (lower-case substrings) per PLOVER type.
BASELINE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "CONSULT": ("met ", "meet", "talks", "visit", "summit", "phone call"),
    "AGREE": ("agree", "deal", "accord", "signed", "treaty"),
    "SUPPORT": ("praise", "welcome", "endorse", "support", "backed"),
    "CONCEDE": ("concede", "concession", "eased", "lifted", "compromise"),
    "COOPERATE": ("cooperat", "co-operat", "joint", "partnership", "share"),
    "AID": ("aid", "assistance", "donat", "relief", "supplies"),
    "RETREAT": ("withdr", "released", "retreat", "pulled out", "ceasefire"),
    "REQUEST": ("urge", "call for", "called for", "demand", "appeal", "asked"),
    "ACCUSE": ("accuse", "blame", "condemn", "critici", "denounce"),
    "REJECT": ("reject", "refuse", "dismiss", "veto", "denied"),
    "THREATEN": ("threat", "warn", "ultimatum"),
    "PROTEST": ("protest", "demonstrat", "rally", "march", "strike"),
    "SANCTION": ("sanction", "embargo", "expel", "boycott", "suspend"),
    "MOBILIZE": ("mobili", "deploy", "troops", "reservist", "alert"),
    "COERCE": ("arrest", "detain", "ban", "seize", "tear gas"),
    "ASSAULT": ("attack", "kill", "bomb", "shell", "clash"),
}


@dataclass(frozen=True)
class GoldSentence:
    """One sentence of a sentences file with its main event (``type`` None: no event)."""

    id: str
    text: str
    published: dt.date | None
    type: str | None
    source_actor: str | None = None
    target_actor: str | None = None
    status: str | None = None
    trigger: str | None = None
    mode: str | None = None
    cameo: str | None = None


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ExtractionError(
            f"{where}: published {quoted(str(value))} is not a date; write YYYY-MM-DD"
        ) from None


def _optional(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return None if value is None else str(value)


def _sentence(raw: Any, where: str) -> GoldSentence:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise ExtractionError(f"{where}: expected a mapping with id and text; fix the item")
    etype = _optional(raw, "type")
    if etype == NO_EVENT:
        etype = None  # the training corpus's spelling of "no event"
    if etype is not None and etype not in PLOVER_TYPES:
        raise ExtractionError(
            f"{where}: type {quoted(etype)} is no PLOVER type; use one of "
            f"{', '.join(sorted(PLOVER_TYPES))}, or NONE for no event"
        )
    status = _optional(raw, "status")
    if status is not None and status not in STATUSES:
        raise ExtractionError(
            f"{where}: status {quoted(status)} is unknown; use one of {', '.join(STATUSES)}"
        )
    return GoldSentence(
        id=str(raw.get("id", where)),
        text=raw["text"],
        published=_date(raw.get("published"), where),
        type=etype,
        source_actor=_optional(raw, "source_actor"),
        target_actor=_optional(raw, "target_actor"),
        status=status,
        trigger=_optional(raw, "trigger"),
        mode=_optional(raw, "mode"),
        cameo=_optional(raw, "cameo"),
    )


def load_sentences(path: str | Path) -> list[GoldSentence]:
    """Read a sentences file (format in the module docstring).

    Raises
    ------
    ExtractionError
        The file cannot be read, is not YAML, or an item is malformed (the message names
        the file, and the item by number and id).
    """
    source = display_path(path)
    text = read_text(path, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what="sentences")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ExtractionError(f"{source}{line}: not valid YAML; fix the syntax there") from exc
    if not isinstance(data, list):
        raise ExtractionError(f"{source}: expected a YAML list of sentences (- id: ..., text: ...)")
    sentences = []
    for number, raw in enumerate(data, start=1):
        ident = raw.get("id") if isinstance(raw, dict) else None
        where = f"{source} item {number}" + (f" ({ident})" if ident else "")
        sentences.append(_sentence(raw, where))
    return sentences


def baseline_type(text: str) -> str | None:
    """The keyword baseline's type: the type whose keyword occurs earliest, or None."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for etype, words in BASELINE_KEYWORDS.items():
        for word in words:
            at = lowered.find(word)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, etype)
    return best[1] if best is not None else None


def _words(key: str) -> list[str]:
    return key.removeprefix("unresolved:").split("-")


def same_actor(gold: str | None, predicted: str | None) -> bool:
    """Whether a predicted actor key is the gold one (unresolved names by their head word)."""
    if gold == predicted:
        return True
    if gold is None or predicted is None:
        return False
    if gold.startswith("unresolved:") and predicted.startswith("unresolved:"):
        ours, theirs = _words(gold), _words(predicted)
        return ours[-1] in theirs or theirs[-1] in ours
    return False


def _hit(gold: GoldSentence, event: Mapping[str, Any]) -> bool:
    if event.get("type") != gold.type:
        return False
    source, target = event.get("source_actor"), event.get("target_actor")
    if same_actor(gold.source_actor, source) and same_actor(gold.target_actor, target):
        return True
    return gold.type in _UNORDERED and (
        same_actor(gold.source_actor, target) and same_actor(gold.target_actor, source)
    )


def _main(gold: GoldSentence, events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The event whose span overlaps the gold trigger's words, else the first one."""
    if not events:
        return None
    if gold.trigger:
        at = gold.text.lower().find(gold.trigger.lower())
        if at >= 0:
            end = at + len(gold.trigger)
            for event in events:
                if event["start"] < end and at < event["end"]:
                    return event
    return events[0]


@dataclass
class SentenceReport:
    """The measures of one run over a sentences file (see the module docstring)."""

    sentences: int = 0
    covered: int = 0
    events: int = 0
    gold_events: int = 0
    type_right: int = 0
    hits: int = 0
    status_right: int = 0
    baseline_covered: int = 0
    baseline_right: int = 0
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Type + source + target hits over the sentences where an event is coded."""
        return self.hits / self.covered if self.covered else 1.0

    @property
    def recall(self) -> float:
        """Type + source + target hits over the sentences with a gold event."""
        return self.hits / self.gold_events if self.gold_events else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of :attr:`precision` and :attr:`recall`."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``: the figures, the confusion table and the misses."""

        def share(part: int, whole: int) -> float:
            return round(part / whole, 4) if whole else 0.0

        per_type = {
            gold: {
                "sentences": sum(row.values()),
                "type_accuracy": share(row[gold], sum(row.values())),
            }
            for gold, row in sorted(self.confusion.items())
        }
        return {
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "coverage": share(self.covered, self.sentences),
            "events_per_sentence": share(self.events, self.sentences),
            "type_accuracy": share(self.type_right, self.gold_events),
            "type_source_target": {
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
                "hits": self.hits,
            },
            "status_accuracy": share(self.status_right, self.type_right),
            "status_over": self.type_right,
            "baseline": {
                "coverage": share(self.baseline_covered, self.sentences),
                "type_accuracy": share(self.baseline_right, self.gold_events),
            },
            "per_type": per_type,
            "confusion": {
                g: dict(sorted(row.items())) for g, row in sorted(self.confusion.items())
            },
            "misses": self.misses,
        }


def score_sentences(
    gold: Sequence[GoldSentence], predicted: Iterable[Sequence[Mapping[str, Any]]]
) -> SentenceReport:
    """Score each sentence's predicted events (dicts with ``start``/``end`` and the event
    fields, in text order) against its gold main event."""
    report = SentenceReport()
    for sentence, events in zip(gold, predicted, strict=True):
        report.sentences += 1
        report.events += len(events)
        report.covered += bool(events)
        guess = baseline_type(sentence.text)
        report.baseline_covered += guess is not None
        if sentence.type is None:
            continue
        report.gold_events += 1
        report.baseline_right += guess == sentence.type
        main = _main(sentence, events)
        main_type = str(main["type"]) if main is not None else _NONE
        report.confusion.setdefault(sentence.type, Counter())[main_type] += 1
        hit = any(_hit(sentence, e) for e in events)
        report.hits += hit
        if main is not None and main_type == sentence.type:
            report.type_right += 1
            report.status_right += main.get("status") == sentence.status
        if not hit:
            report.misses.append(
                {
                    "id": sentence.id,
                    "gold": [sentence.type, sentence.source_actor, sentence.target_actor],
                    "predicted": [
                        [e["type"], e.get("source_actor"), e.get("target_actor")] for e in events
                    ],
                }
            )
    return report


def evaluate_sentences(nlp: Language, sentences: Sequence[GoldSentence]) -> SentenceReport:
    """Extract each sentence as its own document dated ``published`` and score it."""
    docs = []
    for sentence in sentences:
        doc = nlp.make_doc(sentence.text)
        doc._.set(PUBLISHED, sentence.published)
        docs.append(doc)
    predicted = [
        [
            {"start": s.start_char, "end": s.end_char, **s._.get(FIELDS)}
            for s in doc.spans.get(EVENTS, [])
        ]
        for doc in nlp.pipe(docs)
    ]
    return score_sentences(sentences, predicted)

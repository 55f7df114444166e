"""Combining the trigger rules with the type classifier, sentence by sentence.

The classifier (:mod:`~zopa.extract.events._classifier`) reads each sentence (a headline
excepted) and gives a probability per PLOVER type and ``NONE``. The rules' events keep
their trigger span, source and target; the classifier decides the type where it is sure:

- **the main predicate** of a sentence is its root verb, or, under a reporting root, the
  verb of what is reported ("officials said troops had withdrawn" -> withdrawn), and
  under a verb of refusal or intent the verb refused or intended ("refused to free");
- **the main rule event** is the rule event whose trigger (or frame) is the main predicate
  or hangs at most :data:`NEAR` arcs from it;
- **correction**: a main rule event whose type the classifier finds improbable (below
  :attr:`Thresholds.keep`) while it is confident of another type (at least
  :attr:`Thresholds.retype`) takes that type, with the type's CAMEO code
  (``type_codes`` of the lexicon) and no mode;
- **addition**: a sentence with no main rule event, of which the classifier is confident
  (at least :attr:`Thresholds.add`) that it reports an event of a type the rules did not
  code there, gets that event, the main predicate as its trigger; its source, target,
  status, date and place come from the same argument, status and time steps as every
  event's (through ``code``), so it needs a named source as every event does;
- **no event**: the rule events of a sentence the classifier is confident reports none
  (``NONE`` at least :attr:`Thresholds.drop`), and whose types it finds improbable, are
  dropped.

The thresholds were chosen on the corpus held out by author (``training/events/train.py
--check``), never on the cross-author sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from zopa.extract._doc import FIELDS
from zopa.extract.events._classifier import NONE, SentenceTypes, TypeClassifier
from zopa.extract.events._context import Context
from zopa.extract.events._lexicon import EventEntry, EventLexicon
from zopa.extract.events._triggers import Trigger

__all__ = ["NEAR", "Coded", "Thresholds", "TypeCombiner", "main_predicate"]

#: How many dependency arcs a main rule event's trigger may hang from the main predicate
#: ("held talks": one; "agreed to resume talks": two).
NEAR = 2

#: An event as coded: its span and the token its trigger (or frame) is.
Coded = tuple[Span, Token]

#: Codes the events of a trigger (the component's argument, status and time steps).
Coder = Callable[[Trigger, Context], Iterator[Coded]]


@dataclass(frozen=True)
class Thresholds:
    """The classifier probabilities the combination acts on (module docstring)."""

    keep: float = 0.15
    retype: float = 0.5
    add: float = 0.5
    drop: float = 0.8


def main_predicate(sent: Span, lexicon: EventLexicon) -> Token:
    """The sentence's root verb; under a reporting verb, the verb of what it reports; under
    a verb of refusal or intent, the verb refused or intended ("refused to free", "plans
    to withdraw")."""
    root = sent.root
    for _ in range(3):
        lemma = root.lemma_.lower()
        if lemma in lexicon.reporting_verbs:
            deps: tuple[str, ...] = ("ccomp",)
        elif lemma in lexicon.refusal_verbs | lexicon.intent_verbs:
            deps = ("xcomp",)
        else:
            break
        inner = [c for c in root.children if c.dep_ in deps and c.pos_ in ("VERB", "AUX")]
        if not inner:
            break
        root = inner[0]
    return root


def _distance(a: Token, b: Token, limit: int) -> int | None:
    """The number of dependency arcs between two tokens of a sentence, up to ``limit``."""
    up: dict[int, int] = {a.i: 0}
    tok = a
    for steps in range(1, limit + 1):
        if tok.head is tok:
            break
        tok = tok.head
        up[tok.i] = steps
    tok = b
    for steps in range(limit + 1):
        if tok.i in up and up[tok.i] + steps <= limit:
            return up[tok.i] + steps
        if tok.head is tok:
            break
        tok = tok.head
    return None


class TypeCombiner:
    """Combines the rules' events with the classifier's reading (module docstring)."""

    def __init__(
        self,
        classifier: TypeClassifier,
        lexicon: EventLexicon,
        thresholds: Thresholds = Thresholds(),
    ) -> None:
        self.classifier = classifier
        self.lexicon = lexicon
        self.thresholds = thresholds
        self._entries = {
            etype: EventEntry(id=f"classifier:{etype}", type=etype, cameo=code)
            for etype, code in lexicon.type_codes.items()
        }

    def combine(self, ctx: Context, coded: list[Coded], code: Coder) -> list[Span]:
        """The events of the document: the rules' ``coded`` events, corrected, plus the
        events the classifier finds where no rule fired."""
        by_sentence: dict[int, list[Coded]] = {}
        for item in coded:
            by_sentence.setdefault(ctx.sent_of[item[1].i], []).append(item)
        sentences = [
            (number, sent)
            for number, sent in enumerate(ctx.sents)
            if sent.start >= ctx.headline_end and any(t.is_alpha for t in sent)
        ]
        readings = self.classifier.classify([sent.text for _, sent in sentences])
        out: list[Span] = []
        for (number, sent), reading in zip(sentences, readings, strict=True):
            out.extend(self._sentence(ctx, sent, reading, by_sentence.pop(number, []), code))
        for rest in by_sentence.values():  # the headline's (none today) stay as coded
            out.extend(span for span, _ in rest)
        return out

    def _sentence(
        self, ctx: Context, sent: Span, reading: SentenceTypes, coded: list[Coded], code: Coder
    ) -> list[Span]:
        limits = self.thresholds
        best = reading.best
        if (
            coded
            and best == NONE
            and reading.confidence >= limits.drop
            and all(reading.of(span.label_) < limits.keep for span, _ in coded)
        ):
            return []
        predicate = main_predicate(sent, self.lexicon)
        near = [
            (distance, index)
            for index, (_, anchor) in enumerate(coded)
            if (distance := _distance(anchor, predicate, NEAR)) is not None
        ]
        spans = [span for span, _ in coded]
        if best == NONE or reading.confidence < min(limits.retype, limits.add):
            return spans
        if near:
            main = coded[min(near)[1]]
            if (
                main[0].label_ != best
                and reading.of(main[0].label_) < limits.keep
                and reading.confidence >= limits.retype
            ):
                # every dyad of the main event's trigger takes the type
                return [self._retype(s, best) if a.i == main[1].i else s for s, a in coded]
            return spans
        if reading.confidence >= limits.add and best not in {s.label_ for s in spans}:
            trigger = Trigger(self._entries[best], predicate, (predicate.i, predicate.i + 1))
            spans.extend(span for span, _ in code(trigger, ctx))
        return spans

    def _retype(self, span: Span, etype: str) -> Span:
        fields = dict(span._.get(FIELDS))
        cameo = self._entries[etype].cameo
        fields.update(type=etype, mode=None, cameo=cameo)
        source, target = fields["source_actor"], fields["target_actor"]
        new = Span(
            span.doc, span.start, span.end, label=etype, kb_id=f"{cameo}:{source}>{target or ''}"
        )
        new._.set(FIELDS, fields)
        return new


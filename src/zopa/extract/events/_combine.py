"""Combining the trigger rules with the type classifier, sentence by sentence.

The classifier (:mod:`~zopa.extract.events._classifier`) reads each sentence (a headline
excepted) and gives a probability per PLOVER type and ``NONE``. The rules' events keep
their trigger span, source and target; the classifier decides the type where it is sure:

- **the main predicate** of a sentence (:func:`~zopa.extract.events._views.main_predicate`)
  is its root verb, or the verb reported, refused or intended under it;
- **the main rule event** is the rule event whose trigger (or frame) is the main predicate
  or its object or complement, at most :data:`NEAR` arcs below it ("held talks");
- **correction**: a main rule event whose type the classifier finds improbable (below
  :attr:`Thresholds.keep`) while it is sure of another type (at least
  :attr:`Thresholds.retype`) takes that type, with the type's CAMEO code
  (``type_codes`` of the lexicon) and no mode;
- **addition**: a sentence with no main rule event, of which the classifier is confident
  that it reports an event of a type the rules did not code there, gets that event, the
  main predicate as its trigger; its source, target, status, date and place come from the
  same argument, status and time steps as every event's (through ``code``), so it needs a
  source as every event does. A sentence of a longer text needs more confidence
  (:attr:`Thresholds.add_in_text`) than a sentence alone (:attr:`Thresholds.add`): the
  corpus's sentences were chosen as examples (four in five report an event), while much
  of an article is background, quotation and analysis.

The thresholds were chosen by measurement: on the corpus held out by author
(``training/events/train.py --check``) and on the team's and the tuning articles
(``zopa eval extraction``), where a looser correction or addition cost more than it won
(docs/extraction-events.md, "Type classifier").
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
from zopa.extract.events._views import main_predicate, sentence_view

__all__ = ["CLASSIFIED", "NEAR", "Coded", "Decision", "Thresholds", "TypeCombiner", "decide"]

#: The id prefix of the trigger entries of the events the classifier adds.
CLASSIFIED = "classifier:"

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

    keep: float = 0.05
    retype: float = 0.7
    #: a sentence alone: more than a near-even reading over the 17 labels (0.06 each)
    add: float = 0.15
    add_in_text: float = 0.5


@dataclass(frozen=True)
class Decision:
    """What the classifier's reading does to a sentence's rule events."""

    retype: str | None = None  #: the type the main rule event takes
    add: str | None = None  #: the type of an event added at the main predicate


def decide(
    reading: SentenceTypes,
    coded: list[str],
    main: str | None,
    thresholds: Thresholds = Thresholds(),
    alone: bool = True,
) -> Decision:
    """The combination rule (module docstring) for one sentence: ``coded`` are the types
    of its rule events, ``main`` the type of its main rule event (None: none is near the
    main predicate); ``alone``: the sentence is the whole document."""
    best, confidence = reading.best, reading.confidence
    if best == NONE:
        return Decision()
    if main is not None:
        if main != best and reading.of(main) < thresholds.keep and confidence >= thresholds.retype:
            return Decision(retype=best)
        return Decision()
    add = thresholds.add if alone else thresholds.add_in_text
    if confidence >= add and best not in coded:
        return Decision(add=best)
    return Decision()


#: The arcs by which a trigger is part of its predicate's own act: its object or
#: complement ("held talks", "agreed to resume talks", "was a failure").
_CORE = frozenset({"dobj", "xcomp", "ccomp", "attr", "oprd", "acomp", "nsubjpass"})


def _distance(anchor: Token, predicate: Token, limit: int) -> int | None:
    """How many core arcs (:data:`_CORE`) lead up from ``anchor`` to ``predicate``, up to
    ``limit``; None when it is not reached that way (a trigger in a modifier, a
    subordinate clause or a prepositional phrase is another act than the predicate's)."""
    tok = anchor
    for steps in range(limit + 1):
        if tok.i == predicate.i:
            return steps
        if tok.dep_ not in _CORE or tok.head is tok:
            return None
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
            etype: EventEntry(id=f"{CLASSIFIED}{etype}", type=etype, cameo=code)
            for etype, code in lexicon.type_codes.items()
        }

    def combine(self, ctx: Context, coded: list[Coded], code: Coder) -> list[Span]:
        """The events of the document: the rules' ``coded`` events, corrected, plus the
        events the classifier finds where no rule fired."""
        by_sentence: dict[int, list[Coded]] = {}
        for item in coded:
            by_sentence.setdefault(ctx.sent_of[item[1].i], []).append(item)
        sentences = [
            (number, sent, main_predicate(sent, self.lexicon))
            for number, sent in enumerate(ctx.sents)
            if sent.start >= ctx.headline_end and any(t.is_alpha for t in sent)
        ]
        readings = self.classifier.classify(
            [sentence_view(sent, predicate) for _, sent, predicate in sentences]
        )
        out: list[Span] = []
        alone = len(sentences) == 1
        for (number, _, predicate), reading in zip(sentences, readings, strict=True):
            coded_here = by_sentence.pop(number, [])
            out.extend(self._sentence(ctx, predicate, reading, coded_here, code, alone))
        for rest in by_sentence.values():  # the headline's (none today) stay as coded
            out.extend(span for span, _ in rest)
        return out

    def _sentence(
        self,
        ctx: Context,
        predicate: Token,
        reading: SentenceTypes,
        coded: list[Coded],
        code: Coder,
        alone: bool,
    ) -> list[Span]:
        near = [
            (distance, index)
            for index, (_, anchor) in enumerate(coded)
            if (distance := _distance(anchor, predicate, NEAR)) is not None
        ]
        main = coded[min(near)[1]] if near else None
        decision = decide(
            reading,
            [span.label_ for span, _ in coded],
            main[0].label_ if main is not None else None,
            self.thresholds,
            alone,
        )
        spans = [span for span, _ in coded]
        if decision.retype is not None and main is not None:
            # every dyad of the main event's trigger takes the type
            return [self._retype(s, decision.retype) if a.i == main[1].i else s for s, a in coded]
        if decision.add is not None:
            entry = self._entries[decision.add]
            trigger = Trigger(entry, predicate, (predicate.i, predicate.i + 1))
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

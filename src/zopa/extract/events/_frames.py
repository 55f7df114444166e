"""Frame composition: verbs that wrap another event are coded with it.

A frame entry (one with a ``complement`` table) composed with the trigger it governs
(its xcomp, ccomp, object, or "for/to/on" phrase) codes one event from the frame's table
for the inner trigger's topic, and the inner trigger is absorbed: "proposed renewing
direct talks" -> AGREE 036, "rejected Algerian mediation" -> REJECT 126, "threatened to
impose sanctions" -> THREATEN 1312; a negated frame may use its ``when_negated`` table
("does not rule out withdrawing" -> THREATEN 134). A refusal verb with an infinitive
("refused to meet", "failed to agree") is no frame: the inner event is coded on its own,
with status refused, and the refusal is not coded.
"""

from __future__ import annotations

from spacy.tokens import Token

from zopa.extract.events._lexicon import EventLexicon
from zopa.extract.events._status import StatusReader
from zopa.extract.events._triggers import Trigger

__all__ = ["FrameComposer"]

_COMPLEMENT_PREPS = frozenset({"for", "to", "on", "of", "about", "toward", "towards"})


class FrameComposer:
    """Composes frames with their complements, per document (see the module docstring)."""

    def __init__(self, lexicon: EventLexicon, status: StatusReader) -> None:
        self.lexicon = lexicon
        self.status = status
        self._inner: dict[int, Trigger] = {}  # per document: frame -> its complement

    # ------------------------------------------------------------------ frames
    def compose(self, triggers: list[Trigger]) -> list[Trigger]:
        at = {t.root.i: t for t in triggers}
        self._inner = {}
        for trigger in triggers:
            if trigger.root.lemma_.lower() in self.lexicon.refusal_verbs and any(
                c.dep_ == "xcomp" for c in trigger.root.children
            ):
                trigger.absorbed = True  # "refused to sign": a signing, refused (status)
                continue
            if not (trigger.entry.complement or trigger.entry.when_negated):
                continue
            inner = self._complement_of(trigger.root, at, depth=0)
            if inner is not None and inner is not trigger:
                inner.frame = trigger
                self._inner[id(trigger)] = inner
                for conj in inner.root.conjuncts:  # "proposed sending X and resuming talks"
                    if any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in conj.children):
                        continue  # "... and mediated by the U.N.": a clause of its own
                    if conj.i in at and at[conj.i] is not trigger and at[conj.i].frame is None:
                        at[conj.i].frame = trigger
        for trigger in triggers:
            frame = trigger.frame
            if frame is not None and self.mapping(frame, trigger) is not None:
                frame.absorbed = True
        # a frame absorbed by its own complement still counts when it is itself framed
        # ("ignored [Ukraine's call for a ceasefire]": the call and its rejection)
        return [
            t
            for t in triggers
            if not t.absorbed or (t.frame is not None and self.mapping(t.frame, t) is not None)
        ]

    def _complement_of(self, token: Token, at: dict[int, Trigger], depth: int) -> Trigger | None:
        if depth > 3:
            return None
        children = list(token.children)
        if token.pos_ == "ADJ" and token.dep_ == "acomp":
            # "envoys have been adamant that Ukraine must ...": the parser hangs the
            # clause on the copula
            children += [c for c in token.head.children if c.dep_ == "ccomp"]
        for child in children:
            candidates: list[Token] = []
            if child.dep_ in ("xcomp", "ccomp", "dobj", "attr", "acl", "oprd", "nsubjpass"):
                candidates.append(child)
            elif child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS:
                candidates.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            for cand in candidates:
                if cand.tag_ in ("WDT", "WP") and cand.head.dep_ == "relcl":
                    cand = cand.head.head
                if cand.i in at:
                    return at[cand.i]
                if child.dep_ == "ccomp" and cand.pos_ in ("VERB", "AUX"):
                    # "warned that tariffs could rise", "insists that a withdrawal is ..."
                    subjects = [c for c in cand.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subjects and subjects[0].i in at:
                        return at[subjects[0].i]
                clause = [
                    c for c in cand.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
                ]
                if cand.pos_ in ("NOUN", "PROPN") and clause and clause[0].i in at:
                    return at[clause[0].i]  # "does not rule out the US withdrawing"
                if cand.lemma_.lower() in self.lexicon.light_verbs | self.lexicon.intent_verbs:
                    found = self._complement_of(cand, at, depth + 1)
                    if found is not None:
                        return found
        if token.dep_ == "relcl" and any(
            c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") for c in token.children
        ):
            return at.get(token.head.i)
        return None

    def mapping(self, frame: Trigger, inner: Trigger) -> dict[str, str] | None:
        topic = self.topic(inner)
        if topic is None:
            return None
        table = frame.entry.complement
        if self.status.negated(frame.root) and frame.entry.when_negated:
            table = frame.entry.when_negated
        return table.get(topic)

    def topic(self, trigger: Trigger) -> str | None:
        """A trigger's topic; a frame composed with its complement passes that one's on.

        "urged Moscow to accept a ceasefire": what is asked for is the ceasefire.
        """
        inner = self._inner.get(id(trigger))
        if inner is not None and inner.frame is trigger:
            topic = inner.entry.topic
            table = trigger.entry.complement
            if topic is not None and topic in table:
                return topic
        return trigger.entry.topic

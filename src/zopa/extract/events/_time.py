"""Time and place of an event: the date its words name and the place named in its clause.

The date is a DATE entity attached (through at most one preposition, not across another
verb) to the trigger, its frame or its light verb; modifiers ("30-day") and durations
("for months") are no dates. It is resolved against the document's publication date by
:func:`zopa.extract._dates.resolve_date`. The place is a GPE, location, facility or
multilateral gathering in an "in/at" phrase of the event's words (rules in
docs/extraction-events.md, "Date rule").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from zopa.extract._dates import ResolvedDate, resolve_date, resolve_deadline
from zopa.extract._doc import PUBLISHED
from zopa.extract.events._context import Context
from zopa.extract.events._triggers import Trigger
from zopa.extract.events._words import WORDS

__all__ = ["event_date", "event_place", "multilateral"]


def _anchors(trigger: Trigger, anchor: Token) -> set[int]:
    """The event's words a date or place may hang on: trigger, frame and up to three heads."""
    anchors = {trigger.root.i, anchor.i}
    for tok in (trigger.root, anchor):
        head = tok.head
        steps = 0
        while tok.dep_ in ("dobj", "pobj", "prep", "xcomp", "nsubj", "nsubjpass", "attr") and (
            steps < 3
        ):
            anchors.add(head.i)
            tok, head = head, head.head
            steps += 1
    return anchors


def event_date(
    ctx: Context, trigger: Trigger, anchor: Token, status: str
) -> tuple[str | None, ResolvedDate | None]:
    """The date words of an event ("on Friday", "by March") and their resolution."""
    anchors = _anchors(trigger, anchor)
    best: tuple[int, Span] | None = None
    for ent in ctx.ents_near(anchors):
        if ent.label_ not in ("DATE", "TIME") or ent.root.dep_ in (
            "amod",
            "compound",
            "nummod",
            "nmod",
        ):
            continue  # "a 30-day ceasefire" names a duration, not the event's date
        if (
            ent.root.head.lower_ == "within"
            and ent.root.head.head.i in anchors
            and not _past(ent.root.head.head)
        ):
            # "will sign a treaty within 90 days": a deadline, the last day it allows;
            # "dismissed the proposal within an hour": the time it took (a duration)
            text = f"within {ent.text}"
            deadline = resolve_deadline(text, ctx.doc._.get(PUBLISHED))
            if deadline is not None:
                return text, deadline
        if ent.label_ == "TIME" or ent.root.head.lower_ in (
            "for",
            "within",
            "over",
            "during",
            "throughout",
        ):
            continue  # "for months": a duration
        tok = ent.root
        for _ in range(3):
            if tok.head.i in anchors and tok.head is not tok:
                distance = abs(ent.start - trigger.root.i)
                if best is None or distance < best[0]:
                    best = (distance, ent)
                break
            if tok.head is tok or tok.head.pos_ in ("VERB", "AUX"):
                break  # the date belongs to another clause
            tok = tok.head
    if best is None:
        return None, None
    ent = best[1]
    text = ent.text
    prep = ent.root.head
    if prep.dep_ == "prep" and prep.i == ent.start - 1:
        text = f"{prep.text} {text}"
    forward = status in ("planned", "hypothetical") or prep.lower_ == "by"
    return text, resolve_date(text, ctx.doc._.get(PUBLISHED), forward=forward)


def _past(verb: Token) -> bool:
    """Whether a verb tells a past act ("dismissed", "had signed"), not one to come."""
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )


def event_place(ctx: Context, trigger: Trigger, anchor: Token) -> str | None:
    """The place named in the event's clause ("in Istanbul", "a visit to Kyiv"), or None."""
    anchors = _anchors(trigger, anchor)
    for ent in ctx.ents_near(anchors):
        if ent.label_ not in ("GPE", "LOC", "FAC", "EVENT", "ORG"):
            continue
        head = ent.root.head
        if ent.root.dep_ == "compound" and head.i == trigger.root.i and ent.label_ != "ORG":
            return ent.text
        located = head.lower_ in ("in", "at") or (
            head.lower_ == "to" and trigger.entry.mode == "visit"
        )
        if ent.root.dep_ == "pobj" and head.dep_ == "prep" and head.head.i in anchors and located:
            if ent.label_ == "ORG" and not multilateral(ent.text):
                continue
            return ent.text
    return None


def multilateral(place: str) -> bool:
    """Whether a place names a multilateral gathering ("the G20 summit")."""
    lowered = place.lower()
    return any(word in lowered for word in WORDS.multilateral_words)

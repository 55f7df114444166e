"""The evidence a draft is made from, read from the store once (up to an as-of date).

Every citation the draft writes is built by :func:`cite`, so the format of a
citation is decided in one place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from zopa.scenario._citations import cite as citation
from zopa.scenario._id_ranges import IdRanges

if TYPE_CHECKING:  # the store needs SQLAlchemy: imported when a draft is made
    from zopa.store import Actor, Claim, Estimate, Event, Store

__all__ = ["EXCERPT_CHARS", "DraftRows", "cite", "excerpt", "load_rows", "trim"]

#: CAMEO codes and event modes that make the doer a mediator (045 mediate) or host (043).
MEDIATION_MODES = frozenset({"mediate", "045"})
HOSTING_MODES = frozenset({"host", "043"})
#: CAMEO codes of a meeting or a signing: both ends are at the table (040 consult, 057 sign).
TABLE_CODES = frozenset({"040", "057"})
#: CAMEO codes of talks held somewhere (040 consult, 046 negotiate): not a call or a visit.
TALKS_CODES = frozenset({"040", "046"})
_NOT_HAPPENING = frozenset({"refused", "hypothetical"})
#: PLOVER types of an act of one party against another: they stand on opposite sides.
HOSTILE_TYPES = frozenset({"REJECT", "ACCUSE", "THREATEN", "COERCE", "ASSAULT", "SANCTION"})
#: Longest claim excerpt quoted in an anchor.
EXCERPT_CHARS = 140


def cite(kind: Literal["claim", "estimate", "quote", "event"], row: Any) -> dict[str, Any]:
    """The evidence entry citing ``row`` (a claim, estimate or event row) of kind ``kind``.

    A claim or estimate is cited by id, document, span and digest
    (:func:`zopa.scenario._citations.cite`); an event (the scenario
    format has no event citation) by document and span, with its text as a note.
    """
    if kind == "event":
        span = {"document": str(row.document_id), "start": row.start, "end": row.end}
        return {**span, "note": f"{row.mode or row.cameo}: {trim(row.text, 120)}"}
    return citation(kind, row)


def trim(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def excerpt(sentence: str, claim: Claim, limit: int) -> str:
    """The claim's ``sentence`` on one line, or a window of it around the claim, within ``limit``.

    ``sentence`` is the text from ``claim.sentence_start`` to ``claim.sentence_end``.
    """
    if len(" ".join(sentence.split())) <= limit:
        return " ".join(sentence.split())
    start, end = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    room = max(0, limit - (end - start)) // 2
    low = max(0, start - room)
    high = min(len(sentence), end + room + max(0, room - (start - low)))
    words = sentence[low:high].split()
    if 0 < low < start and len(words) > 1:
        words = ["…", *words[1:]]
    if end < high < len(sentence) and len(words) > 1:
        words = [*words[:-1], "…"]
    return trim(" ".join(words), limit)


@dataclass
class DraftRows:
    """Claims (with their speakers), mediation events, estimates, actors and outlets."""

    claims: list[Claim] = field(default_factory=list)
    actors: dict[int, Actor] = field(default_factory=dict)
    #: the actors the evidence holds now: mentioned, or holding a claim, event or estimate
    #: (an actor row left by an earlier extraction, its mentions since re-extracted under
    #: another key, is not one)
    live: set[int] = field(default_factory=set)
    #: each claim's words in context (its sentence, or a window of it), by claim id
    excerpts: dict[int, str] = field(default_factory=dict)
    #: each claim's whole sentence, by claim id
    sentences: dict[int, str] = field(default_factory=dict)
    #: actor ids named in each claim's sentence (from the mentions), by claim id
    named: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    mediations: list[Event] = field(default_factory=list)
    hostings: list[Event] = field(default_factory=list)
    #: meetings and signings with both ends known
    meetings: list[Event] = field(default_factory=list)
    #: meetings and negotiations (:data:`TALKS_CODES`) with a place: where talks were held
    venues: list[Event] = field(default_factory=list)
    #: rejections, accusations, threats, coercion, attacks, sanctions with both ends known
    #: (a rejection is stored "refused"; only hypothetical ones are left out)
    hostile: list[Event] = field(default_factory=list)
    #: every rejection (PLOVER REJECT), with or without a target: what an offer or a
    #: proposal to mediate may have met
    rejections: list[Event] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)
    #: documents left out because they were published after ``as_of`` or are undated
    left_out: int = 0
    #: the documents read: published by ``as_of`` and extracted (or holding evidence)
    documents: IdRanges = field(default_factory=IdRanges)


def load_rows(store: Store, as_of: dt.date | None = None) -> DraftRows:
    """Read what the draft needs from ``store``: documents published by ``as_of`` only.

    With ``as_of`` an undated document is left out too (it cannot be shown to
    precede the date); :attr:`DraftRows.left_out` counts what was left out.
    """
    from sqlalchemy import and_, func, select, true

    from zopa.store import Actor, Claim, Document, DocumentExtraction, Estimate, Event, Mention

    kept = (
        true()
        if as_of is None
        else and_(Document.published_at.is_not(None), Document.published_at <= as_of)
    )
    rows = DraftRows()
    with store.session() as session:
        total = session.scalar(select(func.count()).select_from(Document)) or 0
        used = session.scalar(select(func.count()).select_from(Document).where(kept)) or 0
        rows.left_out = total - used
        outlets = session.scalars(select(Document.outlet).where(Document.outlet.is_not(None)))
        rows.outlets = {" ".join(o.casefold().split()) for o in outlets if o}
        sentence = func.substr(
            Document.text, Claim.sentence_start + 1, Claim.sentence_end - Claim.sentence_start
        )
        claims = session.execute(
            select(Claim, sentence)
            .join(Document, Document.id == Claim.document_id)
            .where(kept, Claim.actor_id.is_not(None))
            .order_by(Claim.id)
        ).all()
        rows.claims = [claim for claim, _ in claims]
        events = session.scalars(
            select(Event)
            .join(Document, Document.id == Event.document_id)
            .where(kept, Event.source_actor_id.is_not(None), Event.status != "hypothetical")
            .order_by(Event.id)
        ).all()
        rows.hostile = [
            e for e in events if e.type in HOSTILE_TYPES and e.target_actor_id is not None
        ]
        rows.rejections = [e for e in events if e.type == "REJECT"]
        events = [e for e in events if e.status not in _NOT_HAPPENING]
        rows.mediations = [e for e in events if {e.mode, e.cameo} & MEDIATION_MODES]
        rows.hostings = [e for e in events if {e.mode, e.cameo} & HOSTING_MODES]
        rows.meetings = [
            e for e in events if e.cameo in TABLE_CODES and e.target_actor_id is not None
        ]
        rows.venues = [e for e in events if e.cameo in TALKS_CODES and e.place]
        rows.estimates = list(
            session.scalars(
                select(Estimate)
                .join(Document, Document.id == Estimate.document_id)
                .where(kept)
                .order_by(Estimate.id)
            )
        )
        claim_docs = select(Claim.document_id).where(Claim.actor_id.is_not(None))
        mentions = session.execute(
            select(Mention.document_id, Mention.start, Mention.end, Mention.actor_id).where(
                Mention.document_id.in_(claim_docs)
            )
        ).all()
        extracted = session.scalars(
            select(Document.id).where(kept, Document.id.in_(select(DocumentExtraction.document_id)))
        )
        read = {*extracted, *(c.document_id for c, _ in claims)}
        rows.documents = IdRanges.of(read | {e.document_id for e in rows.estimates})
        rows.actors = {a.id: a for a in session.scalars(select(Actor))}
        rows.live = set(session.scalars(select(Mention.actor_id).distinct()))
        session.expunge_all()
    rows.live |= {c.actor_id for c in rows.claims if c.actor_id is not None}
    rows.live |= {e.holder_actor_id for e in rows.estimates if e.holder_actor_id is not None}
    for e in events:
        rows.live |= {a for a in (e.source_actor_id, e.target_actor_id) if a is not None}
    by_doc: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for doc_id, start, end, actor_id in mentions:
        by_doc[doc_id].append((start, end, actor_id))
    for claim, text in claims:
        rows.sentences[claim.id] = text or ""
        rows.excerpts[claim.id] = excerpt(text or "", claim, EXCERPT_CHARS)
        for start, end, actor_id in by_doc[claim.document_id]:
            if claim.sentence_start <= start and end <= claim.sentence_end:
                rows.named[claim.id].add(actor_id)
    return rows

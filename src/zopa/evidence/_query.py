"""Reading extracted evidence back: the public layout of actors, events, quotes, claims, estimates.

The dictionaries returned here are zopa's public JSON interface (docs/extraction.md):
``zopa actors|events|quotes|claims|estimates --json`` print them unchanged.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, cast

from sqlalchemy import Select, func, or_, select, tuple_

from zopa.errors import ExtractionError, quoted
from zopa.store import Actor, Claim, Document, Estimate, Event, Mention, Quote, Store

__all__ = [
    "ACTOR_FIELDS",
    "EVENT_STATUSES",
    "ITEM_FIELDS",
    "KIND_FIELDS",
    "MENTION_FIELDS",
    "STANCES",
    "UNSURE_FIELDS",
    "ActorListing",
    "DatedKey",
    "EvidenceFilter",
    "ItemKey",
    "ItemListing",
    "actor_counts",
    "count_items",
    "event_choices",
    "list_actors",
    "list_items",
    "list_unsure",
]

ItemKind = Literal["events", "quotes", "claims", "estimates"]

ItemKey = tuple[int, int, int]
"""Where an item sorts in a listing: ``(document_id, start, id)`` (a page's keyset)."""
DatedKey = tuple[date, int, int, int]
"""Where an event sorts in a listing by date: ``(date, document_id, start, id)``, the date
being the event's own, else its document's publication date."""

EVENT_STATUSES = ("happened", "planned", "refused", "hypothetical")
"""The statuses an extracted event may have."""

#: The ``stance`` of a claim, strongest first: red_line ("non-negotiable", "will never"),
#: reject ("rejected", "refused", "unacceptable" said of a demand), condition ("only if",
#: "provided that"), demand, accept ("agreed to", "welcomed the proposal"), offer, goal,
#: position (see docs/extraction-estimates-claims.md).
STANCES = ("red_line", "reject", "condition", "demand", "accept", "offer", "goal", "position")

ACTOR_FIELDS = (
    "id",
    "name",
    "kind",
    "country",
    "sector",
    "role",
    "affiliation",
    "aliases",
    "mentions",
)
"""Keys of an actor item, in order; ``mentions`` items have ``MENTION_FIELDS``."""
MENTION_FIELDS = ("document_id", "source", "start", "end", "text", "unsure")
ITEM_FIELDS = ("id", "document_id", "source", "start", "end", "text", "sentence")
"""Keys every event, quote, claim and estimate item starts with."""
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "events": (
        "type",
        "mode",
        "cameo",
        "source_actor",
        "target_actor",
        "date",
        "date_precision",
        "place",
        "status",
    ),
    "quotes": ("kind", "speaker_actor", "speaker_text", "speaker_start", "speaker_end", "cue"),
    "claims": ("actor", "issue", "stance", "salience_cue", "attribution"),
    "estimates": ("holder_actor", "holder_text", "phrase", "probability", "low", "high", "about"),
}
"""Per-kind keys that follow :data:`ITEM_FIELDS`; ``*_actor``/``actor`` hold actor names."""

UNSURE_FIELDS = (
    "document_id", "source", "start", "end", "text", "actor", "name", "reason", "sentence",
)  # fmt: skip
"""Keys of an unsure resolution (``zopa actors --unsure``), in order."""

_TABLES: dict[str, Any] = {"events": Event, "quotes": Quote, "claims": Claim, "estimates": Estimate}
_TYPE_COLUMN = {"events": "type", "quotes": "kind", "claims": "stance"}
_ACTOR_COLUMNS = {
    "events": ("source_actor", "target_actor"),
    "quotes": ("speaker_actor",),
    "claims": ("actor",),
    "estimates": ("holder_actor",),
}


@dataclass(frozen=True)
class EvidenceFilter:
    """Filters shared by the listings; ``None`` means no filter.

    ``actor`` matches an actor key exactly or a name case-insensitively in part;
    ``type`` is the event type, the quote kind, the claim stance or the actor kind;
    ``published_from``/``published_to`` bound the document's publication date;
    ``dated_from``/``dated_to`` bound an event's own date, or its document's
    publication date when the event has no date (events only); ``status`` is an
    event's status (:data:`EVENT_STATUSES`, events only); ``search`` keeps the items
    whose text holds it, case-insensitively (a quote's speaker too, name or words).
    """

    actor: str | None = None
    issue: str | None = None
    type: str | None = None
    status: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    dated_from: date | None = None
    dated_to: date | None = None
    document_id: int | None = None
    search: str | None = None


@dataclass(frozen=True)
class ItemListing:
    """One item: its public dictionary and where its sentence starts (to mark the span)."""

    item: dict[str, Any]
    sentence_start: int


@dataclass(frozen=True)
class ActorListing:
    """One actor: its public dictionary and each mention's sentence (text, start)."""

    item: dict[str, Any]
    sentences: list[tuple[str, int]] = field(default_factory=list)


def _documents(query: Select[Any], f: EvidenceFilter, document_column: Any) -> Select[Any]:
    if f.document_id is not None:
        query = query.where(document_column == f.document_id)
    if f.published_from is not None:
        query = query.where(Document.published_at >= f.published_from)
    if f.published_to is not None:
        query = query.where(Document.published_at <= f.published_to)
    return query


def _event_date() -> Any:
    """An event's date: its own, else its document's publication date (``NULL`` if neither)."""
    return func.coalesce(Event.date, Document.published_at)


def _event_dates(query: Select[Any], f: EvidenceFilter) -> Select[Any]:
    """Bound the events' own date, the publication date standing in for an undated event."""
    when = _event_date()
    if f.dated_from is not None:
        query = query.where(when >= f.dated_from)
    if f.dated_to is not None:
        query = query.where(when <= f.dated_to)
    return query


def _actor_ids(store: Store, text: str) -> list[int]:
    with store.session() as session:
        return list(
            session.scalars(
                select(Actor.id).where(
                    or_(Actor.key == text, func.lower(Actor.name).contains(text.lower()))
                )
            )
        )


def list_items(
    store: Store,
    kind: str,
    filters: EvidenceFilter | None = None,
    *,
    after: ItemKey | DatedKey | None = None,
    limit: int | None = None,
    by_date: bool = False,
) -> list[ItemListing]:
    """Stored items of ``kind`` (events, quotes, claims, estimates) matching ``filters``.

    Ordered by document, then position in the text (:data:`ItemKey`); with
    ``by_date`` (events only), by date first (:data:`DatedKey`), events with no date
    of their own nor a published document left out. ``after`` and ``limit`` read
    one page of that order (keyset pagination): at most ``limit`` items whose key
    is greater than ``after``.
    """
    query = _matching(store, kind, filters or EvidenceFilter(), by_date)
    table = _TABLES[kind]
    order = [table.document_id, table.start, table.id]
    if by_date:
        order.insert(0, _event_date())
    if after is not None:
        query = query.where(tuple_(*order) > tuple_(*after))
    sentence = func.substr(
        Document.text, table.sentence_start + 1, table.sentence_end - table.sentence_start
    )
    query = query.add_columns(Document.source, sentence).order_by(*order).limit(limit)
    with store.session() as session:
        rows = session.execute(query).all()
        wanted = {
            getattr(row[0], f"{name}_id") for row in rows for name in _ACTOR_COLUMNS[kind]
        } - {None}
        names = dict(
            session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(wanted))).all()
        )
    listings: list[ItemListing] = []
    for row, source, sentence_text in rows:
        item: dict[str, Any] = {
            "id": row.id,
            "document_id": row.document_id,
            "source": source,
            "start": row.start,
            "end": row.end,
            "text": row.text,
            "sentence": sentence_text,
        }
        for name in KIND_FIELDS[kind]:
            if name in _ACTOR_COLUMNS[kind]:
                item[name] = names.get(getattr(row, f"{name}_id"))
            else:
                value = getattr(row, name)
                item[name] = value.isoformat() if isinstance(value, date) else value
        listings.append(ItemListing(item, row.sentence_start))
    return listings


def count_items(
    store: Store, kind: str, filters: EvidenceFilter | None = None, *, by_date: bool = False
) -> int:
    """How many items :func:`list_items` lists with the same arguments, counted in the database."""
    query = _matching(store, kind, filters or EvidenceFilter(), by_date)
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def event_choices(store: Store) -> dict[str, list[str]]:
    """The values the stored events hold, sorted, to choose filters from: ``actor`` (the
    names of their source and target actors), ``type`` and ``status``."""
    involved = select(Event.source_actor_id).union(select(Event.target_actor_id)).subquery()
    with store.session() as session:
        return {
            "actor": list(
                session.scalars(
                    select(Actor.name)
                    .where(Actor.id.in_(select(involved)))
                    .distinct()
                    .order_by(Actor.name)
                )
            ),
            "type": list(session.scalars(select(Event.type).distinct().order_by(Event.type))),
            "status": list(session.scalars(select(Event.status).distinct().order_by(Event.status))),
        }


def _matching(store: Store, kind: str, f: EvidenceFilter, by_date: bool) -> Select[Any]:
    """The rows of ``kind`` (with their documents) that ``f`` keeps; refuses a filter that
    does not apply to ``kind``."""
    if kind not in _TABLES:
        raise ExtractionError(f"unknown item kind {kind!r}; use one of {', '.join(_TABLES)}")
    table = _TABLES[kind]
    query = select(table).join(Document, Document.id == table.document_id)
    query = _documents(query, f, table.document_id)
    if by_date or f.dated_from is not None or f.dated_to is not None:
        if kind != "events":
            raise ExtractionError(f"event dates filter events only, not {kind}")
        query = _event_dates(query, f)
    if by_date:
        query = query.where(_event_date().is_not(None))
    if f.issue is not None:
        if kind != "claims":
            raise ExtractionError(f"--issue filters claims only, not {kind}")
        query = query.where(Claim.issue == f.issue)
    if f.status is not None:
        if kind != "events":
            raise ExtractionError(f"a status filters events only, not {kind}")
        query = query.where(Event.status == f.status)
    if f.type is not None:
        if kind not in _TYPE_COLUMN:
            raise ExtractionError(f"--type does not apply to {kind}")
        if kind == "claims" and f.type not in STANCES:
            raise ExtractionError(
                f"--type {quoted(f.type)} is no claim stance; use one of {', '.join(STANCES)}"
            )
        query = query.where(getattr(table, _TYPE_COLUMN[kind]) == f.type)
    if f.actor is not None:
        ids = _actor_ids(store, f.actor)
        columns = [getattr(table, f"{name}_id") for name in _ACTOR_COLUMNS[kind]]
        query = query.where(or_(*(c.in_(ids) for c in columns)))
    if f.search is not None:
        query = query.where(_search(kind, f.search))
    return query


def _search(kind: str, text: str) -> Any:
    """The items whose text (a quote's: or its speaker, name or words) holds ``text``,
    case-insensitively (LIKE wildcards in ``text`` are plain characters)."""
    wanted = text.lower()
    table = _TABLES[kind]
    where = [func.lower(table.text).contains(wanted, autoescape=True)]
    if kind == "quotes":
        speakers = select(Actor.id).where(func.lower(Actor.name).contains(wanted, autoescape=True))
        where += [
            func.lower(Quote.speaker_text).contains(wanted, autoescape=True),
            Quote.speaker_actor_id.in_(speakers),
        ]
    return or_(*where)


def _mention_filters(store: Store, query: Select[Any], f: EvidenceFilter) -> Select[Any]:
    """``query`` (over mentions joined to actors and documents) narrowed by ``f``."""
    query = _documents(query, f, Mention.document_id)
    if f.type is not None:
        query = query.where(Actor.kind == f.type)
    if f.actor is not None:
        query = query.where(Actor.id.in_(_actor_ids(store, f.actor)))
    if f.issue is not None:
        raise ExtractionError("--issue filters claims only, not actors")
    return query


def actor_counts(store: Store, filters: EvidenceFilter | None = None) -> list[tuple[str, str, int]]:
    """``(key, name, mentions)`` of every actor :func:`list_actors` would list, in its order.

    One grouped query, without the mentions themselves: a caller showing one page
    of actors reads the counts, then :func:`list_actors` for that page's keys only.
    """
    f = filters or EvidenceFilter()
    query = cast(
        "Select[Any]",
        select(Actor.key, Actor.name, func.count(Mention.id))
        .select_from(Mention)
        .join(Actor, Actor.id == Mention.actor_id),
    )
    if f.published_from is not None or f.published_to is not None:
        query = query.join(Document, Document.id == Mention.document_id)
    query = _mention_filters(store, query, f)
    query = query.group_by(Actor.id, Actor.key, Actor.name)
    with store.session() as session:
        rows: list[tuple[str, str, int]] = [
            (key, name, count) for key, name, count in session.execute(query)
        ]
    return sorted(rows, key=lambda row: (-row[2], row[1], row[0]))


def list_actors(
    store: Store, filters: EvidenceFilter | None = None, *, keys: Collection[str] | None = None
) -> list[ActorListing]:
    """Actors with at least one mention matching ``filters``, most mentioned first.

    ``keys`` keeps only the actors of those keys (one page of :func:`actor_counts`).
    """
    f = filters or EvidenceFilter()
    sentence = func.substr(
        Document.text, Mention.sentence_start + 1, Mention.sentence_end - Mention.sentence_start
    )
    # Columns, not ORM objects: a page of actors reads thousands of mentions.
    query = cast(
        "Select[Any]",
        select(
            Actor.id,
            Actor.key,
            Actor.name,
            Actor.kind,
            Actor.country,
            Actor.sector,
            Actor.role,
            Actor.affiliation,
            Mention.document_id,
            Document.source,
            Mention.start,
            Mention.end,
            Mention.text,
            Mention.unsure,
            sentence,
            Mention.sentence_start,
        )
        .select_from(Mention)
        .join(Actor, Actor.id == Mention.actor_id)
        .join(Document, Document.id == Mention.document_id),
    )
    query = _mention_filters(store, query, f)
    if keys is not None:
        query = query.where(Actor.key.in_(list(keys)))
    query = query.order_by(Mention.document_id, Mention.start)
    actors: dict[int, ActorListing] = {}
    counts: dict[int, dict[str, int]] = {}
    with store.session() as session:
        for row in session.execute(query):
            (actor_id, key, name, kind, country, sector, role, affiliation) = row[:8]
            document_id, source, start, end, text, unsure, sentence_text, sentence_start = row[8:]
            if actor_id not in actors:
                actors[actor_id] = ActorListing(
                    {
                        "id": key,
                        "name": name,
                        "kind": kind,
                        "country": country,
                        "sector": sector,
                        "role": role,
                        "affiliation": affiliation,
                        "aliases": [],
                        "mentions": [],
                    }
                )
                counts[actor_id] = {}
            listing = actors[actor_id]
            surface = " ".join(text.split())
            counts[actor_id][surface] = counts[actor_id].get(surface, 0) + 1
            listing.item["mentions"].append(
                {
                    "document_id": document_id,
                    "source": source,
                    "start": start,
                    "end": end,
                    "text": text,
                    "unsure": unsure,
                }
            )
            listing.sentences.append((sentence_text, sentence_start))
    for actor_id, listing in actors.items():
        seen = counts[actor_id]
        listing.item["aliases"] = sorted(seen, key=lambda s: (-seen[s], s))
    return sorted(actors.values(), key=lambda a: (-len(a.item["mentions"]), a.item["name"]))


def list_unsure(store: Store, filters: EvidenceFilter | None = None) -> list[dict[str, Any]]:
    """Mentions whose resolution is unsure (an ambiguous name chosen on thin evidence),
    each with the actor chosen and the reason, in document and text order."""
    f = filters or EvidenceFilter()
    sentence = func.substr(
        Document.text, Mention.sentence_start + 1, Mention.sentence_end - Mention.sentence_start
    )
    query = (
        select(Mention, Actor, Document.source, sentence)
        .join(Actor, Actor.id == Mention.actor_id)
        .join(Document, Document.id == Mention.document_id)
        .where(Mention.unsure.is_not(None))
    )
    query = _documents(query, f, Mention.document_id)
    if f.type is not None:
        query = query.where(Actor.kind == f.type)
    if f.actor is not None:
        query = query.where(Actor.id.in_(_actor_ids(store, f.actor)))
    query = query.order_by(Mention.document_id, Mention.start)
    with store.session() as session:
        return [
            {
                "document_id": mention.document_id,
                "source": source,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "actor": actor.key,
                "name": actor.name,
                "reason": mention.unsure,
                "sentence": sentence_text,
            }
            for mention, actor, source, sentence_text in session.execute(query)
        ]

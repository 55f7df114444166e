"""Reading extracted evidence back: the public layout of actors, events, quotes, claims, estimates.

The dictionaries returned here are zopa's public JSON interface (docs/extraction.md):
``zopa actors|events|quotes|claims|estimates --json`` print them unchanged.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal, cast

from sqlalchemy import (
    BindParameter,
    Integer,
    Select,
    String,
    bindparam,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    union_all,
)

from zopa.errors import ExtractionError, MissingError, quoted
from zopa.scenario._schema import PLOVER_EVENT_TYPES
from zopa.store import (
    Actor,
    Claim,
    Document,
    DocumentExtraction,
    Estimate,
    Event,
    Mention,
    Quote,
    Store,
)

__all__ = [
    "ACTOR_FIELDS",
    "EVENT_STATUSES",
    "ITEM_FIELDS",
    "KIND_FIELDS",
    "MENTION_FIELDS",
    "STANCES",
    "UNSURE_FIELDS",
    "ActorListing",
    "ActorSummary",
    "ClaimPair",
    "DatedKey",
    "EvidenceFilter",
    "ItemKey",
    "ItemListing",
    "MentionKey",
    "actor_mentions",
    "actor_records",
    "actor_summaries",
    "check_type",
    "claim_pairs",
    "count_items",
    "event_choices",
    "extraction_version",
    "first_claim_ids",
    "first_mentions",
    "iter_items",
    "list_actors",
    "list_items",
    "list_unsure",
    "require_actor",
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
    "estimates": (
        "holder_actor",
        "holder_text",
        "phrase",
        "probability",
        "low",
        "high",
        "about",
        "retrospective",
    ),
}
"""Per-kind keys that follow :data:`ITEM_FIELDS`; ``*_actor``/``actor`` hold actor names."""

UNSURE_FIELDS = (
    "document_id", "source", "start", "end", "text", "actor", "name", "reason", "sentence",
)  # fmt: skip
"""Keys of an unsure resolution (``zopa actors --unsure``), in order."""

_TABLES: dict[str, Any] = {"events": Event, "quotes": Quote, "claims": Claim, "estimates": Estimate}
_ITEM_COLUMNS = ["id", "document_id", "start", "end", "text", "sentence_start"]
"""The columns of every item row :func:`list_items` reads (then its kind's fields)."""
_TYPE_COLUMN = {"events": "type", "quotes": "kind", "claims": "stance"}
_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "events": ("PLOVER event type", PLOVER_EVENT_TYPES),
    "quotes": ("quote kind", ("direct", "indirect")),
    "claims": ("claim stance", STANCES),
    "actors": ("actor kind", ("state", "person", "organisation", "group")),
}
"""What ``--type`` (``type=``) may be for each kind of evidence, and what it is called."""


def check_type(kind: str, value: str) -> None:
    """Refuse a type no item of ``kind`` (events, quotes, claims, actors) can have: an empty
    listing would say nothing. The command line checks every kind; the API's parameters are
    typed, and claims are checked here for every caller."""
    if kind not in _TYPES:
        return  # the listing says the filter does not apply to this kind
    what, allowed = _TYPES[kind]
    if value not in allowed:
        raise ExtractionError(
            f"--type {quoted(value)} is no {what}; use one of {', '.join(allowed)}"
        )


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


Branch = Literal["own", "fallback"]
"""The events of a query by event date: those with a date of their own, and those without
(their document's publication date stands in)."""
_BRANCHES: tuple[Branch, ...] = ("own", "fallback")


def _event_date(branch: Branch) -> Any:
    """The events' date in ``branch``: their own, or their document's publication date."""
    return Event.date if branch == "own" else Document.published_at


def _undated(store: Store) -> Any:
    """The test "the event has no date of its own". On SQLite it is written
    ``+events.date IS NULL``, which keeps SQLite from reading it along the index on
    ``events.date`` (its documented way to disqualify an index,
    https://www.sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_):
    ANALYZE does not tell it that a third or more of the events are undated, while the
    documents published in the dates asked for are few and lead to their events."""
    if store.engine.dialect.name == "sqlite":
        return literal_column(f"+{Event.__tablename__}.date").is_(None)
    return Event.date.is_(None)


def _event_dates(
    store: Store, query: Select[Any], f: EvidenceFilter, branch: Branch
) -> Select[Any]:
    """The events of ``branch`` whose date (own, else the publication date) ``f`` bounds.

    Each branch bounds one plain column, so a range of dates is read along an index
    (``ix_events_date_document_start_id``, ``ix_documents_published_at``) rather than by
    computing ``COALESCE(events.date, documents.published_at)`` for every event.
    """
    when = _event_date(branch)
    query = query.where(Event.date.is_not(None) if branch == "own" else _undated(store))
    if f.dated_from is not None:
        query = query.where(when >= f.dated_from)
    if f.dated_to is not None:
        query = query.where(when <= f.dated_to)
    return query


def require_actor(store: Store, text: str) -> None:
    """Refuse an actor filter that names no stored actor, with the nearest names.

    ``text`` names an actor as the filters read it: a key exactly, or part of a name,
    case-insensitively. Without this a typo lists nothing, as if the actor said nothing.

    Raises
    ------
    MissingError
        No stored actor has that key or a name holding ``text``.
    """
    if _actor_ids(store, text):
        return
    with store.session() as session:
        names = list(session.scalars(select(Actor.name).distinct()))
    folded = {name.casefold(): name for name in names}
    near = [folded[n] for n in difflib.get_close_matches(text.casefold(), list(folded), n=3)]
    hint = f"did you mean {', '.join(quoted(n) for n in near)}? " if near else ""
    raise MissingError(
        f"--actor {quoted(text)} names no stored actor (a key such as person:abiy-ahmed, or "
        f"part of a name); {hint}`zopa actors` lists them"
    )


def _actor_ids(store: Store, text: str) -> list[int]:
    with store.session() as session:
        return list(
            session.scalars(
                select(Actor.id).where(
                    or_(Actor.key == text, func.lower(Actor.name).contains(text.lower()))
                )
            )
        )


def _table(kind: str) -> Any:
    """The table of items of ``kind``; refuses an unknown kind."""
    if kind not in _TABLES:
        raise ExtractionError(f"unknown item kind {kind!r}; use one of {', '.join(_TABLES)}")
    return _TABLES[kind]


@dataclass(frozen=True)
class _Part:
    """One part of a listing's rows, read in listing order along an index of its own; a
    listing of several parts merges them in order. The parts of a listing are disjoint.

    ``date``: events read by date, those with a date of their own or the others
    (:data:`Branch`). ``actor``: events of an actor as its ``source``, or as its
    ``target`` (and not its source): one indexed column each, where ``source OR target``
    would leave the database to read every event in order and test both.
    """

    date: Branch | None = None
    actor: Literal["source", "target"] | None = None


def _parts(kind: str, f: EvidenceFilter, by_date: bool) -> list[_Part]:
    """The parts of the listing of ``kind`` by ``f``; refuses event dates for other kinds."""
    dates: tuple[Branch | None, ...] = (None,)
    if by_date or f.dated_from is not None or f.dated_to is not None:
        if kind != "events":
            raise ExtractionError(f"event dates filter events only, not {kind}")
        dates = _BRANCHES
    actors: tuple[Literal["source", "target"] | None, ...] = (None,)
    if kind == "events" and f.actor is not None:
        actors = ("source", "target")
    return [_Part(date, actor) for date in dates for actor in actors]


def list_items(
    store: Store,
    kind: str,
    filters: EvidenceFilter | None = None,
    *,
    after: ItemKey | DatedKey | None = None,
    limit: int | None = None,
    by_date: bool = False,
    item_ids: Collection[int] | None = None,
) -> list[ItemListing]:
    """Stored items of ``kind`` (events, quotes, claims, estimates) matching ``filters``.

    Ordered by document, then position in the text (:data:`ItemKey`); with
    ``by_date`` (events only), by date first (:data:`DatedKey`), events with no date
    of their own nor a published document left out. ``after`` and ``limit`` read
    one page of that order (keyset pagination): at most ``limit`` items whose key
    is greater than ``after``. ``item_ids`` keeps the items of those row ids only
    (what a page cites). To read them all, page by page, see :func:`iter_items`.
    """
    f = filters or EvidenceFilter()
    table = _table(kind)
    actor_fields = _ACTOR_COLUMNS[kind]
    fields = [f"{name}_id" if name in actor_fields else name for name in KIND_FIELDS[kind]]
    sentence = func.substr(
        Document.text, table.sentence_start + 1, table.sentence_end - table.sentence_start
    )
    # Columns, not ORM objects: a page of the timeline reads hundreds of rows.
    columns = [getattr(table, name) for name in _ITEM_COLUMNS + fields]
    width = len(columns) + 2  # and the document's source and the sentence
    parts = []
    for part in _parts(kind, f, by_date):
        query = _matching(store, kind, f, by_date, part, columns)
        order = [table.document_id, table.start, table.id]
        if by_date and part.date is not None:
            order.insert(0, _event_date(part.date))
        if after is not None:
            query = query.where(tuple_(*order) > tuple_(*after))
        if item_ids is not None:
            query = query.where(table.id.in_(sorted(set(item_ids))))
        query = query.add_columns(
            Document.source.label("zopa_source"),
            sentence.label("zopa_sentence"),
            *([order[0].label("zopa_when")] if by_date else []),
        )
        parts.append(query.order_by(*order).limit(limit))
    if len(parts) == 1:
        statement = parts[0]
    else:  # the parts, each read in order along its index, merged in order
        # each part a subquery: SQLite takes no ORDER BY nor LIMIT in a compound's member
        merged = union_all(*(select(part.subquery()) for part in parts)).subquery()
        order = [merged.c.document_id, merged.c.start, merged.c.id]
        if by_date:
            order.insert(0, merged.c.zopa_when)
        statement = select(merged).order_by(*order).limit(limit)
    actor_at = [len(_ITEM_COLUMNS) + fields.index(f"{name}_id") for name in actor_fields]
    with store.session() as session:
        rows = [tuple(row)[:width] for row in session.execute(statement)]
        wanted = {row[at] for row in rows for at in actor_at} - {None}
        names = dict(
            session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(wanted))).all()
        )
    listings: list[ItemListing] = []
    for row in rows:
        row_id, document_id, start, end, text, sentence_start = row[: len(_ITEM_COLUMNS)]
        *values, source, sentence_text = row[len(_ITEM_COLUMNS) :]
        item: dict[str, Any] = {
            "id": row_id,
            "document_id": document_id,
            "source": source,
            "start": start,
            "end": end,
            "text": text,
            "sentence": sentence_text,
        }
        for name, value in zip(KIND_FIELDS[kind], values, strict=True):
            if name in actor_fields:
                item[name] = names.get(value)
            else:
                item[name] = value.isoformat() if isinstance(value, date) else value
        listings.append(ItemListing(item, sentence_start))
    return listings


ITER_PAGE = 1000
"""Items :func:`iter_items` reads per query."""


def iter_items(
    store: Store,
    kind: str,
    filters: EvidenceFilter | None = None,
    *,
    page: int = ITER_PAGE,
) -> Iterator[ItemListing]:
    """Every item :func:`list_items` lists with the same filters, in its order, read
    ``page`` at a time (keyset pagination): memory holds one page, whatever the store's size."""
    after: ItemKey | None = None
    while True:
        found = list_items(store, kind, filters, after=after, limit=page)
        yield from found
        if len(found) < page:
            return
        last = found[-1].item
        after = (last["document_id"], last["start"], last["id"])


def count_items(
    store: Store, kind: str, filters: EvidenceFilter | None = None, *, by_date: bool = False
) -> int:
    """How many items :func:`list_items` lists with the same arguments, counted in the database."""
    f = filters or EvidenceFilter()
    with store.session() as session:
        return sum(
            session.scalar(
                select(func.count()).select_from(
                    _matching(store, kind, f, by_date, part, [_table(kind).id]).subquery()
                )
            )
            or 0
            for part in _parts(kind, f, by_date)
        )


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


def _matching(
    store: Store, kind: str, f: EvidenceFilter, by_date: bool, part: _Part, columns: list[Any]
) -> Select[Any]:
    """``columns`` of the rows of ``kind`` (with their documents) that ``f`` keeps, of one
    ``part`` (see :func:`_parts`); refuses a filter that does not apply to ``kind``."""
    table = _table(kind)
    query = select(*columns).join(Document, Document.id == table.document_id)
    query = _documents(query, f, table.document_id)
    if part.date is not None:
        query = _event_dates(store, query, f, part.date)
        if by_date and part.date == "fallback":
            query = query.where(_event_date(part.date).is_not(None))
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
        if kind == "claims":
            check_type(kind, f.type)
        query = query.where(getattr(table, _TYPE_COLUMN[kind]) == f.type)
    if f.actor is not None:
        ids = _actor_ids(store, f.actor)
        if part.actor == "source":
            query = query.where(Event.source_actor_id.in_(ids))
        elif part.actor == "target":
            not_source = or_(Event.source_actor_id.is_(None), Event.source_actor_id.not_in(ids))
            query = query.where(Event.target_actor_id.in_(ids), not_source)
        else:
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


def list_actors(
    store: Store, filters: EvidenceFilter | None = None, *, keys: Collection[str] | None = None
) -> list[ActorListing]:
    """Actors with at least one mention matching ``filters``, most mentioned first.

    ``keys`` keeps only the actors of those keys (one page of :func:`actor_summaries`).
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


MentionKey = tuple[int, int, int]
"""Where a mention sorts in one actor's listing: ``(document_id, start, id)``."""


@dataclass(frozen=True)
class ActorSummary:
    """An actor :func:`list_actors` would list, without its mentions: its key, name, how
    many mentions match the filters, and its aliases (as :func:`list_actors` gives them)."""

    key: str
    name: str
    mentions: int
    aliases: tuple[str, ...]


def actor_summaries(store: Store, filters: EvidenceFilter | None = None) -> list[ActorSummary]:
    """Every actor :func:`list_actors` would list, in its order, without the mentions.

    One query grouped by actor and surface form gives the counts and the aliases;
    a caller showing one page reads the mentions of that page's actors only
    (:func:`actor_mentions`). Its cost grows with the mentions matching: a server
    keeps the answer per :func:`extraction_version`.
    """
    f = filters or EvidenceFilter()
    query = cast(
        "Select[Any]",
        select(Actor.key, Actor.name, Mention.text, func.count(Mention.id))
        .select_from(Mention)
        .join(Actor, Actor.id == Mention.actor_id),
    )
    if f.published_from is not None or f.published_to is not None:
        query = query.join(Document, Document.id == Mention.document_id)
    query = _mention_filters(store, query, f).group_by(Actor.key, Actor.name, Mention.text)
    surfaces: dict[tuple[str, str], dict[str, int]] = {}
    with store.session() as session:
        for key, name, text, count in session.execute(query):
            seen = surfaces.setdefault((key, name), {})
            surface = " ".join(text.split())
            seen[surface] = seen.get(surface, 0) + count
    found = [
        ActorSummary(
            key, name, sum(seen.values()), tuple(sorted(seen, key=lambda s: (-seen[s], s)))
        )
        for (key, name), seen in surfaces.items()
    ]
    return sorted(found, key=lambda a: (-a.mentions, a.name, a.key))


def _mention_query(key: str | BindParameter[str], f: EvidenceFilter) -> Select[Any]:
    """The mentions of actor ``key`` (a value, or a parameter bound when executed) that
    ``f`` keeps (its document filters), in listing order: the columns
    :func:`_mention_item` reads."""
    key_value = key if isinstance(key, BindParameter) else literal(key, String())
    query = cast(
        "Select[Any]",
        select(
            key_value.label("key"),
            Mention.document_id,
            Mention.start,
            Mention.id,
            Document.source,
            Mention.end,
            Mention.text,
            Mention.unsure,
        )
        .select_from(Mention)
        .join(Document, Document.id == Mention.document_id)
        # The actor's id as a parameter, so the planner reads its mentions along the index.
        .where(
            Mention.actor_id == select(Actor.id).where(Actor.key == key_value).scalar_subquery()
        ),
    )
    return _documents(query, f, Mention.document_id).order_by(
        Mention.document_id, Mention.start, Mention.id
    )


def _mention_item(row: Any) -> tuple[MentionKey, dict[str, Any]]:
    _, document_id, start, row_id, source, end, text, unsure = row
    item = {
        "document_id": document_id,
        "source": source,
        "start": start,
        "end": end,
        "text": text,
        "unsure": unsure,
    }
    return (document_id, start, row_id), item


def actor_mentions(
    store: Store,
    key: str,
    filters: EvidenceFilter | None = None,
    *,
    after: MentionKey | None = None,
    limit: int | None = None,
) -> list[tuple[MentionKey, dict[str, Any]]]:
    """The mentions of actor ``key`` matching ``filters`` (:data:`MENTION_FIELDS`), each
    with its :data:`MentionKey`, in document and text order; ``after`` and ``limit`` read
    one page of that order (keyset pagination, along ``ix_mentions_actor_document_start_id``).
    """
    query = _mention_query(key, filters or EvidenceFilter())
    if after is not None:
        query = query.where(tuple_(Mention.document_id, Mention.start, Mention.id) > tuple_(*after))
    with store.session() as session:
        rows = session.execute(query.limit(limit)).all()
    return [_mention_item(row) for row in rows]


def first_mentions(
    store: Store, keys: Collection[str], filters: EvidenceFilter | None = None, *, limit: int
) -> dict[str, list[dict[str, Any]]]:
    """The first ``limit`` mentions of each actor of ``keys`` (as :func:`actor_mentions`),
    by key: one statement, each actor's part read along its index."""
    f = filters or EvidenceFilter()
    found: dict[str, list[dict[str, Any]]] = {key: [] for key in keys}
    if not found:
        return found
    shape = (f.document_id is not None, f.published_from is not None, f.published_to is not None)
    values: dict[str, Any] = {f"key{n}": key for n, key in enumerate(found)}
    values |= {"limit": limit, "document_id": f.document_id}
    values |= {"published_from": f.published_from, "published_to": f.published_to}
    query = _first_mentions_statement(len(found), shape)
    with store.session() as session:
        for row in session.execute(query, {k: v for k, v in values.items() if v is not None}):
            found[row[0]].append(_mention_item(row)[1])
    return found


@lru_cache(maxsize=64)
def _first_mentions_statement(count: int, shape: tuple[bool, bool, bool]) -> Any:
    """The statement of :func:`first_mentions` for ``count`` actors and the document
    filters ``shape`` says are given, every value a parameter bound when executed
    (``key0`` …, ``limit``, ``document_id``, ``published_from``, ``published_to``): built
    once per shape, so SQLAlchemy compiles it once."""
    names = ("document_id", "published_from", "published_to")
    bound: dict[str, Any] = {
        name: bindparam(name) if given else None for name, given in zip(names, shape, strict=True)
    }
    f = EvidenceFilter(**bound)  # parameters stand in for the values: _documents compares them
    parts = [
        _mention_query(bindparam(f"key{n}", type_=String()), f)
        .limit(bindparam("limit", type_=Integer()))
        .subquery()
        for n in range(count)
    ]
    return union_all(*(select(part) for part in parts))


def actor_records(store: Store, keys: Collection[str]) -> dict[str, dict[str, Any]]:
    """The stored fields of the actors of ``keys`` (:data:`ACTOR_FIELDS` up to ``role`` and
    ``affiliation``; no aliases, no mentions), by key."""
    query = select(
        Actor.key,
        Actor.name,
        Actor.kind,
        Actor.country,
        Actor.sector,
        Actor.role,
        Actor.affiliation,
    ).where(Actor.key.in_(list(keys)))
    with store.session() as session:
        return {
            row.key: {
                "id": row.key,
                "name": row.name,
                "kind": row.kind,
                "country": row.country,
                "sector": row.sector,
                "role": row.role,
                "affiliation": row.affiliation,
            }
            for row in session.execute(query)
        }


def extraction_version(store: Store) -> tuple[Any, ...]:
    """A value that changes whenever extracted evidence is written: the newest mention id
    and the newest extraction time (a re-extraction replaces a document's rows and stamps
    it anew). One statement of two index look-ups, whatever the store's size.

    Documents are only ever added, and their evidence comes with their extraction, so
    whatever is derived from the extracted evidence alone (counts, groupings, choices)
    may be kept per this value: the first read after a write sees the new value.
    """
    query = select(
        select(func.max(Mention.id)).scalar_subquery(),
        select(func.max(DocumentExtraction.extracted_at)).scalar_subquery(),
    )
    with store.session() as session:
        return tuple(session.execute(query).one())


ClaimPair = tuple[int, str]
"""A stored claim's ``(actor row id, issue)``."""


def claim_pairs(store: Store) -> dict[ClaimPair, tuple[str, int]]:
    """Every ``(actor row id, issue)`` the stored claims hold, with the actor's name and how
    many claims hold it: one grouped query (a server keeps it per :func:`extraction_version`)."""
    query = (  # grouped by the actor's id (not null: joined), as the index orders the claims
        select(Actor.id, Claim.issue, Actor.name, func.count(Claim.id))
        .join(Actor, Actor.id == Claim.actor_id)
        .group_by(Actor.id, Claim.issue, Actor.name)
    )
    with store.session() as session:
        return {(a, issue): (name, n) for a, issue, name, n in session.execute(query)}


def first_claim_ids(store: Store, pairs: Collection[ClaimPair], *, limit: int) -> list[int]:
    """The ids of the first ``limit`` claims (document and text order) of each
    ``(actor row id, issue)`` of ``pairs``: one statement, each part read along
    ``ix_claims_actor_issue_document_start_id``."""
    if not pairs:
        return []
    values: dict[str, Any] = {"limit": limit}
    for n, (actor_id, issue) in enumerate(sorted(pairs)):
        values |= {f"actor{n}": actor_id, f"issue{n}": issue}
    with store.session() as session:
        return list(session.scalars(_first_claims_statement(len(pairs)), values))


@lru_cache(maxsize=64)
def _first_claims_statement(count: int) -> Any:
    """The statement of :func:`first_claim_ids` for ``count`` pairs, every value a parameter
    bound when executed (``actor0``, ``issue0`` …, ``limit``): built once per count, so
    SQLAlchemy compiles it once."""
    parts = [
        select(Claim.id)
        .where(Claim.actor_id == bindparam(f"actor{n}"), Claim.issue == bindparam(f"issue{n}"))
        .order_by(Claim.document_id, Claim.start, Claim.id)
        .limit(bindparam("limit", type_=Integer()))
        .subquery()
        for n in range(count)
    ]
    return union_all(*(select(part) for part in parts))

"""``/documents``, ``/actors``, ``/events``, ``/quotes``, ``/claims``, ``/estimates``: the store's
evidence, page by page, in the layout of the CLI's ``--json`` (``docs/extraction.md``)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from zopa.errors import MissingError, quoted
from zopa.evidence import (
    EVENT_STATUSES,
    STANCES,
    ActorSummary,
    EvidenceFilter,
    ItemListing,
    actor_mentions,
    actor_records,
    actor_summaries,
    extraction_version,
    first_mentions,
    list_items,
)
from zopa.store import DocumentFilter, Store, document_summaries, get_document
from zopa.web.api._json import Json, kept_json
from zopa.web.api._models import (
    Actor,
    Claim,
    Document,
    DocumentSummary,
    Estimate,
    Event,
    Mention,
    Page,
)
from zopa.web.api._models import Quote as QuoteModel
from zopa.web.api._pages import (
    DEFAULT_PAGE_SIZE,
    Limit,
    Next,
    decode_key,
    page,
    page_in_memory,
)
from zopa.web.api._params import (
    DateParam,
    DocumentParam,
    IdPath,
    IsoDate,
    StoreDep,
    TextParam,
)

__all__ = ["MENTIONS_SHOWN", "router"]

router = APIRouter()

ActorParam = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="an actor's key, or part of its name (case-insensitive)",
    ),
]
_ITEM_KEY = (int, int, int)
ActorPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f/]*$",
        description="an actor's key (the `id` of an actor item)",
    ),
]
MENTIONS_SHOWN = 20
"""Mentions an actor item of ``/actors`` carries; ``mentions_url`` pages through the rest."""
EventStatus = Literal[EVENT_STATUSES]  # type: ignore[valid-type]
Stance = Literal[STANCES]  # type: ignore[valid-type]


class Published(BaseModel):
    """The query parameters of every listing: its page, its documents' publication dates.

    Each listing takes one model of these (``Annotated[Model, Query()]``): FastAPI
    reads each field as a query parameter of its own, and OpenAPI lists them so.
    """

    published_from: IsoDate | None = Field(
        None, description="documents published on or after, YYYY-MM-DD"
    )
    published_to: IsoDate | None = Field(
        None, description="documents published on or before, YYYY-MM-DD"
    )
    limit: Limit = DEFAULT_PAGE_SIZE
    next: Next = None


_FILTER_NAMES = {"document": "document_id", "date_from": "dated_from", "date_to": "dated_to"}
"""Query parameters named otherwise in :class:`~zopa.evidence.EvidenceFilter`."""


class DocumentFilters(Published):
    """Evidence of one document, published between two dates (an actor's mentions)."""

    document: DocumentParam = None

    def evidence_filter(self) -> EvidenceFilter:
        """These filters as :class:`~zopa.evidence.EvidenceFilter` (paging left out)."""
        values = self.model_dump(exclude={"limit", "next"})
        return EvidenceFilter(**{_FILTER_NAMES.get(k, k): v for k, v in values.items()})


class ItemFilters(DocumentFilters):
    """Items of an actor (estimates; each kind adds its own)."""

    actor: ActorParam = None


class EventFilters(ItemFilters):
    """The filters of ``/events``."""

    type: Annotated[
        str | None,
        Query(pattern=r"^[A-Z_]{1,40}$", description="PLOVER event type, e.g. CONSULT"),
    ] = None
    status: Annotated[EventStatus | None, Query(description="the event's status")] = None
    date_from: DateParam = None
    date_to: DateParam = None


class QuoteFilters(ItemFilters):
    """The filters of ``/quotes``."""

    type: Annotated[Literal["direct", "indirect"] | None, Query(description="the quote's kind")] = (
        None
    )


class ClaimFilters(ItemFilters):
    """The filters of ``/claims``."""

    issue: Annotated[
        str | None,
        Query(min_length=1, max_length=60, pattern=r"^[^\x00-\x1f\x7f]*$", description="issue id"),
    ] = None
    type: Annotated[Stance | None, Query(description="the claim's stance")] = None


class ActorFilters(ItemFilters):
    """The filters of ``/actors``."""

    type: Annotated[
        Literal["state", "person", "organisation", "group"] | None,
        Query(description="the actor's kind"),
    ] = None


class DocumentQuery(Published):
    """The filters of ``/documents``."""

    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f]*$",
            description="words the title or the text contains (case-insensitive, as one phrase)",
        ),
    ] = None
    outlet: TextParam = None
    language: Annotated[
        str | None, Query(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code, e.g. en")
    ] = None


@router.get("/documents", response_model=Page[DocumentSummary], tags=["evidence"])
def documents(request: Request, store: StoreDep, query: Annotated[DocumentQuery, Query()]) -> Json:
    """Stored documents (no text), by publication date then id, undated last."""
    after = decode_key("documents", query.next, (date, int)) if query.next else None
    filters = DocumentFilter(
        outlet=query.outlet,
        language=query.language,
        published_from=query.published_from,
        published_to=query.published_to,
        search=query.q,
    )
    found = document_summaries(store, filters, after=after, limit=query.limit + 1)
    return Json(page(request, "documents", found, query.limit, _pair_key, _pair_item))


def _pair_key(found: tuple[tuple[Any, ...], dict[str, Any]]) -> tuple[Any, ...]:
    """The key of a listing's ``(key, public layout)`` pair."""
    return found[0]


def _pair_item(found: tuple[tuple[Any, ...], dict[str, Any]]) -> dict[str, Any]:
    """The public layout of a listing's ``(key, public layout)`` pair."""
    return found[1]


@router.get("/documents/{document_id}", response_model=Document, tags=["evidence"])
def document(document_id: IdPath, store: StoreDep) -> Json:
    """One stored document with its text."""
    doc = get_document(store, document_id)
    return Json(doc.summary() | {"text": doc.text})


def _kept(request: Request, store: Store, listing: Callable[[], dict[str, Any]]) -> Response:
    """The JSON of ``listing()``, an evidence listing, made once per request URL and
    :func:`~zopa.evidence.extraction_version` (what it lists comes with an extraction
    only: the first request after one makes it again)."""
    return kept_json(request, "evidence listing", extraction_version(store), listing)


@router.get("/actors", response_model=Page[Actor], tags=["evidence"])
def actors(request: Request, store: StoreDep, query: Annotated[ActorFilters, Query()]) -> Response:
    """Actors with a mention matching the filters, most mentioned first, each with its
    first mentions (at most 20), how many it has, and the URL of all of them."""
    return _kept(request, store, lambda: _actors(request, store, query))


def _actors(request: Request, store: Store, query: ActorFilters) -> dict[str, Any]:
    after = decode_key("actors", query.next, (int, str, str)) if query.next else None
    filters, limit = query.evidence_filter(), query.limit
    shown = page_in_memory(
        request, "actors", _summaries(store, filters), limit, after, _actor_key, _same
    )
    found: list[ActorSummary] = shown["items"]
    keys = [a.key for a in found]
    records = actor_records(store, keys)
    mention_filters = EvidenceFilter(
        document_id=query.document,
        published_from=query.published_from,
        published_to=query.published_to,
    )
    first = first_mentions(store, keys, mention_filters, limit=MENTIONS_SHOWN)
    items = [
        records[a.key]
        | {
            "aliases": list(a.aliases),
            "mentions": first[a.key],
            "mentions_total": a.mentions,
            "mentions_url": _mentions_url(request, a.key),
        }
        # An actor removed (a re-extraction) since its count was read is left out.
        for a in found
        if a.key in records
    ]
    return shown | {"items": items}


def _actor_key(summary: ActorSummary) -> tuple[Any, ...]:
    return (-summary.mentions, summary.name, summary.key)


def _same(summary: ActorSummary) -> ActorSummary:
    return summary


def _mentions_url(request: Request, key: str) -> str:
    """The URL of actor ``key``'s mentions, with the request's document filters."""
    kept = {
        name: value
        for name, value in request.query_params.items()
        if name in ("document", "published_from", "published_to")
    }
    return str(request.url_for("actor_mentions_listing", actor_id=key).include_query_params(**kept))


_SUMMARIES: OrderedDict[tuple[Any, ...], list[ActorSummary]] = OrderedDict()
_SUMMARIES_LOCK = threading.Lock()
_SUMMARIES_KEEP = 32


def _summaries(store: Store, filters: EvidenceFilter) -> list[ActorSummary]:
    """:func:`actor_summaries`, kept per store, extraction version and filters: the grouping
    of every mention runs once per version of the extracted evidence, not on every request
    (an article ingested and not yet extracted has no mention)."""
    key = (store.url, extraction_version(store), filters)
    with _SUMMARIES_LOCK:
        if key in _SUMMARIES:
            _SUMMARIES.move_to_end(key)
            return _SUMMARIES[key]
    found = actor_summaries(store, filters)
    with _SUMMARIES_LOCK:
        _SUMMARIES[key] = found
        while len(_SUMMARIES) > _SUMMARIES_KEEP:
            _SUMMARIES.popitem(last=False)
    return found


@router.get(
    "/actors/{actor_id}/mentions",
    response_model=Page[Mention],
    tags=["evidence"],
    name="actor_mentions_listing",
)
def mentions(
    request: Request,
    store: StoreDep,
    actor_id: ActorPath,
    query: Annotated[DocumentFilters, Query()],
) -> Response:
    """Every mention of one actor matching the filters, by document and position."""

    def listing() -> dict[str, Any]:
        after = decode_key("mentions", query.next, _ITEM_KEY) if query.next else None
        if not actor_records(store, [actor_id]):
            raise MissingError(
                f"no actor {quoted(actor_id)} in the store; GET /api/v1/actors lists them"
            )
        filters = query.evidence_filter()
        found = actor_mentions(store, actor_id, filters, after=after, limit=query.limit + 1)
        return page(request, "mentions", found, query.limit, _pair_key, _pair_item)

    return _kept(request, store, listing)


def _item(listing: ItemListing) -> dict[str, Any]:
    return listing.item


def _item_key(listing: ItemListing) -> tuple[Any, ...]:
    item = listing.item
    return (item["document_id"], item["start"], item["id"])


def _items(request: Request, store: Store, kind: str, query: ItemFilters) -> Response:
    def listing() -> dict[str, Any]:
        after = decode_key(kind, query.next, _ITEM_KEY) if query.next else None
        filters = query.evidence_filter()
        found = list_items(store, kind, filters, after=after, limit=query.limit + 1)
        return page(request, kind, found, query.limit, _item_key, _item)

    return _kept(request, store, listing)


@router.get("/events", response_model=Page[Event], tags=["evidence"])
def events(request: Request, store: StoreDep, query: Annotated[EventFilters, Query()]) -> Response:
    """Extracted events, by document and position.

    ``date_from``/``date_to`` bound the event's own date, or its document's publication
    date for an event without one (a month- or year-precise date counts as its first day).
    """
    return _items(request, store, "events", query)


@router.get("/quotes", response_model=Page[QuoteModel], tags=["evidence"])
def quotes(request: Request, store: StoreDep, query: Annotated[QuoteFilters, Query()]) -> Response:
    """Extracted quotations with their speakers, by document and position."""
    return _items(request, store, "quotes", query)


@router.get("/claims", response_model=Page[Claim], tags=["evidence"])
def claims(request: Request, store: StoreDep, query: Annotated[ClaimFilters, Query()]) -> Response:
    """Extracted claims (an actor's stance on an issue), by document and position."""
    return _items(request, store, "claims", query)


@router.get("/estimates", response_model=Page[Estimate], tags=["evidence"])
def estimates(
    request: Request, store: StoreDep, query: Annotated[ItemFilters, Query()]
) -> Response:
    """Extracted probability statements with their numbers, by document and position."""
    return _items(request, store, "estimates", query)

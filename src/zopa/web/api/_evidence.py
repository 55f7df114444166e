"""``/documents``, ``/actors``, ``/events``, ``/quotes``, ``/claims``, ``/estimates``: the store's
evidence, page by page, in the layout of the CLI's ``--json`` (``docs/extraction.md``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from zopa.evidence import (
    EVENT_STATUSES,
    STANCES,
    ActorListing,
    EvidenceFilter,
    ItemListing,
    actor_counts,
    list_actors,
    list_items,
)
from zopa.store import DocumentFilter, DocumentRecord, Store, get_document, list_documents
from zopa.web.api._json import Json
from zopa.web.api._models import Actor, Claim, Document, DocumentSummary, Estimate, Event, Page
from zopa.web.api._models import Quote as QuoteModel
from zopa.web.api._pages import Limit, Next, decode_key, page, page_in_memory
from zopa.web.api._params import (
    DateParam,
    DocumentParam,
    IdPath,
    IsoDate,
    TextParam,
    store_of,
)

__all__ = ["router"]

router = APIRouter()

StoreDep = Annotated[Store, Depends(store_of)]
ActorParam = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="an actor's key, or part of its name (case-insensitive)",
    ),
]
PublishedFrom = Annotated[
    IsoDate | None, Query(description="documents published on or after, YYYY-MM-DD")
]
PublishedTo = Annotated[
    IsoDate | None, Query(description="documents published on or before, YYYY-MM-DD")
]
_ITEM_KEY = (int, int, int)
EventStatus = Literal[EVENT_STATUSES]  # type: ignore[valid-type]
Stance = Literal[STANCES]  # type: ignore[valid-type]


@router.get("/documents", response_model=Page[DocumentSummary], tags=["evidence"])
def documents(
    request: Request,
    store: StoreDep,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f]*$",
            description="words the title or the text contains (case-insensitive, as one phrase)",
        ),
    ] = None,
    outlet: TextParam = None,
    language: Annotated[
        str | None, Query(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code, e.g. en")
    ] = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 50,
    next: Next = None,
) -> Json:
    """Stored documents (no text), by publication date then id, undated last."""
    after = decode_key("documents", next, (date, int)) if next else None
    filters = DocumentFilter(
        outlet=outlet,
        language=language,
        published_from=published_from,
        published_to=published_to,
        search=q,
    )
    found = list_documents(store, filters, after=after, limit=limit + 1)
    return Json(page(request, "documents", found, limit, _document_key, DocumentRecord.summary))


def _document_key(doc: DocumentRecord) -> tuple[Any, ...]:
    return doc.key


@router.get("/documents/{document_id}", response_model=Document, tags=["evidence"])
def document(document_id: IdPath, store: StoreDep) -> Json:
    """One stored document with its text."""
    doc = get_document(store, document_id)
    return Json(doc.summary() | {"text": doc.text})


@router.get("/actors", response_model=Page[Actor], tags=["evidence"])
def actors(
    request: Request,
    store: StoreDep,
    actor: ActorParam = None,
    type: Annotated[
        Literal["state", "person", "organisation", "group"] | None,
        Query(description="the actor's kind"),
    ] = None,
    document: DocumentParam = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 50,
    next: Next = None,
) -> Json:
    """Actors with a mention matching the filters, most mentioned first, each with its mentions."""
    after = decode_key("actors", next, (int, str, str)) if next else None
    filters = EvidenceFilter(
        actor=actor,
        type=type,
        document_id=document,
        published_from=published_from,
        published_to=published_to,
    )
    counts = [(-count, name, key) for key, name, count in actor_counts(store, filters)]
    shown = page_in_memory(request, "actors", counts, limit, after, tuple, list)
    keys = [key for _, _, key in shown["items"]]
    found = {a.item["id"]: a.item for a in list_actors(store, filters, keys=keys)}
    # An actor whose mentions went (a re-extraction) between the two reads is left out.
    return Json(shown | {"items": [found[key] for key in keys if key in found]})


def _item(listing: ActorListing | ItemListing) -> dict[str, Any]:
    return listing.item


def _item_key(listing: ItemListing) -> tuple[Any, ...]:
    item = listing.item
    return (item["document_id"], item["start"], item["id"])


def _items(
    request: Request, store: Store, kind: str, filters: EvidenceFilter, limit: int, next: str | None
) -> Json:
    after = decode_key(kind, next, _ITEM_KEY) if next else None
    found = list_items(store, kind, filters, after=after, limit=limit + 1)
    return Json(page(request, kind, found, limit, _item_key, _item))


@router.get("/events", response_model=Page[Event], tags=["evidence"])
def events(
    request: Request,
    store: StoreDep,
    actor: ActorParam = None,
    type: Annotated[
        str | None,
        Query(pattern=r"^[A-Z_]{1,40}$", description="PLOVER event type, e.g. CONSULT"),
    ] = None,
    status: Annotated[EventStatus | None, Query(description="the event's status")] = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
    document: DocumentParam = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 50,
    next: Next = None,
) -> Json:
    """Extracted events, by document and position.

    ``date_from``/``date_to`` bound the event's own date, or its document's publication
    date for an event without one (a month- or year-precise date counts as its first day).
    """
    filters = EvidenceFilter(
        actor=actor,
        type=type,
        status=status,
        dated_from=date_from,
        dated_to=date_to,
        document_id=document,
        published_from=published_from,
        published_to=published_to,
    )
    return _items(request, store, "events", filters, limit, next)


@router.get("/quotes", response_model=Page[QuoteModel], tags=["evidence"])
def quotes(
    request: Request,
    store: StoreDep,
    actor: ActorParam = None,
    type: Annotated[
        Literal["direct", "indirect"] | None, Query(description="the quote's kind")
    ] = None,
    document: DocumentParam = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 50,
    next: Next = None,
) -> Json:
    """Extracted quotations with their speakers, by document and position."""
    filters = EvidenceFilter(
        actor=actor,
        type=type,
        document_id=document,
        published_from=published_from,
        published_to=published_to,
    )
    return _items(request, store, "quotes", filters, limit, next)


@router.get("/claims", response_model=Page[Claim], tags=["evidence"])
def claims(
    request: Request,
    store: StoreDep,
    actor: ActorParam = None,
    issue: Annotated[
        str | None,
        Query(min_length=1, max_length=60, pattern=r"^[^\x00-\x1f\x7f]*$", description="issue id"),
    ] = None,
    type: Annotated[Stance | None, Query(description="the claim's stance")] = None,
    document: DocumentParam = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 50,
    next: Next = None,
) -> Json:
    """Extracted claims (an actor's stance on an issue), by document and position."""
    filters = EvidenceFilter(
        actor=actor,
        issue=issue,
        type=type,
        document_id=document,
        published_from=published_from,
        published_to=published_to,
    )
    return _items(request, store, "claims", filters, limit, next)


@router.get("/estimates", response_model=Page[Estimate], tags=["evidence"])
def estimates(
    request: Request,
    store: StoreDep,
    actor: ActorParam = None,
    document: DocumentParam = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 50,
    next: Next = None,
) -> Json:
    """Extracted probability statements with their numbers, by document and position."""
    filters = EvidenceFilter(
        actor=actor,
        document_id=document,
        published_from=published_from,
        published_to=published_to,
    )
    return _items(request, store, "estimates", filters, limit, next)

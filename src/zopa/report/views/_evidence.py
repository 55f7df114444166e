"""The evidence a view is built from, read once from the store, and the evidence lists.

:func:`load_evidence` is the only function here that reads the store: the
documents and their extracted items in the public layout of
:mod:`zopa.extract` (``zopa events|quotes|claims|estimates --json``), as known
on a date. Everything else is a pure function of what it returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zopa.report.views._article import Span
from zopa.report.views._links import Links

__all__ = [
    "ITEM_KINDS",
    "Evidence",
    "count_evidence",
    "evidence_lists",
    "load_evidence",
    "spans_of",
]

ITEM_KINDS = {"events": "event", "quotes": "quote", "claims": "claim", "estimates": "estimate"}
"""Listing kind → the singular used in anchors and CSS classes."""


@dataclass(frozen=True)
class Evidence:
    """Documents by id and their items by listing kind, each a public dictionary.

    ``mentions`` are ``(document_id, start, end, actor name)``.
    """

    documents: dict[int, dict[str, Any]]
    items: dict[str, list[dict[str, Any]]]
    mentions: list[tuple[int, int, int, str]] = field(default_factory=list)

    def by_id(self, kind: str) -> dict[int, dict[str, Any]]:
        """The items of listing ``kind`` by row id."""
        return {item["id"]: item for item in self.items.get(kind, [])}


def _document(record: Any) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.title,
        "outlet": record.outlet,
        "published": record.published_at.isoformat() if record.published_at else None,
        "source": record.source,
        "language": record.language,
        "url": record.url,
        "text": record.text,
    }


def _headers(
    store: Any, as_of: date | None, ids: Iterable[int] | None = None
) -> dict[int, dict[str, Any]]:
    """The documents published by ``as_of`` (of ``ids`` only, when given) without their texts."""
    from sqlalchemy import select

    from zopa.store import Document

    columns = (Document.id, Document.title, Document.outlet, Document.published_at)
    query = select(*columns, Document.source, Document.language, Document.url)
    if as_of is not None:
        query = query.where(Document.published_at <= as_of)
    if ids is not None:
        query = query.where(Document.id.in_(sorted(set(ids))))
    with store.session() as session:
        rows = session.execute(query.order_by(Document.id)).all()
    return {
        row.id: {
            "id": row.id,
            "title": row.title,
            "outlet": row.outlet,
            "published": row.published_at.isoformat() if row.published_at else None,
            "source": row.source,
            "language": row.language,
            "url": row.url,
            "text": "",
        }
        for row in rows
    }


def load_evidence(
    store: Any,
    *,
    as_of: date | None = None,
    document_id: int | None = None,
    kinds: Iterable[str] = tuple(ITEM_KINDS),
    mentions: bool = True,
    texts: bool = True,
) -> Evidence:
    """The documents published by ``as_of`` (all, dated or not, when ``None``) and their items.

    ``document_id`` keeps one document only (the dashboard's article page);
    ``kinds`` (listing kinds) and ``mentions`` say what a page needs, so a page
    reads only that (an absent kind is an empty list); without ``texts`` the
    documents' texts are not read (their ``text`` is ``""``).
    """
    from zopa.evidence import EvidenceFilter, list_actors, list_items
    from zopa.store import DocumentFilter, get_document, list_documents

    if document_id is not None:
        documents = {document_id: _document(get_document(store, document_id))}
    elif texts:
        records = list_documents(store, DocumentFilter(published_to=as_of))
        documents = {r.id: _document(r) for r in records}
    else:
        documents = _headers(store, as_of)
    filters = EvidenceFilter(published_to=as_of, document_id=document_id)
    wanted = set(kinds)
    items = {
        kind: [listing.item for listing in list_items(store, kind, filters)]
        if kind in wanted
        else []
        for kind in ITEM_KINDS
    }
    spans = sorted(
        (m["document_id"], m["start"], m["end"], actor.item["name"])
        for actor in (list_actors(store, filters) if mentions else [])
        for m in actor.item["mentions"]
    )
    return Evidence(documents, items, spans)


def evidence_page(store: Any, kind: str, items: list[dict[str, Any]]) -> Evidence:
    """One page of a listing's ``items`` (listing ``kind``) with their documents, without
    texts: what a dashboard page shows reads no more than the page."""
    return Evidence(_headers(store, None, (i["document_id"] for i in items)), {kind: items})


def count_evidence(store: Any, as_of: date | None = None) -> dict[str, int]:
    """How many documents, and items of each kind, were published by ``as_of`` (all when
    ``None``): counted in the database, nothing loaded."""
    from sqlalchemy import func, select

    from zopa.store import Claim, Document, Estimate, Event, Quote

    tables: dict[str, Any] = {
        "claims": Claim,
        "estimates": Estimate,
        "events": Event,
        "quotes": Quote,
    }
    dated = [] if as_of is None else [Document.published_at <= as_of]
    with store.session() as session:
        counts = {"documents": session.scalar(select(func.count(Document.id)).where(*dated)) or 0}
        for kind, table in tables.items():
            query = select(func.count(table.id))
            if dated:  # every item has its document (a foreign key): joined to date it only
                query = query.join(Document, Document.id == table.document_id).where(*dated)
            counts[kind] = session.scalar(query) or 0
    return counts


def _label(kind: str, item: dict[str, Any]) -> str:
    """A short description of an item (the ``title`` of its mark)."""
    if kind == "events":
        who = " → ".join(a for a in (item["source_actor"], item["target_actor"]) if a)
        return f"event {item['type']} ({item['status']}){': ' + who if who else ''}"
    if kind == "quotes":
        return f"{item['kind']} quote by {item['speaker_actor'] or item['speaker_text'] or '?'}"
    if kind == "claims":
        return f"claim of {item['actor'] or '?'} on {item['issue']} ({item['stance']})"
    level = (
        "(a direction, no level)"
        if item["low"] <= 0 and item["high"] >= 1
        else f"= {item['probability']:.2f}"
    )
    return f"estimate {item['phrase']} {level} by {item['holder_actor'] or '?'}"


def spans_of(evidence: Evidence, document_id: int) -> list[Span]:
    """Every extracted span of one document: actor mentions and the four item kinds."""
    spans = [
        Span("mention", None, start, end, f"actor {name}")
        for doc, start, end, name in evidence.mentions
        if doc == document_id
    ]
    for kind, singular in ITEM_KINDS.items():
        spans.extend(
            Span(singular, item["id"], item["start"], item["end"], _label(kind, item))
            for item in evidence.items.get(kind, [])
            if item["document_id"] == document_id
        )
    return spans


def evidence_lists(evidence: Evidence, links: Links) -> dict[str, list[dict[str, Any]]]:
    """Quotes, claims and probability statements, each with its document and span link."""
    out: dict[str, list[dict[str, Any]]] = {}
    for kind in ("quotes", "claims", "estimates"):
        out[kind] = [
            {
                **item,
                "href": links.span(ITEM_KINDS[kind], item["id"], item["document_id"]),
                "document": evidence.documents.get(item["document_id"], {}).get("title"),
                "label": _label(kind, item),
            }
            for item in evidence.items.get(kind, [])
        ]
    return out

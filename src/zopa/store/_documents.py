"""Reading and writing documents: plain records in, plain records out."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from zopa.errors import MissingError
from zopa.store._engine import Store
from zopa.store._schema import Document

__all__ = [
    "DocumentFilter",
    "DocumentRecord",
    "NewDocument",
    "add_document",
    "find_by_hash",
    "get_document",
    "list_documents",
]


class NewDocument(BaseModel):
    """A normalised article ready to be stored (built by ingestion)."""

    model_config = ConfigDict(frozen=True)

    sha256: str
    source: str
    outlet: str | None
    title: str | None
    url: str | None
    published_at: date | None
    date_source: str
    language: str
    text: str
    word_count: int


class DocumentRecord(NewDocument):
    """A stored document."""

    id: int
    ingested_at: datetime


class DocumentFilter(BaseModel):
    """Filters for :func:`list_documents`; ``None`` means no filter."""

    outlet: str | None = None
    language: str | None = None
    published_from: date | None = None
    published_to: date | None = None


def _record(row: Document) -> DocumentRecord:
    return DocumentRecord(
        id=row.id,
        sha256=row.sha256,
        source=row.source,
        outlet=row.outlet,
        title=row.title,
        url=row.url,
        published_at=row.published_at,
        date_source=row.date_source,
        language=row.language,
        text=row.text,
        word_count=row.word_count,
        ingested_at=row.ingested_at,
    )


def find_by_hash(session: Session, sha256: str) -> int | None:
    """The id of the stored document with this content hash, if any."""
    return session.scalar(select(Document.id).where(Document.sha256 == sha256))


def add_document(session: Session, doc: NewDocument) -> int:
    """Insert ``doc`` in the caller's write transaction and return its new id."""
    row = Document(**doc.model_dump(), ingested_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    return row.id


def get_document(store: Store, document_id: int) -> DocumentRecord:
    """The document with this id; :class:`MissingError` naming the id when there is none."""
    with store.session() as session:
        row = session.get(Document, document_id)
        if row is None:
            raise MissingError(f"no document with id {document_id}; `zopa docs list` shows the ids")
        return _record(row)


def list_documents(store: Store, filters: DocumentFilter | None = None) -> list[DocumentRecord]:
    """Stored documents matching ``filters``, by publication date then id."""
    f = filters or DocumentFilter()
    query = select(Document)
    if f.outlet is not None:
        query = query.where(Document.outlet == f.outlet)
    if f.language is not None:
        query = query.where(Document.language == f.language)
    if f.published_from is not None:
        query = query.where(Document.published_at >= f.published_from)
    if f.published_to is not None:
        query = query.where(Document.published_at <= f.published_to)
    query = query.order_by(Document.published_at.is_(None), Document.published_at, Document.id)
    with store.session() as session:
        return [_record(row) for row in session.scalars(query)]

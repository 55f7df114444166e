"""Reading and writing documents: plain records in, plain records out."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ARRAY, Select, String, any_, bindparam, func, or_, select, tuple_
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from zopa.errors import MissingError
from zopa.store._engine import Store
from zopa.store._schema import Document

__all__ = [
    "DocumentFilter",
    "DocumentKey",
    "DocumentRecord",
    "NewDocument",
    "add_document",
    "document_summaries",
    "find_by_hash",
    "get_document",
    "ids_by_hash",
    "insert_documents",
    "list_documents",
]

#: A PostgreSQL advisory lock key ("zopi" in ASCII) that batch inserts of documents take for
#: their transaction, so two ingesters write their batches one after the other, as SQLite's
#: write lock has them do (see :func:`insert_documents`).
_INSERT_LOCK = 0x7A6F7069


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

    def summary(self) -> dict[str, object]:
        """The public layout of a document without its text (``zopa docs list --json``)."""
        return _summary([getattr(self, name) for name in _SUMMARY_FIELDS])

    @property
    def key(self) -> DocumentKey:
        """Where the document sorts in :func:`list_documents` (a page's keyset)."""
        return (self.published_at, self.id)


DocumentKey = tuple[date | None, int]
"""``(published_at, id)``: the order of :func:`list_documents`, undated documents last."""


class DocumentFilter(BaseModel):
    """Filters for :func:`list_documents`; ``None`` means no filter."""

    outlet: str | None = None
    language: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    search: str | None = None
    """Words the title or the text contains, case-insensitively (as one phrase)."""


_SUMMARY_FIELDS = (
    "id",
    "published_at",
    "date_source",
    "outlet",
    "title",
    "source",
    "url",
    "language",
    "word_count",
    "sha256",
    "ingested_at",
)
"""The members of a document's public layout (every column but the text), in order."""
_SUMMARY_COLUMNS = tuple(getattr(Document, name) for name in _SUMMARY_FIELDS)


def _summary(values: Sequence[Any]) -> dict[str, object]:
    """The public layout of a document from the values of :data:`_SUMMARY_FIELDS`."""
    found: dict[str, Any] = dict(zip(_SUMMARY_FIELDS, values, strict=True))
    published = found["published_at"]
    found["published_at"] = published.isoformat() if published else None
    found["ingested_at"] = _utc(found["ingested_at"]).isoformat()
    return found


def _utc(moment: datetime) -> datetime:
    """``moment`` with its zone: SQLite gives back the UTC time written without it."""
    return moment.replace(tzinfo=moment.tzinfo or UTC)


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
        ingested_at=_utc(row.ingested_at),
    )


def find_by_hash(session: Session, sha256: str) -> int | None:
    """The id of the stored document with this content hash, if any."""
    return session.scalar(select(Document.id).where(Document.sha256 == sha256))


def ids_by_hash(session: Session, hashes: Collection[str]) -> dict[str, int]:
    """The ids of the stored documents with these content hashes, by hash (absent: not stored)."""
    if not hashes:
        return {}
    if session.get_bind().dialect.name == "postgresql":
        # One array parameter: the same statement for any number of hashes, compiled and
        # prepared once, where an IN list of a hundred is compiled and parsed every batch.
        hash_list = bindparam("hashes", sorted(hashes), type_=ARRAY(String))
        query = select(Document.sha256, Document.id).where(Document.sha256 == any_(hash_list))
    else:
        query = select(Document.sha256, Document.id).where(Document.sha256.in_(sorted(hashes)))
    return dict(session.execute(query).all())


def insert_documents(session: Session, docs: Sequence[NewDocument]) -> dict[str, int]:
    """Insert the documents of ``docs`` whose text is not stored yet, in the caller's write
    transaction, in a few statements; return the new ids by content hash.

    De-duplication is the database's: the unique index on ``documents.sha256`` with
    ``INSERT … ON CONFLICT DO NOTHING`` (PostgreSQL, SQLite) skips a text already stored,
    by this process or another, committed or not (PostgreSQL waits for the other
    transaction, then skips). On PostgreSQL the transaction first takes an advisory lock,
    so concurrent batches never wait on each other's index entries in a circle (a
    deadlock) and ids follow each batch's order, as SQLite's write lock has it; the texts
    already stored are then left out of the insert, so they take no id from the sequence
    (the ids stay those SQLite gives). PostgreSQL receives the rows by ``COPY`` into a
    temporary table, inserted from there in their order (:func:`_copy_documents`); SQLite
    by one multi-row ``INSERT``.
    """
    if not docs:
        return {}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_INSERT_LOCK)))
    stored = ids_by_hash(session, {doc.sha256 for doc in docs})
    new = [doc for doc in docs if doc.sha256 not in stored]
    if not new:
        return {}
    now = datetime.now(UTC)
    if dialect == "postgresql":
        return _copy_documents(session, new, now)
    statement = (
        sqlite.insert(Document)
        .on_conflict_do_nothing(index_elements=[Document.sha256])
        .returning(Document.sha256, Document.id)
    )
    rows = [{**doc.model_dump(), "ingested_at": now} for doc in new]
    return dict(session.connection().execute(statement, rows).all())


_STAGING = "zopa_documents_in"
_COPIED = ", ".join([*NewDocument.model_fields, "ingested_at"])


def _copy_documents(session: Session, docs: Sequence[NewDocument], now: datetime) -> dict[str, int]:
    """PostgreSQL: ``docs`` into ``documents`` through ``COPY``; the new ids by content hash.

    A multi-row ``INSERT`` of a hundred long texts costs the client more than reading
    them (its thousand parameters are spliced into the statement in Python each time);
    ``COPY`` streams the rows. They land in a temporary table of this connection, emptied
    at each commit, and go on from there in one ``INSERT … SELECT … ORDER BY``, which
    keeps the database's de-duplication (``ON CONFLICT DO NOTHING``) and the ids in the
    documents' order. A database error comes out as SQLAlchemy's, as from any statement.
    """
    import psycopg

    connection = session.connection()
    if _lz4(connection):
        connection.exec_driver_sql("SET LOCAL default_toast_compression = 'lz4'")
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGING} ON COMMIT DELETE ROWS AS "
        f"SELECT 0 AS position, {_COPIED} FROM documents WITH NO DATA"
    )
    copy_sql = f"COPY {_STAGING} (position, {_COPIED}) FROM STDIN"
    driver: Any = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for position, doc in enumerate(docs):
                copy.write_row((position, *doc.model_dump().values(), now))
    except psycopg.Error as exc:
        raise DBAPIError.instance(copy_sql, None, exc, psycopg.Error) from exc
    inserted = connection.exec_driver_sql(
        f"INSERT INTO documents ({_COPIED}) SELECT {_COPIED} FROM {_STAGING} ORDER BY position "
        "ON CONFLICT (sha256) DO NOTHING RETURNING sha256, id"
    )
    return dict(inserted.all())


def _lz4(connection: Connection) -> bool:
    """Whether the server compresses long values with LZ4 when asked (PostgreSQL 14 or later
    built with it), asked once per database connection.

    A text of a few kilobytes is compressed as it is stored; PostgreSQL's own ``pglz`` cost
    the server about a third more per document than LZ4 (``docs/cluster.md``); the texts
    read back the same.
    """
    info = connection.connection.info
    if "zopa_lz4" not in info:
        info["zopa_lz4"] = bool(
            connection.exec_driver_sql(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                "WHERE name = 'default_toast_compression'"
            ).scalar()
        )
    return bool(info["zopa_lz4"])


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


def list_documents(
    store: Store,
    filters: DocumentFilter | None = None,
    *,
    after: DocumentKey | None = None,
    limit: int | None = None,
) -> list[DocumentRecord]:
    """Stored documents matching ``filters``, by publication date then id, undated last.

    ``after`` and ``limit`` read one page of that order (keyset pagination): at most
    ``limit`` documents that sort after the key ``after`` (:attr:`DocumentRecord.key`).
    """
    with store.session() as session:
        return [
            _record(row)
            for row in _listed(select(Document), filters, after, limit, session.scalars)
        ]


def document_summaries(
    store: Store,
    filters: DocumentFilter | None = None,
    *,
    after: DocumentKey | None = None,
    limit: int | None = None,
) -> list[tuple[DocumentKey, dict[str, object]]]:
    """:func:`list_documents` without the texts: each document's key and public layout
    (:meth:`DocumentRecord.summary`), read as columns (a list shows no text, and a
    document's text is most of its row)."""
    with store.session() as session:
        read = session.connection().execute
        rows = _listed(select(*_SUMMARY_COLUMNS), filters, after, limit, read)
        return [((row[1], row[0]), _summary(row)) for row in rows]


def _listed(
    query: Select[Any],
    filters: DocumentFilter | None,
    after: DocumentKey | None,
    limit: int | None,
    read: Callable[[Select[Any]], Iterable[Any]],
) -> list[Any]:
    """The rows ``read(query)`` gives for the documents matching ``filters``, by publication
    date then id, undated last: at most ``limit`` after the key ``after``."""
    f = filters or DocumentFilter()
    if f.outlet is not None:
        query = query.where(Document.outlet == f.outlet)
    if f.language is not None:
        query = query.where(Document.language == f.language)
    if f.published_from is not None:
        query = query.where(Document.published_at >= f.published_from)
    if f.published_to is not None:
        query = query.where(Document.published_at <= f.published_to)
    if f.search is not None:
        phrase = f"%{_escape_like(f.search.lower())}%"
        query = query.where(
            or_(
                func.lower(Document.title).like(phrase, escape="\\"),
                func.lower(Document.text).like(phrase, escape="\\"),
            )
        )
    # Dated documents first, along ix_documents_published_at (the id follows the date in
    # the index), then the undated ones by id: two ordered reads, no sort of every row.
    dated: Select[Any] | None = query.where(Document.published_at.is_not(None))
    undated = query.where(Document.published_at.is_(None))
    if after is not None and after[0] is not None:
        dated = query.where(tuple_(Document.published_at, Document.id) > tuple_(*after))
    elif after is not None:  # a page of the undated ones: no dated document follows
        dated, undated = None, undated.where(Document.id > after[1])
    found: list[Any] = []
    if dated is not None:
        found = list(read(dated.order_by(Document.published_at, Document.id).limit(limit)))
    if limit is None or len(found) < limit:
        rest = None if limit is None else limit - len(found)
        found += read(undated.order_by(Document.id).limit(rest))
    return found


def _escape_like(text: str) -> str:
    r"""``text`` with the LIKE wildcards ``%`` and ``_`` (and the escape ``\``) escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

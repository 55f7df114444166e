"""Ingesting files into the store: documents in batches, a transaction each, none half-written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy import String
from sqlalchemy.exc import SQLAlchemyError

from zopa.errors import IngestError, StoreError, quoted
from zopa.files import display_path
from zopa.ingest._collect import collect_paths
from zopa.ingest._dates import date_from_dateline, date_from_url, parse_date
from zopa.ingest._language import detect_language
from zopa.ingest._normalise import (
    clean_field,
    content_hash,
    normalise_text,
    replace_surrogates,
    word_count,
)
from zopa.ingest._readers import RawArticle, read_data, read_file, supported_suffixes
from zopa.store import Document, NewDocument, Store, ids_by_hash, insert_documents

__all__ = [
    "BATCH_SIZE",
    "IngestOutcome",
    "IngestReport",
    "collect_files",
    "ingest_data",
    "ingest_paths",
    "prepare",
]

Status = Literal["ingested", "duplicate", "failed"]
_MAX_TITLE_CHARS = 300
# The store's bounded text columns (documents.outlet is VARCHAR(200) ...): PostgreSQL
# refuses a longer value and SQLite would keep it, so values are cut to fit on both.
_COLUMN_CHARS = {
    column.name: column.type.length
    for column in Document.__table__.columns
    if isinstance(column.type, String) and column.type.length is not None
}


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one article (or one file that could not be read)."""

    source: str
    status: Status
    document_id: int | None = None
    message: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class IngestReport:
    """Every outcome of a run, in order, with counts by status."""

    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many outcomes have ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return self.count("failed") == 0


def collect_files(
    paths: Iterable[Path], *, follow_links: bool = False
) -> tuple[list[Path], list[IngestOutcome]]:
    """Files to read under ``paths`` (folders recursively, supported suffixes only, sorted).

    A path that cannot be read — missing, a pipe or device, a link loop, a link
    out of its folder's tree (unless ``follow_links``), a folder that cannot be
    listed — is returned as a failed outcome saying so (see :mod:`._collect`); a
    file named explicitly is kept whatever its suffix, so its reader can say why
    it fails.
    """
    files, problems = collect_paths(paths, supported_suffixes(), follow_links=follow_links)
    failures = []
    for path, reason in problems:
        name = display_path(path)
        failures.append(IngestOutcome(name, "failed", message=f"{name}: {reason}"))
    return files, failures


def _without_surrogates(raw: RawArticle) -> tuple[dict[str, str | None], list[str]]:
    """``raw``'s text and metadata with lone surrogates replaced, and a warning if any were."""
    values = {
        "text": raw.text,
        "title": raw.title,
        "url": raw.url,
        "outlet": raw.outlet,
        "published": raw.published,
    }
    count = 0
    for name, value in values.items():
        if value is not None:
            values[name], found = replace_surrogates(value)
            count += found
    if not count:
        return values, []
    return values, [
        f"{raw.source}: {count} lone surrogate{'s' * (count > 1)} "
        "(invalid \\ud800-\\udfff escapes) replaced by U+FFFD"
    ]


def _host(raw: RawArticle, url: str) -> str | None:
    """The host name in ``url``; a URL that cannot be parsed is an error, not a guess."""
    try:
        return urlsplit(url).hostname
    except ValueError as exc:
        raise IngestError(
            f"{raw.where('url')}: url {quoted(url)} is not a valid URL ({exc}); fix or remove it"
        ) from None


def _publication_date(
    raw: RawArticle, written: str | None, url: str | None, text: str
) -> tuple[date | None, str]:
    """The date and where it came from: metadata (which must be a date), URL or dateline."""
    if written is not None:
        published = parse_date(written)
        if published is None:
            raise IngestError(
                f"{raw.where('published')}: published {quoted(written)} is not a date; "
                "write it as YYYY-MM-DD or remove it"
            )
        return published, "metadata"
    if url and (published := date_from_url(url)):
        return published, "url"
    if published := date_from_dateline(text):
        return published, "dateline"
    return None, "none"


def _fit_columns(fields: dict[str, object], source: str) -> list[str]:
    """Cut values longer than their column in place; one warning per value cut."""
    warnings = []
    for name, limit in _COLUMN_CHARS.items():
        value = fields.get(name)
        if isinstance(value, str) and len(value) > limit:
            fields[name] = value[: limit - 1] + "…"
            warnings.append(
                f"{source}: {name} of {len(value):,} characters cut to the store's {limit}"
            )
    return warnings


def prepare(raw: RawArticle) -> tuple[NewDocument, tuple[str, ...]]:
    """Normalise ``raw`` into a storable document and the warnings it raised.

    The date comes from metadata, else the URL, else the dateline; the title from
    metadata, else the first line. Every value is made storable the same way on
    SQLite and PostgreSQL: lone surrogates become U+FFFD (with a warning),
    control characters (NUL included) go, values longer than their column are
    cut (with a warning).

    Raises
    ------
    IngestError
        No text is left, the metadata date is no date, or the URL cannot be parsed
        (``source:LINE: what``, the line of the field when known).
    """
    values, warnings = _without_surrogates(raw)
    text = normalise_text(values["text"] or "")
    if not text:
        raise IngestError(f"{raw.source}: no text left after normalisation")
    title, url, outlet, written_date = (
        clean_field(values[name]) for name in ("title", "url", "outlet", "published")
    )
    if url is not None:
        host = _host(raw, url)  # checked even when the outlet is given
        outlet = outlet or host
    published, date_source = _publication_date(raw, written_date, url, text)
    if published is None:
        warnings.append(f"{raw.source}: no publication date found (metadata, URL or dateline)")
    if not title:
        title = text.split("\n", 1)[0].strip()[:_MAX_TITLE_CHARS] or None
    language = detect_language(text)
    if language != "en":
        warnings.append(f"{raw.source}: language {language!r}, stored and flagged as non-English")
    fields: dict[str, object] = {
        "sha256": content_hash(text),
        "source": raw.source,
        "outlet": outlet,
        "title": title,
        "url": url,
        "published_at": published,
        "date_source": date_source,
        "language": language,
        "text": text,
        "word_count": word_count(text),
    }
    warnings += _fit_columns(fields, raw.source)
    return NewDocument.model_validate(fields), tuple(warnings)


BATCH_SIZE = 100
"""Documents written per transaction: enough to spend little per document on the write
(one multi-row insert), few enough that an interrupted run loses little work."""


@dataclass(frozen=True)
class _Ready:
    """A prepared document waiting in a batch, and where its outcome goes in the report."""

    position: int
    source: str
    document: NewDocument
    warnings: tuple[str, ...]


@dataclass
class _Batches:
    """Prepared documents gathered into batches, each written in one transaction."""

    store: Store
    report: IngestReport
    size: int
    on_file_done: Callable[[Path], None] | None = None
    ready: list[_Ready] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)  # files read whose documents wait

    def add(self, raw: RawArticle) -> None:
        """Prepare ``raw`` and queue it, or record why it cannot be stored."""
        try:
            document, warnings = prepare(raw)
        except IngestError as exc:
            self.report.outcomes.append(IngestOutcome(raw.source, "failed", message=str(exc)))
            return
        position = len(self.report.outcomes)
        self.report.outcomes.append(IngestOutcome(raw.source, "ingested"))  # until written
        self.ready.append(_Ready(position, raw.source, document, warnings))
        if len(self.ready) >= self.size:
            self.flush()

    def file_read(self, path: Path) -> None:
        """Say ``path`` is done once all its documents are written."""
        self.waiting.append(path)
        if not self.ready:
            self.flush()

    def flush(self) -> None:
        """Write the queued documents, record their outcomes, say which files are done."""
        batch, self.ready = self.ready, []
        for position, outcome in _write(self.store, batch):
            self.report.outcomes[position] = outcome
        done, self.waiting = self.waiting, []
        if self.on_file_done is not None:
            for path in done:
                self.on_file_done(path)


def _write(store: Store, batch: list[_Ready]) -> list[tuple[int, IngestOutcome]]:
    """Store ``batch`` in one transaction; each document's outcome by its report position.

    A text stored before, or earlier in the batch, is a duplicate of that document. When
    the database refuses the batch for one document's sake, each document is written
    again in its own transaction: the others are stored, that one is reported failed.
    """
    if not batch:
        return []
    documents: dict[str, NewDocument] = {}  # the first document of each text
    for ready in batch:
        documents.setdefault(ready.document.sha256, ready.document)
    try:
        with store.write() as session:
            new_ids = insert_documents(session, list(documents.values()))
            ids = {**ids_by_hash(session, documents.keys() - new_ids.keys()), **new_ids}
    except StoreError:  # the store itself is unusable (locked, read-only, full): stop
        raise
    except SQLAlchemyError as exc:
        if len(batch) > 1:
            return [found for ready in batch for found in _write(store, [ready])]
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        message = f"{batch[0].source}: the store refused this document ({reason})"
        return [(batch[0].position, IngestOutcome(batch[0].source, "failed", message=message))]
    outcomes = []
    for ready in batch:
        sha256 = ready.document.sha256
        doc_id = ids[sha256]
        if new_ids.pop(sha256, None) is not None:
            outcome = IngestOutcome(ready.source, "ingested", doc_id, warnings=ready.warnings)
        else:
            message = f"same text as document {doc_id}"
            outcome = IngestOutcome(ready.source, "duplicate", doc_id, message)
        outcomes.append((ready.position, outcome))
    return outcomes


def _articles(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    try:
        yield from read_file(path, max_bytes)
    except IngestError as exc:
        yield exc


def _queue_all(batches: _Batches, where: str, items: Iterable[RawArticle | IngestError]) -> None:
    """Queue every article of one file; ``where`` names the file in failures."""
    for item in items:
        if isinstance(item, IngestError):
            batches.report.outcomes.append(IngestOutcome(where, "failed", message=str(item)))
        else:
            batches.add(item)


def ingest_data(store: Store, data: bytes, name: str) -> IngestReport:
    """Ingest the articles in ``data``, the bytes of one file called ``name`` (an upload).

    As :func:`ingest_paths` does for a file: the suffix of ``name`` picks the reader,
    each document is stored in its own transaction, failures are recorded, not raised.
    The caller bounds the size of ``data``.
    """
    batches = _Batches(store, IngestReport(), BATCH_SIZE)

    def articles() -> Iterator[RawArticle | IngestError]:
        try:
            yield from read_data(data, name)
        except IngestError as exc:
            yield exc

    _queue_all(batches, name, articles())
    batches.flush()
    return batches.report


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    max_file_bytes: int,
    on_file_done: Callable[[Path], None] | None = None,
    files: list[Path] | None = None,
    follow_links: bool = False,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``.

    Documents are written in batches of ``batch_size``, each batch in one
    transaction of multi-row inserts, so an interruption leaves only whole
    documents and a re-run completes the rest (already stored texts are reported
    as duplicates). The database keeps each text once, even against another
    process ingesting the same texts at the same time (:func:`insert_documents`).
    Failures are recorded, never raised: the other documents are still ingested.

    Parameters
    ----------
    files:
        The files to read, when the caller has already run :func:`collect_files`
        (to size a progress bar); otherwise they are collected from ``paths``.
    on_file_done:
        Called with each file once all its documents are written.
    follow_links:
        Read symbolic links that lead out of a folder's tree (refused by default).
    """
    batches = _Batches(store, IngestReport(), batch_size, on_file_done)
    if files is None:
        files, missing = collect_files(paths, follow_links=follow_links)
        batches.report.outcomes.extend(missing)
    for path in files:
        _queue_all(batches, display_path(path), _articles(path, max_file_bytes))
        batches.file_read(path)
    batches.flush()
    return batches.report

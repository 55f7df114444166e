"""Ingesting files into the store: one transaction per document, nothing half-written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from sqlalchemy.exc import IntegrityError

from zopa.errors import IngestError
from zopa.ingest._dates import date_from_dateline, date_from_url, parse_date
from zopa.ingest._language import detect_language
from zopa.ingest._normalise import content_hash, normalise_text, word_count
from zopa.ingest._readers import RawArticle, read_file, supported_suffixes
from zopa.store import NewDocument, Store, add_document, find_by_hash

__all__ = ["IngestOutcome", "IngestReport", "collect_files", "ingest_paths", "prepare"]

Status = Literal["ingested", "duplicate", "failed"]
_MAX_TITLE_CHARS = 300


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


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[IngestOutcome]]:
    """Files to read under ``paths`` (folders recursively, supported suffixes only, sorted).

    A path that does not exist is returned as a failed outcome; a file named
    explicitly is kept whatever its suffix, so its reader can say why it fails.
    """
    suffixes = set(supported_suffixes())
    files: list[Path] = []
    missing: list[IngestOutcome] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append(
                IngestOutcome(str(path), "failed", message=f"{path}: no such file or folder")
            )
    return files, missing


def prepare(raw: RawArticle) -> tuple[NewDocument, tuple[str, ...]]:
    """Normalise ``raw`` into a storable document and the warnings it raised.

    The date comes from metadata, else the URL, else the dateline; the title from
    metadata, else the first line.
    """
    text = normalise_text(raw.text)
    if not text:
        raise IngestError(f"{raw.source}: no text left after normalisation")
    warnings: list[str] = []
    published, date_source = None, "none"
    if raw.published and (published := parse_date(raw.published)):
        date_source = "metadata"
    elif raw.url and (published := date_from_url(raw.url)):
        date_source = "url"
    elif published := date_from_dateline(text):
        date_source = "dateline"
    else:
        warnings.append(f"{raw.source}: no publication date found (metadata, URL or dateline)")
    title = raw.title.strip() if raw.title else None
    if not title:
        first_line = text.split("\n", 1)[0].strip()
        title = first_line[:_MAX_TITLE_CHARS] or None
    outlet = raw.outlet or (urlparse(raw.url).hostname if raw.url else None)
    language = detect_language(text)
    if language != "en":
        warnings.append(f"{raw.source}: language {language!r}, stored and flagged as non-English")
    document = NewDocument(
        sha256=content_hash(text),
        source=raw.source,
        outlet=outlet,
        title=title,
        url=raw.url,
        published_at=published,
        date_source=date_source,
        language=language,
        text=text,
        word_count=word_count(text),
    )
    return document, tuple(warnings)


def _store_one(store: Store, raw: RawArticle) -> IngestOutcome:
    document, warnings = prepare(raw)
    try:
        with store.write() as session:
            existing = find_by_hash(session, document.sha256)
            if existing is not None:
                return IngestOutcome(
                    raw.source, "duplicate", existing, f"same text as document {existing}"
                )
            new_id = add_document(session, document)
    except IntegrityError:
        # Another process stored the same text between our check and our insert.
        with store.session() as session:
            existing = find_by_hash(session, document.sha256)
        return IngestOutcome(raw.source, "duplicate", existing, f"same text as document {existing}")
    return IngestOutcome(raw.source, "ingested", new_id, warnings=warnings)


def _articles(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    try:
        yield from read_file(path, max_bytes)
    except IngestError as exc:
        yield exc


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    max_file_bytes: int,
    on_file_done: Callable[[Path], None] | None = None,
    files: list[Path] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``.

    Each document is written in its own transaction, so an interruption leaves
    only whole documents and a re-run completes the rest (already stored texts
    are reported as duplicates). Failures are recorded, never raised: the other
    files are still ingested.

    Parameters
    ----------
    files:
        The files to read, when the caller has already run :func:`collect_files`
        (to size a progress bar); otherwise they are collected from ``paths``.
    """
    report = IngestReport()
    if files is None:
        files, missing = collect_files(paths)
        report.outcomes.extend(missing)
    for path in files:
        for item in _articles(path, max_file_bytes):
            if isinstance(item, IngestError):
                report.outcomes.append(IngestOutcome(str(path), "failed", message=str(item)))
                continue
            try:
                report.outcomes.append(_store_one(store, item))
            except IngestError as exc:
                report.outcomes.append(IngestOutcome(item.source, "failed", message=str(exc)))
        if on_file_done is not None:
            on_file_done(path)
    return report

"""Ingesting files into the store: one transaction per document, nothing half-written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy import String
from sqlalchemy.exc import IntegrityError

from zopa.errors import IngestError, quoted
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
from zopa.store import Document, NewDocument, Store, add_document, find_by_hash

__all__ = [
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


def _store_all(
    store: Store, report: IngestReport, where: str, items: Iterable[RawArticle | IngestError]
) -> None:
    """Store every article of one file in ``report``; ``where`` names the file in failures."""
    for item in items:
        if isinstance(item, IngestError):
            report.outcomes.append(IngestOutcome(where, "failed", message=str(item)))
            continue
        try:
            report.outcomes.append(_store_one(store, item))
        except IngestError as exc:
            report.outcomes.append(IngestOutcome(item.source, "failed", message=str(exc)))


def ingest_data(store: Store, data: bytes, name: str) -> IngestReport:
    """Ingest the articles in ``data``, the bytes of one file called ``name`` (an upload).

    As :func:`ingest_paths` does for a file: the suffix of ``name`` picks the reader,
    each document is stored in its own transaction, failures are recorded, not raised.
    The caller bounds the size of ``data``.
    """
    report = IngestReport()

    def articles() -> Iterator[RawArticle | IngestError]:
        try:
            yield from read_data(data, name)
        except IngestError as exc:
            yield exc

    _store_all(store, report, name, articles())
    return report


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    max_file_bytes: int,
    on_file_done: Callable[[Path], None] | None = None,
    files: list[Path] | None = None,
    follow_links: bool = False,
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
    follow_links:
        Read symbolic links that lead out of a folder's tree (refused by default).
    """
    report = IngestReport()
    if files is None:
        files, missing = collect_files(paths, follow_links=follow_links)
        report.outcomes.extend(missing)
    for path in files:
        _store_all(store, report, display_path(path), _articles(path, max_file_bytes))
        if on_file_done is not None:
            on_file_done(path)
    return report

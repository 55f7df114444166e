"""Reading and preparing articles: a file's bytes to documents ready to store.

This is ingestion's costly part (reading, front matter, normalising, the date, the
language, the content hash) and a pure function of the file: :func:`prepare_files`
gives the same documents in any process, so worker processes can prepare files
while another writes them (:mod:`._preparers`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import String

from zopa.errors import IngestError, quoted
from zopa.files import display_path
from zopa.ingest._dates import date_from_dateline, date_from_url, parse_date
from zopa.ingest._language import detect_language
from zopa.ingest._normalise import clean_field, hash_and_count, normalise_text, replace_surrogates
from zopa.ingest._outcomes import IngestOutcome
from zopa.ingest._readers import RawArticle, read_data, read_file
from zopa.store import Document, NewDocument

__all__ = ["Prepared", "prepare", "prepare_data", "prepare_file", "prepare_files"]

_MAX_TITLE_CHARS = 300
# The store's bounded text columns (documents.outlet is VARCHAR(200) ...): PostgreSQL
# refuses a longer value and SQLite would keep it, so values are cut to fit on both.
_COLUMN_CHARS = {
    column.name: column.type.length
    for column in Document.__table__.columns
    if isinstance(column.type, String) and column.type.length is not None
}


@dataclass(frozen=True)
class Prepared:
    """An article ready to be stored: its source, its document and the warnings it raised."""

    source: str
    document: NewDocument
    warnings: tuple[str, ...]


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
    sha256, words = hash_and_count(text)
    fields: dict[str, object] = {
        "sha256": sha256,
        "source": raw.source,
        "outlet": outlet,
        "title": title,
        "url": url,
        "published_at": published,
        "date_source": date_source,
        "language": language,
        "text": text,
        "word_count": words,
    }
    warnings += _fit_columns(fields, raw.source)
    return NewDocument.model_validate(fields), tuple(warnings)


def prepare_file(path: Path, max_bytes: int) -> list[Prepared | IngestOutcome]:
    """Each article of the file at ``path``, prepared, or a failed outcome saying why not;
    a file that cannot be read at all is one failed outcome."""
    return _prepare_all(display_path(path), read_file(path, max_bytes))


def prepare_data(data: bytes, name: str) -> list[Prepared | IngestOutcome]:
    """As :func:`prepare_file` for ``data``, the bytes of a file called ``name``."""
    return _prepare_all(name, read_data(data, name))


def _prepare_all(
    where: str, articles: Iterator[RawArticle | IngestError]
) -> list[Prepared | IngestOutcome]:
    """Each of ``articles`` prepared, or failed; ``where`` names their file in failures."""
    items: list[Prepared | IngestOutcome] = []
    try:
        for raw in articles:
            if isinstance(raw, IngestError):
                items.append(IngestOutcome(where, "failed", message=str(raw)))
                continue
            try:
                document, warnings = prepare(raw)
            except IngestError as exc:
                items.append(IngestOutcome(raw.source, "failed", message=str(exc)))
                continue
            items.append(Prepared(raw.source, document, warnings))
    except IngestError as exc:  # the whole file
        items.append(IngestOutcome(where, "failed", message=str(exc)))
    return items


def prepare_files(paths: Sequence[Path], max_bytes: int) -> list[list[Prepared | IngestOutcome]]:
    """:func:`prepare_file` of each of ``paths``, in order (one task of a worker process)."""
    return [prepare_file(path, max_bytes) for path in paths]

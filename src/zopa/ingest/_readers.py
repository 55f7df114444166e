"""Readers turn one file into raw articles; one reader per file suffix, found by name.

A reader is registered in :data:`zopa.registry.data_loaders` under the suffix it
reads (``".txt"``, ``".jsonl"``, ...), so a user adds a format with
``@data_loaders.register(".xml")``. It receives the decoded text and the path and
yields :class:`RawArticle` records, or :class:`~zopa.errors.IngestError` values for
records it cannot read (JSONL lines) — whole-file problems are raised.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import trafilatura
import yaml

from zopa.errors import IngestError
from zopa.registry import data_loaders

__all__ = ["RawArticle", "Reader", "decode_bytes", "read_file", "supported_suffixes"]


@dataclass(frozen=True)
class RawArticle:
    """An article as read from a file, before normalisation.

    ``source`` is the path (``path:LINE`` for a JSONL record); ``published`` is a
    date string from the file's own metadata, if it had one.
    """

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


Reader = Callable[[str, str], Iterator[RawArticle | IngestError]]


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` as UTF-8 (a BOM allowed); binary or undecodable bytes are an IngestError."""
    if not data.strip():
        raise IngestError(f"{source}: empty file")
    if b"\x00" in data[:8192]:
        raise IngestError(f"{source}: binary file (NUL bytes); expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{source}: not UTF-8 text (undecodable byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); re-save the file as UTF-8"
        ) from None


def _str_field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, date):  # YAML front matter parses 2025-05-16 as a date
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string, not {type(value).__name__}")
    return value.strip() or None


_FRONT_MATTER_KEYS = {"title", "url", "outlet", "published", "date"}


def _split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """A leading ``---`` YAML block (title, url, outlet, published) and the body after it."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---\n"):
        return {}, text
    end = stripped.find("\n---", 4)
    if end < 0:
        raise IngestError(f"{source}:1: front matter opened with '---' is never closed")
    try:
        meta = yaml.safe_load(stripped[4:end])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise IngestError(f"{source}:{line}: malformed front matter: {problem}") from None
    if not isinstance(meta, dict):
        raise IngestError(f"{source}:2: front matter must be a mapping of key: value")
    body = stripped[end + 4 :].split("\n", 1)[1] if "\n" in stripped[end + 4 :] else ""
    return {
        str(k).lower(): v for k, v in meta.items() if str(k).lower() in _FRONT_MATTER_KEYS
    }, body


def _read_plain(text: str, source: str) -> Iterator[RawArticle | IngestError]:
    meta, body = _split_front_matter(text, source)
    try:
        published = _str_field(meta, "published") or _str_field(meta, "date")
        yield RawArticle(
            source=source,
            text=body,
            title=_str_field(meta, "title"),
            url=_str_field(meta, "url"),
            outlet=_str_field(meta, "outlet"),
            published=published,
        )
    except ValueError as exc:
        raise IngestError(f"{source}: front matter {exc}") from None


def _read_html(text: str, source: str) -> Iterator[RawArticle | IngestError]:
    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise IngestError(f"{source}: no article text found in the HTML")
    # trafilatura puts one paragraph per line; store paragraphs as .txt/.md do.
    paragraphs = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    yield RawArticle(
        source=source,
        text=paragraphs,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        outlet=getattr(doc, "sitename", None),
        published=getattr(doc, "date", None),
    )


def _read_jsonl(text: str, source: str) -> Iterator[RawArticle | IngestError]:
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield IngestError(f"{where}: expected a JSON object with a 'text' field")
            continue
        try:
            if not isinstance(record.get("text", ""), str):
                raise ValueError(
                    f"field 'text' must be a string, not {type(record['text']).__name__}"
                )
            body = _str_field(record, "text")
            if body is None:
                yield IngestError(f"{where}: missing or empty 'text' field")
                continue
            yield RawArticle(
                source=where,
                text=body,
                title=_str_field(record, "title"),
                url=_str_field(record, "url"),
                outlet=_str_field(record, "outlet"),
                published=_str_field(record, "published"),
            )
        except ValueError as exc:
            yield IngestError(f"{where}: {exc}")


for _suffix, _reader in (
    (".txt", _read_plain),
    (".md", _read_plain),
    (".html", _read_html),
    (".htm", _read_html),
    (".jsonl", _read_jsonl),
):
    data_loaders.register(_suffix)(_reader)


def supported_suffixes() -> list[str]:
    """File suffixes that have a reader."""
    return [name for name in data_loaders.names() if name.startswith(".")]


def read_file(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    """Read the articles in ``path``; whole-file problems raise :class:`IngestError`."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in data_loaders:
        raise IngestError(
            f"{source}: unsupported file type {suffix or '(none)'!r}; "
            f"supported: {', '.join(supported_suffixes())}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"{source}: {size:,} bytes is over the {max_bytes:,}-byte limit "
                "(raise it with --max-bytes or ZOPA_MAX_FILE_BYTES)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{source}: cannot read: {exc.strerror}") from None
    reader: Reader = data_loaders.get(suffix)
    yield from reader(decode_bytes(data, source), source)

"""Readers turn one file into raw articles; one reader per file suffix, found by name.

A reader is registered in :data:`zopa.registry.data_loaders` under the suffix it
reads (``".txt"``, ``".jsonl"``, ...), so a user adds a format with
``@data_loaders.register(".xml")``. It receives the decoded text and the path and
yields :class:`RawArticle` records, or :class:`~zopa.errors.IngestError` values for
records it cannot read (JSONL lines) — whole-file problems are raised.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zopa.errors import IngestError
from zopa.files import display_path, read_bytes
from zopa.ingest._front_matter import parse_front_matter
from zopa.ingest._normalise import unify_line_breaks
from zopa.registry import data_loaders

__all__ = [
    "MAX_INT_DIGITS",
    "RawArticle",
    "Reader",
    "decode_bytes",
    "read_data",
    "read_file",
    "supported_suffixes",
]

MAX_INT_DIGITS = 100
"""Longest integer read from a JSON record (Python refuses over 4,300; none is meaningful)."""


@dataclass(frozen=True)
class RawArticle:
    """An article as read from a file, before normalisation.

    ``source`` is the path (``path:LINE`` for a JSONL record); ``published`` is a
    date string from the file's own metadata, if it had one; ``lines`` gives the
    line of a metadata field when the source spans several (front matter).
    """

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    def where(self, name: str) -> str:
        """Where the field ``name`` was read: ``path:LINE`` when known, else the source."""
        line = self.lines.get(name)
        return self.source if line is None else f"{self.source}:{line}"


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
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string, not {type(value).__name__}")
    return value.strip() or None


def _read_plain(text: str, source: str) -> Iterator[RawArticle | IngestError]:
    """A whole file as one article, with the fields of its front matter, if any."""
    stripped = unify_line_breaks(text.lstrip("\ufeff"))
    if not stripped.startswith("---\n"):
        yield RawArticle(source=source, text=text)
        return
    end = stripped.find("\n---", 4)
    if end < 0:
        raise IngestError(f"{source}:1: front matter opened with '---' is never closed")
    meta = parse_front_matter(stripped[4:end], source=source, first_line=2)
    body = stripped[end + 4 :].split("\n", 1)[1] if "\n" in stripped[end + 4 :] else ""
    values = {name: value for name, (value, _) in meta.items()}
    lines = {name: line for name, (_, line) in meta.items()}
    date_field = "published" if "published" in meta else "date"
    if date_field in lines:
        lines["published"] = lines[date_field]
    yield RawArticle(
        source=source,
        text=body,
        title=values.get("title"),
        url=values.get("url"),
        outlet=values.get("outlet"),
        published=values.get(date_field),
        lines=lines,
    )


def _read_html(text: str, source: str) -> Iterator[RawArticle | IngestError]:
    import trafilatura  # a large import (lxml, language data): paid only for HTML

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


def _json_int(digits: str) -> int:
    """An integer of a JSON record; Python refuses to convert more than 4,300 digits."""
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(
            f"an integer of {len(digits.lstrip('-')):,} digits (at most {MAX_INT_DIGITS})"
        )
    return int(digits)


def _parse_record(line: str, where: str) -> dict[str, Any]:
    """One JSONL line as a JSON object; :class:`IngestError` saying why it is not one."""
    try:
        record = json.loads(line, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError as exc:  # from _json_int
        raise IngestError(f"{where}: {exc}; write the value as a string") from None
    except RecursionError:
        raise IngestError(f"{where}: JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise IngestError(f"{where}: expected a JSON object with a 'text' field")
    return record


def _read_jsonl(text: str, source: str) -> Iterator[RawArticle | IngestError]:
    # Records end at "\n" only: str.splitlines() would also cut at U+2028, U+0085 ...
    # which JSON strings may hold unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        try:
            record = _parse_record(line, where)
            if not isinstance(record.get("text", ""), str):
                raise ValueError(
                    f"field 'text' must be a string, not {type(record['text']).__name__}"
                )
            body = _str_field(record, "text")
            if body is None:
                raise IngestError(f"{where}: missing or empty 'text' field")
            yield RawArticle(
                source=where,
                text=body,
                title=_str_field(record, "title"),
                url=_str_field(record, "url"),
                outlet=_str_field(record, "outlet"),
                published=_str_field(record, "published"),
            )
        except IngestError as exc:
            yield exc
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


def _reader_for(suffix: str, source: str) -> Reader:
    """The reader registered for ``suffix``; an IngestError naming ``source`` when none is."""
    if suffix not in data_loaders:
        raise IngestError(
            f"{source}: unsupported file type {suffix or '(none)'!r}; "
            f"supported: {', '.join(supported_suffixes())}"
        )
    reader: Reader = data_loaders.get(suffix)
    return reader


def read_file(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestError]:
    """Read the articles in ``path``; whole-file problems raise :class:`IngestError`."""
    source = display_path(path)
    reader = _reader_for(path.suffix.lower(), source)
    data = read_bytes(
        path,
        max_bytes=max_bytes,
        error=IngestError,
        limit_hint="; raise it with --max-bytes or ZOPA_MAX_FILE_BYTES",
    )
    yield from reader(decode_bytes(data, source), source)


def read_data(data: bytes, name: str) -> Iterator[RawArticle | IngestError]:
    """Read the articles in ``data``, the bytes of a file called ``name`` (e.g. an upload).

    The suffix of ``name`` picks the reader, as for a file; whole-file problems
    raise :class:`IngestError`.
    """
    reader = _reader_for(Path(name).suffix.lower(), name)
    yield from reader(decode_bytes(data, name), name)

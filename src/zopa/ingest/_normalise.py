"""Text normalisation and the content hash that makes ingestion idempotent."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "clean_field",
    "content_hash",
    "hash_and_count",
    "normalise_text",
    "replace_surrogates",
    "unify_line_breaks",
    "word_count",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_BLANKS = " \t\u00a0"
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise_text(raw: str) -> str:
    """Return ``raw`` in the form zopa stores and extracts from.

    Unicode NFC; ``\\r\\n`` and ``\\r`` become ``\\n``; a byte-order mark, control
    characters and trailing blanks go; three or more line breaks shrink to two
    (a paragraph break); leading and trailing blank lines go. Words, quotation
    marks and paragraph structure are kept, so character offsets into the result
    are stable evidence spans.
    """
    text = unify_line_breaks(unicodedata.normalize("NFC", raw.replace("\ufeff", "")))
    text = _CONTROL.sub("", text)
    # Line by line: a regular expression anchored at line ends tries every blank run. Only
    # when a line ends in a blank (the ends of the text are stripped below): most have none.
    if any(f"{blank}\n" in text for blank in _TRAILING_BLANKS):
        text = "\n".join(line.rstrip(_TRAILING_BLANKS) for line in text.split("\n"))
    if "\n\n\n" in text:  # the search alone costs more than this test
        text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def unify_line_breaks(text: str) -> str:
    """``text`` with Windows (``\\r\\n``) and old Mac (``\\r``) line breaks as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_field(value: str | None) -> str | None:
    """A metadata value (title, outlet, URL) as one clean line, or ``None`` when blank.

    Unicode NFC; control characters (NUL included) go, as in :func:`normalise_text`;
    runs of white space, line breaks included, become one space.
    """
    if value is None:
        return None
    text = _CONTROL.sub("", unicodedata.normalize("NFC", value))
    return " ".join(text.split()) or None


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many there were.

    A JSON escape such as ``"\\ud800"`` without its pair decodes to a lone surrogate,
    which is no character: UTF-8 cannot encode it, so neither database can store it.
    """
    if text.isascii():
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text with all runs of white space folded to one space.

    Two files whose articles differ only in layout (line wrapping, blank lines,
    indentation) therefore count as the same document.
    """
    return hash_and_count(text)[0]


def word_count(text: str) -> int:
    """Number of white-space separated words."""
    return len(text.split())


def hash_and_count(text: str) -> tuple[str, int]:
    """:func:`content_hash` and :func:`word_count` of ``text``, from one split into words."""
    words = text.split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest(), len(words)

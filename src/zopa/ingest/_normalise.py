"""Text normalisation and the content hash that makes ingestion idempotent."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["content_hash", "normalise_text", "word_count"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(raw: str) -> str:
    """Return ``raw`` in the form zopa stores and extracts from.

    Unicode NFC; ``\\r\\n`` and ``\\r`` become ``\\n``; a byte-order mark, control
    characters and trailing blanks go; three or more line breaks shrink to two
    (a paragraph break); leading and trailing blank lines go. Words, quotation
    marks and paragraph structure are kept, so character offsets into the result
    are stable evidence spans.
    """
    text = unicodedata.normalize("NFC", raw.replace("\ufeff", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text with all runs of white space folded to one space.

    Two files whose articles differ only in layout (line wrapping, blank lines,
    indentation) therefore count as the same document.
    """
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Number of white-space separated words."""
    return len(text.split())

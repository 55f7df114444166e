"""The one exception family of zopa.

Every error a user can cause is a :class:`ZopaError`; the CLI prints its message
on one line and exits non-zero, the HTTP API answers it as one JSON shape. Other
exceptions are bugs.

::

    ZopaError
    ├── ConfigError        bad settings or command-line values
    ├── StoreError         the database cannot be reached, migrated or written
    │   └── MissingError   no row of that id or name in the store
    ├── IngestError        a file or record cannot be ingested
    ├── ExtractionError    a document, gazetteer or lexicon cannot be processed
    ├── ScenarioError      a scenario file is invalid
    ├── ModelError         a model cannot be fitted or its parameters are invalid
    ├── ForecastError      forecasts cannot be imported, stored or scored
    ├── ClusterError       the Ray cluster cannot be used (not installed, unreachable)
    └── RegistryError      no entry of that name in a registry

Messages say what failed, the bad value and where (file, line, document, span),
and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "MAX_LINE_CHARS",
    "MAX_QUOTED_CHARS",
    "MAX_WORD_CHARS",
    "ClusterError",
    "ConfigError",
    "ExtractionError",
    "ForecastError",
    "IngestError",
    "MissingError",
    "ModelError",
    "RegistryError",
    "ReportError",
    "ScenarioError",
    "StoreError",
    "ZopaError",
    "one_line",
    "quoted",
]

MAX_QUOTED_CHARS = 60
MAX_WORD_CHARS = 100
MAX_LINE_CHARS = 500


class ZopaError(Exception):
    """Base of every error a user can cause; its message is one actionable line."""


class ConfigError(ZopaError):
    """A setting or command-line value is invalid."""


class StoreError(ZopaError):
    """The store cannot be opened, migrated, read or written."""


class MissingError(StoreError):
    """The store holds no row of the id or name asked for (the API answers 404)."""


class IngestError(ZopaError):
    """A file or a record within a file cannot be ingested."""


class ExtractionError(ZopaError):
    """A document, gazetteer or lexicon cannot be processed by extraction."""


class ScenarioError(ZopaError):
    """A scenario file or scenario value is invalid."""


class ModelError(ZopaError):
    """A model's parameters or inputs are invalid."""


class ForecastError(ZopaError):
    """Forecasts or prices cannot be imported, stored or scored."""


class ClusterError(ZopaError):
    """The Ray cluster cannot be used: Ray is not installed, or no cluster can be reached."""


class RegistryError(ZopaError):
    """A name was looked up in a registry that has no such entry."""


class ReportError(ZopaError):
    """A report or dashboard page cannot be built from what was given."""


def quoted(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """``repr(value)`` for an error message, cut to about ``limit`` characters.

    Messages quote the bad value so the user can find it; a value from outside
    (a 5,000-digit number, a whole paragraph) must not turn one line into a page.
    A cut value ends with ``…`` and says how long it was.
    """
    if isinstance(value, int) and value.bit_length() > 4 * limit:
        # repr() refuses integers of more than 4,300 digits; say how big instead.
        return f"an integer of about {int(value.bit_length() * 0.30103):,} digits"
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str | bytes) else len(text)
    return f"{text[: max(limit - 1, 1)]}… ({size:,} characters)"


def one_line(message: str) -> str:
    """``message`` on one line of at most about :data:`MAX_LINE_CHARS` characters.

    The backstop for a message that quotes a value from outside without
    :func:`quoted` (a library's or click's message): runs of whitespace become
    one space; a word longer than :data:`MAX_WORD_CHARS` keeps its start and its
    end (a path keeps its file name and line) around ``…`` and says how long it
    was; a line still too long keeps its start, which names the file or option.
    """
    words = []
    for word in message.split():
        if len(word) > MAX_WORD_CHARS:
            head, tail = MAX_WORD_CHARS * 2 // 3, MAX_WORD_CHARS // 3 - 1
            word = f"{word[:head]}…{word[-tail:]} ({len(word):,} characters)"
        words.append(word)
    line = " ".join(words)
    return line if len(line) <= MAX_LINE_CHARS else f"{line[: MAX_LINE_CHARS - 1]}…"

"""YAML front matter of ``.txt``/``.md`` articles, read as text without building objects.

Front matter is untrusted: a file from the web may hold ``!!python/object`` tags,
alias bombs, a date such as ``2025-13-45`` or nesting 20,000 deep. So it is read
from PyYAML's event stream (an iterative parser: no recursion, nothing
constructed) and only the known fields are kept, each as the text written —
``published: 2025-05-16`` stays ``"2025-05-16"``, ``outlet: no`` stays ``"no"``
(not ``False``), a date is judged later by :func:`zopa.ingest.parse_date`.

Refused, with the line: a known field holding a list, mapping or alias, or a
tag other than ``!!str``; a known field given twice; nesting deeper than
:data:`MAX_DEPTH` anywhere; YAML syntax errors. Other keys and their values are
ignored, whatever they hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

from zopa.errors import IngestError, quoted

__all__ = ["FIELDS", "MAX_DEPTH", "FrontMatter", "parse_front_matter"]

FIELDS = frozenset({"title", "url", "outlet", "published", "date"})
MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted in front matter (metadata is flat)."""

FrontMatter = dict[str, tuple[str | None, int]]
"""Known field → (its text stripped, None when null or blank; the file line it is on)."""

_TEXT_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_NULLS = {"", "~", "null", "Null", "NULL"}
_SHORT_TAG = "tag:yaml.org,2002:"


def _value(event: NodeEvent, name: str, where: str) -> str | None:
    """The text of a known field's value event (``where`` is ``source:line``)."""
    if isinstance(event, ScalarEvent):
        if event.tag not in _TEXT_TAGS:
            tag = str(event.tag).replace(_SHORT_TAG, "!!")
            raise IngestError(
                f"{where}: front matter {name!r} has the YAML tag {quoted(tag)[1:-1]}; "
                "write the value as plain text"
            )
        if event.implicit[0] and event.value in _NULLS:  # a plain null
            return None
        return event.value.strip() or None
    kind = (
        "an alias"
        if isinstance(event, AliasEvent)
        else "a mapping"
        if isinstance(event, MappingStartEvent)
        else "a list"
    )
    raise IngestError(f"{where}: front matter {name!r} must be text, not {kind}")


def _fields(events: Iterable[Event], source: str, first_line: int) -> FrontMatter:
    """The known fields; the first refused value is raised once the whole block has parsed.

    Reading on past a refused value lets a syntax error further down win: it is the
    more basic mistake. Nesting too deep is raised at once (reading on costs memory).
    """
    fields: FrontMatter = {}
    problems: list[IngestError] = []
    depth = 0
    expect_key = True
    key: str | None = None  # the known field whose value comes next
    for event in events:
        mark = event.start_mark
        line = first_line + (mark.line if mark is not None else 0)
        if isinstance(event, CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, NodeEvent):
            continue
        if depth == 0 and not isinstance(event, MappingStartEvent):
            problems.append(
                IngestError(f"{source}:{line}: front matter must be a mapping of key: value")
            )
        elif depth == 1:  # a key or a value of the top mapping
            if expect_key:
                name = str(event.value).lower() if isinstance(event, ScalarEvent) else ""
                key = name if name in FIELDS else None
                if key in fields:
                    problems.append(
                        IngestError(
                            f"{source}:{line}: front matter {key!r} given twice "
                            f"(lines {fields[key][1]} and {line}); keep one"
                        )
                    )
            elif key is not None:
                try:
                    fields[key] = (_value(event, key, f"{source}:{line}"), line)
                except IngestError as exc:
                    problems.append(exc)
            expect_key = not expect_key
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise IngestError(
                    f"{source}:{line}: front matter nested deeper than {MAX_DEPTH} levels; "
                    "keep front matter to flat key: value lines"
                )
    if problems:
        raise problems[0]
    return fields


# libyaml's parser (PyYAML's C binding, in its wheels) gives the same events as PyYAML's
# own, several times faster; absent, PyYAML's parser does it all.
try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    CParser = None  # type: ignore[assignment,misc]


def _fast_events(block: str) -> Iterator[Event]:
    """The events of ``block`` by libyaml, one at a time, as :func:`yaml.parse` gives them."""
    parser = CParser(block)
    while (event := parser.get_event()) is not None:
        yield event


def parse_front_matter(block: str, *, source: str, first_line: int) -> FrontMatter:
    """The known fields of the front matter ``block``, which starts on file line ``first_line``.

    Raises
    ------
    IngestError
        ``source:LINE: what`` for YAML errors and refused values (see the module docstring).
    """
    if CParser is not None and "\t" not in block:  # tabs: where the two parsers differ most
        try:
            return _fields(_fast_events(block), source, first_line)
        except (yaml.YAMLError, UnicodeError, IngestError):
            pass  # libyaml words its errors its own way and allows a little more: PyYAML judges
    try:
        return _fields(yaml.parse(block, Loader=yaml.SafeLoader), source, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else first_line
        problem = exc.problem or "not valid YAML"
        raise IngestError(f"{source}:{line}: malformed front matter: {problem}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = first_line + block[: exc.position].count("\n")
        character = (
            f"character U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        )
        raise IngestError(
            f"{source}:{line}: malformed front matter: {character} is not allowed in YAML"
        ) from None

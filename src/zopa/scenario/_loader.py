"""Reading a scenario file: size limit, safe YAML with line marks, pydantic validation.

Scenario files are untrusted input. The loader

* refuses files over :data:`MAX_SCENARIO_BYTES` before reading them whole;
* decodes UTF-8 strictly and parses with PyYAML's *safe* loader, so a tag such
  as ``!!python/object`` is an error, never an object; libyaml (C) scans and
  parses when PyYAML has it, the same Python composer and constructor build the
  data, and any text libyaml refuses is parsed again in pure Python, so every
  problem and its line are the same with or without libyaml;
* refuses alias bombs and recursive aliases (more than :data:`MAX_NODES` nodes
  once aliases are expanded) and duplicate keys (YAML keeps the last silently);
* validates the data once with the pydantic models of :mod:`._schema` and maps
  every error location back to the line of the YAML node it names, using the
  marks that ``yaml.compose`` keeps on every node.

Every failure is a :class:`~zopa.errors.ScenarioError` whose one-line message
names the file and line.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from zopa.errors import ScenarioError, quoted
from zopa.files import display_path, read_bytes
from zopa.scenario._problems import Path, Problem
from zopa.scenario._schema import ID_PATTERN, WHAT_TYPES, Scenario, field_descriptions

__all__ = [
    "MAX_NODES",
    "MAX_SCENARIO_BYTES",
    "ParsedFile",
    "line_of",
    "parse_text",
    "read_file",
]

MAX_SCENARIO_BYTES = 2 * 1024 * 1024
"""Largest scenario file accepted (2 MiB): hand-written scenarios are a few tens of kB."""

MAX_NODES = 200_000
"""Most YAML nodes a scenario may expand to (guards against alias bombs)."""

_LIBYAML_MAX_DEPTH = 100
"""Nesting beyond which libyaml's events are set aside for the pure-Python parser.

Far below the depth where the Python composer runs out of stack, so a text
nested deeper gets exactly the pure-Python outcome ("nested too deeply").
"""

_PURE_PYTHON_ONLY = re.compile(r"[\t!|>?]|[^\n]\Z")
"""Texts libyaml may read otherwise than PyYAML's parser, left to the latter.

libyaml allows tabs where PyYAML refuses them, and reads tags (``!``), block
scalar headers (``|``, ``>``), explicit keys (``?``) and an empty document at
the end of a text without a final line break differently. Found by comparing
the two on random YAML (``tests/scenario/test_scenario_libyaml.py``); a
scenario written by ``yaml.safe_dump`` holds none of these.
"""

_FIELD_HELP = field_descriptions()


class _MarkedConstructor(SafeConstructor):
    """PyYAML's safe constructor whose value errors keep the node's line.

    PyYAML raises a bare ``ValueError`` for, e.g., ``2025-13-45`` or an integer of
    more than 4300 digits; re-raised here as a marked YAML error.
    """

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError, TypeError) as exc:
            raise ConstructorError(
                None, None, f"cannot read the value {node.value!r}: {exc}", node.start_mark
            ) from None


class _SafeLoader(_MarkedConstructor, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader with :class:`_MarkedConstructor`."""


class _LibyamlRefusedError(Exception):
    """libyaml could not parse the text (or it nests deeper than :data:`_LIBYAML_MAX_DEPTH`)."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlLoader(Composer, CParser, _MarkedConstructor, Resolver):
        """libyaml's scanner and parser feeding PyYAML's Python composer: about five times faster.

        Only the events come from C; the node tree, its marks, anchors and composer
        errors are those of :class:`_SafeLoader`. Whatever libyaml refuses (a syntax
        error, a character it cannot encode) or may read otherwise than PyYAML
        (:data:`_PURE_PYTHON_ONLY`) raises :class:`_LibyamlRefusedError`, for the
        pure-Python parser to read and report in its words.
        """

        def __init__(self, stream: str) -> None:
            if _PURE_PYTHON_ONLY.search(stream):
                raise _LibyamlRefusedError
            try:
                CParser.__init__(self, stream)
            except UnicodeEncodeError:  # a lone surrogate: the pure-Python reader names it
                raise _LibyamlRefusedError from None
            Composer.__init__(self)
            _MarkedConstructor.__init__(self)
            Resolver.__init__(self)
            self._depth = 0

        def get_single_node(self) -> Node | None:
            try:
                return super().get_single_node()
            except (yaml.YAMLError, RecursionError) as exc:
                raise _LibyamlRefusedError from exc

        def compose_node(self, parent: Node | None, index: Any) -> Node | None:
            self._depth += 1
            try:
                if self._depth > _LIBYAML_MAX_DEPTH:
                    raise _LibyamlRefusedError
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1


@dataclass
class ParsedFile:
    """A parsed scenario file: the data, its node tree (for lines) and what was found."""

    file: str
    node: Node | None = None
    data: Any = None
    scenario: Scenario | None = None
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str, hint: str | None = None) -> ParsedFile:
        """Record an error and return ``self`` (for early returns)."""
        self.problems.append(Problem(self.file, line, message, hint))
        return self


def read_file(path: str | os.PathLike[str]) -> ParsedFile:
    """Read and validate the scenario file at ``path``; problems are returned, not raised.

    Only a file that cannot be read at all is raised (a :class:`ScenarioError`): missing,
    not a regular file (a pipe is never opened), or over :data:`MAX_SCENARIO_BYTES`.
    """
    name = display_path(path)
    raw = read_bytes(
        path,
        max_bytes=MAX_SCENARIO_BYTES,
        error=ScenarioError,
        what="scenario file",
        limit_hint=" for scenario files; split the scenario or move long notes out of it",
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return ParsedFile(name).error(
            line, f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8"
        )
    return parse_text(text, source=name)


def parse_text(text: str, *, source: str = "<string>") -> ParsedFile:
    """Parse and validate scenario YAML ``text``; ``source`` names it in messages.

    With libyaml when PyYAML has it; a text libyaml refuses is parsed again by the
    pure-Python parser, whose problems (messages and lines) it then reports.
    """
    if yaml.__with_libyaml__:
        try:
            return _parse_text(text, source, _LibyamlLoader)
        except _LibyamlRefusedError:
            pass
    return _parse_text(text, source, _SafeLoader)


def _parse_text(
    text: str, source: str, loader_class: type[_SafeLoader | _LibyamlLoader]
) -> ParsedFile:
    """:func:`parse_text` with the given loader."""
    parsed = ParsedFile(source)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SCENARIO_BYTES:
        return parsed.error(0, f"text is over the {MAX_SCENARIO_BYTES:,}-byte limit")
    loader: _SafeLoader | _LibyamlLoader | None = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        if node is None:
            return parsed.error(1, "the file is empty", "start from `zopa scenario draft`")
        _check_nodes(node, parsed)
        if parsed.problems:
            return parsed
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        return parsed.error(line, _yaml_message(exc), _yaml_hint(exc))
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else 0
        return parsed.error(line, f"not valid YAML: {_one_line(str(exc))}")
    except RecursionError:
        return parsed.error(0, "the YAML is nested too deeply", "flatten the structure")
    finally:
        if loader is not None:
            loader.dispose()
    parsed.node, parsed.data = node, data
    if not isinstance(data, dict):
        return parsed.error(
            node.start_mark.line + 1,
            f"a scenario must be a mapping of fields, got {_kind(data)}",
            "start with `id:`, `title:`, `issues:` and `actors:`",
        )
    try:
        parsed.scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        parsed.problems.extend(
            _problem(source, node, error) for error in _without_misspelt(exc.errors())
        )
    except RecursionError:
        return parsed.error(0, "the YAML is nested too deeply", "flatten the structure")
    return parsed


def _check_nodes(root: Node, parsed: ParsedFile) -> None:
    """Refuse alias bombs, recursive aliases and duplicate keys before constructing."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise _RefusedError(node, "a recursive alias (an anchor used inside itself)")
        visiting.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value != "<<":
                    if key_node.value in seen:
                        raise _RefusedError(
                            key_node,
                            f"duplicate key {key_node.value!r} (first on line "
                            f"{seen[key_node.value]})",
                        )
                    seen[key_node.value] = key_node.start_mark.line + 1
                total += size(key_node) + size(value_node)
        if total > MAX_NODES:
            raise _RefusedError(node, f"the YAML expands to over {MAX_NODES:,} nodes (alias bomb?)")
        visiting.discard(key)
        sizes[key] = total
        return total

    try:
        size(root)
    except _RefusedError as refused:
        parsed.error(refused.node.start_mark.line + 1, refused.message)


class _RefusedError(Exception):
    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node, self.message = node, message


def line_of(node: Node | None, path: Path) -> int:
    """The 1-based line of the deepest node of ``path`` found in ``node`` (0 without a tree).

    ``path`` is a pydantic error location or a check's path: mapping keys and
    sequence indexes. Parts that do not exist (a field that is missing, or one a
    validator added) stop the walk at their parent, which is where the fix goes.
    """
    if node is None:
        return 0
    current = node
    for part in path:
        child: Node | None = None
        if isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    child = value_node
                    break
                if isinstance(key_node, ScalarNode) and _same_number(key_node.value, part):
                    child = value_node
                    break
        elif (
            isinstance(current, SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(current.value)
        ):
            child = current.value[part]
        if child is None:
            break
        current = child
    return int(current.start_mark.line) + 1


def _same_number(text: str, part: str | int) -> bool:
    try:
        return float(text) == float(part)
    except ValueError:
        return False


_TOP_LEVEL_SYNONYMS = {"date": "as_of", "asof": "as_of", "as-of": "as_of", "name": "title"}
"""Fields of other sections written at the top of a scenario, and what they mean there."""


def _suggestion(field: str, top_level: bool = False) -> str | None:
    """The known field an unknown one is probably a misspelling of (never itself: a field
    of another section written here is not its own misspelling)."""
    if top_level and field in _TOP_LEVEL_SYNONYMS:
        return _TOP_LEVEL_SYNONYMS[field]
    known = [f for f in _FIELD_HELP if f != field]
    close = difflib.get_close_matches(field, known, n=1, cutoff=0.7)
    return close[0] if close else None


def _without_misspelt(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """The errors, but a missing field that an unknown field beside it misspells (`knd:`
    for `kind:`): one error, the unknown field's "did you mean", says it all."""
    misspelt = set()
    for error in errors:
        loc = _located(error["loc"])
        if error["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            suggested = _suggestion(loc[-1], top_level=len(loc) == 1)
            if suggested is not None:
                misspelt.add((*loc[:-1], suggested))
    return [e for e in errors if not (e["type"] == "missing" and _located(e["loc"]) in misspelt)]


def _problem(source: str, node: Node, error: ErrorDetails) -> Problem:
    loc = _located(error["loc"])
    kind = error["type"]
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    names = [p for p in loc if isinstance(p, str)]
    # A bare number is read as {value: number}: name the field it stands for.
    field = names[-2] if len(names) > 1 and names[-1] == "value" else (names or [""])[-1]
    hint: str | None = None
    if kind == "missing":
        message = f"missing field `{field}`"
        hint = f"add `{field}:` — {_FIELD_HELP[field]}" if field in _FIELD_HELP else None
        loc = loc[:-1]
    elif kind == "extra_forbidden":
        message = f"unknown field `{field}`"
        suggested = _suggestion(field, top_level=len(loc) == 1)
        hint = f"did you mean `{suggested}`?" if suggested else "remove it or check the spelling"
    elif kind in {"less_than_equal", "greater_than_equal", "greater_than", "less_than"}:
        message = f"{message}, got {error['input']!r}"
        hint = f"`{field}` is {_FIELD_HELP[field]}" if field in _FIELD_HELP else None
    elif kind == "literal_error":
        message = f"{message}, got {error['input']!r}"
        expected = (error.get("ctx") or {}).get("expected", "")
        options = [o.strip(" '") for o in str(expected).replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(error["input"]), options, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else None
    elif kind == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") not in (
        None,
        ID_PATTERN,
    ):
        message = f"{quoted(error['input'])} is not a valid `{field}`"
        hint = f"`{field}` is {_FIELD_HELP[field]}" if field in _FIELD_HELP else None
    elif kind == "string_pattern_mismatch":
        message = f"{error['input']!r} is not a valid id"
        hint = "ids use lower-case letters, digits, _ and -, starting with a letter"
    elif kind in {"model_type", "dict_type", "model_attributes_type"}:
        message = f"expected a mapping of fields, got {_kind(error['input'])}"
    elif kind in {"list_type"}:
        message = f"expected a list, got {_kind(error['input'])}"
    elif kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        message = f"expected a number, got {error['input']!r}"
    elif kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        hint = "write dates as YYYY-MM-DD"
    elif kind == "union_tag_invalid":
        tag = str((error.get("ctx") or {}).get("tag", ""))
        message = f"unknown {field} type {tag!r}"
        close = difflib.get_close_matches(tag, WHAT_TYPES, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(WHAT_TYPES)}"
    elif kind == "union_tag_not_found":
        message = f"`{field}:` needs `type:`"
        hint = f"one of {', '.join(WHAT_TYPES)}"
    return Problem(source, line_of(node, loc), message, hint, path=loc)


def _located(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """A pydantic location as a path in the file: internal parts and union tags dropped."""
    out: list[str | int] = []
    for part in loc:
        if _is_internal(part) or (out and out[-1] == "what" and part in WHAT_TYPES):
            continue
        out.append(part)
    return tuple(out)


def _is_internal(part: str | int) -> bool:
    # pydantic adds the names of union members and of function validators to locations.
    return isinstance(part, str) and (
        part.startswith("function-") or part in {"float", "int", "str", "[key]"}
    )


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if isinstance(exc, ConstructorError) and "constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '")
        return f"YAML tag {tag!r} is not allowed (scenario files are loaded as plain data only)"
    context = f" {exc.context}" if exc.context else ""
    return f"not valid YAML: {problem}{context}"


def _yaml_hint(exc: yaml.MarkedYAMLError) -> str | None:
    if isinstance(exc, ConstructorError) and "constructor for the tag" in (exc.problem or ""):
        return "remove the `!!` tag"
    if isinstance(exc, ConstructorError) and (exc.problem or "").startswith(
        "cannot read the value"
    ):
        return (
            "the YAML is well formed but this value is not: a date must be a real day (YYYY-MM-DD)"
        )
    if "tab" in (exc.problem or "") or "tab" in (exc.context or ""):
        return "indent with spaces, not tabs"
    return "check the indentation and quoting on this line and the one before"


def _kind(data: Any) -> str:
    if data is None:
        return "nothing"
    if isinstance(data, list):
        return "a list"
    return f"the {type(data).__name__} {str(data)[:40]!r}"


def _one_line(text: str) -> str:
    return " ".join(text.split())

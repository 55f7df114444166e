"""Round-trip YAML: the draft is written, and merged into an analyst's file, by one emitter.

:mod:`ruamel.yaml` keeps comments, key order, quoting and flow style of what
it reads, so an analyst's file comes back byte for byte where nothing was
added. Lines are never re-wrapped (a folded plain scalar written over several
lines is the one thing the round trip joins).
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.util import load_yaml_guess_indent

__all__ = ["HEADER", "dump_scenario", "emitter", "flow_citations", "guess_emitter", "to_text"]

HEADER = (
    "# zopa scenario draft: every value cites its evidence and has a confidence; a value with\n"
    "# `placeholder: true` has none yet: set it. Edit, then run `zopa scenario check FILE`.\n"
    "# Format: docs/scenarios.md\n"
)
_NO_WRAP = 4096
_CITING = ("claim", "estimate", "quote", "document")


def emitter(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    """A round-trip YAML reader and writer with the given indentation and no line wrapping."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _NO_WRAP
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def guess_emitter(text: str) -> YAML:
    """An :func:`emitter` indenting as ``text`` does."""
    _, indent, offset = load_yaml_guess_indent(text)
    indent = indent or 2
    offset = offset or 0
    return emitter(mapping=indent - offset if offset else indent, sequence=indent, offset=offset)


def to_text(yaml: YAML, data: Any) -> str:
    """``data`` written by ``yaml``."""
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def flow_citations(node: Any) -> Any:
    """``node`` with every citation (a mapping naming what it cites) written on one line."""
    if isinstance(node, dict):
        out = CommentedMap((key, flow_citations(value)) for key, value in node.items())
        if any(key in node for key in _CITING):
            out.fa.set_flow_style()
        return out
    if isinstance(node, list):
        return [flow_citations(value) for value in node]
    return node


def dump_scenario(data: dict[str, Any]) -> str:
    """A drafted scenario as YAML text (block style, citations on one line, with a header)."""
    return HEADER + to_text(emitter(), flow_citations(data))

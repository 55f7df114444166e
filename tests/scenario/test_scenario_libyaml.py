"""libyaml and the pure-Python parser find the same problems, on the same lines.

Scenario files are parsed with libyaml's C parser when PyYAML has it and with
the pure-Python one otherwise (and for whatever libyaml refuses). Every input
here goes through both; the problems, the data and the node marks must agree.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from tests.scenario.conftest import two_sided
from tests.scenario.test_scenario_check import EXAMPLES
from tests.scenario.test_scenario_loader import _yaml_fragments
from zopa.scenario import synthetic_scenario
from zopa.scenario._loader import ParsedFile, _parse_text, _SafeLoader, parse_text

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")

if yaml.__with_libyaml__:
    from zopa.scenario._loader import _LibyamlLoader, _LibyamlRefusedError


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False)


def _tweaked(path: tuple[Any, ...], value: Any) -> str:
    """The two-sided scenario with the field at ``path`` set to ``value`` (``None``: removed)."""
    data = two_sided()
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return _dump(data)


def _nested(depth: int, block: bool) -> str:
    inner = "- " * depth + "x\n" if block else "[" * depth + "x" + "]" * depth + "\n"
    return "id: deep\ntitle: t\nnotes:\n  " + inner


VALID = _dump(two_sided())
POSITION = ("actors", 0, "positions", "land")

# (id, text, whether libyaml parses it itself rather than leaving it to pure Python)
CASES: list[tuple[str, str, bool]] = [
    ("valid", VALID, True),
    ("unclosed-flow", "id: x\ntitle: y\nissues:\n  - id: land\n   label: [unclosed\n", False),
    ("python-tag", "id: x\ntitle: !!python/object/apply:os.system ['echo pwned']\n", False),
    ("binary-tag", "id: x\ntitle: !!binary 'zz'\n", False),
    ("float-tag", "id: x\ntitle: !!float x\n", False),
    ("local-tag", "id: x\ntitle: !mine x\n", False),
    ("wrong-type", _tweaked((*POSITION, "salience"), "very"), True),
    ("out-of-range", _tweaked((*POSITION, "position"), 140), True),
    ("missing-field", _tweaked((*POSITION, "salience"), None), True),
    ("unknown-field", _tweaked(("actors", 1, "capabilty"), 2), True),
    ("bad-kind", _tweaked(("actors", 0, "kind"), "stat"), True),
    ("unknown-issue", _tweaked(("actors", 1, "positions"), {"lnd": {"position": 1}}), True),
    ("nan", _tweaked((*POSITION, "salience"), math.nan), True),
    (
        "alias-bomb",
        "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]\n" for k in range(1, 9)),
        True,
    ),
    ("recursive-alias", "id: &x [*x]\n", True),
    ("undefined-alias", "id: *x\n", False),
    ("duplicate-anchor", "a: &x 1\nb: &x 2\nc: *x\n", False),
    ("merge-key", "base: &b {id: a}\nother:\n  <<: *b\n  title: t\n", True),
    ("duplicate-key", "id: a\ntitle: t\nid: b\n", True),
    ("duplicate-number-key", "issues:\n  - anchors: {0: a, 0.0: b}\n", True),
    ("empty", "", True),
    ("comment-only", "# nothing\n", True),
    ("list", "- a\n- b\n", True),
    ("scalar", "just text\n", True),
    ("two-documents", "id: a\n---\nid: b\n", False),
    ("impossible-date", "id: a\nas_of: 2025-13-45\n", True),
    ("huge-integer", "id: a\ntitle: t\nx: " + "9" * 5000 + "\n", True),
    ("huge-float", "x: 1e999999\n", True),
    ("many-errors", "id: BAD ID\ntitle: 3\nissues: []\nactors: []\n", True),
    ("tab-indent", "id: a\n\t- tab\n", False),
    ("nul", "id: a\ntitle: t\x00\n", False),
    ("lone-surrogate", "id: a\ntitle: \ud800\n", False),
    ("next-line", "id: a\ntitle: t\x85u\nissues: 3\n", False),
    ("line-separator", "id: a\ntitle: 't\u2028u'\nissues: 3\n", True),
    ("crlf", VALID.replace("\n", "\r\n").replace("capability: 1", "capability: -1"), True),
    ("yaml-1.2", "%YAML 1.2\n---\nid: a\n", True),
    ("yaml-2.0", "%YAML 2.0\n---\nid: a\n", False),
    ("tag-directive", "%TAG !z! tag:zopa.org,2025:\n---\nid: !z!x a\n", False),
    ("complex-key", "? [1, 2]\n: v\n", False),
    ("flow-mapping-key", "{a: 1}: 2\n", True),
    ("colon-in-flow", "id: [a:b, c]\n", True),
    ("bad-indent", "id: a\n  title: b\n", False),
    ("unterminated-quote", "id: 'a\n", False),
    ("block-scalar", "id: a\nnotes: |\n  one\n  two\ntitle: 5\n", False),
    *((f"flow-depth-{d}", _nested(d, block=False), d <= 98) for d in (50, 98, 99, 100, 400)),
    *((f"flow-depth-{d}", _nested(d, block=False), False) for d in (999, 1001, 20_000)),
    *((f"block-depth-{d}", _nested(d, block=True), d <= 98) for d in (50, 98, 99, 450, 2000)),
]


def _marks(root: Node | None) -> list[tuple[Any, ...]]:
    """Every node once (aliases by identity), depth first: kind, tag, value, line, column."""
    seen: set[int] = set()
    out: list[tuple[Any, ...]] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            out.append(("alias", node.start_mark.line, node.start_mark.column))
            continue
        seen.add(id(node))
        mark = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, MappingNode):
            stack += [part for pair in reversed(node.value) for part in reversed(pair)]
            out.append(("map", node.tag, len(node.value), *mark))
        elif isinstance(node, SequenceNode):
            stack += reversed(node.value)
            out.append(("seq", node.tag, len(node.value), *mark))
        else:
            # libyaml marks a plain scalar's style "", PyYAML None; nothing reads it.
            out.append(("scalar", node.tag, node.value, node.style or None, *mark))
    return out


def _assert_same(text: str) -> bool:
    """Both parsers agree on ``text``; whether libyaml parsed it itself."""
    pure = _parse_text(text, "s.yaml", _SafeLoader)
    try:
        fast = _parse_text(text, "s.yaml", _LibyamlLoader)
    except _LibyamlRefusedError:
        fast, used = parse_text(text, source="s.yaml"), False
    else:
        used = True
        assert parse_text(text, source="s.yaml").problems == fast.problems
    _assert_equal(fast, pure)
    return used


def _assert_equal(fast: ParsedFile, pure: ParsedFile) -> None:
    assert fast.problems == pure.problems
    assert repr(fast.data) == repr(pure.data)  # repr: NaN equals itself
    assert fast.scenario == pure.scenario
    assert _marks(fast.node) == _marks(pure.node)


@pytest.mark.parametrize(
    ("text", "libyaml_parses"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_both_parsers_find_the_same_problems(text: str, libyaml_parses: bool) -> None:
    assert _assert_same(text) is libyaml_parses


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_both_parsers_read_the_examples_alike(path: Path) -> None:
    _assert_same(path.read_text(encoding="utf-8"))


def test_both_parsers_read_a_large_scenario_alike() -> None:
    assert _assert_same(_dump(synthetic_scenario(12, 6, seed=3)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_yaml_fragments, max_size=14))
def test_both_parsers_agree_on_scenario_like_yaml(parts: list[str]) -> None:
    _assert_same("".join(parts))


_SYNTAX = st.sampled_from(
    [*"ab1 :-[]{},&*!?|>'\"#%@`\t\\.", "\n", "\r\n", "\x85", "\u2028", "é", "  ", "- ", ": "]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SYNTAX, max_size=60), st.sampled_from(["", "\n"]))
def test_both_parsers_agree_on_any_yaml_syntax(parts: list[str], end: str) -> None:
    _assert_same("".join(parts) + end)

"""HTML assertions shared by the report and page tests: parsed with the standard library."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Parsed", "assert_inert", "assert_outline", "parse"]

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass
class Parsed:
    """Tags, their attributes, headings in order and element ids of one HTML document."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        """The attributes of every ``tag`` element."""
        return [attrs for name, attrs in self.tags if name == tag]

    def links(self) -> list[str]:
        """Every ``href`` in the document."""
        return [v for _, attrs in self.tags for k, v in attrs.items() if k == "href" and v]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.result.tags.append((tag, attributes))
        if re.fullmatch(r"h[1-6]", tag):
            self.result.headings.append(int(tag[1]))
        if attributes.get("id"):
            self.result.ids.add(str(attributes["id"]))


def parse(html: str) -> Parsed:
    """Parse ``html`` as a browser's tokenizer would (tags and attributes)."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.result


def assert_inert(html: str) -> None:
    """No script element, no event-handler attribute, no link or source to another origin
    or scheme (``javascript:``, ``http:``, ``//``), no ``<base>``, ``<iframe>`` or
    ``<object>``: nothing in the document can run or fetch."""
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        assert tag not in {"script", "iframe", "object", "embed", "base"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action", "xlink:href", "srcset", "formaction"}:
                assert value is None or not _EXTERNAL.match(value), (tag, name, value)
    assert not re.search(r"url\((?!#)", html) and "@import" not in html  # url(#id) only


def assert_outline(html: str) -> None:
    """One ``h1`` first, no heading level skipped going down; header, nav and main present."""
    parsed = parse(html)
    assert parsed.headings and parsed.headings[0] == 1, parsed.headings[:5]
    assert parsed.headings.count(1) == 1
    for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
        assert after <= before + 1, (before, after)
    for landmark in ("header", "nav", "main"):
        assert parsed.named(landmark), landmark

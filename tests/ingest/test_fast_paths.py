"""The quicker ways ingestion prepares a text give what the plain ways give, for any input.

Front matter read by libyaml is read as PyYAML's own parser reads it (fields and
errors alike); the language detector's words are its regular expression's words;
normalisation strips trailing blanks line by line as the anchored expression did.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.errors import IngestError
from zopa.ingest import normalise_text
from zopa.ingest._front_matter import _fields, parse_front_matter
from zopa.ingest._language import _LETTERS, _WORD

any_text = st.text(st.characters(exclude_categories=()), max_size=200)
# Front matter as people write it, and as it goes wrong: keys, values, quotes, flow
# collections, tags, anchors, comments, tabs, odd indentation, stray indicators.
front_matter_piece = st.sampled_from(
    [
        "title", "url", "outlet", "published", "date", "other", ": ", ":", "\n", "\n  ",
        " ", "\t", "'", '"', "[", "]", "{", "}", ",", "-", "- ", "#", " #", "!", "!!str ",
        "!!int ", "&a ", "*a", "|", ">", "?", "~", "null", "2025-05-16", "yes", "no",
        "https://x.test/2025/05/16/a", "Kyiv — talks", "é", "\u2028", "%", "@", "`",
    ]
)  # fmt: skip
front_matter = st.lists(front_matter_piece, max_size=30).map("".join)


def _pure(block: str) -> object:
    """The fields (or the error) PyYAML's own parser gives for ``block``."""
    try:
        return _fields(yaml.parse(block, Loader=yaml.SafeLoader), "a.md", 2)
    except yaml.YAMLError:
        return "a YAML error"
    except IngestError as exc:
        return str(exc)


def _fast(block: str) -> object:
    try:
        return parse_front_matter(block, source="a.md", first_line=2)
    except IngestError as exc:
        return str(exc) if "malformed front matter" not in str(exc) else "a YAML error"


@settings(max_examples=3000, deadline=None)
@given(st.one_of(front_matter, any_text))
def test_front_matter_reads_as_pyyaml_reads_it(block: str) -> None:
    assert _fast(block) == _pure(block)


def test_front_matter_errors_are_pyyamls() -> None:
    # libyaml words its errors its own way; the message is PyYAML's, with its line.
    with pytest.raises(IngestError) as caught:
        parse_front_matter("title: a\nurl: [b\n", source="a.md", first_line=2)
    assert str(caught.value).startswith("a.md:4: malformed front matter: ")
    assert "expected ',' or ']'" in str(caught.value)


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_the_language_words_are_the_expressions_words(text: str) -> None:
    assert text.translate(_LETTERS).lower().split() == [w.lower() for w in _WORD.findall(text)]


_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\t", "\u00a0", "\n", "\r", "\r\n", "é"])).map("".join))
def test_trailing_blanks_go_from_every_line(raw: str) -> None:
    lines = re.sub(
        r"\n{3,}", "\n\n", _TRAILING.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    )
    assert normalise_text(raw) == lines.strip()

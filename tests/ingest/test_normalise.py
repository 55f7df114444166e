"""Normalisation and the content hash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zopa.ingest import content_hash, normalise_text, word_count


def test_line_endings_blank_lines_and_trailing_space() -> None:
    raw = "\ufeffTitle  \r\n\r\n\r\n\r\nFirst line\rSecond\t \n"
    assert normalise_text(raw) == "Title\n\nFirst line\nSecond"


def test_control_characters_go_but_quotes_stay() -> None:
    assert normalise_text("He said \x07“no”\x00.") == "He said “no”."


def test_unicode_is_composed() -> None:
    assert normalise_text("Zelens\u0301kyi") == "Zelenśkyi"


def test_hash_ignores_layout_but_not_words() -> None:
    assert content_hash("Talks  resumed\n\nin Istanbul") == content_hash(
        "Talks resumed in Istanbul"
    )
    assert content_hash("Talks resumed") != content_hash("Talks stalled")


def test_word_count() -> None:
    assert word_count("one two\nthree") == 3


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once
    assert "\n\n\n" not in once

"""Error messages quote bad values without letting them run to a page."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zopa.errors import MAX_LINE_CHARS, MAX_QUOTED_CHARS, MAX_WORD_CHARS, one_line, quoted


def test_short_values_are_quoted_whole() -> None:
    assert quoted("Kinshasa") == "'Kinshasa'"
    assert quoted(42) == "42"


def test_long_text_is_cut_and_its_length_named() -> None:
    text = quoted("a" * 5000)
    assert text.startswith("'aaa") and "…" in text
    assert "5,000 characters" in text
    assert len(text) < MAX_QUOTED_CHARS + 30


def test_integers_beyond_repr_limit_are_described() -> None:
    # repr() itself refuses integers of more than 4,300 digits.
    assert quoted(10**5000) == "an integer of about 5,000 digits"


@given(st.one_of(st.text(), st.integers(), st.floats(), st.binary()))
def test_any_value_gives_a_short_line(value: object) -> None:
    text = quoted(value)
    assert "\n" not in text
    assert len(text) < MAX_QUOTED_CHARS + 30


def test_one_line_joins_lines_and_cuts_long_words_keeping_both_ends() -> None:
    path = "/data/" + "d" * 300 + "/huge.yaml:12:"
    line = one_line(f"{path} bad value\n  {'7' * 5000} (hint: use a number)")
    assert "\n" not in line
    assert line.startswith("/data/ddd") and "/huge.yaml:12: (320 characters)" in line
    assert line.endswith(
        "7777…" + "7" * (MAX_WORD_CHARS // 3 - 1) + " (5,000 characters) (hint: use a number)"
    )
    assert len(line) < 3 * MAX_WORD_CHARS


def test_one_line_keeps_the_start_of_a_line_too_long() -> None:
    line = one_line("file.yaml:3: " + "word " * 1000)
    assert line.startswith("file.yaml:3: word")
    assert len(line) == MAX_LINE_CHARS and line.endswith("…")


@given(st.text())
def test_one_line_is_always_one_short_line(message: str) -> None:
    line = one_line(message)
    assert len(line.splitlines()) <= 1
    assert len(line) <= MAX_LINE_CHARS

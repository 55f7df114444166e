"""Error messages quote bad values without letting them run to a page."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zopa.errors import MAX_QUOTED_CHARS, quoted


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

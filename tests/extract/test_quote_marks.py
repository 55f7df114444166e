"""Quotation marks in a text (``zopa.extract._quote_marks``), on texts written for these tests."""

from __future__ import annotations

from zopa.extract._quote_marks import quotations


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in quotations(text)]


def test_curly_and_straight_marks_mixed_as_copy_mixes_them() -> None:
    assert spans('“We will sign,” she said. "Not today," he said.') == [
        "We will sign",
        "Not today",
    ]


def test_a_mark_that_never_closes_stops_at_the_paragraph() -> None:
    text = "“We will sign, she said.\n\nThe talks went on."
    assert spans(text) == []


def test_a_quotation_continued_in_the_next_paragraph_is_kept() -> None:
    text = "“We will sign.\n\n“And we will keep our word,” she said."
    marks = quotations(text)
    assert [m.continued for m in marks] == [True, False]
    assert spans(text) == ["We will sign.", "And we will keep our word"]

"""Quotation marks in a text: the spans between double quotation marks, curly or straight
(mixed as copy often mixes them). A mark that never closes ends at the paragraph (or at a
line that opens a new quotation) and is dropped unless the next paragraph continues it, so
it can never swallow the document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

__all__ = ["CLOSE", "EITHER", "OPEN", "Mark", "after_quotation", "quotations", "whole_paragraph"]

OPEN, CLOSE, EITHER = "\u201c", "\u201d", '"'


@dataclass(frozen=True)
class Mark:
    """The characters of a quotation's content."""

    start: int  # first character of the content
    end: int  # one past the last character of the content
    continued: bool = False  # ends at a paragraph break, continued in the next paragraph


def quotations(text: str) -> list[Mark]:
    """Content spans between double quotation marks, robust to marks that never close."""
    marks = [i for i, ch in enumerate(text) if ch in (OPEN, CLOSE, EITHER)]
    found: list[Mark] = []
    open_at: int | None = None
    for i in marks:
        ch = text[i]
        if open_at is not None:
            gap = text[open_at:i]
            broken = _paragraph_break(gap)
            if broken is not None:
                # The quotation did not close before a paragraph (or a line opening a
                # new quotation): keep it only when the next paragraph continues it.
                if text[open_at + broken :].lstrip().startswith((OPEN, EITHER)):
                    found.append(Mark(open_at, open_at + broken, continued=True))
                open_at = None
        if open_at is None:
            if ch in (OPEN, EITHER):
                open_at = i + 1
        elif ch in (CLOSE, EITHER):
            found.append(Mark(open_at, i))
            open_at = None
        else:  # an opening mark inside an open quotation: the first one never closed
            open_at = i + 1
    return [_trimmed(text, m) for m in found if text[m.start : m.end].strip()]


def _paragraph_break(gap: str) -> int | None:
    """Offset in ``gap`` where an open quotation must stop, or None."""
    blank = gap.find("\n\n")
    candidates = [blank] if blank >= 0 else []
    position = gap.find("\n")
    while position >= 0:
        if gap[position + 1 :].lstrip(" \t").startswith((OPEN, EITHER)):
            candidates.append(position)
            break
        position = gap.find("\n", position + 1)
    return min(candidates) if candidates else None


def _trimmed(text: str, mark: Mark) -> Mark:
    start, end = mark.start, mark.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Mark(start, end, mark.continued)


def whole_paragraph(text: str, span: Span) -> bool:
    """Whether the quotation is all its paragraph holds (marks and punctuation aside)."""
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    end = len(text) if end < 0 else end
    outside = text[start : span.start_char] + text[span.end_char : end]
    return not outside.strip(' \t"“”.,!?')


def after_quotation(verb: Token) -> bool:
    """The verb directly follows a closing quotation mark (punctuation aside)."""
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].is_space or verb.doc[i].text in {",", "."}):
        i -= 1
    return i >= 0 and verb.doc[i].text in {CLOSE, EITHER}

"""The ``zopa_paragraphs`` component: line structure as sentence boundaries for the parser.

News copy puts a headline, a dateline or a paragraph on its own line; spaCy's
parser, trained on running text, often joins them to the next sentence. Placed
before the parser, this component marks a sentence start after a blank line,
and after a line break that follows sentence-final punctuation, so a quotation
paragraph is never glued to the headline above it. A line break inside a
sentence (hard-wrapped text) is left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from zopa.registry import extractors

__all__ = ["ParagraphBoundaries"]

_FINAL = (".", "?", "!", ":")
_CLOSERS = {"\u201d", '"', "\u2019", "'", ")"}


class ParagraphBoundaries:
    """Sets ``token.is_sent_start`` after paragraph breaks (the parser keeps preset starts)."""

    version = "1"

    def __call__(self, doc: Doc) -> Doc:
        ending = ""  # the last non-space, non-closing text: does it end a sentence?
        broken = False  # a line break since the last non-space token
        blank = False  # a blank line since it
        for token in doc:
            if token.is_space:
                newlines = token.text.count("\n")
                broken = broken or newlines > 0
                blank = blank or newlines > 1
                continue
            if ending and (blank or (broken and ending.endswith(_FINAL))):
                token.is_sent_start = True
            if token.text not in _CLOSERS or not ending:
                ending = token.text
            broken = blank = False
        return doc


@Language.factory("zopa_paragraphs")
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    """spaCy factory of :class:`ParagraphBoundaries`."""
    return ParagraphBoundaries()


extractors.register("zopa.paragraphs.v1")("zopa_paragraphs")

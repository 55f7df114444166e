"""What the speaker tests read from a parsed text: quotations with their speakers, tokens."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from zopa.extract import ESTIMATES, FIELDS, QUOTES


def quotes(nlp: Language, text: str, kind: str | None = None) -> list[dict[str, Any]]:
    """The quotations of ``text`` with their fields (``kind`` only, if given)."""
    doc = nlp(text)
    found = [
        {"text": s.text, **s._.get(FIELDS)}
        for s in doc.spans[QUOTES]
        if kind is None or s._.get(FIELDS)["kind"] == kind
    ]
    for quote in found:  # the speaker's words are always where the offsets say
        if quote["speaker_start"] is not None:
            assert text[quote["speaker_start"] : quote["speaker_end"]] == quote["speaker_text"]
    return found


def speaker_of(nlp: Language, text: str, words: str) -> tuple[str | None, str | None]:
    """(speaker_actor, speaker_text) of the quote whose text starts with ``words``."""
    for quote in quotes(nlp, text):
        if quote["text"].startswith(words):
            return quote["speaker_actor"], quote["speaker_text"]
    raise AssertionError(f"no quote starting {words!r} in {quotes(nlp, text)}")


def holders(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    """(phrase, holder_actor, holder_text) of each probability statement of ``text``."""
    doc = nlp(text)
    return [
        (s.text, s._.get(FIELDS)["holder_actor"], s._.get(FIELDS)["holder_text"])
        for s in doc.spans[ESTIMATES]
    ]


def word(doc: Doc, text: str, nth: int = 0) -> Token:
    """The ``nth`` token of ``doc`` written ``text``."""
    found = [t for t in doc if t.text == text]
    assert len(found) > nth, f"no {text!r} (#{nth}) in {doc.text!r}"
    return found[nth]

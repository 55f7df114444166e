"""The organisation a common noun stands for: "the union" for the dockers' union named.

News names a non-state party once in full ("the Riverside Teachers' Union", "the Northern
Growers' Association", "the Green Coalition, the alliance of opposition parties") and then
titles its people by a common noun: "union president X", "X, the association's
spokesman", "X, who leads the opposition delegation". :func:`org_nouns` maps each such
noun to the one organisation of the document it can stand for: the last word of its name,
and the nouns and adjectives of the apposition that first describes it. A noun two
organisations could claim stands for neither. :func:`body_by_noun` finds such a noun in a
title or apposition.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["body_by_noun", "org_nouns"]

_Named = tuple[int, str, str]
"""An actor named in the document: start token, actor key, surface form."""

_BODIES = {"organisation", "group"}
_DESCRIBING = {"NOUN", "ADJ"}
_NOT_NOUNS = {"the", "a", "an", "of", "and", "for", "main", "new", "largest", "biggest"}


def _description(doc: Doc, mention: Span) -> list[str]:
    """The nouns and adjectives of ", the alliance of opposition parties," after ``mention``."""
    end = mention.end
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ != "DET":
        return []
    words: list[str] = []
    for token in doc[end + 2 : end + 10]:
        if token.text in {",", ".", ";", ":", "—"}:
            return words
        if token.pos_ in {"VERB", "AUX"}:
            return []  # a clause, not a description
        if token.pos_ in _DESCRIBING and token.lower_ not in _NOT_NOUNS:
            words.append(token.lower_)
    return []


def org_nouns(doc: Doc, mentions: list[Span]) -> dict[str, _Named]:
    """Common noun → the one organisation mention of the document it can stand for."""
    claims: dict[str, set[str]] = {}
    first: dict[str, _Named] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.label_ not in _BODIES or len(mention) < 2:
            continue
        key = mention.kb_id_
        surface = " ".join(mention.text.split())
        first.setdefault(key, (mention.start, key, surface))
        for word in (mention[-1].lower_, *_description(doc, mention)):
            if word.isalpha():
                claims.setdefault(word, set()).add(key)
    return {word: first[keys.pop()] for word, keys in claims.items() if len(keys) == 1}


def body_by_noun(doc: Doc, start: int, end: int, nouns: dict[str, _Named]) -> _Named | None:
    """The organisation named before it that a common noun in tokens ``[start, end)`` stands
    for ("union" in "union president", "association" in "the association's spokesman"); a
    capitalised word counts only where it opens the sentence ("Union president X said")."""
    for token in doc[max(start, 0) : end]:
        common = token.text.islower() or (token.is_sent_start and token.text.istitle())
        if common and token.lower_ in nouns and nouns[token.lower_][0] < token.i:
            return nouns[token.lower_]  # a body named before, never one named later
    return None

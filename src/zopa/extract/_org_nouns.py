"""The organisation a common noun stands for: "the union" for the dockers' union named.

News names a non-state party once in full ("the Riverside Teachers' Union", "the Northern
Growers' Association", "the Green Coalition, the alliance of opposition parties") and then
titles its people by a common noun: "union president X", "X, the association's
spokesman", "X, who leads the opposition delegation". :func:`org_nouns` maps each such
noun to the one organisation of the document it can stand for: the last word of its name,
and the nouns and adjectives of the apposition that first describes it. A noun two
organisations could claim stands for neither. :func:`body_by_noun` finds such a noun in a
title or apposition; an organisation first named after the noun stands for it only in the
same sentence or the next one of its paragraph (a lede names the body just after: "Union
president X said ... The Riverside Teachers' Union ..."), not from another paragraph ("a
spokesman for the group" is not the "research group" described paragraphs later), and
only when no body before the noun can be meant.

"The group", "the rebels", "the guerrilla" with no group named before stand for the body
acting just before (:func:`acting_body_before`): the organisation or group that is the
subject or owner in the same sentence or the two before it ("The ELN answered within hours.
... the group does not accept ultimatums").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

__all__ = ["GROUP_WORDS", "acting_body_before", "body_by_noun", "org_nouns"]

#: Common nouns for an armed or political group named before ("the group", "the rebels").
GROUP_WORDS = frozenset(
    {"group", "rebel", "rebels", "guerrilla", "guerrillas", "insurgents", "militia", "movement"}
)
#: Sentences back that "the group" looks for the body acting before it.
_GROUP_REACH = 2
#: Parse roles of a body that acts or owns in its sentence ("The ELN answered", "the
#: BRN's delegation").
_ACTING = frozenset({"nsubj", "nsubjpass", "poss"})

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


def body_by_noun(
    doc: Doc,
    start: int,
    end: int,
    nouns: dict[str, _Named],
    mentions: Sequence[Span] = (),
) -> _Named | None:
    """The organisation a common noun in tokens ``[start, end)`` stands for ("union" in
    "union president", "association" in "the association's spokesman"); a capitalised
    word counts only where it opens the sentence ("Union president X said"). A group word
    with no such organisation is the body acting just before, among ``mentions``. A body
    before the noun wins over one named after it: "a spokesman for the group" just after
    "The Free Aceh Front rejected the plan" is that front, not "a research group" the
    next sentence describes."""
    later: _Named | None = None
    for token in doc[max(start, 0) : end]:
        common = token.text.islower() or (token.is_sent_start and token.text.istitle())
        if not common:
            continue
        named = nouns.get(token.lower_)
        if named is not None and named[0] < token.i:
            return named
        if named is not None and later is None and _in_reach(doc, token, named[0]):
            later = named
        if token.lower_ in GROUP_WORDS:
            acting = acting_body_before(doc, mentions, token.i)
            if acting is not None:
                return acting.start, acting.kb_id_, " ".join(acting.text.split())
    return later


def _in_reach(doc: Doc, token: Token, named_at: int) -> bool:
    """Whether an organisation first named at ``named_at``, after ``token``, can be what
    ``token`` stands for: in the same sentence or the next one of its paragraph."""
    sentence = token.sent
    if named_at < sentence.end:
        return True
    if sentence.end >= len(doc) or "\n\n" in doc.text[token.idx : doc[named_at].idx]:
        return False  # another paragraph
    return named_at < doc[sentence.end].sent.end


def acting_body_before(doc: Doc, mentions: Sequence[Span], index: int) -> Span | None:
    """The latest armed group named before token ``index``, else the latest organisation or
    group acting (a subject or owner) in the same sentence or the two before it."""
    groups = [m for m in mentions if m.label_ == "group" and m.kb_id_ and m.end <= index]
    if groups:
        return max(groups, key=lambda m: m.start)
    first = doc[index].sent.start
    for _ in range(_GROUP_REACH):
        if first > 0:
            first = doc[first - 1].sent.start
    acting = [
        m
        for m in mentions
        if m.label_ in _BODIES
        and m.kb_id_
        and first <= m.start
        and m.end <= index
        and m.root.dep_ in _ACTING
    ]
    return max(acting, key=lambda m: m.start) if acting else None

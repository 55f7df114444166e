"""Forms of a name in the text: trimmed, hyphenated, shortened, a surname standing alone.

Pure functions over spaCy tokens used by :mod:`._actors`: a name without its leading
article or a person's title, a hyphenated name spaCy split ("Marković-Hale"), the short
forms a person is later called by ("Hale", "Wen"), and an organisation's one-word alias
used as a person's surname ("Foreign Minister Thérèse Kayikwamba Wagner").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from zopa.extract._gazetteer import Gazetteer, unresolved_key
from zopa.extract._name_words import (
    BODY_HEADS,
    COMPANY_HEADS,
    GROUP_HEADS,
    HONORIFICS,
    LEADING,
    PERSON_ROLES,
)

__all__ = [
    "body_short_forms",
    "content_view",
    "hyphenated",
    "joined",
    "short_forms",
    "surname_of",
    "trim",
    "words",
]


def content_view(doc: Doc) -> tuple[Doc, list[int] | None]:
    """``doc`` without single-line-break tokens, and the map back to ``doc``'s token indices."""
    keep = [t.i for t in doc if not (t.is_space and t.text.count("\n") <= 1)]
    if len(keep) == len(doc):
        return doc, None
    view = Doc(doc.vocab, words=[doc[i].text for i in keep], spaces=[True] * len(keep))
    return view, keep


def trim(ent: Span) -> Span:
    """``ent`` without a leading article or punctuation and a trailing possessive or punctuation;
    a person's name also without the title or form of address before it ("Prime Minister
    Albin Kurti", "Dr Miriam Kauona")."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and (doc[start].text in LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    if ent.label_ == "PERSON":
        titles = [
            i
            for i in range(start, end - 1)
            if doc[i].lower_ in PERSON_ROLES or doc[i].lower_.rstrip(".") in HONORIFICS
        ]
        if titles and doc[titles[-1] + 1].text[:1].isupper():
            start = titles[-1] + 1
    return Span(doc, start, end, label=ent.label)


def joined(left: Token, hyphen: Token) -> bool:
    """``left`` and the token after ``hyphen`` are one hyphenated word ("Marković-Hale")."""
    return hyphen.text == "-" and not left.whitespace_ and not hyphen.whitespace_


def hyphenated(doc: Doc, start: int, end: int, taken: set[int]) -> tuple[int, int]:
    """``start:end`` grown over hyphenated capitalised parts spaCy split off ("-Osei")."""
    while (
        end + 1 < len(doc)
        and joined(doc[end - 1], doc[end])
        and doc[end + 1].text[:1].isupper()
        and end + 1 not in taken
    ):
        end += 2
    while (
        start >= 2
        and joined(doc[start - 2], doc[start - 1])
        and doc[start - 2].text[:1].isupper()
        and start - 2 not in taken
    ):
        start -= 2
    return start, end


def surname_of(span: Span, surnames: dict[str, str], gazetteer: Gazetteer) -> Span | None:
    """An organisation's one-word alias used as a person's surname ("Wagner"): after first
    names or a title ("Foreign Minister Thérèse Kayikwamba Wagner", "Minister Wagner"), or
    as the short form of a person named earlier; the person's mention, else None."""
    doc = span.doc
    if len(span) != 1:
        return None
    key = surnames.get(span.text)
    if key is not None:
        return Span(doc, span.start, span.end, label="person", kb_id=key)
    start = span.start
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].lower_ not in PERSON_ROLES
        and gazetteer.resolve(doc[start - 1].text) is None
    ):
        start -= 1
    titled = start > 0 and doc[start - 1].lower_ in PERSON_ROLES
    if start == span.start and not titled:
        return None
    name = doc[start : span.end]
    return Span(doc, start, span.end, label="person", kb_id=unresolved_key(name.text))


_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}


def short_forms(name: str) -> list[str]:
    """Short forms of a person's name: the last word (a generational suffix such as "Jr."
    aside), the last part of a hyphenated one, and the first word of a two-word name (a
    family name written first, "Wen" for "Wen Ruo", or a given name used alone)."""
    words = name.split()
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) < 2:
        return []
    last = words[-1]
    parts = last.split("-")
    forms = [last]
    if len(parts) > 1 and parts[-1][:1].isupper() and len(parts[-1]) > 2:
        forms.append(parts[-1])
    if len(words) == 2 and len(words[0]) > 2:
        forms.append(words[0])
    return forms


def words(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of whole words, hyphenated ones joined ("Marković", "-", "Hale")."""
    words: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        end = i + 1
        while end + 1 < len(doc) and joined(doc[end - 1], doc[end]):
            end += 2
        words.append((i, end))
        i = end
    return words


_SHORT_HEADS = BODY_HEADS | GROUP_HEADS | {
    "Fund", "Bank", "Court", "Assembly", "Parliament", "Organisation", "Organization",
    "Ministry", "Department", "Office", "Secretariat", "Tribunal", "Programme", "Program",
}  # fmt: skip
"""Head nouns by which a body named in full is called later ("the Fund", "the Commission")."""


def body_short_forms(
    mentions: list[Span], before: int, names: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Span]:
    """The short forms of the organisations named before token ``before``, each mapped to
    its mention: a name's head noun alone ("Commission" after "European Commission", "Fund"
    after "International Monetary Fund"), a company's name without its last word ("Kestrel"
    after "Kestrel Terminals") and the words before its "of" ("State Bank" after
    "State Bank of Pakistan"), for the name as written and for the other ``names`` of its
    actor key (the gazetteer's: "Commission" after "Brussels" or "the EU"). A form two
    bodies share is neither's."""
    forms: dict[str, Span | None] = {}
    for mention in mentions:
        if mention.label_ not in {"organisation", "group"} or mention.end > before:
            continue
        candidates: set[str] = set()
        for name in [mention.text, *(names or {}).get(mention.kb_id_, ())]:
            parts = name.split()
            if len(parts) < 2:
                continue
            candidates |= {p for p in parts if p in _SHORT_HEADS}
            if parts[-1] in COMPANY_HEADS and parts[0][:1].isupper():
                candidates.add(" ".join(parts[:-1]))  # "Kestrel" after "Kestrel Terminals"
            if "of" in parts[1:]:
                candidates.add(" ".join(parts[: parts.index("of")]))
        for form in candidates:
            other = forms.get(form)
            forms[form] = (
                mention
                if form not in forms or (other is not None and other.kb_id_ == mention.kb_id_)
                else None
            )
    return {form: mention for form, mention in forms.items() if mention is not None}

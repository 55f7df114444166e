"""What kind of actor a name is, from its parse: a person, an organisation, a people.

Rules over parse attributes, not wording: a role apposition or title, a speech verb or a
"who" clause makes a name a person's; an organisation's head noun or a leading "the" makes
a "person" of the NER an organisation; a demonym is a mention only as a noun.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span

from zopa.extract._name_forms import joined
from zopa.extract._name_words import (
    BODY_HEADS,
    COMPANY_HEADS,
    GROUP_HEADS,
    NAME_LINKS,
    PERSON_ROLES,
)

__all__ = [
    "described_as_person",
    "is_nominal",
    "listed_with",
    "named_person",
    "not_a_person",
    "org_kind",
    "referred_to_as_person",
    "speaks_or_has_role",
    "title_word",
    "titled",
]


def not_a_person(span: Span) -> bool:
    """A name the NER took for a person's that is an organisation's: ending in an
    organisation's or a company's head noun ("Lowy Institute", "Kestrel Terminals") or after
    "the" ("for the Harbour Courier")."""
    doc = span.doc
    if span[-1].text in GROUP_HEADS | BODY_HEADS | COMPANY_HEADS:
        return True
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    return before[-1:] == ["the"] or (
        len(before) == 2 and before[0] == "the" and doc[span.start - 1].pos_ == "ADJ"
    )


def is_nominal(span: Span) -> bool:
    """True when a demonym is used as a noun ("the Russians"), not as a modifier."""
    root = span[-1]
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "-":
        return False  # "Russian-speaking"
    if root.tag_ in {"NNPS", "NNS"}:
        return True
    return root.tag_ in {"NNP", "NN"} and root.dep_ not in {"amod", "compound", "nmod"}


def described_as_person(span: Span) -> bool:
    """A name with a person's role noun as apposition or title ("analyst X", "X, an aide"),
    or described by a "who" clause ("X, who heads the centre")."""
    # Children from outside the name of any of its words (the parser may hang "a researcher"
    # on the last part of "Abdelrahim-Osei").
    outside = [c for t in span for c in t.children if not span.start <= c.i < span.end]
    roles = [c for c in outside if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < span.start)]
    if any(c.lemma_.lower() in PERSON_ROLES for c in roles):
        return True
    return any(
        c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ == "nsubj" for g in c.children)
        for c in outside
    )


_PERSONAL = frozenset({"he", "she"})


def referred_to_as_person(span: Span) -> bool:
    """A name its own clause goes on to call "he" or "she" ("Machado said she would appeal",
    "Ortega is our candidate if she wins"): the subject of a verb whose clause holds a
    personal pronoun after the name — an organisation is "it"."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(t.lower_ in _PERSONAL and t.i >= span.end for t in root.head.subtree)


_SPEECH = {"say", "tell", "write", "add", "warn", "argue", "insist", "note", "urge"}


def speaks_or_has_role(span: Span) -> bool:
    """A name followed by a speech verb ("X said"), by a role apposition ("X, a senior
    researcher at ..."), or by the body it belongs to and a verb ("X of the Horn Policy
    Centre said", "X of the SPD welcomed")."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and joined(doc[end - 1], doc[end]):
        end += 2  # "Okello-Warsame"
    if end >= len(doc):
        return False
    if doc[end].lemma_ in _SPEECH or _of_a_body(doc, end):
        return True
    if doc[end].text != "," or end + 1 >= len(doc) or doc[end + 1].pos_ != "DET":
        return False
    for token in doc[end + 2 : end + 8]:
        if token.is_punct:
            return False
        if token.lower_ in PERSON_ROLES:
            return True
    return False


def _of_a_body(doc: Doc, end: int) -> bool:
    """Tokens from ``end`` are "of the" + a capitalised name (and an apposition) + a verb
    ("of the SPD welcomed", "of the X Group, a research centre, said")."""
    if doc[end : end + 2].text.lower() != "of the":
        return False
    i = end + 2
    while i < len(doc) and (doc[i].text[:1].isupper() or (doc[i].lower_ in NAME_LINKS)):
        i += 1
    if i == end + 2 or i >= len(doc):
        return False
    if doc[i].text == ",":  # "of the X Group, a research centre close to ..., said"
        close = next((t.i for t in doc[i + 1 : i + 16] if t.text in {",", "."}), None)
        i = close + 1 if close is not None and doc[close].text == "," else i
    return i < len(doc) and doc[i].pos_ == "VERB"


def listed_with(span: Span, people: AbstractSet[int]) -> bool:
    """A name coordinated with a person's ("Merz, Söder, Klingbeil and Esken"): a list
    names things of one kind. ``people`` holds the tokens of the people named."""
    root = span.root
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    members = [first, *(t for t in first.subtree if t.dep_ == "conj")]
    return any(t.i in people for t in members if not span.start <= t.i < span.end)


def titled(span: Span) -> bool:
    """A one-word name right after a lower-case role noun ("chairperson Diallo")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return len(span) == 1 and before is not None and before.text in PERSON_ROLES


def named_person(span: Span) -> bool:
    """A name of two or more words the NER took for a place that a "who" clause, a speech
    verb or a role apposition shows to be a person's ("X Y, who became ...", "X Y said")."""
    return len(span) > 1 and (described_as_person(span) or speaks_or_has_role(span))


_BODY_NAME_ENDS = BODY_HEADS | GROUP_HEADS | {"Ministry", "Department", "Office", "Guard"}


def title_word(span: Span) -> bool:
    """Part of a person's title, not an organisation: "National Security Minister X",
    "Secretary of State"."""
    root = span.root
    if span[-1].text in _BODY_NAME_ENDS:
        return False  # "National Security Council spokesperson X": the council is a body
    if root.dep_ == "compound" and root.head.lemma_.lower() in PERSON_ROLES:
        return True
    return (
        len(span) == 1
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in PERSON_ROLES
    )


def org_kind(text: str) -> str:
    """``group`` for an armed or political group's name, else ``organisation``."""
    return "group" if text.split()[-1] in GROUP_HEADS else "organisation"

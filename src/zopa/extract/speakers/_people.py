"""Names: what a document says about the people it names — their other written forms
("Mr. Gil" after "Yván Gil"), gender, offices and state.

A person's gender is known from an honorific (Mr, Ms, Mrs, Sir, Dame, ...), a gendered title
(spokeswoman, chairman, ...) or the person reported speaking of himself or herself, the only
person of the sentence ("X said he would ...", "X told Reuters that her side ..."); otherwise
it is unknown. First names are never used to guess. Offices come from the gazetteer's role,
the document's actor fields, and the words written with the name ("Foreign Minister X", "X,
the envoy", "the envoy, X").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from zopa.extract._doc import ACTOR_INFO
from zopa.extract.speakers._clauses import reporting_subject
from zopa.extract.speakers._known import KnownActors, role_head
from zopa.extract.speakers._words import PRONOUN_GENDER, WORDS

__all__ = [
    "Person",
    "contains_words",
    "honorific_forms",
    "read_people",
    "surname_forms",
    "title_heads",
    "titles",
]


@dataclass
class Person:
    """What the document says about one person: gender votes, offices, state."""

    genders: set[str] = field(default_factory=set)
    #: every word of the person's titles ("foreign", "minister")
    offices: set[str] = field(default_factory=set)
    #: the head nouns of the titles ("minister", "commissioner", "head" of "head of delegation")
    heads: set[str] = field(default_factory=set)
    country: str | None = None

    @property
    def gender(self) -> str | None:
        """``"m"`` or ``"f"`` when the document says one and only one, else None."""
        return next(iter(self.genders)) if len(self.genders) == 1 else None


def honorific_forms(mentions: Sequence[Span]) -> dict[str, str]:
    """``unresolved:`` keys of a person written with an honorific ("Mr. Gil") → the key of
    the person named before whose name ends in the same words ("Yván Gil")."""
    same: dict[str, str] = {}
    for index, mention in enumerate(mentions):
        words = mention.text.split()
        key = mention.kb_id_
        if len(words) < 2 or not key.startswith("unresolved:") or key in same:
            continue
        if words[0].lower().rstrip(".") not in WORDS.honorifics:
            continue
        rest = [w.casefold() for w in words[1:]]
        for earlier in reversed(mentions[:index]):
            names = earlier.text.casefold().split()
            if (
                earlier.label_ == "person"
                and earlier.kb_id_ != key
                and len(names) > len(rest)
                and names[-len(rest) :] == rest
            ):
                same[key] = earlier.kb_id_
                break
    return same


def surname_forms(mentions: Sequence[Span]) -> dict[str, str]:
    """``unresolved:`` keys of a name written alone that is a surname of one person named in
    full before ("Mejía" after "Álvaro Mejía Restrepo", "Vega" after "Ana Ortiz Vega") → that
    person's key, whatever label the NER gave the short form; not when two people named
    before share it."""
    same: dict[str, str] = {}
    for index, mention in enumerate(mentions):
        key = mention.kb_id_
        if not key.startswith("unresolved:") or key in same:
            continue
        rest = [w.casefold() for w in mention.text.split()]
        owners = {
            earlier.kb_id_
            for earlier in mentions[:index]
            if earlier.label_ == "person"
            and earlier.kb_id_ != key
            and contains_words(earlier.text.casefold().split()[1:], rest)
        }
        if len(owners) == 1:
            same[key] = owners.pop()
    return same


def contains_words(names: list[str], words: list[str]) -> bool:
    """``words`` stand together among ``names``."""
    size = len(words)
    return 0 < size <= len(names) and any(
        names[i : i + size] == words for i in range(len(names) - size + 1)
    )


def titles(mention: Span) -> set[str]:
    """Office words written with a person's name: before it in its phrase ("Foreign
    Minister X") or in an apposition ("X, the envoy", "the envoy, X")."""
    doc = mention.doc
    root = mention.root
    words = {t.lemma_.lower().rstrip(".") for t in doc[root.left_edge.i : mention.start]}
    related = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        related.append(root.head)
    for other in related:
        words.update(t.lemma_.lower() for t in doc[other.left_edge.i : other.i + 1])
    return words


def title_heads(mention: Span) -> set[str]:
    """The head nouns of the titles written with a person's name: the noun right before it
    ("trade commissioner X") and the head of an apposition ("X, the senior adviser for
    Africa")."""
    doc = mention.doc
    root = mention.root
    heads = set()
    if mention.start > 0 and doc[mention.start - 1].pos_ == "NOUN":
        heads.add(doc[mention.start - 1].lemma_.lower())
    related = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        related.append(root.head)
    heads.update(other.lemma_.lower() for other in related if other.pos_ == "NOUN")
    return heads


def read_people(
    doc: Doc,
    mentions: Iterable[Span],
    key: Callable[[Span], str | None],
    known: KnownActors,
    quoted: frozenset[int],
    persons_in: Callable[[int, int], set[str | None]],
) -> dict[str, Person]:
    """What ``doc`` says about each person among ``mentions`` (keys by ``key``); ``quoted``:
    tokens inside quotations; ``persons_in(start, end)``: the keys of the mentions there."""
    people: dict[str, Person] = {}
    info: Mapping[str, Mapping[str, str]] = doc._.get(ACTOR_INFO) or {}
    by_token: dict[int, Span] = {}
    for mention in mentions:
        person_key = key(mention)
        if mention.label_ != "person" or person_key is None:
            continue
        by_token.update((t.i, mention) for t in mention)
        person = people.setdefault(person_key, Person())
        written = titles(mention)
        person.offices |= written
        person.offices |= set(known.roles.get(person_key, frozenset()))
        fields = info.get(person_key) or info.get(mention.kb_id_) or {}
        role = fields.get("role") or ""
        person.offices |= set(role.casefold().split())
        person.heads |= title_heads(mention) | role_head(role)
        person.heads |= known.role_heads.get(person_key, frozenset())
        person.country = person.country or known.parties.get(person_key) or fields.get("country")
        before = doc[mention.start - 1].lower_.rstrip(".") if mention.start else ""
        first = mention[0].lower_.rstrip(".")
        for word in (before, first, *written):
            gender = WORDS.honorifics.get(word) or WORDS.gendered_nouns.get(word)
            if gender is not None:
                person.genders.add(gender)
    _self_reports(doc, people, by_token, key, quoted, persons_in)
    return people


def _own_subject(pronoun: Token) -> Token | None:
    """The subject of the clause whose object ``pronoun`` owns ("X raised her estimate",
    "X cut his forecast"): a person speaks of their own things."""
    if pronoun.dep_ != "poss" or pronoun.lower_ not in ("his", "her"):
        return None
    owned = pronoun.head
    if owned.dep_ != "dobj":
        return None
    subjects = [c for c in owned.head.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def _self_reports(
    doc: Doc,
    people: dict[str, Person],
    by_token: Mapping[int, Span],
    key: Callable[[Span], str | None],
    quoted: frozenset[int],
    persons_in: Callable[[int, int], set[str | None]],
) -> None:
    """A person reported as saying something about himself or herself tells the gender:
    "X said he would ...", "X told Reuters that his side ..." (the pronoun the subject or
    its possessor of the clause that X, the only person of the sentence, reports), and so
    does one acting on their own things: "X raised her estimate" (the possessor of the
    object of X's verb)."""
    for token in doc:
        if token.lower_ not in PRONOUN_GENDER or token.i in quoted:
            continue
        reporting = reporting_subject(token) or _own_subject(token)
        mention = by_token.get(reporting.i) if reporting is not None else None
        person_key = key(mention) if mention is not None else None
        if person_key is None:
            continue
        if persons_in(token.sent.start, token.sent.end) & set(people) == {person_key}:
            people[person_key].genders.add(PRONOUN_GENDER[token.lower_])

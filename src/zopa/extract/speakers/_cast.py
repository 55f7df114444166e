"""The cast of one document: its actor mentions in text order, the key each stands for,
their kinds, the people they name and the tokens inside quotations."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from zopa.extract._attribution import ROLE_NOUNS
from zopa.extract._doc import ACTORS, FIELDS, QUOTES
from zopa.extract.speakers._clauses import kind_of
from zopa.extract.speakers._known import KnownActors
from zopa.extract.speakers._people import (
    Person,
    contains_words,
    honorific_forms,
    read_people,
    surname_forms,
)
from zopa.extract.speakers._words import WORDS

__all__ = ["Cast", "quoted_tokens"]


class Cast:
    """The actors of ``doc`` (built once per document; ``quoted``: the tokens inside
    quotations, by default those of the direct quotes found)."""

    def __init__(self, doc: Doc, known: KnownActors, quoted: frozenset[int] | None = None) -> None:
        self.doc = doc
        self.known = known
        self.mentions = sorted(doc.spans.get(ACTORS, []), key=_start)
        self._starts = [m.start for m in self.mentions]
        self._longest = max((len(m) for m in self.mentions), default=0)
        self.kinds = {m.kb_id_: m.label_ for m in self.mentions if m.kb_id_}
        self.quoted = quoted_tokens(doc) if quoted is None else quoted
        self.same = surname_forms(self.mentions) | honorific_forms(self.mentions)
        self.people = read_people(
            doc,
            self.mentions,
            self.key,
            known,
            self.quoted,
            lambda start, end: {self.key(m) for m in self.between(start, end)},
        )
        #: the head nouns of the titles the document or the gazetteer gives its people
        self.titles = frozenset().union(*(p.heads for p in self.people.values()))

    def between(self, start: int, end: int) -> list[Span]:
        """Actor mentions overlapping tokens ``start``–``end`` (exclusive), in text order."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [m for m in self.mentions[low:high] if m.end > start]

    def key(self, mention: Span) -> str | None:
        """The actor key a mention stands for (a person written with an honorific or by a
        surname alone is the person named in full before)."""
        key = mention.kb_id_ or None
        return self.same.get(key, key) if key else None

    def unmarked_name(self, head: Token) -> bool:
        """Whether ``head`` ends a name the actor stage left without a mention ("Lund
        said", the parser's proper noun where the recogniser saw no one)."""
        return (
            head.pos_ == "PROPN"
            and head.text[:1].isupper()
            and head.ent_type_ in ("", "PERSON")
            and head.lemma_.lower() not in ROLE_NOUNS | WORDS.offices
            and not any(c.dep_ == "det" for c in head.children)  # "the director-general"
            and head.i not in self.quoted
            and not self.between(head.i, head.i + 1)
        )

    def person_named(self, head: Token) -> str | None:
        """The person whose mention holds the unmarked name ``head`` ends ("Lund" or "Arvid
        Lund" when "Defence Minister Arvid Lund" was marked), when exactly one does."""
        doc = self.doc
        start = head.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == head.i:
            start -= 1
        words = [t.lower_ for t in doc[start : head.i + 1]]
        owners = {
            self.key(m)
            for m in self.mentions
            if m.kb_id_ not in self.known.outlets
            and contains_words(m.text.casefold().split(), words)
        }
        return owners.pop() if len(owners) == 1 else None

    def name_of(self, key: str) -> str | None:
        """The fullest name the document writes for the actor ``key`` (its longest mention
        outside quotations, else inside), or None if it names it nowhere."""
        written = [m for m in self.mentions if self.key(m) == key]
        outside = [m for m in written if m.start not in self.quoted] or written
        if not outside:
            return None
        return " ".join(max(outside, key=lambda m: len(m.text)).text.split())

    def kind(self, key: str) -> str:
        """The kind of the actor ``key`` (person, state, organisation, group, ...)."""
        return self.kinds.get(key) or kind_of(key)

    def person(self, key: str) -> Person:
        """What the document says of the person ``key`` (nothing for someone else)."""
        return self.people.get(key) or Person()

    def state_of(self, key: str | None) -> str | None:
        """A state's own key, or the state a person serves."""
        if key is None or self.kind(key) != "person":
            return key
        return self.people[key].country if key in self.people else None


def _start(span: Span) -> int:
    return span.start


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside the document's direct quotations (once the quotes component ran)."""
    if QUOTES not in doc.spans:
        return frozenset()
    return frozenset(
        i
        for span in doc.spans[QUOTES]
        if (span._.get(FIELDS) or {}).get("kind") == "direct"
        for i in range(span.start, span.end)
    )

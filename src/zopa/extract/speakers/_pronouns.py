"""Pronouns: whom he, she, it and they stand for as speakers.

Candidates, in order: the speaker a quotation already gave the same word ("…,” he said");
the subject of the reporting verb whose clause the pronoun opens ("X said he would ...");
the main subject after it in its sentence ("After months in which he ..., Trump said"); the
latest subject or possessor before it in its own sentence (only a possessor for a speech
verb's own pronoun: "Trump, he added, is ..." reports Trump); for it, a statement's author;
the subjects (and agents of passives: "is led by X") of the sentence before, speech verbs'
first, each resolved by all the speaker rules (so an unnamed "senior diplomat" is "she" in
the next sentence, kept unnamed); the previous quotation's speaker; the latest person
(he/she) or known state, organisation or group (it/they) named before. Names inside
quotations count only for a pronoun inside one.

A candidate must agree (:func:`agrees`) in **number** (he/she one person or one unnamed
source; they a body or several people), **kind** and **gender** (:mod:`._people`). A name
the actor stage left unmarked is one person of unknown gender: a he/she stops there
rather than reaching back to someone named earlier.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

from spacy.tokens import Span, Token

from zopa.extract._attribution import ROLE_NOUNS, Holder, subjects_of
from zopa.extract.speakers._cast import Cast
from zopa.extract.speakers._clauses import reporting_subject, reports
from zopa.extract.speakers._words import (
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    THING_PRONOUNS,
    WORDS,
    is_pronoun,
)

__all__ = ["SOURCE_NOUNS", "Pronouns", "Resolve", "agrees"]

_MAX_CHAIN = 4  # pronouns followed back through at most this many sentences
_MAX_QUOTED_SENTENCES = 8  # sentences of one quotation passed over to find who spoke before
#: Nouns naming someone unnamed by role or as a source ("a senior diplomat", "one source").
SOURCE_NOUNS = (ROLE_NOUNS - WORDS.body_nouns) | WORDS.source_nouns
_DESCRIBING = SOURCE_NOUNS | WORDS.body_nouns
_NOT_SUBJECTS = frozenset({"it", "there", "this", "that", "which", "what"})


class Resolve(Protocol):
    """The speaker rules applied to a phrase's head word."""

    def __call__(self, head: Token, *, qualified: bool = False) -> Holder: ...


class Author(Protocol):
    """The author of the latest statement named before a token, if any."""

    def __call__(self, token: Token, qualified: bool) -> Holder | None: ...


def agrees(holder: Holder, pronoun: Token, cast: Cast) -> bool:
    """Whether ``holder`` agrees with ``pronoun`` in number, kind and gender.

    An unnamed speaker described by a noun ("a senior diplomat", "the ministry", also one
    that holds for the state it serves) agrees by that noun: he/she one person, they
    several people or a body, it one body. A named actor agrees by kind: he/she a person
    of that gender (or of unknown gender), they a state, organisation or group, it the
    same."""
    lower = pronoun.lower_
    head = holder.token
    if (
        head is not None
        and holder.text is not None
        and not is_pronoun(head.lower_)
        and head.lemma_.lower() in _DESCRIBING
        and (holder.actor is None or cast.kind(holder.actor) != "person")
    ):
        return _noun_agrees(head, lower)
    if holder.actor is None:
        # a name the actor stage missed ("Lund said ... He added"): one person
        return head is not None and lower in PRONOUN_GENDER and cast.unmarked_name(head)
    kind = cast.kind(holder.actor)
    if lower in PRONOUN_GENDER:
        if kind != "person":
            return False
        gender = cast.person(holder.actor).gender
        return gender is None or gender == PRONOUN_GENDER[lower]
    if lower in PLURAL_PRONOUNS:
        return kind != "person"
    return kind in ("state", "organisation", "group")


def _noun_agrees(head: Token, pronoun: str) -> bool:
    body = head.lemma_.lower() in WORDS.body_nouns
    plural = (
        head.tag_ in ("NNS", "NNPS")
        or any(c.dep_ == "nummod" for c in head.children)
        or head.lower_ in ("them", "both")
    )
    if pronoun in PLURAL_PRONOUNS:
        return plural or body
    if pronoun in THING_PRONOUNS:
        return body and not plural
    return pronoun in PRONOUN_GENDER and not body and not plural


def _verb_of(word: Token) -> Token:
    """The verb whose subject or agent ``word`` is."""
    return word.head.head if word.dep_ == "pobj" else word.head


class Pronouns:
    """Pronoun resolution over one document (the module rules), with a cache."""

    def __init__(
        self,
        cast: Cast,
        resolve: Resolve,
        statement_before: Author,
        quoted_speakers: Mapping[int, str],
    ) -> None:
        """``quoted_speakers``: speaker keys of quotations by the character offset of the
        words naming their speaker."""
        self.cast = cast
        self.resolve = resolve
        self.statement_before = statement_before
        self.quoted_speakers = quoted_speakers
        self._found: dict[tuple[int, bool], Holder | None] = {}

    def antecedent(
        self,
        pronoun: Token,
        *,
        previous: Holder | None = None,
        qualified: bool = False,
        depth: int = 0,
        cache: bool = True,
    ) -> Holder | None:
        """The speaker ``pronoun`` stands for, with the pronoun's own words, or None.
        ``previous``: the speaker of the quotation before (a fallback); ``cache=False``
        when a cycle cut the search short."""
        cached = cache and previous is None
        if cached and (pronoun.i, qualified) in self._found:
            return self._found[pronoun.i, qualified]
        found = self._search(pronoun, previous, qualified, depth)
        if found is not None:
            found = Holder(
                found.actor, pronoun.text, pronoun, pronoun.idx, pronoun.idx + len(pronoun)
            )
        if cached:
            self._found[pronoun.i, qualified] = found
        return found

    def _search(
        self, pronoun: Token, previous: Holder | None, qualified: bool, depth: int
    ) -> Holder | None:
        cast = self.cast
        holder: Holder | None
        said = self.quoted_speakers.get(pronoun.idx)
        if said is not None:  # the speaker a quotation gives the pronoun ("…,” he said)
            return Holder(said, pronoun.text, pronoun)
        reporting = reporting_subject(pronoun)
        root = pronoun.sent.root
        main = subjects_of(root)
        if not (main and pronoun.i < main[0].left_edge.i and main[0].i < root.i):
            main = []
        # "X said he would ...", then "After months in which he blamed Kyiv, Trump ...": the
        # main clause's subject
        for subject in (reporting, *main[:1]):
            if subject is not None and not is_pronoun(subject.lower_):
                holder = self.resolve(subject, qualified=qualified)
                if agrees(holder, pronoun, cast):
                    return holder
        holder = self._earlier_in_sentence(pronoun)
        if holder is not None:
            return holder
        if pronoun.lower_ in THING_PRONOUNS:
            author = self.statement_before(pronoun, qualified)
            if author is not None:
                return author
        for subject in self._subjects_before(pronoun):
            if not is_pronoun(subject.lower_):
                holder = self.resolve(subject, qualified=qualified)
            elif depth < _MAX_CHAIN:  # "He said ... . He added ...": the same person
                holder = self.antecedent(subject, qualified=qualified, depth=depth + 1, cache=False)
            else:
                holder = None
            if holder is not None and (
                agrees(holder, pronoun, cast) or self._named_speaker(holder, subject, pronoun)
            ):
                return holder
        if previous is not None and previous.actor is not None and agrees(previous, pronoun, cast):
            return previous
        return self._latest(pronoun)

    def _named_speaker(self, holder: Holder, subject: Token, pronoun: Token) -> bool:
        """A he/she after a sentence whose speech verb's or main verb's subject is a name the
        gazetteer does not know, which the recogniser took for an organisation ("X said ...",
        "Halvorsen of Fjordline Partners said ..."): that speaker, not someone named before
        (a recogniser's kind for an unknown name is a guess; the speaker just named is not)."""
        key = holder.actor
        return (
            key is not None
            and key.startswith("unresolved:")
            and pronoun.lower_ in PRONOUN_GENDER
            and self.cast.kind(key) == "organisation"
            and (reports(subject.head) or subject.head.dep_ == "ROOT")
            and subject.pos_ == "PROPN"
        )

    def _earlier_in_sentence(self, pronoun: Token) -> Holder | None:
        """A pronoun first takes the latest subject or possessor named before it in its own
        sentence ("concerned that he cannot be trusted", "X's goal is Y, which is why he
        proposed ..."); a speech verb's own pronoun only a possessor: a subject before it is
        what it reports ("Trump, he added, is willing ...")."""
        cast = self.cast
        deps = {"nsubj", "nsubjpass", "poss"}
        if pronoun.dep_ in ("nsubj", "nsubjpass") and reports(pronoun.head):
            deps = {"poss"}
        inside = pronoun.i in cast.quoted
        for mention in reversed(cast.between(pronoun.sent.start, pronoun.i)):
            if mention.end > pronoun.i or mention.root.dep_ not in deps:
                continue
            if (mention.start in cast.quoted) != inside or mention.kb_id_ in cast.known.outlets:
                continue
            holder = Holder(cast.key(mention), mention.text, mention.root)
            if agrees(holder, pronoun, cast):
                return holder
        return None

    def _subjects_before(self, pronoun: Token) -> Iterator[Token]:
        """Subjects of the sentence before the pronoun's, outside quotations: of speech
        verbs first, then of the main clause, then the others. For a pronoun outside
        quotations, sentences wholly inside a quotation are passed over ("A diplomat said
        ... . “It is fragile. Nobody wants ...,” he said": the diplomat's sentence)."""
        sentence = pronoun.sent
        if sentence.start == 0:
            return
        doc = self.cast.doc
        before = doc[sentence.start - 1].sent
        inside = pronoun.i in self.cast.quoted  # a pronoun in a quotation may refer inside it
        for _ in range(_MAX_QUOTED_SENTENCES):
            if inside or before.start == 0 or not self._quoted(before):
                break
            before = doc[before.start - 1].sent
        subjects = [
            t
            for t in before
            if t.dep_ in ("nsubj", "nsubjpass")
            and (inside or t.i not in self.cast.quoted)
            and t.lower_ not in _NOT_SUBJECTS
        ]
        # the agent of a passive is its clause's doer ("The union is led by X. He said ...")
        agents = [
            noun
            for t in before
            if t.dep_ == "agent" and (inside or t.i not in self.cast.quoted)
            for noun in t.children
            if noun.dep_ == "pobj"
        ]
        speaking = [s for s in subjects if reports(s.head)]
        main = [
            s
            for s in sorted([*subjects, *agents], key=lambda t: t.i)
            if _verb_of(s).i == before.root.i and s not in speaking
        ]
        rest = [s for s in [*subjects, *agents] if s not in speaking and s not in main]
        yield from (*speaking, *main, *rest)

    def _quoted(self, sentence: Span) -> bool:
        """Whether every word of ``sentence`` is inside a quotation."""
        words = [t for t in sentence if not (t.is_punct or t.is_space)]
        return bool(words) and all(t.i in self.cast.quoted for t in words)

    def _latest(self, pronoun: Token) -> Holder | None:
        """The latest actor of a fitting kind named before the pronoun outside quotations
        (persons for he/she within the document; bodies for it/they within two sentences)."""
        cast = self.cast
        people = pronoun.lower_ in PRONOUN_GENDER
        inside = pronoun.i in cast.quoted  # a pronoun in a quotation may refer inside it
        window = pronoun.sent.start
        if window > 0:
            window = cast.doc[window - 1].sent.start
        for mention in reversed(cast.between(0, pronoun.i)):
            if (
                mention.start in cast.quoted and not inside
            ) or mention.kb_id_ in cast.known.outlets:
                continue
            if not people and (mention.start < window or mention.kb_id_.startswith("unresolved:")):
                continue
            holder = Holder(cast.key(mention), mention.text, mention.root)
            if agrees(holder, pronoun, cast):
                return holder
        return None

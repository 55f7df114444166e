"""The resolver: the speaker a phrase names, by the rules of the speaker modules in order —
the author one speaks or reads for ("X, speaking on behalf of Y": Y), names
(:mod:`._people`), statements (:mod:`._statements`), roles (:mod:`._roles`), pronouns
(:mod:`._pronouns`), and unnamed sources kept with their words."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from zopa.extract._attribution import ROLE_NOUNS, Holder, after_dateline, names_head, quote_of
from zopa.extract._bodies import STATE_FORMS
from zopa.extract._doc import FIELDS, QUOTES
from zopa.extract.speakers._cast import Cast
from zopa.extract.speakers._known import KnownActors
from zopa.extract.speakers._pronouns import SOURCE_NOUNS, Pronouns
from zopa.extract.speakers._roles import Roles
from zopa.extract.speakers._statements import Statements
from zopa.extract.speakers._words import FIRST_PERSON, WORDS, is_pronoun

__all__ = ["Speakers"]

#: How a modifier of a speaker's head is cut from the speaker's words.
_SPEAKER_CUT = frozenset({"appos", "relcl", "punct", "advcl"})
#: Bodies that stand for their state or party as speakers ("its government", "the kingdom").
_GOVERNING_BODIES = STATE_FORMS | WORDS.governing_bodies

_LAST: list[Speakers] = []  # the resolver of the last document (one per process)


def _an_office(head: Token) -> bool:
    """``head`` names an office ("Minister" of "the Minister of Transport")."""
    return head.lemma_.lower() in ROLE_NOUNS | WORDS.offices


def _on_behalf_of(head: Token) -> Token | None:
    """The author a speaker's phrase says it speaks or reads for ("X, speaking on behalf of
    Y", "a statement read by X on behalf of Y"): the head of Y, or None. A relative clause
    describes a standing role, not this statement ("X, who negotiates on behalf of Y")."""
    for word in head.subtree:
        if any(a.dep_ == "relcl" for a in word.ancestors if head in a.ancestors):
            continue
        if word.lower_ == "behalf" and word.head.lower_ in ("on", "in"):
            for prep in word.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


class Speakers:
    """Speaker resolution over one document (see :mod:`zopa.extract.speakers`)."""

    def __init__(self, doc: Doc, known: KnownActors, quoted: frozenset[int] | None = None) -> None:
        """``quoted``: the tokens inside quotations (by default the direct quotes found)."""
        self.doc = doc
        self.known = known
        self.cast = Cast(doc, known, quoted)
        self._active: set[int] = set()  # heads being resolved, to stop at a cycle
        quoted_speakers = {
            fields["speaker_start"]: fields["speaker_actor"]
            for span in doc.spans.get(QUOTES, [])
            if (fields := span._.get(FIELDS) or {}).get("speaker_actor")
            and fields.get("speaker_start") is not None
        }
        self.statements = Statements(doc, self.resolve)
        self.pronouns = Pronouns(self.cast, self.resolve, self.statements.before, quoted_speakers)
        self.roles = Roles(self.cast, self.resolve)

    @classmethod
    def of(cls, doc: Doc, known: KnownActors) -> Speakers:
        """The resolver of ``doc``, shared with the other components of the pipeline."""
        if _LAST and _LAST[0].doc is doc and _LAST[0].known is known:
            return _LAST[0]
        speakers = cls(doc, known)
        _LAST[:] = [speakers]
        return speakers

    @property
    def quoted(self) -> frozenset[int]:
        """The tokens inside quotations."""
        return self.cast.quoted

    @property
    def kinds(self) -> dict[str, str]:
        """The kind of each actor key mentioned in the document."""
        return self.cast.kinds

    def key(self, mention: Span) -> str | None:
        """The actor key a mention stands for (honorific forms joined)."""
        return self.cast.key(mention)

    def statement_author(self, noun: Token, *, qualified: bool = False) -> Holder | None:
        """Who a statement, letter or communiqué is by (:mod:`._statements`)."""
        return self.statements.author(noun, qualified=qualified)

    @staticmethod
    def names_someone(holder: Holder) -> bool:
        """Whether ``holder`` is an actor or someone unnamed named by role or as a source
        ("the negotiator", "a senior official"), not a thing ("the talks")."""
        if holder.actor is not None:
            return True
        token = holder.token
        return (
            token is not None
            and not is_pronoun(token.lower_)
            and token.lemma_.lower() in SOURCE_NOUNS | WORDS.body_nouns
        )

    def resolve_all(self, subject: Token, *, qualified: bool = False) -> list[Holder]:
        """The speakers a subject and its conjuncts name ("Russia and Belarus said")."""
        heads = [subject, *subject.conjuncts]
        if len(heads) == 1:
            return [self.resolve(subject, qualified=qualified)]
        return [self.resolve(head, qualified=qualified, alone=True) for head in heads]

    def resolve(
        self,
        head: Token,
        *,
        qualified: bool = False,
        previous: Holder | None = None,
        alone: bool = False,
    ) -> Holder:
        """The speaker the phrase headed by ``head`` names.

        ``qualified``: the caller reads an unnamed official qualified by an actor ("a U.S.
        official", "Kremlin aides") as that actor and leaves outlets out (claims, whose
        holders are parties); otherwise such a speaker stays unnamed, with
        its words (quotes). ``previous`` is the speaker of the quotation just before, for
        a pronoun; ``alone`` cuts the phrase at the head (a conjunct of a subject).
        """
        if head.lower_ in ("who", "that") and head.head.dep_ == "relcl":
            head = head.head.head  # "Trump, who has hinted ...": the noun the clause describes
        if head.i in self._active:  # a cycle ("his government" ... "its leader" ... "he")
            return self._written(head, None, alone=True)
        self._active.add(head.i)
        try:
            return self._resolve(head, qualified, previous, alone)
        finally:
            self._active.discard(head.i)

    def _resolve(
        self, head: Token, qualified: bool, previous: Holder | None, alone: bool
    ) -> Holder:
        lower = head.lower_
        if lower in FIRST_PERSON:
            quote = quote_of(self.doc, head.i, head.i + 1)
            fields = quote._.get(FIELDS) if quote is not None else None
            if fields:
                return Holder(fields.get("speaker_actor"), fields.get("speaker_text"), head)
            return Holder(None, None, head)
        if is_pronoun(lower):
            found = self.pronouns.antecedent(
                head,
                previous=previous,
                qualified=qualified,
                cache=self._active <= {head.i},  # not cut short by a cycle
            )
            return found if found is not None else self._written(head, None, alone=True)
        principal = _on_behalf_of(head)
        if principal is not None:  # "X, speaking on behalf of Y, said": Y's words
            return self.resolve(principal, qualified=qualified, previous=previous)
        named, qualifier = self._naming(head, qualified=qualified, alone=alone)
        if named is not None:
            return self._written(head, self.key(named), mention=named, alone=alone)
        if qualifier is None and self.cast.unmarked_name(head):
            # a name the actor stage missed: the person marked elsewhere under it, else
            # someone named but unknown (kept as written, never a person named before)
            return self._written(head, self.cast.person_named(head), alone=alone)
        if head.lemma_.lower() in WORDS.statement_nouns:
            author = self.statements.author(head, qualified=qualified)
            if author is not None:
                return self._written(head, author.actor, alone=alone)
        office = self.roles.by_office(head)
        if office is not None:
            return self._written(head, office, alone=alone)
        organ = self.roles.by_organ(head)
        if organ is not None:
            return self._written(head, organ, alone=alone)
        if qualified:
            if qualifier is not None:
                return self._written(head, self.key(qualifier), alone=alone)
            state = self.roles.by_demonym(head) or self.roles.by_body(head, qualified)
            return self._written(head, state, alone=alone)
        # A speaker of a quotation: a government named by what it is ("its government",
        # "the Trump administration") is its state; an unnamed official or body qualified by
        # an actor ("a U.S. official", "Serbia's foreign ministry") keeps its words.
        if head.lemma_.lower() in _GOVERNING_BODIES:
            owner = self.roles.by_body(head, qualified)
            if owner is None and qualifier is not None:  # "the Trump administration"
                owner = self.cast.state_of(self.key(qualifier))
            return self._written(head, owner, alone=alone)
        # "the agency" is the latest outlet; "the UN refugee agency" a body of the UN
        outlet = self.roles.outlet(head) if qualifier is None else None
        return self._written(head, outlet, alone=alone)

    def _naming(
        self, head: Token, *, qualified: bool, alone: bool
    ) -> tuple[Span | None, Span | None]:
        """The actor mention that is the phrase headed by ``head`` (the head's own name or
        its apposition's), and else the one that qualifies or owns it ("Rwanda's foreign
        ministry", "a U.S. official")."""
        end = head.i + 1 if alone else head.right_edge.i + 1
        skip = self.known.outlets if qualified else frozenset()
        mentions = [
            mention
            for mention in self.cast.between(head.left_edge.i, end)
            if mention.kb_id_ not in skip and names_head(mention, head)
        ]
        appositions = {c.i for c in head.children if c.dep_ == "appos"}
        person = next(
            (m for m in mentions if m.root.i in appositions and m.label_ == "person"), None
        )
        for mention in mentions:
            if mention.start <= head.i < mention.end:
                if person is not None and mention.label_ != "person" and _an_office(head):
                    return person, None  # "the Minister of Transport, Lena Varga": the person
                return mention, None
        for mention in mentions:
            if mention.root.i in appositions:
                return mention, None
        if not mentions:
            return None, None
        return None, min(mentions, key=lambda span: abs(span.start - head.i))

    def _written(
        self,
        head: Token,
        actor: str | None,
        *,
        mention: Span | None = None,
        alone: bool = False,
    ) -> Holder:
        """A holder with the speaker's words as written: the head's phrase without its
        appositions, relative clauses, asides and a dateline before it (the whole name when
        a mention names it)."""
        doc = self.doc
        if is_pronoun(head.lower_):
            start, end = head.i, head.i + 1
        else:
            start, end = head.left_edge.i, head.i + 1
            if not alone:
                for child in head.rights:
                    if child.dep_ not in _SPEAKER_CUT and child.dep_ != "cc":
                        end = max(end, child.right_edge.i + 1)
            start = after_dateline(start, doc) if start < head.i else start
            while start < end and (doc[start].is_punct or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if start >= end:
                start, end = head.i, head.i + 1
            if mention is not None and mention.start <= head.i < mention.end:
                start, end = min(start, mention.start), max(end, mention.end)
        words = doc[start:end]
        text = " ".join(words.text.split())
        return Holder(actor, text or None, head, words.start_char, words.end_char)

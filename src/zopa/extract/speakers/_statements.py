"""Statement frames: a statement, letter or communiqué speaks for its author, not its host.

"The statement said", or "it said" after "In a statement read out by her spokeswoman,
President X said", is X's. A statement's author is its possessor ("X's statement"), its
"from"/"by"/"of" object, whom it is "on behalf of" ("read out a message on behalf of X"),
the agent of the clause that describes it ("a letter signed by X", never "read out by"),
the subject of the clause it is "in" ("X said in a statement") or that issued it ("X
issued a statement"); who reads it out is never the author. "The
statement" with no author of its own is the latest statement's named in its sentence or
the two before.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from zopa.extract._attribution import Holder, subjects_of
from zopa.extract.speakers._pronouns import Resolve
from zopa.extract.speakers._words import DEFINITE, WORDS

__all__ = ["Statements"]


class Statements:
    """Statement authors over one document."""

    def __init__(self, doc: Doc, resolve: Resolve) -> None:
        self.doc = doc
        self.resolve = resolve

    def author(self, noun: Token, *, qualified: bool = False) -> Holder | None:
        """Who the statement ``noun`` names is by: its own author, else, for "the
        statement", the author of the latest statement before it."""
        own = self._own_author(noun, qualified)
        if own is not None:
            return own
        if not any(c.lower_ in DEFINITE for c in noun.children):
            return None
        return self.before(noun, qualified)

    def before(self, token: Token, qualified: bool) -> Holder | None:
        """The author of the latest statement named in the token's sentence (before it) or
        the two sentences before."""
        start = token.sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        for candidate in reversed(self.doc[start : token.i]):
            if candidate.lemma_.lower() in WORDS.statement_nouns and candidate.pos_ == "NOUN":
                author = self._own_author(candidate, qualified)
                if author is not None:
                    return author
        return None

    def _own_author(self, noun: Token, qualified: bool) -> Holder | None:
        owners = [c for c in noun.children if c.dep_ == "poss"]
        owners += [
            obj
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of")
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        owners += [
            obj
            for acl in noun.children
            if acl.dep_ == "acl" and acl.lemma_ not in WORDS.hosting_verbs
            for agent in acl.children
            if agent.dep_ == "agent"
            for obj in agent.children
            if obj.dep_ == "pobj"
        ]
        owners += _on_behalf(noun)
        if noun.dep_ == "dobj":  # "read out a message on behalf of X": the verb's phrase
            owners += _on_behalf(noun.head)
        if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "through", "via"):
            verb = noun.head.head
            owners += subjects_of(verb) if verb.pos_ in ("VERB", "AUX") else []
        if noun.dep_ == "dobj" and noun.head.lemma_ in WORDS.issuing_verbs:
            owners += subjects_of(noun.head)
        for owner in owners:
            if owner.lemma_.lower() in WORDS.statement_nouns:
                continue
            holder = self.resolve(owner, qualified=qualified)
            if holder.actor is not None:
                return holder
        return None


def _on_behalf(word: Token) -> list[Token]:
    """Whom an "on behalf of X" or "on X's behalf" phrase of ``word`` names."""
    return [
        owner
        for prep in word.children
        if prep.dep_ == "prep" and prep.lower_ == "on"
        for behalf in prep.children
        if behalf.dep_ == "pobj" and behalf.lower_ == "behalf"
        for owner in [
            *(c for c in behalf.children if c.dep_ == "poss"),
            *(
                obj
                for of in behalf.children
                if of.dep_ == "prep" and of.lower_ == "of"
                for obj in of.children
                if obj.dep_ == "pobj"
            ),
        ]
    ]

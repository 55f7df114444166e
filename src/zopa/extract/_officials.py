"""Officials named by a bare title, linked to the state the passage speaks of.

News copy introduces a state's officials by their office alone once the state is clear
from the passage: "Britain welcomed the ruling. Environment Secretary X said ...", "The
government rejected the link. Interior Minister Y said ...", "Prime Minister Z said
Sudan's goal was ...". A person whose title names an office of state (minister,
secretary, president, spokesperson ...) and nothing else links them is read as the
official of, in this order:

1. the state that is the subject of the sentence before (a state's name or capital, a
   person already linked to a state, or "the government", read by
   :func:`~zopa.extract._context.government_state`);
2. where no other state is given that office elsewhere in the document, the one state
   named in the person's own sentence (the weakest reading: a minister may name the
   other side).

Both readings are guesses from the passage, so each link keeps its reason as ``unsure``
for review (``zopa actors --unsure``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span

__all__ = ["OFFICES", "context_state"]

OFFICES = frozenset(
    {
        "minister", "secretary", "undersecretary", "president", "premier", "chancellor",
        "spokesperson", "spokesman", "spokeswoman", "negotiator", "ambassador", "official",
    }
)  # fmt: skip
"""Nouns of a title that make its holder a state's official when no other actor is named."""

Named = tuple[int, str, str]
"""An actor named in the document: start token, actor key, surface form."""


def context_state(
    doc: Doc,
    mention: Span,
    named: Mapping[int, Named],
    state_of: Callable[[str], str | None],
    government: str | None,
    in_sentence: bool = False,
) -> tuple[str, str] | None:
    """The state the official named at ``mention`` most likely serves, and why: with
    ``in_sentence`` by rule 2 (the weaker reading), else by rule 1.

    Parameters
    ----------
    named:
        Actors named in the document, by end token.
    state_of:
        The state an actor key stands for (a state itself, or a person's or
        organisation's country), else ``None``.
    government:
        The state "the government" means in this document, if any.
    """
    sentence = mention.sent
    if not in_sentence and sentence.start > 0:
        previous = doc[sentence.start - 1].sent
        tokens = {
            t.i
            for s in previous
            if s.dep_ in {"nsubj", "nsubjpass"} and s.head == previous.root
            for t in s.subtree
        }
        subjects = {
            (state, surface)
            for end, (start, key, surface) in named.items()
            if start in tokens and end - 1 in tokens and (state := state_of(key)) is not None
        }
        if len({state for state, _ in subjects}) == 1:
            state, surface = min(subjects)
            return state, f"read as {state}'s: {surface!r} is the subject just before"
        acting = any(doc[i].lower_ == "government" for i in tokens)
        if not subjects and government is not None and acting:
            return government, f"read as {government}'s: 'the government' acts just before"
    if not in_sentence:
        return None
    states = {
        state
        for end, (start, key, _) in named.items()
        if sentence.start <= start
        and end <= sentence.end
        and not mention.start <= start < mention.end
        and (state := state_of(key)) is not None
    }
    if len(states) == 1:
        state = states.pop()
        return state, f"read as {state}'s: the only state its sentence names"
    return None

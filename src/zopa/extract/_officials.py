"""Officials named by a bare title, linked to the state or body the passage speaks of.

News copy introduces a state's officials by their office alone once the state is clear
from the passage: "Britain welcomed the ruling. Environment Secretary X said ...", "The
government rejected the link. Interior Minister Y said ...", "Prime Minister Z said
Sudan's goal was ...", "The meeting was hosted by the UAE. President W received ...",
"The Commission says the commitments are strong. A spokesperson, V, said ...". A person
whose title names an office (minister, secretary, president, spokesperson ...) and
nothing else links them is read as the official of, in this order:

1. the state that is the subject of the sentence before (a state's name or capital, a
   person already linked to a state, the agent of a passive verb, or "the government",
   read by :func:`~zopa.extract._context.government_state`); else the one organisation
   that is that subject;
2. the one state the sentence before names at all ("In Caracas, the reaction was mixed.
   Vice President X welcomed ...");
3. the one state named in the person's own sentence, else the one organisation named
   there (a minister may name the other side);
4. where the person's sentence names no state, the state whose seat of government opens
   that sentence or the one before as its scene ("In Lima, the reaction was mixed. Vice
   President X welcomed ...": :func:`scene_state`);
5. else the state whose seat of government is the article's dateline ("QUITO — ...
   Finance Minister X said": :func:`dateline_place`): a reporter there quotes that
   state's officials by their title alone;
6. else the state whose government the article names ("the Peruvian government"), the
   weakest reading. Military ranks are no office here: a rebel group has commanders too.

A state whose same office another person holds is never the answer: the document's
other officials, and the gazetteer's office-holders (a "President X" in a text naming
China and the Philippines is not China's, whose president the gazetteer knows). Every
reading is a guess from the passage, so each link keeps its reason as ``unsure`` for
review (``zopa actors --unsure``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from spacy.tokens import Doc, Span

__all__ = ["OFFICES", "context_actor", "dateline_place", "scene_state", "states_named_with"]

OFFICES = frozenset(
    {
        "minister", "secretary", "undersecretary", "president", "premier", "chancellor",
        "spokesperson", "spokesman", "spokeswoman", "negotiator", "ambassador", "official",
        "commissioner", "facilitator",
    }
)  # fmt: skip
"""Nouns of a title that make its holder a state's official when no other actor is named."""

Named = tuple[int, str, str]
"""An actor named in the document: start token, actor key, surface form."""


def _subject_tokens(sentence: Span) -> set[int]:
    """Tokens of the subjects of ``sentence``'s main verb, and of the agent of a passive
    one ("hosted by the United Arab Emirates")."""
    root = sentence.root
    heads = [t for t in root.children if t.dep_ in {"nsubj", "nsubjpass"}]
    heads += [g for t in root.children if t.dep_ == "agent" for g in t.children]
    return {t.i for head in heads for t in head.subtree}


def _named_in(named: Mapping[int, Named], tokens: Collection[int]) -> list[Named]:
    return [(start, key, surface) for end, (start, key, surface) in named.items()
            if start in tokens and end - 1 in tokens]  # fmt: skip


def context_actor(
    doc: Doc,
    mention: Span,
    named: Mapping[int, Named],
    state_of: Callable[[str], str | None],
    is_body: Callable[[str], bool],
    government: str | None,
    *,
    in_sentence: bool = False,
    held: Collection[str] = (),
) -> tuple[str, str, str] | None:
    """The state or organisation the official named at ``mention`` most likely serves:
    (actor key, its surface form, why); with ``in_sentence`` by rule 3 (the weakest
    reading), else by rules 1 and 2.

    Parameters
    ----------
    named:
        Actors named in the document, by end token.
    state_of:
        The state an actor key stands for (a state itself, or a person's or
        organisation's country), else ``None``.
    is_body:
        Whether an actor key is an organisation's or a group's.
    government:
        The state "the government" means in this document, if any.
    held:
        States whose office of this title another person holds: never the answer.
    """
    sentence = mention.sent
    if in_sentence:
        here = set(range(sentence.start, sentence.end)) - set(range(mention.start, mention.end))
        # Not a body of the person's own phrase ("X, the minister for EU relations").
        own = {t.i for t in mention.root.subtree}
        candidates = [
            n for n in _named_in(named, here) if state_of(n[1]) is not None or n[0] not in own
        ]
        return _only(candidates, state_of, is_body, held, "its sentence names")
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    subjects = _named_in(named, _subject_tokens(previous))
    found = _only(subjects, state_of, is_body, held, None)
    heads = [t.i for t in previous.root.children if t.dep_ in {"nsubj", "nsubjpass"}]
    heading = [
        key for end, (start, key, _) in named.items() if any(start <= h < end for h in heads)
    ]
    if found is not None and not any(state_of(key) == key for key in heading):
        # The subject before is a person ("South African President X chaired ..."), not a
        # state: the official's own words may name their state
        spoken = _spoken_state(mention, named, state_of)
        if spoken is not None and spoken[0] != found[0] and spoken[0] not in held:
            state, surface = spoken
            return state, surface, f"read as {state}'s: {surface!r} is what the official speaks of"
    if found is not None:
        return found
    acting = any(doc[i].lower_ == "government" for i in _subject_tokens(previous))
    if not subjects and government is not None and acting and government not in held:
        reason = f"read as {government}'s: 'the government' acts just before"
        return government, "government", reason
    everything = _named_in(named, range(previous.start, previous.end))
    return _only(everything, state_of, lambda key: False, held, "the sentence before names")


#: Verbs of speech whose reported clause an official's own state is often the subject of.
_SPEECH = frozenset({"say", "tell", "announce", "insist", "declare", "add", "stress", "vow"})


#: Modals of a demand: the state they bind is the other side.
_DEMANDS = frozenset({"must", "should", "ought"})


def _spoken_state(
    mention: Span, named: Mapping[int, Named], state_of: Callable[[str], str | None]
) -> tuple[str, str] | None:
    """The one state that is the subject of the clause the official at ``mention`` reports
    ("Prime Minister X said Ethiopia would go on filling the dam"), with its surface form;
    not a state told what it must do ("said Chile must withdraw": the other side)."""
    root = mention.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in _SPEECH:
        return None
    subjects = {
        t.i
        for clause in verb.children
        if clause.dep_ == "ccomp" and not any(c.lower_ in _DEMANDS for c in clause.children)
        for head in clause.children
        if head.dep_ in {"nsubj", "nsubjpass"}
        for t in head.subtree
    }
    states = {
        (s, surface) for _, key, surface in _named_in(named, subjects) if (s := state_of(key))
    }
    return states.pop() if len(states) == 1 else None


def _only(
    candidates: list[Named],
    state_of: Callable[[str], str | None],
    is_body: Callable[[str], bool],
    held: Collection[str],
    where: str | None,
) -> tuple[str, str, str] | None:
    """The one state among ``candidates`` (by ``state_of``) that no one else holds the
    office of, else, where none is a state's, the one organisation; with the reason:
    ``where`` they are named ("its sentence names"), ``None`` for the subject just before.
    """
    states = {(state, surface) for _, key, surface in candidates if (state := state_of(key))}
    if states:
        keys = {state for state, _ in states} - set(held)
        if len(keys) != 1:
            return None
        state = keys.pop()
        surface = min(s for k, s in states if k == state)
        if where is None:
            return state, surface, f"read as {state}'s: {surface!r} is the subject just before"
        return state, surface, f"read as {state}'s: the only state {where}"
    bodies = {(key, surface) for _, key, surface in candidates if is_body(key)}
    if len({key for key, _ in bodies}) != 1:
        return None
    key, surface = min(bodies)
    if where is None:
        return key, surface, f"read as {surface!r}'s: {surface!r} is the subject just before"
    return key, surface, f"read as {surface!r}'s: the only organisation {where}"


def states_named_with(
    mention: Span, named: Mapping[int, Named], state_of: Callable[[str], str | None]
) -> bool:
    """Whether the sentence of the official at ``mention`` names a state besides them
    (rules 4 and 5 then do not apply)."""
    sentence = mention.sent
    return any(
        sentence.start <= start < sentence.end
        and not mention.start <= start < mention.end
        and state_of(key) is not None
        for start, key, _ in named.values()
    )


def scene_state(
    doc: Doc, mention: Span, seat_of: Callable[[str], str | None]
) -> tuple[str, str] | None:
    """Rule 4: the state whose seat of government opens the official's sentence or the one
    before as its scene ("In Lima, ..."), and why; ``seat_of`` gives the state a place is
    the seat of government of, else ``None``."""
    sentence = mention.sent
    sentences = [sentence] if sentence.start == 0 else [doc[sentence.start - 1].sent, sentence]
    for opening in sentences:
        words = [t for t in opening if not (t.is_space or t.is_punct)]
        if len(words) < 3 or words[0].lower_ != "in":
            continue
        comma = next((t.i for t in opening if t.text == ","), None)
        if comma is None or not 0 < comma - words[1].i <= 3:
            continue
        place = doc[words[1].i : comma].text
        state = seat_of(place)
        if state is not None:
            return state, f"read as {state}'s: the passage opens in {place!r}"
    return None


def dateline_place(text: str, dateline: tuple[int, int]) -> str | None:
    """The place of a dateline ("QUITO, May 3 (X) —", "Quito, May 3 —" → "Quito"): its
    opening capitalised words up to a comma, in title case."""
    words: list[str] = []
    for word in text[dateline[0] : dateline[1]].split():
        bare = word.rstrip(",")
        if not bare.isalpha() or not bare[:1].isupper():
            break
        words.append(bare.capitalize())
        if word.endswith(","):
            break
    return " ".join(words) or None

"""Acts stated by a construction rather than by a trigger word, read from the parse.

- **A deadline given** ("gave Peru until Friday to accept the draft", "gave the government
  until March 3 to publish its plans") is a demand (REQUEST, CAMEO 100) of the giver to
  the one given the time; the act asked for is not coded on its own (it is only asked).
- **A conditional act** with no type of its own ("X would take the dispute to the court
  if Y began building the road", "would not submit the treaty until it was signed") is a
  threat (THREATEN, CAMEO 130) to the one who must comply: the doer the condition names,
  or, when it is a passive naming no one ("unless the ban is lifted"), the other party of
  the latest pair; a condition that asks no one ("if diplomacy fails") makes no threat,
  nor does a negated act ("will not sign it until Y changes its constitution": a refusal
  on a condition, coded by its own trigger as refused).
  It is coded only where neither a trigger nor the type classifier coded an event at the
  verb: a conditional act with a type ("would impose sanctions if", "would lift the curbs
  once") keeps it, with status hypothetical, as the gold sentence sets code it.

CAMEO 130 *threaten, not specified below* (Gerner et al. 2002); PLOVER's THREATEN
(Halterman et al. 2023).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from zopa.extract.events._lexicon import EventEntry

__all__ = [
    "CONDITION_MARKS",
    "CONSTRUCTED",
    "DEADLINE",
    "THREAT",
    "conditional",
    "deadline_act",
    "deadline_verb",
    "unnamed_complier",
]

#: The id prefix of the entries of constructed acts.
CONSTRUCTED = "construction:"

#: A deadline given: a demand of the giver to the one given the time.
DEADLINE = EventEntry(id=f"{CONSTRUCTED}deadline", type="REQUEST", cameo="100")

#: A conditional act with no trigger of its own: a threat.
THREAT = EventEntry(id=f"{CONSTRUCTED}threat", type="THREATEN", cameo="130")

#: Subordinators of the condition another party must meet.
CONDITION_MARKS = frozenset({"if", "unless", "until"})

_FUTURE = frozenset({"would", "will", "'ll", "could", "shall"})

_GIVING = frozenset({"give", "grant", "allow"})


def deadline_verb(verb: Token) -> bool:
    """Whether a verb gives someone time to act: "gave Peru until Friday to accept"."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() in _GIVING
        and any(c.dep_ in ("dobj", "dative") for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ in ("until", "till") for c in verb.children)
        and any(_infinitive(c) for c in verb.children)
    )


def deadline_act(token: Token) -> bool:
    """Whether a word is the act a deadline asks for ("to accept" in "gave Peru until
    Friday to accept the draft"), or a noun it names ("to accept the draft")."""
    for tok in (token, token.head):
        if _infinitive(tok) and tok.head is not tok and deadline_verb(tok.head):
            return True
    return False


def conditional(verb: Token) -> bool:
    """Whether a verb is a future act said to depend on a condition: "would/will <act>"
    with an if/unless/until clause of its own ("would take the dispute to the court if
    Belize began building the road")."""
    if verb.pos_ != "VERB" or not any(
        c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children
    ):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False  # "will not put its signature to it until ...": a refusal, not a threat
    return any(True for _ in _conditions(verb))


def unnamed_complier(verb: Token) -> bool:
    """Whether a conditional act's condition is an act of someone unnamed: a passive with
    no agent ("unless the ban is lifted", "until it was signed") asks the other side to
    act, while an active clause with no actor ("if diplomacy fails") asks no one."""
    for clause in _conditions(verb):
        deps = {c.dep_ for c in clause.children}
        if "nsubjpass" in deps and "agent" not in deps:
            return True
    return False


def _conditions(verb: Token) -> Iterator[Token]:
    """The if/unless/until clauses hanging on a verb."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children
        ):
            yield clause


def _infinitive(tok: Token) -> bool:
    return (
        tok.dep_ in ("advcl", "xcomp")
        and tok.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )

"""Who a body named without its name is: "the government", "his party", "the kingdom".

News reports give most stances to a body named by what it is rather than by name: "the
government rejected the link", "his party still wanted a reform", "the kingdom accepted
that ...", "the government's negotiator", "government negotiators". :func:`body_owner`
finds the actor such a phrase stands for, from the document alone:

- an owner written with it: a possessive pronoun ("his government", "her party", "its
  government") is the owner of what the pronoun stands for — for his/her, the person
  reported saying the clause if there is one ("X said his government ..."), else the
  pronoun's antecedent — a person's state (for a government or a country) or party (for
  a party, only when the document says which), a state's or group's own self; a named
  possessor ("Ethiopia's delegation", "the government's negotiator" through "the
  government") is itself;
- "the government" with no owner and no one reported saying it (then it is the
  speaker's, which the holder rules find): the state of the latest government named with
  its state before it ("the Colombian government", "Yemen's government", "the government
  of Peru"), else the state of the latest person named before it who holds a government
  office ("President X", "the foreign minister, X") and is linked to a state. "The
  administration" or "the cabinet" needs its owner written ("the Trump administration"
  is resolved with the name);
- "the kingdom" / "the republic" / "the emirate" ... with no owner: the state of the
  reporter when its names say so ("a Saudi official said the kingdom ..."), else the
  latest state named before it whose official name says it is one (the gazetteer's
  names: "Kingdom of Saudi Arabia");
- "the party" with no owner: the latest group or organisation named before it (a
  political party is either, as the gazetteer has it);
- any other definite noun with no owner ("the union", "the association", "the
  employers"): the organisation or group of the document whose name has that word as its
  head ("Coastal Nurses' Union") or as a plural noun naming its members ("Bus Employers'
  Federation"), or that the text describes by that word ("the opposition": "the Andean
  Front, the alliance of opposition parties", "the opposition Andean Front"; "the
  conservatives": "his conservative Union bloc") — the latest named before it, else (a
  news lede names the body before its name) the first named after it.

"The country" with no owner is left alone: it is as often a place as an actor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span, Token

from zopa.extract._attribution import (
    REPORTING_LEMMAS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    actors_in,
    reporter,
)
from zopa.extract._doc import ACTOR_INFO

__all__ = ["GOVERNMENT_OFFICES", "STATE_FORMS", "body_owner", "government_of"]

_GOVERNMENTS = frozenset({"government", "administration", "cabinet"})
#: Words of a state's official name that a text uses for the state ("the kingdom").
STATE_FORMS = frozenset(
    {"kingdom", "republic", "federation", "emirate", "sultanate", "principality", "commonwealth"}
)
_PARTIES = frozenset({"party"})
_OWNED_ONLY = frozenset({"country", "nation"})
_BODIES = _GOVERNMENTS | STATE_FORMS | _PARTIES | _OWNED_ONLY
#: Offices of a government: a person holding one speaks for its state.
GOVERNMENT_OFFICES = frozenset(
    {
        "president",
        "prime",
        "premier",
        "minister",
        "chancellor",
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "king",
        "emir",
        "sultan",
    }
)
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})

#: Resolves a pronoun or noun to the actor key it names (the caller's holder rules).
Resolver = Callable[[Token], str | None]


def body_owner(
    doc: Doc,
    head: Token,
    *,
    resolve: Resolver,
    parties: Mapping[str, str],
    nationalities: Mapping[str, str],
    state_forms: Mapping[str, frozenset[str]],
    offices: Callable[[Span], set[str]],
) -> str | None:
    """The actor key the body ``head`` names (see the module docstring), or ``None``.

    ``resolve`` gives the actor a possessor names; ``parties`` the state or organisation
    of each person the gazetteer knows; ``nationalities`` the state of each demonym or
    name ("Colombian"); ``state_forms`` the words of each state's names; ``offices`` the
    office words written with a person's mention.
    """
    body = head
    if head.lemma_.lower() not in _BODIES:
        if head.lemma_.lower() not in ROLE_NOUNS:
            return _named_by_a_word(doc, head)
        # "the government's negotiator", "government negotiators", "Peru's delegation"
        owner = next((c for c in head.children if c.dep_ in ("poss", "compound")), None)
        described = next((c for c in head.children if c.dep_ in ("amod", "compound")), None)
        if described is not None and described.lemma_.lower() not in _BODIES:
            # "opposition officials", "union negotiators": the organisation so described
            found = _organisation_called(doc, described, head)
            if found is not None:
                return found
        if owner is None:
            return None
        if owner.lemma_.lower() not in _BODIES:
            return _possessor(owner, resolve, nationalities) if owner.dep_ == "poss" else None
        body = owner
    noun = body.lemma_.lower()
    possessor = next((c for c in body.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return _owner_through(doc, possessor, noun, resolve, parties, nationalities)
    modifiers = [c for c in body.children if c.dep_ not in ("det", "punct", "case")]
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in body.children)
    if modifiers or not (definite or body.dep_ == "compound") or body.tag_ not in ("NN", "NNP"):
        return None
    if noun == "government":
        speaking = reporter(body, SPEECH_VERBS | REPORTING_LEMMAS)
        if speaking is not None and not speaking.left_edge.i <= body.i <= speaking.right_edge.i:
            # "the minister said the government ...": the speaker's, as reported (but "the
            # government delegation says ..." is the government's own)
            return None
        return government_of(doc, body, parties, nationalities, offices)
    if noun in STATE_FORMS:
        speaking = reporter(body, SPEECH_VERBS | REPORTING_LEMMAS)
        said_by = _state_of_speaker(speaking, resolve, nationalities) if speaking else None
        if said_by is not None and noun in state_forms.get(said_by, frozenset()):
            return said_by  # "a Saudi official said the kingdom ...": the official's state
        return _latest(doc, body, lambda m: noun in state_forms.get(m.kb_id_, frozenset()))
    if noun in _PARTIES:
        return _latest(doc, body, lambda m: m.label_ in ("group", "organisation"))
    return None


def _state_of_speaker(
    speaker: Token, resolve: Resolver, nationalities: Mapping[str, str]
) -> str | None:
    """The actor a reporting verb's subject names, else the state its nationality names
    ("a Saudi official")."""
    return resolve(speaker) or next(
        (
            nationalities[c.text]
            for c in speaker.children
            if c.dep_ in ("amod", "compound") and c.text in nationalities
        ),
        None,
    )


def _possessor(possessor: Token, resolve: Resolver, nationalities: Mapping[str, str]) -> str | None:
    """Whom a possessor names; his/her in a reported clause is the reporter ("X said his
    government ...", "a Tajik negotiator said his side ...": the negotiator's state), never
    a person named before."""
    speaking = reporter(possessor, SPEECH_VERBS | REPORTING_LEMMAS)
    if possessor.lower_ in ("his", "her") and speaking is not None:
        return _state_of_speaker(speaking, resolve, nationalities)
    return resolve(possessor)


def _owner_through(
    doc: Doc,
    possessor: Token,
    noun: str,
    resolve: Resolver,
    parties: Mapping[str, str],
    nationalities: Mapping[str, str],
) -> str | None:
    """The owner of "his government", "its party", "Peru's government" (see
    :func:`_possessor`)."""
    key = _possessor(possessor, resolve, nationalities)
    if key is None:
        return None
    if possessor.lower_ not in _POSSESSIVE_PRONOUNS:
        return key
    mention_kind = next(
        (m.label_ for m in reversed(actors_in(doc, 0, possessor.i)) if m.kb_id_ == key), None
    )
    if mention_kind != "person":
        return key
    info: Mapping[str, str] = doc._.get(ACTOR_INFO).get(key, {})
    if noun in _PARTIES:
        return info.get("affiliation")  # a person's state is not their party
    return info.get("country") or parties.get(key)


def government_of(
    doc: Doc,
    body: Token,
    parties: Mapping[str, str],
    nationalities: Mapping[str, str],
    offices: Callable[[Span], set[str]],
) -> str | None:
    """The state of "the government": the latest government named with its state, else
    the state of the latest person before it holding a government office."""
    for token in reversed(doc[: body.i]):
        if token.lemma_.lower() not in _GOVERNMENTS:
            continue
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.text in nationalities:
                return nationalities[child.text]  # "the Colombian government"
        for mention in actors_in(doc, token.left_edge.i, token.right_edge.i + 1):
            if mention.label_ == "state" and mention.root.head.i in (token.i, _of_head(token)):
                return mention.kb_id_
    info = doc._.get(ACTOR_INFO)
    for mention in reversed(actors_in(doc, 0, body.i)):
        if mention.label_ != "person" or not offices(mention) & GOVERNMENT_OFFICES:
            continue
        state = info.get(mention.kb_id_, {}).get("country") or parties.get(mention.kb_id_)
        if state is not None:
            return state
    return None


def _named_by_a_word(doc: Doc, head: Token) -> str | None:
    """The organisation "the union" or "the employers" stands for (see the module
    docstring), or ``None``."""
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    owned = any(c.dep_ not in ("det", "punct", "case") and c.i < head.i for c in head.children)
    if not definite or owned or head.pos_ != "NOUN" or actors_in(doc, head.i, head.i + 1):
        return None
    return _organisation_called(doc, head, head)


def _organisation_called(doc: Doc, head: Token, at: Token) -> str | None:
    """The organisation or group the word ``head`` names (its name's head or members' word,
    or a word describing it: see the module docstring), the latest named before ``at``,
    else the first named after it."""
    if actors_in(doc, head.i, head.i + 1):
        return None
    word = head.lower_
    lemma = head.lemma_.lower()

    def fits(mention: Span) -> bool:
        if mention.label_ not in ("group", "organisation") or mention.start == head.i:
            return False
        root = mention.root
        members = {t.lower_ for t in mention if t.tag_ in ("NNS", "NNPS") and t.i != root.i}
        return word == root.lower_ or word in members or _described_as(mention, lemma)

    before = _latest(doc, at, fits)
    if before is not None:
        return before
    return next((m.kb_id_ or None for m in actors_in(doc, at.i + 1, len(doc)) if fits(m)), None)


def _described_as(mention: Span, lemma: str) -> bool:
    """Whether the text describes ``mention`` by the word ``lemma``: a modifier of its name
    or of the noun its name qualifies ("the opposition Andean Front", "his conservative
    Union bloc"), or a word of an apposition ("the Andean Front, the alliance of
    opposition parties"; "the main opposition coalition, the Andean Front")."""
    nodes = [mention.root]
    if mention.root.dep_ in ("compound", "appos"):
        nodes.append(mention.root.head)
    for node in nodes:
        for child in node.children:
            if child.i in range(mention.start, mention.end):
                continue
            if child.dep_ in ("amod", "compound") and child.lemma_.lower() == lemma:
                return True
            if child.dep_ == "appos" and any(t.lemma_.lower() == lemma for t in child.subtree):
                return True
    return False


def _of_head(token: Token) -> int:
    """The index of "of" in "the government of Peru" (-1 when there is none)."""
    return next((c.i for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), -1)


def _latest(doc: Doc, body: Token, fits: Callable[[Span], bool]) -> str | None:
    for mention in reversed(actors_in(doc, 0, body.left_edge.i)):
        if fits(mention):
            return mention.kb_id_ or None
    return None

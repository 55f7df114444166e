"""Open issues: what a stance is about when no word of the issue lexicon says it.

A party may demand, reject or offer something the issue lexicon has no word for ("the
reopening of the main roads into Taiz", "an access period of twelve years"). The claim
is kept all the same, its issue taken from the *object of the stance*: the noun phrase
the cue governs, found in the parse —

- a verb's direct object ("rejected the package"), else the object of its complement
  verb ("ready to open one road", "wants the line drawn"), the subject of a passive or
  subjunctive complement clause ("demanded that the facility be placed ..."), or the
  object of ``on``/``to``/``for`` ("insist on the finance ministry");
- a noun cue's complement ("the call for long-term access", "an offer to open a road",
  "a demand that the intake be transferred");
- the subject of a predicative cue ("a permanent closure is unacceptable", "the release
  of X is a red line"), or of a clause whose ``must``/``should`` someone says;
- for a cue noun that is the subject of its clause, what the clause says it is or holds
  ("Chile's main demand is the reopening of X", "the offer covers five years").

The phrase is read without relative or adverbial clauses; a light head ("a set of
guidelines", "the government's position on X", "the question of Y") gives way to its
complement. Its issue key is the lemmas of its nouns, proper nouns and verbs, in text
order (``reopening_road_taiz``, at most :data:`KEY_WORDS` words), prefixed
:data:`OPEN_PREFIX` so an open issue is never taken for an issue of the lexicon. The
draft groups open issues of different documents by the content words they share
(:func:`key_words`).

Nothing is made when the object is a pronoun, an actor (a stance on a party is no
issue), a phrase that points back at something already proposed ("the offer", "this
plan": the caller looks for what came before), or has no content word. A pronoun that
points back is the object even where an adjunct follows ("rejected them for months",
"agreed to it on Friday"): the stance is about what came before, not about the months.
"""

from __future__ import annotations

from spacy.tokens import Token

from zopa.extract._claim_cues import Cue
from zopa.extract._issues import IssueHit
from zopa.issue_keys import KEY_WORDS, OPEN_PREFIX, is_open, key_words

__all__ = [
    "KEY_WORDS",
    "OPEN_PREFIX",
    "is_open",
    "key_words",
    "open_issue",
    "points_to_proposal",
    "pronoun_back",
    "stance_object",
]

#: Longest key (the store's ``claims.issue`` column holds 60 characters).
_KEY_CHARS = 60

#: Cue words whose object is no stance on an issue of the talks: acts of speech about
#: facts ("denied the reports", "claimed responsibility"), warnings, and the effort nouns
#: that describe an action rather than a position ("any attempt to ...").
_NO_OPEN_ISSUE = frozenset(
    {
        "claim",
        "deny",
        "declare",
        "ignore",
        "warn",
        "threaten",
        "hope",
        "achieve",
        "invite",
        "press",
        "attempt",
        "effort",
        "bid",
        "quest",
        "open",
        "interested",
    }
)

#: Nouns of an effort: the act they name is what the stance is about.
_EFFORT_NOUNS = frozenset({"attempt", "effort", "bid", "move", "push"})

#: Heads that only frame their complement: the complement says what the issue is.
_LIGHT_HEADS = frozenset(
    {
        "set",
        "kind",
        "sort",
        "type",
        "form",
        "part",
        "number",
        "share",
        "amount",
        "level",
        "position",
        "stance",
        "view",
        "question",
        "issue",
        "matter",
        "case",
        "principle",
        "idea",
        "any",
        "some",
        "all",
    }
)

#: Heads that name no issue of the talks: what someone said or did about them ("rejected
#: the charge", "offered a similar view", "seeks to leave his mark").
_NOT_ISSUES = frozenset(
    {
        "charge",
        "accusation",
        "allegation",
        "report",
        "criticism",
        "claim",
        "rumour",
        "rumor",
        "speculation",
        "view",
        "notion",
        "mark",
        "challenge",
        "comment",
        "remark",
        "statement",
        "thing",
        "way",
    }
)

#: Nouns of something proposed: with ``the``/``this``/``that``/``such`` and no complement
#: they stand for a proposal made before ("welcomed the offer").
_PROPOSAL_NOUNS = frozenset(
    {
        "offer",
        "proposal",
        "plan",
        "idea",
        "demand",
        "condition",
        "precondition",
        "request",
        "call",
        "suggestion",
        "ultimatum",
        "initiative",
        "move",
        "decision",
    }
)
_BACK_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
#: Pronouns that stand for something named before ("rejected them", "agreed to it").
_BACK_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those"})

_TIME_PREPS = frozenset({"before", "after", "during", "until", "since", "by", "within"})
#: Words that open a free relative ("lose what they take"): it names nothing.
_FREE_RELATIVES = frozenset({"what", "whatever", "whoever", "whichever"})

_NAMING_VERBS = frozenset({"call", "describe", "term", "label", "brand", "dub"})

#: Parts of speech whose lemmas make an open issue's key.
_KEY_POS = frozenset({"NOUN", "PROPN", "VERB"})
_NOT_KEY_LEMMAS = frozenset({"be", "have", "do", "get", "make", "let", "s", "'s"})
#: Objects that name nothing ("free more", "take them", "give everything"): the act is the
#: matter.
_NAMES_NOTHING = frozenset({"PRON", "ADJ", "NUM", "DET"})
#: Dependents never read as part of the issue's phrase: clauses, appositions, asides.
_CUT_DEPS = frozenset(
    {"relcl", "acl", "advcl", "appos", "parataxis", "punct", "cc", "conj", "mark", "nsubj", "aux"}
)


def open_issue(cue: Cue, actor_tokens: set[int]) -> IssueHit | None:
    """The open issue a cue speaks about (see the module docstring), or ``None``.

    ``actor_tokens`` are the token indices inside actor mentions: a stance whose object
    is an actor ("rejected Moscow") makes no open issue.
    """
    obj = stance_object(cue)
    if obj is None or obj.pos_ in ("PRON", "NUM"):
        return None
    if obj.i in actor_tokens and cue.kind != "NO_WITHOUT":
        return None  # a party is no issue; "no deal without X" makes X's inclusion one
    if any(c.lower_ in _FREE_RELATIVES for c in obj.children):
        return None  # "willing to lose what they take"
    owned = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in obj.children)
    if obj.pos_ == "NOUN" and (
        obj.lemma_.lower() in _NOT_ISSUES | _EFFORT_NOUNS
        or (obj.lemma_.lower() in _LIGHT_HEADS and not owned)  # "Qahtan's case" names one
        or points_to_proposal(obj)
    ):
        return None  # what was said, a light head with nothing to frame, or what came before
    words = _phrase(obj)
    content = [w for w in words if w.pos_ in _KEY_POS and w.i not in _cue_indices(cue)]
    lemmas = list(dict.fromkeys(w.lemma_.lower() for w in content if _keyable(w)))[:KEY_WORDS]
    if not lemmas or (cue.kind != "NO_WITHOUT" and all(w.i in actor_tokens for w in content)):
        return None
    key = OPEN_PREFIX + "_".join(lemmas)
    while len(key) > _KEY_CHARS and "_" in key[len(OPEN_PREFIX) :]:
        key = key.rsplit("_", 1)[0]
    return IssueHit(key[:_KEY_CHARS], min(w.i for w in words), max(w.i for w in words) + 1)


def stance_object(cue: Cue) -> Token | None:
    """The head of the phrase a cue's stance is about, through a light head (``None`` when
    the cue is no stance on an issue, such as "denied the reports", or has no object)."""
    if {cue.token.lemma_.lower(), cue.words[0].lemma_.lower()} & _NO_OPEN_ISSUE:
        return None
    obj = _object(cue)
    return _through_light_head(obj) if obj is not None else None


def _cue_indices(cue: Cue) -> set[int]:
    """Token indices of a cue's words and head."""
    return {w.i for w in cue.words} | {cue.token.i}


def points_to_proposal(noun: Token) -> bool:
    """Whether ``noun`` is a proposal named before ("the offer", "this plan", "such a
    demand"): a proposal noun with a pointing determiner and no complement of its own."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _PROPOSAL_NOUNS:
        return False
    pointing = any(c.dep_ == "det" and c.lower_ in _BACK_DETERMINERS for c in noun.children)
    own = any(c.dep_ in ("prep", "acl", "ccomp", "relcl", "poss") for c in noun.children)
    return pointing and not own


def pronoun_back(obj: Token) -> bool:
    """Whether a stance's object is a pronoun standing for something named before ("refused
    them", "would oppose it", "agreed to that")."""
    return obj.pos_ in ("PRON", "DET") and obj.lower_ in _BACK_PRONOUNS and obj.dep_ != "det"


def _keyable(word: Token) -> bool:
    lemma = word.lemma_.lower()
    return lemma.isalpha() and len(lemma) > 1 and lemma not in _NOT_KEY_LEMMAS


def _object(cue: Cue) -> Token | None:
    """The head of the phrase the cue's stance is about."""
    token = cue.token
    if token.pos_ == "NOUN" and token.dep_ not in ("attr", "nsubj", "nsubjpass"):
        return _complement(token)
    if token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.pos_ in ("VERB", "AUX"):
        # "Chile's main demand is the reopening of X", "the offer covers X": what the
        # clause says the demand is
        return _complement(token) or _verb_object(token.head)
    if token.pos_ in ("NOUN", "ADJ") or cue.kind in ("RED_LINE", "NON_NEGOTIABLE", "ADJ"):
        predicate = token.head if token.dep_ in ("acomp", "attr", "oprd") else token
        if cue.kind == "ADJ" and any(c.dep_ == "xcomp" for c in token.children):
            return _verb_object(next(c for c in token.children if c.dep_ == "xcomp"), 1)
        return _subject(predicate)
    if cue.kind == "NO_WITHOUT":
        # "no deal without the ports": the ports; "no exchange without him": the exchange
        needed = next((c for c in cue.words[0].children if c.dep_ == "pobj"), None)
        if needed is not None and needed.pos_ != "PRON":
            return needed
        return next((n for n in _denied(token) if n.i != cue.words[0].i), None)
    if cue.kind == "IF_THEN":
        # "if they reimpose the tolls, the talks are over": what the supposition is about
        supposed = cue.words[0].head
        return _verb_object(supposed) or next(
            (c for c in supposed.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"), None
        )
    if cue.kind in ("MODAL", "HAVE_TO", "PERSIST", "NOT_ON_TABLE"):
        subject = _subject(token)
        if subject is not None and subject.pos_ != "PRON":
            return subject
        return _verb_object(token)  # "she would remain the candidate": the candidacy
    return _verb_object(token)


def _named_as(verb: Token) -> Token | None:
    """The name a free relative gives its thing ("what they called preconditions",
    "what Chile described as a provocation"), or ``None``."""
    if verb.lemma_.lower() not in _NAMING_VERBS:
        return None
    if not any(c.lower_ in _FREE_RELATIVES for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ in ("oprd", "attr", "xcomp") and child.pos_ == "NOUN":
            return child
        if child.dep_ == "prep" and child.lower_ == "as":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _acts_on_something(verb: Token) -> bool:
    """Whether a clause's verb has a passive subject, an object or a complement of place or
    manner ("that its fighters withdraw from the districts"): the act is the matter."""
    return any(
        c.dep_ in ("nsubjpass", "dobj") or (c.dep_ == "prep" and c.lower_ not in _TIME_PREPS)
        for c in verb.children
    )


def _denied(verb: Token) -> list[Token]:
    """The nouns a clause denies with "no" ("there will be no deal", "no exchange will")."""
    return [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "attr", "dobj")
        and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
    ]


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _verb_object(verb: Token, depth: int = 0) -> Token | None:
    """A verb's object: direct, of its complement verb or clause, or of on/to/for."""
    children = list(verb.children)
    direct = next((c for c in children if c.dep_ in ("dobj", "attr", "oprd")), None)
    if direct is not None and (
        direct.pos_ not in _NAMES_NOTHING or (depth == 0 and pronoun_back(direct))
    ):
        return direct
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if depth == 0 and passive is not None and passive.pos_ != "PRON":
        return passive  # "the roads would be discussed only ...": what is acted on
    if depth < 2:
        for child in children:
            if child.dep_ in ("xcomp", "ccomp"):
                named = _named_as(child)
                if named is not None:
                    return named  # "rejected what they called preconditions"
                if child.dep_ == "ccomp" and _acts_on_something(child):
                    return child  # "demanded that the facility be placed under ...": the act
                found = _verb_object(child, depth + 1)
                if found is not None:
                    return found
                subject = _subject(child)
                if subject is not None and child.dep_ == "ccomp":
                    return subject
                if child.dep_ == "xcomp" and _names_an_act(child):
                    return child  # "preferred to negotiate as part of ASEAN": the act
    for child in children if depth == 0 else ():
        if child.dep_ == "prep" and child.lower_ in ("on", "to", "for"):
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return _verb_object(pobj, depth + 1) if pobj.pos_ == "VERB" else pobj
    return None


def _names_an_act(verb: Token) -> bool:
    """Whether a complement verb names the act a stance is about ("ready to free more",
    "preferred to negotiate"), not a light verb ("want to make sure ...")."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() not in _NOT_KEY_LEMMAS


def _complement(noun: Token) -> Token | None:
    """What a cue noun asks or offers: its for/of/on complement or its clause."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "on", "to"):
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return _verb_object(pobj) if pobj.pos_ == "VERB" else pobj
        if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
            # "a demand that the intake be transferred": the act asked for
            return child if _acts_on_something(child) else _subject(child)
    return None


def _through_light_head(noun: Token) -> Token:
    """The complement of a light head ("a set of guidelines" → guidelines), the act an
    effort noun names ("any attempt to reinforce the ship" → reinforce)."""
    for _ in range(3):
        if noun.pos_ != "NOUN":
            return noun
        if noun.lemma_.lower() in _PROPOSAL_NOUNS:
            # "backed the call for long-term access": what the proposal asks
            asked = _complement(noun)
            if asked is not None:
                noun = asked
                continue
        if noun.lemma_.lower() in _EFFORT_NOUNS:
            act = next((c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
            return act if act is not None else noun
        if noun.lemma_.lower() not in _LIGHT_HEADS:
            return noun
        pobj = next(
            (
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in ("of", "on", "over", "about")
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        if pobj is None:
            return noun
        noun = pobj
    return noun


def _phrase(head: Token) -> list[Token]:
    """The words of ``head``'s phrase without clauses, appositions and asides."""
    words: list[Token] = [head]
    for child in head.children:
        if child.dep_ in _CUT_DEPS:
            continue
        words.extend(_phrase(child))
    return sorted(words, key=lambda w: w.i)

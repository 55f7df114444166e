"""Claim cues: the words that say an actor wants, demands, offers or refuses something.

The cue tables (verbs, nouns, adjectives by lemma or form) and the token patterns of
multi-word cues ("red line", "will not ...", "in order to") drive one
:class:`spacy.matcher.Matcher`; :func:`find_cues` turns its matches into :class:`Cue`
records with the word the parse hangs the cue's arguments on and the stance it
expresses (see :mod:`zopa.extract._claims` for the vocabulary).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from zopa.extract._attribution import ROLE_NOUNS, quote_of, reporter, speech_above
from zopa.extract._doc import ACTORS, STANCES

__all__ = ["CUE_PATTERNS", "STANCE_RANK", "Cue", "Future", "find_cues", "future_of"]

_VERB_CUES: dict[str, str] = {
    "demand": "demand",
    "insist": "demand",
    "require": "demand",
    "urge": "demand",
    "call": "demand",
    "press": "demand",
    "condition": "demand",
    "offer": "offer",
    "propose": "offer",
    "invite": "offer",
    "concede": "offer",
    "want": "goal",
    "seek": "goal",
    "aim": "goal",
    "pursue": "goal",
    "hope": "goal",
    "strive": "goal",
    "reject": "reject",
    "refuse": "reject",
    "rebuff": "reject",
    "spurn": "reject",
    "oppose": "position",
    "resist": "position",
    "dismiss": "reject",
    "support": "position",
    "accept": "accept",
    "agree": "accept",
    "welcome": "accept",
    "endorse": "accept",
    "approve": "accept",
    "recognize": "position",
    "recognise": "position",
    "declare": "position",
    "claim": "position",
    "favour": "position",
    "favor": "position",
    "prefer": "goal",
    "expect": "demand",
    "push": "demand",
    "allow": "offer",
    "deny": "position",
    "warn": "demand",
    "threaten": "demand",
    "promise": "offer",
    "pledge": "offer",
    "vow": "offer",
    "achieve": "goal",
    "ignore": "position",
    "ask": "demand",
    "back": "position",
    "need": "demand",
    "request": "demand",
}


_NOUN_CUES: dict[str, str] = {
    "demand": "demand",
    "condition": "demand",
    "precondition": "demand",
    "ultimatum": "demand",
    "requirement": "demand",
    "request": "demand",
    "call": "demand",
    "offer": "offer",
    "proposal": "offer",
    "concession": "offer",
    "goal": "goal",
    "aim": "goal",
    "objective": "goal",
    "priority": "goal",
    "desire": "goal",
    "ambition": "goal",
    "attempt": "goal",
    "effort": "goal",
    "bid": "goal",
    "push": "goal",
    "quest": "goal",
    "intention": "goal",
    "position": "position",
    "figure": "position",
}


_ADJ_CUES: dict[str, str] = {
    "unacceptable": "red_line",
    "non-negotiable": "red_line",
    "nonnegotiable": "red_line",
    "inadmissible": "red_line",
    "adamant": "demand",
    "ready": "offer",
    "willing": "offer",
    "prepared": "offer",
    "open": "offer",
    "interested": "goal",
    "agreeable": "accept",
    "acceptable": "accept",
    "opposed": "position",
    "committed": "position",
}


#: When several cues give one actor's claim on one issue in one sentence, the strongest
#: stance (earliest in ``STANCES``) wins.
STANCE_RANK = {stance: len(STANCES) - rank for rank, stance in enumerate(STANCES)}
#: Nouns of what someone asks or proposes: "these demands are unacceptable" rejects them.
_PROPOSAL_NOUNS = frozenset(
    {
        "demand",
        "proposal",
        "plan",
        "offer",
        "condition",
        "precondition",
        "request",
        "idea",
        "call",
        "term",
        "ultimatum",
        "suggestion",
    }
)


_NEEDS_COMPLEMENT = frozenset(
    {"ready", "willing", "prepared", "open", "interested", "opposed", "committed"}
)


_ASSENT_VERBS = frozenset(
    {"accept", "agree", "allow", "tolerate", "cede", "give", "recognise", "recognize", "sign"}
)


CUE_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "VERB": [[{"LEMMA": {"IN": sorted(_VERB_CUES)}, "POS": {"IN": ["VERB", "AUX"]}}]],
    "NOUN": [[{"LEMMA": {"IN": sorted(_NOUN_CUES)}, "POS": "NOUN"}]],
    "ADJ": [[{"LOWER": {"IN": sorted(_ADJ_CUES)}}]],
    "NON_NEGOTIABLE": [
        [{"LOWER": "non"}, {"ORTH": "-"}, {"LOWER": "negotiable"}],
        [{"LOWER": "not"}, {"LOWER": "negotiable"}],
    ],
    "RED_LINE": [[{"LOWER": "red"}, {"LEMMA": "line"}]],
    "OUT_OF_QUESTION": [
        [{"LOWER": "out"}, {"LOWER": "of"}, {"LOWER": "the"}, {"LOWER": "question"}]
    ],
    "OFF_TABLE": [[{"LOWER": "off"}, {"LOWER": "the"}, {"LOWER": "table"}]],
    "NEVER": [[{"LOWER": "never"}]],
    "RULE_OUT": [[{"LEMMA": "rule"}, {"LOWER": "out"}]],
    "GIVE_UP": [[{"LEMMA": "give"}, {"LOWER": "up"}]],
    "NOT_VERB": [
        [
            {"LEMMA": {"IN": ["will", "would", "shall"]}},
            {"LOWER": {"IN": ["not", "n't", "never"]}},
            {"IS_PUNCT": True, "OP": "?"},  # would not "sign a blank cheque"
            {"POS": "VERB"},
        ],
        # "cannot" is a stance only with a verb of assent ("cannot accept"), not an
        # inability ("cannot hold elections under martial law")
        [
            {"LEMMA": "can"},
            {"LOWER": {"IN": ["not", "n't", "never"]}},
            {"LEMMA": {"IN": sorted(_ASSENT_VERBS)}},
        ],
        # "does not accept ultimatums", "did not agree to ...": a refusal, never an assent
        # (not "did not sign" or "did not give details": acts)
        [
            {"LEMMA": "do"},
            {"LOWER": {"IN": ["not", "n't"]}},
            {"LEMMA": {"IN": ["accept", "agree", "tolerate"]}},
        ],
    ],
    # "Kigali has argued for a buffer zone": what one argues for is a demand
    "ARGUE_FOR": [[{"LEMMA": "argue"}, {"LOWER": "for"}]],
    "PURPOSE": [
        [{"LOWER": {"IN": ["in", "so"]}}, {"LOWER": {"IN": ["order", "as"]}}, {"LOWER": "to"}]
    ],
    "MODAL": [[{"LOWER": {"IN": ["must", "should"]}, "DEP": "aux"}]],
    # "would have to sign", "needs to withdraw": a "must" in other words
    "HAVE_TO": [[{"LEMMA": {"IN": ["have", "need"]}}, {"LOWER": "to"}, {"POS": "VERB"}]],
    # "relief would depend on X", "is conditional on X": X is a condition
    "DEPEND": [
        [{"LEMMA": "depend"}, {"LOWER": {"IN": ["on", "upon"]}}],
        [{"LOWER": {"IN": ["conditional", "contingent"]}}, {"LOWER": {"IN": ["on", "upon"]}}],
    ],
    "ONLY": [[{"LEMMA": {"IN": ["can", "will", "would"]}, "DEP": "aux"}, {"LOWER": "only"}]],
    "CONDITION": [
        [{"LOWER": "only"}, {"LOWER": "if"}],
        [{"LOWER": {"IN": ["provided", "providing"]}}, {"LOWER": "that"}],
        [{"LOWER": "on"}, {"LOWER": "the", "OP": "?"}, {"LOWER": "condition"}, {"LOWER": "that"}],
    ],
    "UNDER_NO": [[{"LOWER": "under"}, {"LOWER": "no"}, {"LEMMA": "circumstance"}]],
    # "would sign no agreement that ...": a refusal written on the object
    "NO_OBJECT": [
        [
            {"LEMMA": {"IN": ["will", "would", "shall"]}, "DEP": "aux"},
            {"POS": "VERB"},
            {"LOWER": "no"},
        ]
    ],
    # "would discuss it only in a second phase", "would return only once ...": a condition
    "ONLY_WHEN": [
        [{"LOWER": "only"}, {"LOWER": {"IN": ["once", "when", "after", "as", "in", "until"]}}]
    ],
    # "there will be no deal without X": X is a condition
    "NO_WITHOUT": [[{"LOWER": "without"}]],
    # '"We will hold a referendum"', "X said she would file an appeal": a stated intention
    "INTENT": [[{"LEMMA": {"IN": ["will", "shall", "would"]}, "DEP": "aux"}, {"POS": "VERB"}]],
    # '"If they reimpose the tolls, the negotiation is over," X said': a threat, a condition
    "IF_THEN": [[{"LOWER": "if", "DEP": "mark"}]],
    "NOT_ON_TABLE": [[{"LOWER": "not"}, {"LOWER": "on"}, {"LOWER": "the"}, {"LOWER": "table"}]],
    # "the island is ours": a claim to a thing; "the safety of the people comes first": a goal
    "OURS": [[{"LOWER": {"IN": ["ours", "mine"]}}]],
    "COME_FIRST": [[{"LEMMA": "come"}, {"LOWER": "first"}]],
    # "X said the closure would stay in place", "the patrols would go on": keeping things so
    "PERSIST": [
        [
            {"LEMMA": {"IN": ["will", "would"]}, "DEP": "aux"},
            {"LEMMA": {"IN": ["continue", "remain", "stay", "persist"]}},
        ],
        [{"LEMMA": {"IN": ["will", "would"]}, "DEP": "aux"}, {"LEMMA": "go"}, {"LOWER": "on"}],
    ],
}

#: Modal auxiliaries of a stance about one's own future conduct ("would allow", "will only").
_MODALS = frozenset({"will", "would", "shall", "can", "could"})
#: Subordinators of a time or manner after "only" ("only once ...", "only as part of").
_ONLY_MARKS = frozenset({"once", "when", "after", "until"})


@dataclass(frozen=True)
class Cue:
    token: Token
    stance: str
    words: tuple[Token, ...]
    kind: str


def find_cues(doc: Doc, matcher: Matcher) -> list[Cue]:
    cues: list[Cue] = []
    used: set[int] = set()
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        if start in used:
            continue
        kind = doc.vocab.strings[match_id]
        words = tuple(doc[start:end])
        token = _cue_head(doc, kind, words)
        stance = _stance(kind, words, token) if token is not None else None
        if token is None or stance is None:
            continue
        used.update(range(start, end))
        cues.append(Cue(token, stance, words, kind))
    return cues


def _cue_head(doc: Doc, kind: str, words: tuple[Token, ...]) -> Token | None:
    """The word of a cue that the parse hangs its arguments on."""
    if kind in ("NEVER", "RULE_OUT", "GIVE_UP"):
        return words[0] if words[0].pos_ in ("VERB", "AUX") else words[0].head
    if kind in ("NOT_VERB", "RED_LINE", "NON_NEGOTIABLE", "HAVE_TO"):
        return words[-1]
    if kind in ("OUT_OF_QUESTION", "OFF_TABLE"):
        return words[0]
    if kind == "UNDER_NO":
        return words[0].head if words[0].head.pos_ in ("VERB", "AUX") else None
    if kind == "CONDITION":
        # the verb of the conditional clause ("only if the sanctions are lifted")
        clause = words[-1].head
        return clause if clause.pos_ in ("VERB", "AUX") and clause not in words else None
    if kind == "PURPOSE":
        following = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
        return following if following is not None and following.pos_ == "VERB" else None
    if kind in ("MODAL", "ONLY"):
        head = words[0].head
        return head if head.pos_ in ("VERB", "AUX") and head.i != words[0].i else None
    if kind in ("NO_OBJECT", "PERSIST"):
        return words[1]
    if kind == "NOT_ON_TABLE":
        return words[1].head if words[1].head.pos_ in ("VERB", "AUX") else None
    if kind == "ONLY_WHEN":
        return _conditioned_verb(words[0])
    if kind == "NO_WITHOUT":
        return _refused_without(words[0])
    if kind == "IF_THEN":
        return _threatened(words[0])
    if kind == "INTENT":
        return words[-1] if _intends(words[-1]) else None
    if (
        kind == "NOUN"
        and words[0].lemma_.lower() in _STATED_NOUNS
        and not _stated_position(words[0])
    ):
        return None  # "rebel positions", "Rwanda's position in the region", "a key figure"
    if kind == "OURS":  # said of a subject by a copula ("is ours"), not "a friend of ours"
        return words[0] if words[0].head.lemma_ == "be" and words[0].dep_ != "pobj" else None
    return words[0]


#: Nouns that are a stance only as one side's stated one ("the union's figure is 12%").
_STATED_NOUNS = frozenset({"position", "figure"})
#: Verbs that say what a position is: "X's position was/remained ...".
_COPULAS = frozenset({"be", "remain", "stay"})


def _stated_position(noun: Token) -> bool:
    """Whether "position" or "figure" is a side's stated stance: one owner's ("Rwanda's
    position", "the union's figure"), singular, and either on something ("position on the
    border") or said to be something by a copula ("X remained his government's position",
    "the union's figure is 12%"); not a place held ("rebel positions", "its position in
    the region") nor a person ("a key figure")."""
    if noun.tag_ != "NN" or not any(c.dep_ == "poss" for c in noun.children):
        return False
    on = any(c.dep_ == "prep" and c.lower_ == "on" for c in noun.children)
    stated = noun.dep_ in ("nsubj", "attr") and noun.head.lemma_ in _COPULAS
    return on or stated


#: Verbs of assent a relative clause gives a thing one will not take ("an offer we can sign").
_TAKING_VERBS = _ASSENT_VERBS | {"support", "live", "endorse", "approve", "take"}


def _denied_assent(token: Token) -> bool:
    """Whether ``token`` (a cue noun, or the verb of a relative clause on one) is in "X is
    not a(n) <thing> <we can accept>": a thing denied by a negated copula with an assenting
    relative clause ("it is not an offer we can sign", "not a proposal Rwanda could
    accept"), which refuses it."""
    noun = token.head if token.dep_ == "relcl" and token.pos_ == "VERB" else token
    if noun.pos_ != "NOUN" or noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return False
    if not any(c.dep_ == "neg" for c in noun.head.children):
        return False
    return any(c.dep_ == "relcl" and c.lemma_.lower() in _TAKING_VERBS for c in noun.children)


def _denied_noun(first: Token) -> bool:
    """Whether the noun phrase starting at ``first`` is denied right before it ("not red
    lines", "no red lines", "without red lines"): it names what no one holds."""
    before = first.doc[first.i - 1] if first.i > 0 else None
    return before is not None and before.lower_ in ("not", "no", "without")


def _refuses_what_lacks(verb: Token) -> bool:
    """Whether a refusal is of whatever lacks something ("would sign no agreement that did
    not oblige Ethiopia to share data", "would never agree to an exchange that left out X"):
    a demand for what is lacking, i.e. a condition."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    for obj in objects:
        for clause in (c for c in obj.children if c.dep_ == "relcl"):
            if any(c.dep_ == "neg" for c in clause.children):
                return True
            lemma = clause.lemma_.lower()
            left_out = lemma == "leave" and any(c.lower_ == "out" for c in clause.children)
            if left_out or lemma in ("exclude", "omit", "ignore"):
                return True
    return False


def _has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ in _MODALS for c in verb.children)


def _conditioned_verb(only: Token) -> Token | None:
    """The verb "only once ..." conditions: a modal verb ("would return to talks only once
    China stops ...", "would discuss the case only in a second phase")."""
    node = only.head
    if node.pos_ == "ADP":
        node = node.head  # "only in a second phase", "only as part of ..."
    if any(c.dep_ == "mark" and c.lower_ in _ONLY_MARKS for c in node.children):
        node = node.head  # "only" hangs on the verb of the once-clause
    if node.pos_ not in ("VERB", "AUX") or not _has_modal(node):
        return None
    return node


def _refused_without(without: Token) -> Token | None:
    """The verb of "there will be no deal without X" / "no exchange will happen without X":
    a clause whose subject or complement is denied ("no ...") unless X is there."""
    head = without.head
    nouns = [head] if head.pos_ == "NOUN" else []
    verb = head.head if head.pos_ == "NOUN" else head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    nouns += [c for c in verb.children if c.dep_ in ("nsubj", "attr", "dobj") and c.pos_ == "NOUN"]
    denied = any(any(d.dep_ == "det" and d.lower_ == "no" for d in n.children) for n in nouns)
    denied = denied or any(  # "without X there is nothing to negotiate"
        c.dep_ in ("nsubj", "attr", "dobj") and c.lower_ in ("nothing", "nobody")
        for c in verb.children
    )
    if not denied or not any(c.dep_ == "pobj" for c in without.children):
        return None
    return verb


#: Modal auxiliaries of the future.
_FUTURE = frozenset({"will", "would", "shall"})

#: Verbs whose "will ..." is no intention of one's own (a cue of its own, keeping things
#: as they are, or a forecast of what happens to one).
_NOT_INTENT = frozenset(
    {*_VERB_CUES, "continue", "remain", "stay", "persist", "go", "be", "have", "get", "become"}
)


@dataclass(frozen=True)
class Future:
    """How "will/would/shall VERB" is said: its modal and its one active subject (None
    for a passive or no subject: "the talks would be held in Istanbul", an announcement)."""

    modal: str
    subject: Token | None


def future_of(verb: Token) -> Future | None:
    """The future ``verb`` states ("will/would/shall VERB"), or None when it states none.

    One reading for the cue rules' stated intentions (:func:`_intends`) and for what the
    claim-sentence classifier may add (:func:`zopa.extract._claim_combine.find`): an
    intention has an active subject that does it; a passive announces what happens."""
    modal = next((c.lemma_ for c in verb.children if c.dep_ == "aux" and c.lemma_ in _FUTURE), None)
    if modal is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    active = len(subjects) == 1 and subjects[0].dep_ == "nsubj"
    return Future(modal, subjects[0] if active else None)


def _intends(verb: Token) -> bool:
    """Whether "will/would VERB" states what a side will do ('"We will hold a
    referendum"', "X said she would file an appeal", "the envoy said China would keep its
    help voluntary"): a verb that is no cue of its own, not negated, whose subject is "we"
    or "I" with will/shall inside a quotation ("I would put the chance at ..." supposes),
    or "he"/"she" or a named actor in a clause under a reporting verb (a named actor only
    of the speaker's own side: :func:`zopa.extract._claim_combine.foretold`; "Peru said
    Chile would hold a referendum" is a forecast, no stance). Not a
    passive ("the talks would be held in Istanbul", "details would be released"), nor
    "it"/"they" (what a state or body "would send" is an announcement): the extraction
    golds mark neither as a stance."""
    if verb.lemma_.lower() in _NOT_INTENT or any(c.dep_ == "neg" for c in verb.children):
        return False
    future = future_of(verb)
    if future is None or future.subject is None:
        return False
    subject = future.subject
    if subject.lower_ in ("we", "i"):
        inside = quote_of(verb.doc, verb.i, verb.i + 1) is not None
        return future.modal in ("will", "shall") and inside
    named = subject.lower_ in ("he", "she") or _names_an_actor(subject)
    return named and speech_above(verb) is not None


def _names_an_actor(token: Token) -> bool:
    """Whether ``token`` lies in an actor mention ("China", "the DRC", "Kinshasa")."""
    return any(span.start <= token.i < span.end for span in token.doc.spans.get(ACTORS, []))


#: Words before "if" that make it no supposition of a threat ("even if", "as if", "only if").
_NOT_IF = frozenset({"even", "as", "only"})
#: Verbs whose own cue already says what a threat under them demands.
_WARNING_VERBS = frozenset({"warn", "threaten"})
#: What a threat says will come of it: "the negotiation is over", "the talks will end".
_ENDINGS = frozenset({"over", "finished", "dead"})


def _threatened(mark: Token) -> Token | None:
    """The verb of what a speaker says will follow a supposition ('"If they reimpose the
    tolls, the negotiation is over"', '"If these commitments are not met, we will
    reimpose the sanctions"'): a main clause with will/would/shall, or one that declares
    an end ("is over"); the supposition is the speaker's condition. Only in a clause
    someone says (a quotation or a reporting verb): otherwise no one's stance."""
    clause = mark.head
    before = mark.doc[mark.i - 1].lower_ if mark.i > 0 else ""
    if clause.dep_ != "advcl" or clause.pos_ not in ("VERB", "AUX") or before in _NOT_IF:
        return None
    main = clause.head
    if main.pos_ not in ("VERB", "AUX") or main.head.lemma_ in _WARNING_VERBS:
        return None  # "warned that sanctions would follow if ...": the warning's demand
    modal = future_of(main) is not None
    ends = main.lemma_ == "be" and any(
        c.dep_ in ("acomp", "advmod") and c.lower_ in _ENDINGS for c in main.children
    )
    if not (modal or ends):
        return None
    quoted = quote_of(mark.doc, mark.i, mark.i + 1) is not None
    return main if quoted or reporter(main) is not None else None


def _stance(kind: str, words: tuple[Token, ...], token: Token) -> str | None:
    fixed = {
        "ONLY_WHEN": "condition",
        "NO_WITHOUT": "condition",
        "IF_THEN": "condition",
        "INTENT": "position",
        "NOT_ON_TABLE": "red_line",
        "NEVER": "red_line",
        "RULE_OUT": "red_line",
        "RED_LINE": "red_line",
        "NON_NEGOTIABLE": "red_line",
        "OUT_OF_QUESTION": "red_line",
        "OFF_TABLE": "red_line",
        "GIVE_UP": "offer",
        "PURPOSE": "goal",
        "ONLY": "demand",
        "UNDER_NO": "red_line",
        "CONDITION": "condition",
        "OURS": "position",
        "COME_FIRST": "goal",
        "DEPEND": "condition",
        "ARGUE_FOR": "demand",
    }
    if kind in ("VERB", "NOUN") and _denied_assent(token):
        return "reject"  # "it is not an offer we can sign": a refusal, neither offer nor assent
    if kind == "RED_LINE" and _denied_noun(words[0]):
        return None  # "come back with landing zones, not red lines": an appeal, no red line
    if kind in fixed:
        return fixed[kind]
    if kind == "PERSIST":
        return "position" if speech_above(token) is not None else None
    if kind == "NOT_VERB" and words[0].lemma_ == "do" and _hypothetical(token):
        return None  # "tariffs would follow if Russia did not agree": no one's stance
    if (
        kind == "NOT_VERB"
        and words[0].lemma_ == "do"
        and token.lemma_ == "agree"
        and not _agrees_to_something(token)
    ):
        return None  # "they did not agree on everything": no deal reached, not a refusal
    if kind in ("NOT_VERB", "NO_OBJECT") and _refuses_what_lacks(token):
        return "condition"
    if kind in ("NOT_VERB", "NO_OBJECT"):
        if reporter(token) is not None or any(w.lower_ == "never" for w in words):
            return "red_line"
        return "reject" if token.lemma_ in _ASSENT_VERBS else "position"
    if kind in ("MODAL", "HAVE_TO"):
        return "demand" if speech_above(token) is not None else None
    word = words[0]
    if kind == "ADJ":
        if word.lower_ in _NEEDS_COMPLEMENT and not any(
            c.dep_ in ("xcomp", "prep") for c in word.children
        ):
            return None
        if word.lower_ in ("unacceptable", "inadmissible") and _judges_a_proposal(word):
            return "reject"
        return _ADJ_CUES[word.lower_]
    if kind == "NOUN":
        if word.lemma_ in ("call", "request") and not any(
            c.dep_ == "prep" and c.lower_ == "for" for c in word.children
        ):
            return None  # "a request for arbitration" demands; "Sudan's request" names one
        return _NOUN_CUES.get(word.lemma_)
    if word.lemma_ == "call" and not any(
        c.dep_ == "prep" and c.lower_ in ("for", "on") for c in word.children
    ):
        return None  # "called for a ceasefire", "called on Moscow to" demand; "called X Y" names
    if word.lemma_ == "push" and not any(
        c.dep_ == "prep" and c.lower_ == "for" for c in word.children
    ):
        return None  # "pushed for reform" demands; "pushed back", "pushed ahead" do not
    if word.lemma_ == "expect" and (
        not (any(c.dep_ == "dobj" for c in word.children) or _expects_someone_to_act(word))
        or any(c.dep_ in ("auxpass", "neg") or c.lower_ == "to" for c in word.children)
    ):
        return None  # "expects clear guarantees", "expected Peru's envoys to publish ..."
        # demand; "is expected to", "does not expect any breakthrough", "no reason to expect
        # ...", "expects to", "expects the talks to fail" predict
    if word.lemma_ == "back" and not any(
        c.dep_ == "dobj" and not _names_a_proposal_before(c) for c in word.children
    ):
        return None  # "backed the call for X" supports X; "Rwanda-backed rebels" names them,
        # "which backed the plan" describes who they are
    if word.lemma_ == "need" and (
        speech_above(word) is None or not any(c.dep_ == "dobj" for c in word.children)
    ):
        return None  # "says it needs a ceasefire" demands it; "the truce needs a week" is no one's
    if word.lemma_ == "ask" and not _asks_for_something(word):
        return None
    if word.lemma_ == "allow" and not _has_modal(word):
        return None  # "would allow visits" offers; "allowed the convoy through" is an act
    if word.lemma_ == "agree" and not _agrees_to_something(word):
        return None  # "agreed to a ceasefire" accepts it; "agreed to set up", "agreed on" agree
    return _VERB_CUES.get(word.lemma_)


def _agrees_to_something(verb: Token) -> bool:
    """Whether "agree" assents to a thing ("agreed to a ceasefire", "did not agree to the
    plan"), not a deal two sides reach ("agreed on the calendar") or an act ("agreed to set
    up")."""
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(o.dep_ == "pobj" for o in c.children)
        for c in verb.children
    )


#: Bodies that can be told to act ("expects the commission to report").
_AGENT_NOUNS = ROLE_NOUNS | {
    "commission",
    "committee",
    "court",
    "council",
    "board",
    "parliament",
    "assembly",
    "party",
    "union",
}


def _expects_someone_to_act(verb: Token) -> bool:
    """Whether "expect" asks someone to do something ("expected Bolivia's negotiators to
    publish a timetable", "would expect the commission to report"): its clause has an
    infinitive whose subject is someone — a name, a pronoun or a body that can act — not a
    thing ("expects the talks to fail" predicts)."""
    for clause in verb.children:
        if clause.dep_ not in ("ccomp", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        ):
            continue
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            if subject.pos_ in ("PROPN", "PRON") or subject.lemma_.lower() in _AGENT_NOUNS:
                return True
    return False


def _names_a_proposal_before(noun: Token) -> bool:
    """Whether ``noun`` is a proposal named before and nothing more ("the plan")."""
    return noun.lemma_.lower() in _PROPOSAL_NOUNS and not any(
        c.dep_ in ("prep", "acl", "relcl", "ccomp", "poss") for c in noun.children
    )


def _asks_for_something(verb: Token) -> bool:
    """Whether "ask" requests an act or a thing ("asked Sudan to sign ...", "asked for a
    ceasefire"), not a question ("asked whether ...") or a source's wish ("asked not to be
    named")."""
    children = list(verb.children)
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in children):
        return True
    asked = [c for c in children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    questions = ("whether", "if", "why", "how", "what", "when")
    return (
        any(c.dep_ == "dobj" for c in children)
        and bool(asked)
        and not any(g.lower_ in questions or g.dep_ == "neg" for a in asked for g in a.children)
    )


def _hypothetical(verb: Token) -> bool:
    """Whether a verb is in a clause of supposition ("if it did not agree ...")."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children)


def _judges_a_proposal(word: Token) -> bool:
    """Whether a red-line adjective is said of what someone asks or proposes ("these
    demands are unacceptable", "the proposal was unacceptable"): a rejection."""
    clause = word.head if word.dep_ in ("acomp", "attr") else word
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _PROPOSAL_NOUNS
        for c in clause.children
    )

"""Claim holders: whose stance a claim cue expresses, and whether the holder says it.

Given a :class:`~zopa.extract._claim_cues.Cue` on a parsed ``Doc`` whose actor mentions
and quotations are set, :func:`claim_holders` finds the actors holding the stance and
:func:`claim_attribution` whether each says it itself (``own``) or is reported
(``reported``). The rules are listed in :mod:`zopa.extract._claims`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from zopa.extract._attribution import (
    REPORTING_LEMMAS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    Holder,
    clause_subjects,
    quote_of,
    reporter,
    speech_above,
    subjects_of,
)
from zopa.extract._claim_cues import Cue
from zopa.extract._doc import ACTOR_INFO, FIELDS
from zopa.extract.speakers import KnownActors, Speakers

__all__ = ["KnownActors", "claim_attribution", "claim_holders"]

_SPEECH_ACTS = frozenset(
    {
        "demand",
        "insist",
        "urge",
        "press",
        "offer",
        "propose",
        "reject",
        "refuse",
        "dismiss",
        "declare",
        "claim",
        "deny",
        "call",
        "ultimatum",
        "adamant",
        "say",
        "state",
        "announce",
        "warn",
        "threaten",
    }
)


#: Adjectives that judge what they qualify: "the only acceptable mediator" is the
#: speaker's judgement, not the mediator's stance.
_JUDGING = frozenset({"acceptable", "unacceptable", "inadmissible"})


#: Cues that are a judgement of whoever says them, never of the clause's subject.
_SPEAKERS_JUDGEMENTS = frozenset({"NO_WITHOUT", "OURS", "COME_FIRST", "DEPEND", "IF_THEN"})


_HOLDING_VERBS = frozenset(
    {
        "put",
        "make",
        "issue",
        "set",
        "present",
        "lay",
        "table",
        "submit",
        "advance",
        "repeat",
        "reiterate",
        "state",
        "voice",
        "pursue",
        "achieve",
        "abandon",
        "have",
        "drop",
        "soften",
        "harden",
        "keep",
        "list",
        "outline",
    }
)


def claim_holders(doc: Doc, cue: Cue, known: KnownActors) -> list[Holder]:
    token = cue.token
    if token.pos_ == "NOUN" and cue.kind == "NOUN":
        holders = _noun_holders(doc, cue, known)
        if holders or token.dep_ not in ("attr", "oprd"):
            return holders
        # "X said the withdrawal remained a precondition": the speaker's
        return _clause_holders(doc, token, cue, known)
    if cue.kind in ("MODAL", "PERSIST", "HAVE_TO"):
        return _modal_holders(doc, cue, known)
    if cue.kind in _SPEAKERS_JUDGEMENTS or (
        cue.kind == "ADJ" and token.lower_ in _JUDGING and token.dep_ == "amod"
    ):
        # "there will be no deal without X", "X remained the only acceptable mediator",
        # "the island is ours", "X comes first": whoever says so (the quotation's speaker,
        # else the reporter), not the subject
        quoted = [h for h in quote_speaker(doc, token) if h.actor is not None]
        if quoted:
            return quoted
        speaker = reporter(token, SPEECH_VERBS | REPORTING_LEMMAS)
        return resolved_holders(doc, speaker, cue, known) if speaker is not None else []
    if cue.kind == "CONDITION":
        # "X will accept ... only if Y": the condition is set by the governing clause's actor
        return _clause_holders(doc, token.head, cue, known)
    if cue.stance in ("red_line", "reject") and token.pos_ in ("ADJ", "NOUN"):
        objects = _experiencers(token)
        if objects:
            return [
                h
                for obj in objects
                for h in resolved_holders(doc, obj, cue, known, conjuncts=False)
            ]
    return _clause_holders(doc, token, cue, known)


def _clause_holders(doc: Doc, token: Token, cue: Cue, known: KnownActors) -> list[Holder]:
    """The subject of the nearest clause above ``token`` that names an actor, else (unless
    the subject is an unnamed doer of the cue verb) the subject of the nearest reporting
    verb, else the quotation's speaker."""
    unnamed = False
    for subject in _own_subject(token) or clause_subjects(token):
        if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Trump, who has urged ..."
        if subject.head.i == token.i and token.pos_ == "VERB":
            subject = _proposal_owner(subject) or subject  # "Rwanda's plan calls for ..."
        # "it is unacceptable" names no one, but a sentence opening "It demands ..." goes
        # on about the actor of the sentence before
        acting_it = (
            subject.lower_ == "it" and subject.i == subject.sent.start and token.pos_ == "VERB"
        )
        if subject.lower_ in ("it", "this", "that", "which", "what", "who") and not acting_it:
            continue
        holders = resolved_holders(doc, subject, cue, known)
        others = _others_quoted(doc, subject)
        if any(h.actor for h in holders) and not (
            others and {h.actor for h in holders} <= _speaker_side(doc, subject, known)
        ):
            return holders
        unnamed = unnamed or others or _unnamed_doer(subject, token)
    if unnamed:
        return []  # someone unnamed acts ("the two sides agree to ..."), not the speaker
    speaker = reporter(token, SPEECH_VERBS | REPORTING_LEMMAS)
    if speaker is not None:
        return resolved_holders(doc, speaker, cue, known)
    return quote_speaker(doc, token)


#: Nouns of what a side puts forward, whose owner holds what they call for or offer.
_PUT_FORWARD = frozenset(
    {"plan", "proposal", "offer", "draft", "text", "formula", "position", "demand", "terms"}
)


def _proposal_owner(subject: Token) -> Token | None:
    """The owner of a proposal that is a cue verb's own subject ("Rwanda's plan calls for a
    buffer zone", "the union's proposal requires ..."): the stance is the owner's (not a
    judgement of it: in "Kagame's demands were unacceptable" the rejection is not his)."""
    if subject.lemma_.lower() not in _PUT_FORWARD:
        return None
    return next((c for c in subject.children if c.dep_ == "poss"), None)


def _own_subject(verb: Token) -> list[Token]:
    """The subject a headline's parse hangs on a finite verb as a compound ("... as Kyiv
    presses for a summit": "Kyiv" a compound of "presses"): the clause's own subject, which
    holds its claim rather than the subject of the clause above."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBZ", "VBP", "VBD") or subjects_of(verb):
        return []
    return [c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN"][-1:]


#: Pronouns a speaker uses for others, never for the side they speak for ("we", "I").
_OTHERS = frozenset({"they", "he", "she"})


def _others_quoted(doc: Doc, subject: Token) -> bool:
    """Whether ``subject`` is "they"/"he"/"she" inside a direct quotation: the speaker talks about
    others ('"They did not agree on the quotas," the facilitator said'), so one left
    unresolved, or resolved to the speaker's own side, is someone else, not the speaker."""
    if subject.lower_ not in _OTHERS:
        return False
    quote = quote_of(doc, subject.i, subject.i + 1)
    return quote is not None and (quote._.get(FIELDS) or {}).get("kind") == "direct"


def _speaker_side(doc: Doc, token: Token, known: KnownActors) -> set[str | None]:
    """The actor speaking the quotation around ``token`` and the state or body it speaks for."""
    speaker = next((h.actor for h in quote_speaker(doc, token)), None)
    if speaker is None:
        return set()
    info = (doc._.get(ACTOR_INFO) or {}).get(speaker, {})
    return {speaker, info.get("country"), info.get("affiliation"), known.parties.get(speaker)}


#: Words for the parties in general, never for one side: "both parties", "the signatories".
_ANY_PARTY = frozenset(
    {"party", "participant", "signatory", "everyone", "everybody", "anyone", "nobody"}
)


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})

#: Modals of what a side will, can or must do.
_STANCE_MODALS = frozenset({"will", "would", "shall", "can", "could", "must", "should"})


def _unnamed_doer(subject: Token, verb: Token) -> bool:
    """Whether an unresolved subject is someone else acting in the cue verb ("the two sides
    agree", "the parties want", a name the gazetteer does not know), not the speaker's own
    side or a thing the speaker judges: then the stance is not the speaker's. What a
    speaker says people or things named by what they are will, would, can or must do is
    the speaker's stance ("X said the federations would accept nothing less", "its
    fighters would stop only after ...", "X said disarmament would begin only after ..."),
    as is what unnamed officials want ("administration officials want ..."); what such a
    group did or wants is its own conduct, reported ("Y said the opposition had accepted
    the court route"), and a thing named before ("this strategy would allow ...") is no
    one's."""
    if subject.dep_ != "nsubj" or subject.head.i != verb.i or verb.pos_ != "VERB":
        return False
    if subject.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = subject.lemma_.lower()
    counted = any(
        c.dep_ == "nummod" or c.lower_ in ("both", "all", "each") for c in subject.children
    )
    if counted or lemma in ROLE_NOUNS:
        return counted
    named_before = any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in subject.children)
    if subject.pos_ == "PROPN" or named_before or lemma in _ANY_PARTY:
        return True
    return not any(c.dep_ == "aux" and c.lemma_ in _STANCE_MODALS for c in verb.children)


def _experiencers(token: Token) -> list[Token]:
    """Who finds something unacceptable: the object of "to"/"for" after the red-line word
    or its copula ("unacceptable to Washington", "is unacceptable for Kyiv"), including a
    second "and to X" that the parser hangs on the copula as a conjunct."""
    heads = [token, token.head] if token.dep_ in ("acomp", "attr") else [token]
    objects = [
        obj
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("for", "to")
        for part in (prep, *prep.conjuncts)
        for obj in part.children
        if obj.dep_ == "pobj"
    ]
    for head in heads:
        objects.extend(
            conj
            for conj in head.children
            if conj.dep_ == "conj"
            and conj.pos_ in ("PROPN", "NOUN")
            and any(c.lower_ in ("to", "for") and c.i < conj.i for c in conj.children)
        )
    return objects


def _modal_holders(doc: Doc, cue: Cue, known: KnownActors) -> list[Holder]:
    """A "must"/"should" clause under a speech verb is a demand of the speech verb's
    subject ("Russia says Ukraine must withdraw", "by saying the talks should ...")."""
    speech = speech_above(cue.token)
    if speech is None:
        return []
    for subject in clause_subjects(speech):
        holders = resolved_holders(doc, subject, cue, known)
        if any(h.actor for h in holders):
            return holders
    return quote_speaker(doc, speech)


def _noun_holders(doc: Doc, cue: Cue, known: KnownActors) -> list[Holder]:
    token = cue.token
    candidates = [c for c in token.children if c.dep_ == "poss"]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "by", "from"):
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
    if token.dep_ == "dobj" and token.head.lemma_ in _HOLDING_VERBS:
        candidates.extend(c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    naming = token.head.head if token.head.lower_ == "as" else token.head
    if token.dep_ in ("oprd", "xcomp") or (token.dep_ == "pobj" and token.head.lower_ == "as"):
        # "X called / described ... (as) its top priority"
        candidates.extend(c for c in naming.children if c.dep_ in ("nsubj", "nsubjpass"))
    if token.dep_ in ("nsubj", "attr"):
        # "X is a precondition for Rwanda": the "for" object of the copula, or of the noun
        # itself when no one is reported saying it (an analyst's "a necessary condition
        # for Berlin" is the analyst's reading, not Berlin's stance)
        said = quote_of(doc, token.i, token.i + 1) is not None or reporter(token) is not None
        candidates.extend(
            obj
            for head in ((token.head,) if said else (token.head, token))
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for obj in prep.children
            if obj.dep_ == "pobj"
        )
    for candidate in candidates:
        holders = resolved_holders(doc, candidate, cue, known)
        if any(h.actor for h in holders):
            return holders
    if any(_unowned_body(c) for c in candidates if c.dep_ == "poss"):
        # "X said the government's priority was ...": the government is the speaker's
        speaker = reporter(token, SPEECH_VERBS | REPORTING_LEMMAS)
        if speaker is not None:
            return resolved_holders(doc, speaker, cue, known)
    return []


def _unowned_body(token: Token) -> bool:
    """Whether ``token`` is a body or office named only by what it is ("the government's",
    "the delegation's"), which a reported clause leaves to its speaker."""
    return token.lemma_.lower() in ROLE_NOUNS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )


def quote_speaker(doc: Doc, token: Token) -> list[Holder]:
    quote = quote_of(doc, token.i, token.i + 1)
    if quote is None:
        return []
    fields = quote._.get(FIELDS) or {}
    return [Holder(fields.get("speaker_actor"), fields.get("speaker_text"))]


def resolved_holders(
    doc: Doc, token: Token, cue: Cue, known: KnownActors, *, conjuncts: bool = True
) -> list[Holder]:
    """The actors a subject, possessor or object ``token`` names (see the module rules):
    first person in a quotation its speaker, an office or group named by nationality its
    state, a definite office ("the envoy") the latest person named before with that
    office; never an outlet."""
    if token.lower_ in ("we", "us", "our", "i", "my", "me"):
        speaker = quote_speaker(doc, cue.token)
        if speaker:
            return speaker
    holders = _named(doc, token, known)
    return holders if conjuncts else holders[:1]


def _named(doc: Doc, token: Token, known: KnownActors) -> list[Holder]:
    """The holders a subject, possessor or object names, by the shared speaker rules
    (:mod:`zopa.extract.speakers`), reading an unnamed official or body by the actor
    qualifying it ("Iranian officials", "the government") and never an outlet."""
    return Speakers.of(doc, known).resolve_all(token, qualified=True)


def claim_attribution(doc: Doc, cue: Cue, holder: Holder, known: KnownActors) -> str:
    """``own`` when the holder says it: a quotation by the holder, a reporting verb whose
    subject is the holder, or a speech-act cue that no one else reports; otherwise
    ``reported`` (also "the envoy said Washington wanted ...": the envoy reports it)."""
    token = cue.token
    quote = quote_of(doc, token.i, token.i + 1)
    if quote is not None:
        fields = quote._.get(FIELDS) or {}
        if fields.get("speaker_actor") == holder.actor:
            return "own"
    speaker = reporter(token, SPEECH_VERBS)
    said = _named(doc, speaker, known) if speaker is not None else []
    if said and said[0].actor is not None:
        return "own" if said[0].actor == holder.actor else "reported"
    if token.lemma_ in _SPEECH_ACTS or token.lower_ in _SPEECH_ACTS:
        return "own"
    return "reported"

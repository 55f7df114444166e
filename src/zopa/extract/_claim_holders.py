"""Claim holders: whose stance a claim cue expresses, and whether the holder says it.

Given a :class:`~zopa.extract._claim_cues.Cue` on a parsed ``Doc`` whose actor mentions
and quotations are set, :func:`claim_holders` finds the actors holding the stance and
:func:`claim_attribution` whether each says it itself (``own``) or is reported
(``reported``). The rules are listed in :mod:`zopa.extract._claims`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from zopa.extract._attribution import (
    REPORTING_LEMMAS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    Holder,
    actors_in,
    clause_subjects,
    holder_of_subject,
    quote_of,
    reporter,
    speech_above,
    subjects_of,
)
from zopa.extract._bodies import STATE_FORMS, body_owner
from zopa.extract._claim_cues import Cue
from zopa.extract._doc import ACTOR_INFO, FIELDS
from zopa.extract._gazetteer import Gazetteer

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
        # "it is unacceptable" names no one, but a sentence opening "It demands ..." goes
        # on about the actor of the sentence before
        acting_it = (
            subject.lower_ == "it" and subject.i == subject.sent.start and token.pos_ == "VERB"
        )
        if subject.lower_ in ("it", "this", "that", "which", "what", "who") and not acting_it:
            continue
        holders = resolved_holders(doc, subject, cue, known)
        if any(h.actor for h in holders):
            return holders
        unnamed = unnamed or _unnamed_doer(subject, token)
    if unnamed:
        return []  # someone unnamed acts ("the two sides agree to ..."), not the speaker
    speaker = reporter(token, SPEECH_VERBS | REPORTING_LEMMAS)
    if speaker is not None:
        return resolved_holders(doc, speaker, cue, known)
    return quote_speaker(doc, token)


def _own_subject(verb: Token) -> list[Token]:
    """The subject a headline's parse hangs on a finite verb as a compound ("... as Kyiv
    presses for a summit": "Kyiv" a compound of "presses"): the clause's own subject, which
    holds its claim rather than the subject of the clause above."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBZ", "VBP", "VBD") or subjects_of(verb):
        return []
    return [c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN"][-1:]


def _unnamed_doer(subject: Token, verb: Token) -> bool:
    """Whether an unresolved subject is someone acting in the cue verb ("the two sides
    agree", "the parties want"), not a thing the speaker judges: then the stance is not
    the speaker's. Unnamed officials ("administration officials want ...") are left to the
    speaker's side."""
    if subject.dep_ != "nsubj" or subject.head.i != verb.i or verb.pos_ != "VERB":
        return False
    if subject.pos_ not in ("NOUN", "PROPN"):
        return False
    counted = any(c.dep_ == "nummod" or c.lower_ in ("both", "all") for c in subject.children)
    return counted or subject.lemma_.lower() not in ROLE_NOUNS


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
        candidates.extend(
            obj
            for prep in token.head.children
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
    return [
        _by_body(doc, _by_demonym(doc, _by_role(doc, h, known), known), known)
        for h in holder_of_subject(doc, token, skip=known.outlets)
    ]


def _by_body(doc: Doc, holder: Holder, known: KnownActors) -> Holder:
    """A body named by what it is ("the government", "his party", "the kingdom",
    "government negotiators"): the actor :func:`~zopa.extract._bodies.body_owner` finds."""
    if holder.actor is not None or holder.token is None:
        return holder

    def resolve(token: Token) -> str | None:
        return next(
            (h.actor for h in holder_of_subject(doc, token, skip=known.outlets) if h.actor),
            None,
        )

    key = body_owner(
        doc,
        holder.token,
        resolve=resolve,
        parties=known.parties,
        nationalities=known.nationalities,
        state_forms=known.state_forms,
        offices=lambda mention: _titles(mention) | _offices(doc, mention, known),
    )
    return Holder(key, holder.text, holder.token) if key is not None else holder


#: Groups that speak for the government whose seat they are placed in ("officials in Kigali").
_SEATED = frozenset({"official", "authority", "government", "leadership", "negotiator"})
#: Nouns that stand for the latest group named ("the rebels said", "the group added").
_GROUP_NOUNS = frozenset({"group", "rebel", "movement", "militia", "insurgent", "faction"})
#: Offices that a general word stands for ("the Russian leader" is its president).
_OFFICE_WORDS = {
    "leader": frozenset({"leader", "president", "prime", "premier", "chancellor", "king", "emir"})
}


@dataclass(frozen=True)
class KnownActors:
    """What the gazetteer says that helps find a holder.

    ``nationalities``: state keys by the demonyms and names that can qualify a group
    ("Iranian", "US"); ``seats``: state keys by the capitals and seats standing for them
    ("Kigali", "Kremlin"); ``roles``: the office words of each person ("foreign minister");
    ``parties``: the state or organisation each person belongs to; ``outlets``: news
    outlets and agencies (sector MED), which report claims and never hold them.
    """

    nationalities: Mapping[str, str]
    seats: Mapping[str, str]
    roles: Mapping[str, frozenset[str]]
    parties: Mapping[str, str]
    outlets: frozenset[str]
    #: the words of each state's names that a text may call it by ("kingdom", "republic")
    state_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> KnownActors:
        nationalities: dict[str, str] = {}
        seats: dict[str, str] = {}
        forms: dict[str, set[str]] = {}
        for surface, target in gazetteer.aliases.items():
            info = gazetteer.actor(target.key) if target.key else None
            if info is None or info.kind != "state":
                continue
            if target.cls in ("demonym", "name"):
                nationalities[surface] = info.key
            if target.cls == "name":
                forms.setdefault(info.key, set()).update(
                    w for w in surface.casefold().split() if w in STATE_FORMS
                )
            if target.cls == "metonym":
                seats[surface] = info.key
        people = [a for a in gazetteer.actors.values() if a.kind == "person"]
        return cls(
            nationalities=nationalities,
            seats=seats,
            roles={
                a.key: frozenset(a.role.casefold().split())
                for a in people
                if a.role and not a.role.casefold().startswith(("former", "ex-"))
            },
            parties={
                a.key: party for a in people if (party := a.country or a.affiliation) is not None
            },
            outlets=frozenset(k for k, a in gazetteer.actors.items() if a.sector == "MED"),
            state_forms={key: frozenset(words) for key, words in forms.items() if words},
        )


def _by_demonym(doc: Doc, holder: Holder, known: KnownActors) -> Holder:
    """An unnamed group described by nationality ("Iranian officials", "Russian envoys",
    "the Azerbaijani side") or officials placed in a seat of government ("officials in
    Kigali") speak for its state."""
    head = holder.token
    if holder.actor is not None or head is None or head.lemma_.lower() not in ROLE_NOUNS:
        return holder
    for child in head.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
            continue
        if child.i > 0 and doc[child.i - 1].text in ("-", "pro", "anti"):
            continue
        state = known.nationalities.get(child.text)
        if state is not None:
            return Holder(state, holder.text, head)
    if head.lemma_.lower() in _SEATED:
        # "officials in Kigali": the seat of government named as their place
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for place in (c for c in prep.children if c.dep_ == "pobj"):
                    name = doc[place.left_edge.i : place.i + 1].text
                    state = known.seats.get(name) or known.seats.get(place.text)
                    if state is not None:
                        return Holder(state, holder.text, head)
    return holder


def _by_role(doc: Doc, holder: Holder, known: KnownActors) -> Holder:
    """A definite office with no owner ("the envoy said", "the president added", "the
    Russian leader") is the latest person named before it who holds that office — by the
    gazetteer's role or by the title written with the name ("President Felix Tshisekedi",
    "Boulos, the envoy") — and, when a nationality qualifies the office, belongs to that
    state."""
    head = holder.token
    if (
        holder.actor is not None
        or head is None
        or not any(c.lower_ == "the" for c in head.children)
    ):
        return holder
    office = head.lemma_.lower()
    if office in _GROUP_NOUNS:
        return _latest_group(doc, holder, known)
    if office not in ROLE_NOUNS or head.tag_ != "NN":
        return holder
    if any(c.dep_ in ("poss", "prep") for c in head.children):
        return holder  # "Rwanda's envoy", "the envoy of ...": owned, not a person named before
    state = next(
        (
            known.nationalities[c.text]
            for c in head.children
            if c.dep_ in ("amod", "compound") and c.text in known.nationalities
        ),
        None,
    )
    offices = _OFFICE_WORDS.get(office, frozenset({office}))
    for mention in reversed(actors_in(doc, 0, head.left_edge.i)):
        key = mention.kb_id_
        if mention.label_ != "person" or key in known.outlets:
            continue
        if state is not None and known.parties.get(key) != state:
            continue
        if offices & (known.roles.get(key, frozenset()) | _titles(mention)):
            return Holder(key, holder.text, head)
    return holder


def _latest_group(doc: Doc, holder: Holder, known: KnownActors) -> Holder:
    """ "The group", "the rebels", "the movement": the latest armed group, party or movement
    named before (gazetteer kind ``group``)."""
    assert holder.token is not None
    for mention in reversed(actors_in(doc, 0, holder.token.left_edge.i)):
        if mention.label_ == "group" and mention.kb_id_ not in known.outlets:
            return Holder(mention.kb_id_, holder.text, holder.token)
    return holder


def _offices(doc: Doc, mention: Span, known: KnownActors) -> set[str]:
    """The office words the gazetteer or the document gives a person ("foreign minister")."""
    role = (doc._.get(ACTOR_INFO).get(mention.kb_id_) or {}).get("role") or ""
    return set(known.roles.get(mention.kb_id_, frozenset())) | set(role.casefold().split())


def _titles(mention: Span) -> set[str]:
    """Office words written with a person's name: before it in its phrase ("Foreign
    Minister X") or in an apposition ("X, the envoy", "the envoy, X")."""
    doc = mention.doc
    root = mention.root
    words = {t.lemma_.lower() for t in doc[root.left_edge.i : mention.start]}
    related = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        related.append(root.head)
    for other in related:
        words.update(t.lemma_.lower() for t in doc[other.left_edge.i : other.i + 1])
    return words


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

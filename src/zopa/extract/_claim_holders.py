"""Claim holders: whose stance a claim cue expresses, and whether the holder says it.

Given a :class:`~zopa.extract._claim_cues.Cue` on a parsed ``Doc`` whose actor mentions
and quotations are set, :func:`claim_holders` finds the actors holding the stance and
:func:`claim_attribution` whether each says it itself (``own``) or is reported
(``reported``). The rules are listed in :mod:`zopa.extract._claims`.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from zopa.extract._attribution import (
    REPORTING_LEMMAS,
    SPEECH_VERBS,
    Holder,
    clause_subjects,
    holder_of_subject,
    quote_of,
    reporter,
    speech_above,
)
from zopa.extract._claim_cues import Cue
from zopa.extract._doc import FIELDS
from zopa.extract._gazetteer import Gazetteer

__all__ = ["claim_attribution", "claim_holders", "state_demonyms"]

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


_ROLE_NOUNS = frozenset(
    {
        "official",
        "officer",
        "envoy",
        "negotiator",
        "diplomat",
        "minister",
        "ministry",
        "government",
        "authority",
        "delegation",
        "delegate",
        "side",
        "leadership",
        "source",
        "representative",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mediator",
        "administration",
        "aide",
        "adviser",
        "advisor",
        "lawmaker",
        "commander",
        "military",
    }
)


def claim_holders(doc: Doc, cue: Cue, nationalities: Mapping[str, str]) -> list[Holder]:
    token = cue.token
    if token.pos_ == "NOUN" and cue.kind == "NOUN":
        return _noun_holders(doc, cue, nationalities)
    if cue.kind == "MODAL":
        return _modal_holders(doc, cue, nationalities)
    if cue.stance == "red_line" and token.pos_ in ("ADJ", "NOUN"):
        objects = _experiencers(token)
        if objects:
            return [
                h
                for obj in objects
                for h in resolved_holders(doc, obj, cue, nationalities, conjuncts=False)
            ]
    for subject in clause_subjects(token):
        if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Trump, who has urged ..."
        if subject.lower_ in ("it", "this", "that", "which", "what", "who"):
            continue
        holders = resolved_holders(doc, subject, cue, nationalities)
        if any(h.actor for h in holders):
            return holders
    speaker = reporter(token, SPEECH_VERBS | REPORTING_LEMMAS)
    if speaker is not None:
        return resolved_holders(doc, speaker, cue, nationalities)
    return quote_speaker(doc, token)


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


def _modal_holders(doc: Doc, cue: Cue, nationalities: Mapping[str, str]) -> list[Holder]:
    """A "must"/"should" clause under a speech verb is a demand of the speech verb's
    subject ("Russia says Ukraine must withdraw", "by saying the talks should ...")."""
    speech = speech_above(cue.token)
    if speech is None:
        return []
    for subject in clause_subjects(speech):
        holders = resolved_holders(doc, subject, cue, nationalities)
        if any(h.actor for h in holders):
            return holders
    return quote_speaker(doc, speech)


def _noun_holders(doc: Doc, cue: Cue, nationalities: Mapping[str, str]) -> list[Holder]:
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
        holders = resolved_holders(doc, candidate, cue, nationalities)
        if any(h.actor for h in holders):
            return holders
    return []


def quote_speaker(doc: Doc, token: Token) -> list[Holder]:
    quote = quote_of(doc, token.i, token.i + 1)
    if quote is None:
        return []
    fields = quote._.get(FIELDS) or {}
    return [Holder(fields.get("speaker_actor"), fields.get("speaker_text"))]


def resolved_holders(
    doc: Doc, token: Token, cue: Cue, nationalities: Mapping[str, str], *, conjuncts: bool = True
) -> list[Holder]:
    if token.lower_ in ("we", "us", "our", "i", "my", "me"):
        speaker = quote_speaker(doc, cue.token)
        if speaker:
            return speaker
    holders = [_by_demonym(doc, h, nationalities) for h in holder_of_subject(doc, token)]
    return holders if conjuncts else holders[:1]


def state_demonyms(gazetteer: Gazetteer) -> dict[str, str]:
    """State keys by the demonyms and names that can qualify a group ("Iranian", "US")."""
    found: dict[str, str] = {}
    for surface, target in gazetteer.aliases.items():
        info = gazetteer.actor(target.key) if target.key else None
        if target.cls in ("demonym", "name") and info is not None and info.kind == "state":
            found[surface] = info.key
    return found


def _by_demonym(doc: Doc, holder: Holder, nationalities: Mapping[str, str]) -> Holder:
    """An unnamed group described by nationality ("Iranian officials", "Russian envoys",
    "the Azerbaijani side") speaks for its state."""
    head = holder.token
    if holder.actor is not None or head is None or head.lemma_.lower() not in _ROLE_NOUNS:
        return holder
    for child in head.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
            continue
        if child.i > 0 and doc[child.i - 1].text in ("-", "pro", "anti"):
            continue
        state = nationalities.get(child.text)
        if state is not None:
            return Holder(state, holder.text, head)
    return holder


def claim_attribution(doc: Doc, cue: Cue, holder: Holder) -> str:
    token = cue.token
    quote = quote_of(doc, token.i, token.i + 1)
    if quote is not None:
        fields = quote._.get(FIELDS) or {}
        if fields.get("speaker_actor") == holder.actor:
            return "own"
    if token.lemma_ in _SPEECH_ACTS or token.lower_ in _SPEECH_ACTS:
        return "own"
    speaker = reporter(token, SPEECH_VERBS)
    if speaker is not None:
        said = holder_of_subject(doc, speaker)
        if said and said[0].actor == holder.actor:
            return "own"
    return "reported"

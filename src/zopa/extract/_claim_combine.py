"""Combining the claim cue rules with the claim-sentence classifier, sentence by sentence.

The rules (:mod:`zopa.extract._claims`) keep every claim they find, with its actor, issue
and stance. The classifier (:mod:`zopa.extract._claim_classifier`) reads each sentence and
gives the probability that it states a party's stance, and of each stance:

- **addition**: a sentence in which the rules found no claim, and which the classifier is
  confident states a stance (the probability of ``NONE`` at most ``1 -``
  :attr:`Thresholds.add`), gets a claim of the classifier's most probable stance. Its cue
  is the sentence's **main predicate** (the root verb, or the verb of the clause a
  reporting verb reports: "the minister said Lima would keep the tariff" -> keep), and
  every other step is the rules' own: the holder comes from the same speaker and subject
  resolution (:func:`~zopa.extract._claim_holders.claim_holders`: the subject naming an
  actor, else the reporter, else the quotation's speaker; a pronoun or an office resolved
  as for any cue), the issues are the issue words in the predicate's clause (else in the
  sentence), else the open issue named from the predicate's object
  (:func:`~zopa.extract._open_issues.open_issue`). A sentence with no actor to hold the
  stance, or nothing to be about, gets no claim. News often states a stance as a plain
  statement of policy with no cue word ("Lima will keep the tariff until 2027"): those
  are the sentences the classifier finds.
Thresholds were chosen by measurement, on the draft gold sets each held out in turn
(``training/claims/train.py``; figures in docs/extraction-estimates-claims.md, "Claim-sentence
classifier").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from zopa.extract._attribution import REPORTING_LEMMAS, SPEECH_VERBS, Holder, reporter
from zopa.extract._claim_classifier import NONE, ClaimClassifier, claim_predicate, claim_view
from zopa.extract._claim_cues import Cue, future_of
from zopa.extract._claim_holders import (
    KnownActors,
    claim_attribution,
    claim_holders,
    resolved_holders,
)
from zopa.extract._claim_scope import cue_scope
from zopa.extract._doc import ACTOR_INFO
from zopa.extract._issues import IssueHit
from zopa.extract._open_issues import open_issue
from zopa.extract._textcat import Reading

__all__ = ["CLASSIFIED", "Found", "Thresholds", "added_stance", "find", "foretold", "read"]

#: The cue kind of a claim the classifier adds.
CLASSIFIED = "CLASSIFIED"


@dataclass(frozen=True)
class Thresholds:
    """When the classifier adds a claim (see the module docstring)."""

    add: float = 0.7


@dataclass(frozen=True)
class Found:
    """A claim the classifier adds: its holder, issue, attribution and cue."""

    actor: str
    issue: IssueHit
    attribution: str
    cue: Cue


def added_stance(reading: Reading, thresholds: Thresholds) -> str | None:
    """The stance of a claim to add to a sentence the rules found nothing in, or None."""
    if 1.0 - reading.of(NONE) < thresholds.add:
        return None
    stances = {label: p for label, p in reading.scores.items() if label != NONE}
    return max(stances, key=lambda label: stances[label])


def read(classifier: ClaimClassifier, sentences: Sequence[Span]) -> list[Reading]:
    """The classifier's reading of each sentence, in one batch."""
    return classifier.read([claim_view(sent) for sent in sentences])


def find(
    doc: Doc,
    sent: Span,
    stance: str,
    hits: Sequence[IssueHit],
    cue_tokens: set[int],
    actor_tokens: set[int],
    known: KnownActors,
) -> list[Found]:
    """The claims of stance ``stance`` that ``sent`` states by the rules' own holder and
    issue steps, its main predicate as the cue (see the module docstring); ``hits`` are
    the sentence's issue words."""
    token = claim_predicate(sent)
    cue = Cue(token, stance, (token,), CLASSIFIED)
    scope = cue_scope(token, cue_tokens, keep_subject=True)
    issues = [hit for hit in hits if hit.start in scope] or list(hits)
    if not issues:
        opened = open_issue(cue, actor_tokens)
        issues = [opened] if opened is not None else []
    if not issues:
        return []
    return [
        Found(holder.actor, hit, claim_attribution(doc, cue, holder, known), cue)
        for holder in claim_holders(doc, cue, known)
        if holder.actor is not None and not foretold(token, holder, cue, known)
        for hit in issues
    ]


def foretold(predicate: Token, holder: Holder, cue: Cue, known: KnownActors) -> bool:
    """Whether the predicate is a future its holder does not state of itself: a passive
    ("a referendum would be held in May": an announcement) or, under a reporting verb,
    another's conduct ("Peru said Chile would hold a referendum": a forecast). Neither is a
    stance, as the cue rules read them too (the same :func:`~zopa.extract._claim_cues.
    future_of`); "Norway will keep its levy" and "Kagame said Rwanda would stay" (his own
    side's) are. The speaker's side is the actor it resolves to and the state or body the
    gazetteer or the document links it to (an envoy the gazetteer does not know, placed
    by his title: "China's envoy Liu said China would keep ...")."""
    future = future_of(predicate)
    if future is None:
        return False
    if future.subject is None:
        return True
    speaker = reporter(predicate, SPEECH_VERBS | REPORTING_LEMMAS)
    if speaker is None:
        return False
    voices = {h.actor for h in resolved_holders(predicate.doc, speaker, cue, known) if h.actor}
    info = predicate.doc._.get(ACTOR_INFO) or {}
    sides = {known.parties.get(v) for v in voices}
    sides |= {info.get(v, {}).get(field) for v in voices for field in ("country", "affiliation")}
    voices |= {side for side in sides if side}
    return bool(voices) and holder.actor not in voices

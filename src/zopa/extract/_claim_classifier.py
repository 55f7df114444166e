"""The claim-sentence classifier: does a sentence state a party's stance, and which stance?

A spaCy text classifier (:mod:`zopa.extract._textcat`) reading one sentence at a time. It
gives a probability for each stance of :data:`zopa.evidence.STANCES` (red_line, reject,
condition, demand, accept, offer, goal, position) and for ``NONE``: the sentence states no
party's stance on a negotiated issue (background, events, analysis). It is trained by
:mod:`zopa.extract._claim_training` on the team corpus of labelled sentences
(``training/claims/*.yaml``) and the claims of the team's drafted-scenario gold, and
shipped in the package data (``data/claim_sentences/``); ``make train-claims`` retrains it.

It reads a sentence as the event-type classifier does (:mod:`zopa.extract.events._views`:
lemmas, then the main predicate and its object and prepositions, where a reported clause's
verb is the predicate: "X said it would never accept ..." -> accept), from the parse the
pipeline already made, at training and at run time alike. The claims component combines
it with the cue rules (:mod:`zopa.extract._claim_combine`).

``ZOPA_CLAIMS_MODEL`` names another model folder (a model trained by
``training/claims/train.py --leave-out``, for the held-out measurements).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import ClassVar

from spacy.tokens import Span, Token

from zopa.evidence import STANCES
from zopa.extract._textcat import SentenceClassifier, load_classifier
from zopa.extract.events._lexicon import EventLexicon, load_event_lexicon
from zopa.extract.events._views import main_predicate, sentence_view

__all__ = [
    "LABELS",
    "MODEL_DIR",
    "MODEL_ENV",
    "NONE",
    "ClaimClassifier",
    "claim_predicate",
    "claim_view",
    "load_claim_classifier",
]

#: The label of a sentence that states no party's stance.
NONE = "NONE"

#: The classifier's labels: the stances and ``NONE``.
LABELS = (*STANCES, NONE)

#: Where the trained model sits in the package (``zopa.extract`` data).
MODEL_DIR = "data/claim_sentences"

#: The environment variable naming another model folder.
MODEL_ENV = "ZOPA_CLAIMS_MODEL"


class ClaimClassifier(SentenceClassifier):
    """A trained sentence classifier over :data:`LABELS` (see the module docstring)."""

    LABELS: ClassVar[tuple[str, ...]] = LABELS
    WHAT: ClassVar[str] = "claim sentence model"
    RETRAIN: ClassVar[str] = "make train-claims"


def load_claim_classifier(path: str | Path | None = None) -> ClaimClassifier:
    """The classifier at ``path``, else at ``$ZOPA_CLAIMS_MODEL``, else the shipped one;
    loaded once per process.

    Raises
    ------
    ExtractionError
        The model is missing, unreadable, or not a classifier over :data:`LABELS`.
    """
    return load_classifier(ClaimClassifier, path or os.environ.get(MODEL_ENV) or None, MODEL_DIR)


@cache
def _lexicon() -> EventLexicon:
    """The shipped event lexicon, for its reporting, refusal and intent verbs."""
    return load_event_lexicon()


def claim_predicate(sent: Span) -> Token:
    """The main predicate of ``sent``: its root verb, or the verb reported, refused or
    intended under it (:func:`~zopa.extract.events._views.main_predicate`)."""
    return main_predicate(sent, _lexicon())


def claim_view(sent: Span) -> list[str]:
    """The words the classifier reads for ``sent`` (see the module docstring)."""
    return sentence_view(sent, claim_predicate(sent))

"""The event-type classifier: a spaCy text classifier reading one sentence at a time.

It gives, for a sentence, a probability for each of the 16 PLOVER types and for ``NONE``
(no event of the ontology: background, analysis, a stance, a probability statement). It
is trained by :mod:`zopa.extract.events._training` on the corpus the team annotates
(``training/events/*.yaml``) with spaCy's own training, and shipped in the package data
(``data/event_types/``: a spaCy pipeline holding one ``textcat`` component). The
component (:mod:`~zopa.extract.events._component`) combines it with the rules: the rules
give the trigger span, the source and the target; the classifier corrects the type of the
sentence's main event and finds events where no trigger rule fired.

The model is loaded once per process and runs offline. It reads a sentence's view
(:mod:`~zopa.extract.events._views`: lemmas and the main predicate, from the parse the
pipeline already made), exactly as at training time. Loading, reading and training are
shared with the claim-sentence classifier (:mod:`zopa.extract._textcat`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from zopa.extract._textcat import META_KEY, SentenceClassifier, load_classifier
from zopa.extract._textcat import Reading as SentenceTypes
from zopa.extract.events._lexicon import PLOVER_TYPES

__all__ = [
    "LABELS",
    "META_KEY",
    "MODEL_DIR",
    "NONE",
    "SentenceTypes",
    "TypeClassifier",
    "load_type_classifier",
]

#: The label of a sentence that reports no event of the ontology.
NONE = "NONE"

#: The classifier's labels: the PLOVER types and ``NONE``.
LABELS = (*sorted(PLOVER_TYPES), NONE)

#: Where the trained model sits in the package (``zopa.extract`` data).
MODEL_DIR = "data/event_types"


class TypeClassifier(SentenceClassifier):
    """A trained sentence classifier over :data:`LABELS` (see the module docstring)."""

    LABELS: ClassVar[tuple[str, ...]] = LABELS
    WHAT: ClassVar[str] = "event type model"
    RETRAIN: ClassVar[str] = "make train-events"

    def classify(self, views: Sequence[list[str]]) -> list[SentenceTypes]:
        """The label probabilities of each sentence, given as its view
        (:func:`~zopa.extract.events._views.sentence_view`), in order."""
        return self.read(views)


def load_type_classifier(path: str | Path | None = None) -> TypeClassifier:
    """The classifier at ``path`` (default: the shipped model), loaded once per process.

    Raises
    ------
    ExtractionError
        The model is missing, unreadable, or not a classifier over :data:`LABELS`.
    """
    return load_classifier(TypeClassifier, path, MODEL_DIR)

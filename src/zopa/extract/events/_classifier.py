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
pipeline already made), exactly as at training time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc

from zopa.errors import ExtractionError
from zopa.extract.events._lexicon import PLOVER_TYPES

__all__ = [
    "LABELS",
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

#: The ``nlp.meta`` key of what the model was trained on and how.
META_KEY = "zopa_training"


@dataclass(frozen=True)
class SentenceTypes:
    """The classifier's reading of one sentence: a probability per label."""

    scores: dict[str, float]

    @property
    def best(self) -> str:
        """The most probable label (a PLOVER type or ``NONE``)."""
        return max(self.scores, key=lambda label: self.scores[label])

    @property
    def confidence(self) -> float:
        """The probability of :attr:`best`."""
        return self.scores[self.best]

    def of(self, label: str) -> float:
        """The probability of ``label`` (0.0 for a label the model does not know)."""
        return self.scores.get(label, 0.0)


class TypeClassifier:
    """A trained sentence classifier over :data:`LABELS` (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        pipe = nlp.get_pipe("textcat") if "textcat" in nlp.pipe_names else None
        if not isinstance(pipe, TextCategorizer) or set(pipe.labels) != set(LABELS):
            raise ExtractionError(
                "event type model: expected one textcat component over the PLOVER types and "
                "NONE; retrain it with `make train-events`"
            )
        self.nlp = nlp
        self.textcat = pipe
        self.labels: tuple[str, ...] = tuple(pipe.labels)

    @property
    def training(self) -> dict[str, Any]:
        """What the model was trained on: corpus digest, files, architecture, seed."""
        info = self.nlp.meta.get(META_KEY)
        return dict(info) if isinstance(info, dict) else {}

    def classify(self, views: Sequence[list[str]]) -> list[SentenceTypes]:
        """The label probabilities of each sentence, given as its view
        (:func:`~zopa.extract.events._views.sentence_view`), in order."""
        if not views:
            return []
        docs = [self.doc(view) for view in views]
        scores = numpy.asarray(self.textcat.predict(docs))
        return [
            SentenceTypes({label: float(row[i]) for i, label in enumerate(self.labels)})
            for row in scores
        ]

    def doc(self, view: list[str]) -> Doc:
        """The document the model reads for a sentence's view (at training time too)."""
        return Doc(self.nlp.vocab, words=view)


@cache
def _load(path: str) -> TypeClassifier:
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ExtractionError(
            f"event type model {path}: cannot be loaded ({exc}); "
            "retrain it with `make train-events`"
        ) from None
    return TypeClassifier(nlp)


def load_type_classifier(path: str | Path | None = None) -> TypeClassifier:
    """The classifier at ``path`` (default: the shipped model), loaded once per process.

    Raises
    ------
    ExtractionError
        The model is missing, unreadable, or not a classifier over :data:`LABELS`.
    """
    if path is None:
        path = Path(str(resources.files("zopa.extract").joinpath(MODEL_DIR)))
    return _load(str(Path(path).resolve()))

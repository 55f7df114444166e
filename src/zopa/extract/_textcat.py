"""Sentence classifiers shipped in the package data: one spaCy ``textcat`` over fixed labels.

The event-type classifier (:mod:`zopa.extract.events._classifier`) and the claim-sentence
classifier (:mod:`zopa.extract._claim_classifier`) are both a blank English spaCy pipeline
with one ``textcat`` component, reading a sentence as a list of words (its *view*, built
from the parse the pipeline already made, at training and at run time alike). This module
holds what they share:

- :class:`SentenceClassifier`: the trained model, checked to classify over the expected
  labels, giving a :class:`Reading` (a probability per label) per sentence;
- :func:`load_classifier`: a model directory loaded once per process;
- :func:`train_textcat`: spaCy's own training (:class:`spacy.training.Example`,
  ``nlp.initialize``, ``nlp.update`` over shuffled minibatches) with a fixed seed, so the
  same views, labels and settings give the same weights;
- :func:`save_textcat` and :func:`corpus_digest`: the model is written with the SHA-256
  of the corpus it was trained on in its meta, so a test can tell when the corpus changed
  and the shipped model was not retrained.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch
from thinc.api import compounding, fix_random_seed

from zopa.errors import ExtractionError

__all__ = [
    "ARCHITECTURES",
    "META_KEY",
    "Reading",
    "SentenceClassifier",
    "TrainingSettings",
    "accuracy",
    "corpus_digest",
    "corpus_name",
    "install_model",
    "load_classifier",
    "save_textcat",
    "train_textcat",
]

#: The ``nlp.meta`` key of what a model was trained on and how.
META_KEY = "zopa_training"

_TOK2VEC: dict[str, Any] = {
    "@architectures": "spacy.Tok2Vec.v2",
    "embed": {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": 64,
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "rows": [4000, 1000, 2000, 1000],
        "include_static_vectors": False,
    },
    "encode": {
        "@architectures": "spacy.MaxoutWindowEncoder.v2",
        "width": 64,
        "depth": 2,
        "window_size": 1,
        "maxout_pieces": 3,
    },
}

_BOW: dict[str, Any] = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**16,
}

#: The model architectures tried (spaCy's registered text classifiers), by name: bag of
#: unigrams and bigrams; a small CNN of its own (no static vectors: en_core_web_sm has
#: none); the two combined.
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "bow": _BOW,
    "cnn": {
        "@architectures": "spacy.TextCatReduce.v1",
        "exclusive_classes": True,
        "use_reduce_first": False,
        "use_reduce_last": False,
        "use_reduce_max": True,
        "use_reduce_mean": True,
        "tok2vec": _TOK2VEC,
    },
    "ensemble": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": _TOK2VEC,
        "linear_model": {**_BOW, "no_output_layer": False},
    },
}


@dataclass(frozen=True)
class TrainingSettings:
    """How a classifier is trained (recorded in the model's meta)."""

    architecture: str = "bow"
    seed: int = 0
    epochs: int = 15
    dropout: float = 0.2
    batch_start: float = 4.0
    batch_stop: float = 32.0


@dataclass(frozen=True)
class Reading:
    """A classifier's reading of one sentence: a probability per label."""

    scores: dict[str, float]

    @property
    def best(self) -> str:
        """The most probable label."""
        return max(self.scores, key=lambda label: self.scores[label])

    @property
    def confidence(self) -> float:
        """The probability of :attr:`best`."""
        return self.scores[self.best]

    def of(self, label: str) -> float:
        """The probability of ``label`` (0.0 for a label the model does not know)."""
        return self.scores.get(label, 0.0)


class SentenceClassifier:
    """A trained sentence classifier over :attr:`LABELS` (see the module docstring).

    A subclass names its labels, what it is (for messages) and the command that retrains it.
    """

    LABELS: ClassVar[tuple[str, ...]] = ()
    WHAT: ClassVar[str] = "sentence classifier"
    RETRAIN: ClassVar[str] = "make train-events"

    def __init__(self, nlp: Language) -> None:
        pipe = nlp.get_pipe("textcat") if "textcat" in nlp.pipe_names else None
        if not isinstance(pipe, TextCategorizer) or set(pipe.labels) != set(self.LABELS):
            raise ExtractionError(
                f"{self.WHAT}: expected one textcat component over "
                f"{', '.join(self.LABELS)}; retrain it with `{self.RETRAIN}`"
            )
        self.nlp = nlp
        self.textcat = pipe
        self.labels: tuple[str, ...] = tuple(pipe.labels)

    @property
    def training(self) -> dict[str, Any]:
        """What the model was trained on: corpus digest, files, architecture, seed."""
        info = self.nlp.meta.get(META_KEY)
        return dict(info) if isinstance(info, dict) else {}

    def read(self, views: Sequence[list[str]]) -> list[Reading]:
        """The label probabilities of each sentence, given as its view, in order."""
        if not views:
            return []
        docs = [self.doc(view) for view in views]
        scores = numpy.asarray(self.textcat.predict(docs))
        return [
            Reading({label: float(row[i]) for i, label in enumerate(self.labels)}) for row in scores
        ]

    def doc(self, view: list[str]) -> Doc:
        """The document the model reads for a sentence's view (at training time too)."""
        return Doc(self.nlp.vocab, words=view)


_Classifier = TypeVar("_Classifier", bound=SentenceClassifier)


#: The models loaded in this process, by folder and class.
_LOADED: dict[tuple[str, str], SentenceClassifier] = {}


def _load(path: str, kind: type[SentenceClassifier]) -> SentenceClassifier:
    key = (path, kind.__qualname__)
    if key not in _LOADED:
        try:
            nlp = spacy.load(path)
        except (OSError, ValueError) as exc:
            raise ExtractionError(
                f"{kind.WHAT} {path}: cannot be loaded ({exc}); retrain it with `{kind.RETRAIN}`"
            ) from None
        _LOADED[key] = kind(nlp)
    return _LOADED[key]


def load_classifier(kind: type[_Classifier], path: str | Path | None, shipped: str) -> _Classifier:
    """The classifier of class ``kind`` at ``path`` (default: the package data folder
    ``shipped`` of :mod:`zopa.extract`), loaded once per process.

    Raises
    ------
    ExtractionError
        The model is missing, unreadable, or not a classifier over ``kind.LABELS``.
    """
    if path is None:
        path = Path(str(resources.files("zopa.extract").joinpath(shipped)))
    base: type[SentenceClassifier] = kind
    classifier = _load(str(Path(path).resolve()), base)
    assert isinstance(classifier, kind)
    return classifier


def corpus_name(path: Path) -> str:
    """A corpus file's name in a model's meta: its folder and file name."""
    return f"{path.parent.name}/{path.name}"


def corpus_digest(paths: Iterable[Path]) -> tuple[str, dict[str, str]]:
    """The SHA-256 of the corpus (file names and bytes, in name order) and of each file,
    named by :func:`corpus_name`."""
    files: dict[str, str] = {}
    for path in paths:
        files[corpus_name(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    whole = hashlib.sha256()
    for name in sorted(files):
        whole.update(f"{name}\0{files[name]}\n".encode())
    return whole.hexdigest(), files


def train_textcat(
    views: Sequence[list[str]],
    labels: Sequence[str],
    label_set: Sequence[str],
    settings: TrainingSettings,
    what: str,
) -> Language:
    """A blank English pipeline with one ``textcat`` over ``label_set``, trained on sentence
    ``views`` and their ``labels``; the same inputs give the same weights (fixed seed and
    order). ``what`` names the model in messages."""
    if settings.architecture not in ARCHITECTURES:
        raise ExtractionError(
            f"{what}: unknown architecture {settings.architecture!r}; "
            f"use one of {', '.join(ARCHITECTURES)}"
        )
    fix_random_seed(settings.seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat", config={"model": ARCHITECTURES[settings.architecture], "threshold": 0.5}
    )
    assert isinstance(textcat, TextCategorizer)
    for label in label_set:
        textcat.add_label(label)
    examples = [
        Example.from_dict(
            Doc(nlp.vocab, words=view), {"cats": {lab: float(lab == label) for lab in label_set}}
        )
        for view, label in zip(views, labels, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(settings.seed)
    for _ in range(settings.epochs):
        order.shuffle(examples)
        for batch in minibatch(  # type: ignore[no-untyped-call]
            examples, size=compounding(settings.batch_start, settings.batch_stop, 1.001)
        ):
            nlp.update(batch, sgd=optimizer, drop=settings.dropout)
    return nlp


def save_textcat(
    nlp: Language, path: Path, name: str, sources: Sequence[Path], settings: TrainingSettings
) -> None:
    """Write a trained model to ``path`` with what it was trained on in its meta."""
    digest, files = corpus_digest(sources)
    nlp.meta["name"] = name
    nlp.meta["version"] = "1.0.0"
    nlp.meta[META_KEY] = {"corpus_digest": digest, "files": files, **asdict(settings)}
    nlp.to_disk(path)


def install_model(write: Callable[[Path], None], target: Path) -> None:
    """Write a model with ``write`` into a fresh folder, then put it at ``target`` in place
    of the model there (a write that fails leaves the old model as it was)."""
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp) / "model")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(tmp) / "model", target)


def accuracy(
    classifier: SentenceClassifier, views: Sequence[list[str]], labels: Sequence[str]
) -> float:
    """The share of the sentences whose most probable label is their own."""
    guesses = classifier.read(views)
    right = sum(guess.best == label for guess, label in zip(guesses, labels, strict=True))
    return right / len(labels) if labels else 0.0

"""Training the event-type classifier (:mod:`~zopa.extract.events._classifier`).

The corpus is the team's annotated sentences, ``training/events/*.yaml`` in the gold
sentence format (:func:`zopa.extract._sentence_scoring.load_sentences`; ``type: NONE``
for a sentence that reports no event), plus the events helper's own tuning sentences
``tests/gold/ontology-dev/*.yaml``. The label of a sentence is the PLOVER type of its main
event, or ``NONE``. ``tests/gold/ontology/`` (another author's sentences) and the blind
sets are never trained on: they are the cross-author check.

Each sentence is parsed by zopa's English pipeline and shown to the model as its view
(:mod:`~zopa.extract.events._views`), as at run time. Training is spaCy's own
(:class:`spacy.training.Example`, ``nlp.initialize``, ``nlp.update`` over shuffled
minibatches) with a fixed seed, so the same corpus and
settings give the same weights. The model is saved as a spaCy pipeline whose meta
records the corpus digest (:func:`corpus_digest`), so a test can tell when the corpus
changed and the shipped model was not retrained (``make train-events``).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import compounding, fix_random_seed

from zopa.errors import ExtractionError
from zopa.extract._sentence_scoring import GoldSentence, load_sentences
from zopa.extract.events._classifier import LABELS, META_KEY, NONE, TypeClassifier
from zopa.extract.events._lexicon import load_event_lexicon
from zopa.extract.events._views import main_predicate, sentence_view

__all__ = [
    "ARCHITECTURES",
    "HELD_OUT",
    "Labelled",
    "TrainingSettings",
    "accuracy",
    "corpus_digest",
    "corpus_views",
    "labelled_sentences",
    "save_type_classifier",
    "train_type_classifier",
    "training_sources",
]

#: Folders never trained on: another author's sentences and the blind sets.
HELD_OUT = ("tests/gold/ontology", "tests/gold/ontology-2", "tests/gold/blind-3")

#: Sentences of ``tests/gold/ontology-dev`` written before the team's convention for
#: "refused to X" (the type of X, status refused; an explicit rejection verb is REJECT):
#: their label under that convention, by (file stem, id).
_RELABEL = {
    ("sentences", "d093"): "CONSULT",  # refused to meet
    ("sentences", "d101"): "RETREAT",  # refused to release
    ("negotiation", "n008"): "AGREE",  # refused to sign
    ("negotiation", "n009"): "AGREE",  # refused to sign
    ("holdout", "h030"): "CONSULT",  # declined to meet
}

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
class Labelled:
    """One training sentence: its text, its label, and where it comes from."""

    text: str
    label: str
    source: str  # the corpus file's name


@dataclass(frozen=True)
class TrainingSettings:
    """How the classifier is trained (recorded in the model's meta)."""

    architecture: str = "bow"
    seed: int = 0
    epochs: int = 15
    dropout: float = 0.2
    batch_start: float = 4.0
    batch_stop: float = 32.0


def training_sources(root: Path) -> list[Path]:
    """The corpus files under a project ``root``: ``training/events/*.yaml`` and the
    events helper's tuning sentences ``tests/gold/ontology-dev/*.yaml``, sorted."""
    files = sorted((root / "training" / "events").glob("*.yaml"))
    files += sorted((root / "tests" / "gold" / "ontology-dev").glob("*.yaml"))
    return files


def _check_not_held_out(path: Path) -> None:
    text = path.resolve().as_posix()
    for folder in HELD_OUT:
        if f"/{folder}/" in text:
            raise ExtractionError(
                f"{path}: {folder} is a held-out set and is never trained on; "
                "remove it from the corpus"
            )


def corpus_digest(paths: Iterable[Path]) -> tuple[str, dict[str, str]]:
    """The SHA-256 of the corpus (file names and bytes, in name order) and of each file."""
    files: dict[str, str] = {}
    for path in paths:
        files[_name(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    whole = hashlib.sha256()
    for name in sorted(files):
        whole.update(f"{name}\0{files[name]}\n".encode())
    return whole.hexdigest(), files


def _name(path: Path) -> str:
    """A corpus file's name for the meta: its folder and file name."""
    return f"{path.parent.name}/{path.name}"


def _label(sentence: GoldSentence, stem: str) -> str:
    return _RELABEL.get((stem, sentence.id)) or sentence.type or NONE


def labelled_sentences(paths: Iterable[Path]) -> list[Labelled]:
    """The labelled sentences of the corpus files (validated by the gold loader).

    Raises
    ------
    ExtractionError
        A file is unreadable or malformed (the loader names it), or lies in a held-out
        folder (:data:`HELD_OUT`).
    """
    out: list[Labelled] = []
    for path in paths:
        _check_not_held_out(path)
        for sentence in load_sentences(path):
            out.append(Labelled(sentence.text, _label(sentence, path.stem), _name(path)))
    return out


def corpus_views(texts: Sequence[str]) -> list[list[str]]:
    """The classifier's view of each text (:func:`~zopa.extract.events._views.sentence_view`),
    from the parse of zopa's English pipeline, as at run time; a text is one sentence."""
    from zopa.extract._pipeline import build_pipeline  # the full model: imported when needed

    nlp = build_pipeline(components=())
    lexicon = load_event_lexicon()
    views = []
    for doc in nlp.pipe(texts):
        whole = doc[:]
        views.append(sentence_view(whole, main_predicate(whole, lexicon)))
    return views


def train_type_classifier(
    views: Sequence[list[str]],
    labels: Sequence[str],
    settings: TrainingSettings = TrainingSettings(),
) -> TypeClassifier:
    """A classifier over :data:`LABELS` trained on sentence ``views`` and their ``labels``.

    The model is a blank English pipeline with one ``textcat``; the same views, labels and
    settings give the same weights (fixed seed, fixed order).
    """
    if settings.architecture not in ARCHITECTURES:
        raise ExtractionError(
            f"event type model: unknown architecture {settings.architecture!r}; "
            f"use one of {', '.join(ARCHITECTURES)}"
        )
    fix_random_seed(settings.seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat", config={"model": ARCHITECTURES[settings.architecture], "threshold": 0.5}
    )
    assert isinstance(textcat, TextCategorizer)
    for label in LABELS:
        textcat.add_label(label)
    examples = [
        Example.from_dict(
            Doc(nlp.vocab, words=view), {"cats": {lab: float(lab == label) for lab in LABELS}}
        )
        for view, label in zip(views, labels, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(settings.seed)
    for _ in range(settings.epochs):
        order.shuffle(examples)
        for batch in _batches(
            examples, compounding(settings.batch_start, settings.batch_stop, 1.001)
        ):
            nlp.update(batch, sgd=optimizer, drop=settings.dropout)
    return TypeClassifier(nlp)


def _batches(items: list[Example], sizes: Iterable[float]) -> Iterator[list[Example]]:
    """``items`` in consecutive batches of the next size each (as ``spacy.util.minibatch``)."""
    start, each = 0, iter(sizes)
    while start < len(items):
        size = int(next(each))
        yield items[start : start + size]
        start += size


def save_type_classifier(
    classifier: TypeClassifier, path: Path, sources: Sequence[Path], settings: TrainingSettings
) -> None:
    """Write the trained model to ``path`` with what it was trained on in its meta."""
    digest, files = corpus_digest(sources)
    nlp = classifier.nlp
    nlp.meta["name"] = "zopa_event_types"
    nlp.meta["version"] = "1.0.0"
    nlp.meta[META_KEY] = {"corpus_digest": digest, "files": files, **asdict(settings)}
    nlp.to_disk(path)


def accuracy(
    classifier: TypeClassifier, views: Sequence[list[str]], labels: Sequence[str]
) -> float:
    """The share of the sentences whose most probable label is their own."""
    guesses = classifier.classify(views)
    right = sum(guess.best == label for guess, label in zip(guesses, labels, strict=True))
    return right / len(labels) if labels else 0.0

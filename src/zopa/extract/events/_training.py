"""Training the event-type classifier (:mod:`~zopa.extract.events._classifier`).

The corpus is the team's annotated sentences, ``training/events/*.yaml`` in the gold
sentence format (:func:`zopa.extract._sentence_scoring.load_sentences`; ``type: NONE``
for a sentence that reports no event), plus the events helper's own tuning sentences
``tests/gold/ontology-dev/*.yaml``. The label of a sentence is the PLOVER type of its main
event, or ``NONE``. ``tests/gold/ontology/`` (another author's sentences) and the blind
sets are never trained on: they are the cross-author check.

Each sentence is parsed by zopa's English pipeline and shown to the model as its view
(:mod:`~zopa.extract.events._views`), as at run time. Training is spaCy's own, shared
with the claim-sentence classifier (:func:`zopa.extract._textcat.train_textcat`), with a
fixed seed, so the same corpus and settings give the same weights. The model is saved as
a spaCy pipeline whose meta records the corpus digest (:func:`corpus_digest`), so a test
can tell when the corpus changed and the shipped model was not retrained (``make train-events``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zopa.errors import ExtractionError
from zopa.extract._sentence_scoring import GoldSentence, load_sentences
from zopa.extract._textcat import (
    ARCHITECTURES,
    TrainingSettings,
    accuracy,
    corpus_digest,
    corpus_name,
    save_textcat,
    train_textcat,
)
from zopa.extract.events._classifier import LABELS, NONE, TypeClassifier
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


@dataclass(frozen=True)
class Labelled:
    """One training sentence: its text, its label, and where it comes from."""

    text: str
    label: str
    source: str  # the corpus file's name


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
            out.append(Labelled(sentence.text, _label(sentence, path.stem), corpus_name(path)))
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
    return TypeClassifier(train_textcat(views, labels, LABELS, settings, TypeClassifier.WHAT))


def save_type_classifier(
    classifier: TypeClassifier, path: Path, sources: Sequence[Path], settings: TrainingSettings
) -> None:
    """Write the trained model to ``path`` with what it was trained on in its meta."""
    save_textcat(classifier.nlp, path, "zopa_event_types", sources, settings)

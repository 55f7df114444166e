"""Training the event-type classifier: reproducible, corpus read and guarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from zopa.errors import ExtractionError
from zopa.extract.events._classifier import NONE
from zopa.extract.events._training import (
    TrainingSettings,
    corpus_digest,
    labelled_sentences,
    train_type_classifier,
)

_VIEWS = [
    (["police", "arrest", "the", "leader", "rootisarrest"], "COERCE"),
    (["troops", "shell", "the", "town", "rootisshell"], "ASSAULT"),
    (["the", "economy", "grow", "slowly", "rootisgrow"], NONE),
    (["the", "army", "arrest", "two", "activist", "rootisarrest"], "COERCE"),
    (["rebels", "shell", "a", "village", "rootisshell"], "ASSAULT"),
    (["inflation", "remain", "high", "rootisremain"], NONE),
]


def test_the_same_corpus_and_seed_give_the_same_model() -> None:
    views, labels = [v for v, _ in _VIEWS], [label for _, label in _VIEWS]
    settings = TrainingSettings(epochs=3)
    first = train_type_classifier(views, labels, settings)
    second = train_type_classifier(views, labels, settings)
    assert first.textcat.model.to_bytes() == second.textcat.model.to_bytes()
    assert first.classify(views) == second.classify(views)


def test_an_unknown_architecture_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="unknown architecture 'lstm'"):
        train_type_classifier([["a"]], [NONE], TrainingSettings(architecture="lstm"))


def _corpus(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_none_sentences_are_labelled_none(tmp_path: Path) -> None:
    path = _corpus(
        tmp_path / "training" / "events",
        "mine.yaml",
        "- id: m1\n  text: Inflation rose again in March.\n  type: NONE\n"
        "- id: m2\n  text: Police detained two reporters.\n  type: COERCE\n",
    )
    assert [(i.label, i.source) for i in labelled_sentences([path])] == [
        (NONE, "events/mine.yaml"),
        ("COERCE", "events/mine.yaml"),
    ]


def test_the_cross_author_sentences_are_never_trained_on(tmp_path: Path) -> None:
    path = _corpus(
        tmp_path / "tests" / "gold" / "ontology",
        "sentences.yaml",
        "- id: s1\n  text: Police detained two reporters.\n  type: COERCE\n",
    )
    with pytest.raises(ExtractionError, match="held-out set and is never trained on"):
        labelled_sentences([path])


def test_the_digest_changes_with_any_file(tmp_path: Path) -> None:
    folder = tmp_path / "training" / "events"
    first = _corpus(folder, "a.yaml", "- text: One.\n  type: NONE\n")
    before, files = corpus_digest([first])
    assert set(files) == {"events/a.yaml"}
    second = _corpus(folder, "b.yaml", "- text: Two.\n  type: NONE\n")
    assert corpus_digest([first, second])[0] != before
    first.write_text("- text: One!\n  type: NONE\n", encoding="utf-8")
    assert corpus_digest([first])[0] != before

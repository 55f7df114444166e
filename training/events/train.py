"""Train zopa's event-type classifier and ship it in the package data (`make train-events`).

    python training/events/train.py            # train on the corpus, write the model
    python training/events/train.py --check    # measure only: held out by author, and on
                                               # tests/gold/ontology (never trained on)

The corpus: training/events/*.yaml and tests/gold/ontology-dev/*.yaml (see
zopa.extract.events._training). The seed and settings are fixed, so the same corpus gives
the same model; the model's meta records the corpus digest, and a test fails when the
corpus changed without retraining.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from zopa.extract._sentence_scoring import load_sentences
from zopa.extract.events._classifier import MODEL_DIR, NONE, TypeClassifier
from zopa.extract.events._training import (
    ARCHITECTURES,
    Labelled,
    TrainingSettings,
    accuracy,
    labelled_sentences,
    save_type_classifier,
    train_type_classifier,
    training_sources,
)

ROOT = Path(__file__).resolve().parents[2]
CROSS_AUTHOR = ROOT / "tests" / "gold" / "ontology" / "sentences.yaml"


def _author(item: Labelled) -> str:
    """Sentences of one writer: a corpus file, or the ontology-dev folder."""
    folder, name = item.source.split("/")
    return folder if folder == "ontology-dev" else name.removesuffix(".yaml")


def _check(corpus: list[Labelled], settings: TrainingSettings) -> dict[str, object]:
    by_author: dict[str, list[Labelled]] = defaultdict(list)
    for item in corpus:
        by_author[_author(item)].append(item)
    held_out = {}
    for author, items in sorted(by_author.items()):
        rest = [i for i in corpus if _author(i) != author]
        if not rest:
            continue
        classifier = TypeClassifier(train_type_classifier(rest, settings))
        events = [i for i in items if i.label != NONE]
        held_out[author] = {
            "sentences": len(items),
            "accuracy": round(accuracy(classifier, items), 4),
            "accuracy_on_events": round(accuracy(classifier, events), 4),
        }
    classifier = TypeClassifier(train_type_classifier(corpus, settings))
    cross = [Labelled(s.text, s.type or NONE, "ontology") for s in load_sentences(CROSS_AUTHOR)]
    return {
        "settings": settings.__dict__,
        "held_out_by_author": held_out,
        "ontology_cross_author": round(accuracy(classifier, cross), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="measure only; write nothing")
    parser.add_argument("--architecture", choices=sorted(ARCHITECTURES))
    parser.add_argument("--epochs", type=int)
    args = parser.parse_args()
    settings = TrainingSettings()
    if args.architecture:
        settings = replace(settings, architecture=args.architecture)
    if args.epochs:
        settings = replace(settings, epochs=args.epochs)
    sources = training_sources(ROOT)
    corpus = labelled_sentences(sources)
    if args.check:
        print(json.dumps(_check(corpus, settings), indent=2))
        return 0
    nlp = train_type_classifier(corpus, settings)
    target = ROOT / "src" / "zopa" / "extract" / MODEL_DIR
    with tempfile.TemporaryDirectory() as tmp:
        save_type_classifier(nlp, Path(tmp) / "model", sources, settings)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(tmp) / "model", target)
    print(f"trained on {len(corpus)} sentences from {len(sources)} files -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Train zopa's event-type classifier and ship it in the package data (`make train-events`).

    python training/events/train.py            # train on the corpus, write the model
    python training/events/train.py --check    # measure only, write nothing

`--check` trains one model per corpus author without that author's sentences and reports,
on the sentences held out: the classifier's accuracy alone, and the whole events
component (rules + classifier, and rules alone) as `zopa eval events` scores it; then the
classifier trained on everything on tests/gold/ontology (another author's sentences, never
trained on).

The corpus: training/events/*.yaml and tests/gold/ontology-dev/*.yaml (see
zopa.extract.events._training). The seed and settings are fixed, so the same corpus gives
the same model; the model's meta records the corpus digest, and a test fails when the
corpus changed without retraining.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from zopa.extract import build_pipeline
from zopa.extract._sentence_scoring import GoldSentence, evaluate_sentences, load_sentences
from zopa.extract._textcat import install_model
from zopa.extract.events import EventExtractor
from zopa.extract.events._classifier import MODEL_DIR, NONE, TypeClassifier
from zopa.extract.events._combine import TypeCombiner
from zopa.extract.events._training import (
    ARCHITECTURES,
    TrainingSettings,
    accuracy,
    corpus_views,
    labelled_sentences,
    save_type_classifier,
    train_type_classifier,
    training_sources,
)

ROOT = Path(__file__).resolve().parents[2]
CROSS_AUTHOR = ROOT / "tests" / "gold" / "ontology" / "sentences.yaml"


def _author(path: Path) -> str:
    """Sentences of one writer: a corpus file, or the ontology-dev folder."""
    return path.parent.name if path.parent.name == "ontology-dev" else path.stem


def _scores(nlp: Any, gold: list[GoldSentence]) -> dict[str, float]:
    report = evaluate_sentences(nlp, gold).as_dict()
    return {
        "type_accuracy": report["type_accuracy"],
        "type_source_target_f1": report["type_source_target"]["f1"],
    }


def _check(sources: list[Path], settings: TrainingSettings) -> dict[str, object]:
    corpus = labelled_sentences(sources)
    labels = [item.label for item in corpus]
    authors = [_author(path) for path in sources for _ in load_sentences(path)]
    golds = [sentence for path in sources for sentence in load_sentences(path)]
    cross = load_sentences(CROSS_AUTHOR)
    views = corpus_views([item.text for item in corpus] + [s.text for s in cross])
    seen, unseen = views[: len(corpus)], views[len(corpus) :]
    nlp = build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_events"))
    component = nlp.get_pipe("zopa_events")
    assert isinstance(component, EventExtractor)
    held_out: dict[str, dict[str, Any]] = {}
    for author in sorted(set(authors)):
        rest = [i for i, a in enumerate(authors) if a != author]
        mine = [i for i, a in enumerate(authors) if a == author and labels[i] != NONE]
        classifier = train_type_classifier(
            [seen[i] for i in rest], [labels[i] for i in rest], settings
        )
        gold = [golds[i] for i, a in enumerate(authors) if a == author]
        component.combiner = TypeCombiner(classifier, component.lexicon)
        combined = _scores(nlp, gold)
        component.combiner = None
        held_out[author] = {
            "sentences": len(gold),
            "classifier_alone": round(
                accuracy(classifier, [seen[i] for i in mine], [labels[i] for i in mine]), 4
            ),
            "rules_and_classifier": combined,
            "rules_alone": _scores(nlp, gold),
        }
    classifier: TypeClassifier = train_type_classifier(seen, labels, settings)
    cross_labels = [s.type or NONE for s in cross]
    return {
        "settings": asdict(settings),
        "held_out_by_author": held_out,
        "ontology_classifier_alone": round(accuracy(classifier, unseen, cross_labels), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
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
    if args.check:
        print(json.dumps(_check(sources, settings), indent=2))
        return 0
    corpus = labelled_sentences(sources)
    views = corpus_views([item.text for item in corpus])
    classifier = train_type_classifier(views, [item.label for item in corpus], settings)
    target = ROOT / "src" / "zopa" / "extract" / MODEL_DIR
    install_model(lambda path: save_type_classifier(classifier, path, sources, settings), target)
    print(f"trained on {len(corpus)} sentences from {len(sources)} files -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

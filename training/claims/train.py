"""Train zopa's claim-sentence classifier and ship it in the package data (`make train-claims`).

    python training/claims/train.py                      # train on the corpus, write the model
    python training/claims/train.py --check              # measure only, write nothing
    python training/claims/train.py --leave-out-each DIR # DIR/<set>: trained without <set>

`--check` trains one model per draft gold set without that set and reports, on the set held
out, the classifier alone: of the sentences the rules found no claim in, how many gold
claim sentences it finds and how many it adds wrongly, at each threshold; and its stance
accuracy on the gold claim sentences. `--leave-out-each DIR` writes those models, so that
`ZOPA_CLAIMS_MODEL=DIR/drafts-3 zopa eval draft tests/gold/drafts-3` measures the whole
chain on a set the classifier never saw (docs/extraction-estimates-claims.md, "Claim-sentence
classifier").

The corpus: the team corpus training/claims/*.yaml (labelled sentences; format in
zopa.extract._claim_training) and the claims of tests/gold/drafts*/ and of tests/gold/texts/
and blind/. The team corpus is always trained on; only the gold sets are held out. The
seed and settings are fixed, so the same corpus gives the same model; the model's meta
records the corpus digest, and a test fails when the corpus changed without retraining.
"""

from __future__ import annotations

import argparse
import json
import pickle
import shutil
import sys
from dataclasses import asdict, replace
from pathlib import Path

from zopa.extract._claim_classifier import MODEL_DIR, NONE, ClaimClassifier
from zopa.extract._claim_training import (
    DRAFT_SETS,
    SPAN_SETS,
    ClaimSentence,
    corpus_files,
    labelled_corpus,
    rules_pipeline,
    save_claim_classifier,
    team_corpus,
    train_claim_classifier,
    training_sources,
)
from zopa.extract._textcat import (
    ARCHITECTURES,
    TrainingSettings,
    corpus_digest,
    install_model,
)

ROOT = Path(__file__).resolve().parents[2]
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def _trainable(corpus: list[ClaimSentence]) -> list[ClaimSentence]:
    """The sentences taught: every team corpus sentence and gold claim sentence, and the
    gold sentences without one in which the rules find no claim either (see
    zopa.extract._claim_training)."""
    gold = set(DRAFT_SETS + SPAN_SETS)
    return [s for s in corpus if s.group not in gold or s.label != NONE or not s.rules_claim]


def _train(corpus: list[ClaimSentence], settings: TrainingSettings) -> ClaimClassifier:
    taught = _trainable(corpus)
    return train_claim_classifier([s.view for s in taught], [s.label for s in taught], settings)


def _held_out(
    corpus: list[ClaimSentence], group: str, settings: TrainingSettings
) -> dict[str, object]:
    classifier = _train([c for c in corpus if c.group != group], settings)
    mine = [s for s in corpus if s.group == group]
    readings = classifier.read([s.view for s in mine])
    missed = [(s, r) for s, r in zip(mine, readings, strict=True) if not s.rules_claim]
    gold = sum(s.label != NONE for s, _ in missed)
    by_threshold: dict[str, object] = {}
    for t in THRESHOLDS:
        added = [(s, r) for s, r in missed if 1.0 - r.of(NONE) >= t]
        right = sum(s.label != NONE for s, _ in added)
        by_threshold[str(t)] = {
            "added": len(added),
            "gold_claim_sentences": right,
            "precision": round(right / len(added), 3) if added else None,
            "recall_of_missed": round(right / gold, 3) if gold else None,
        }
    claimed = [(s, r) for s, r in zip(mine, readings, strict=True) if s.label != NONE]
    stance_right = sum(
        max((k for k in r.scores if k != NONE), key=r.scores.__getitem__) == s.label
        for s, r in claimed
    )
    return {
        "sentences": len(mine),
        "gold_claim_sentences": len(claimed),
        "rules_missed": gold,
        "classifier_adds": by_threshold,
        "stance_accuracy": round(stance_right / len(claimed), 3) if claimed else None,
    }


def _corpus(sources: list[Path], cache: Path | None) -> list[ClaimSentence]:
    """The parsed corpus: the team corpus, and the gold's sentences, from ``cache`` when it
    was made from the same gold files."""
    nlp = rules_pipeline()
    team = team_corpus(ROOT, nlp)
    gold_files = [p for p in sources if p not in corpus_files(ROOT)]
    digest = corpus_digest(gold_files)[0]
    if cache is not None and cache.is_file():
        stored = pickle.loads(cache.read_bytes())
        if stored["digest"] == digest:
            return team + list(stored["corpus"])
    gold = labelled_corpus(ROOT, nlp)
    if cache is not None:
        cache.write_bytes(pickle.dumps({"digest": digest, "corpus": gold}))
    return team + gold


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="measure only; write nothing")
    parser.add_argument("--leave-out-each", type=Path, metavar="DIR")
    parser.add_argument("--architecture", choices=sorted(ARCHITECTURES))
    parser.add_argument("--epochs", type=int)
    parser.add_argument(
        "--corpus-cache", type=Path, metavar="FILE", help="keep the parsed corpus in FILE"
    )
    args = parser.parse_args()
    settings = TrainingSettings()
    if args.architecture:
        settings = replace(settings, architecture=args.architecture)
    if args.epochs:
        settings = replace(settings, epochs=args.epochs)
    sources = training_sources(ROOT)
    corpus = _corpus(sources, args.corpus_cache)
    if args.check:
        report = {g: _held_out(corpus, g, settings) for g in DRAFT_SETS}
        print(json.dumps({"settings": asdict(settings), "held_out": report}, indent=2))
        return 0
    if args.leave_out_each:
        for group in DRAFT_SETS:
            rest = [s for s in corpus if s.group != group]
            classifier = _train(rest, settings)
            kept = [p for p in sources if f"/{group}/" not in p.as_posix()]
            target = args.leave_out_each / group
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            save_claim_classifier(classifier, target, kept, settings)
            print(f"without {group}: {len(_trainable(rest))} sentences -> {target}")
        return 0
    classifier = _train(corpus, settings)
    target = ROOT / "src" / "zopa" / "extract" / MODEL_DIR
    install_model(lambda path: save_claim_classifier(classifier, path, sources, settings), target)
    print(f"trained on {len(_trainable(corpus))} sentences from {len(sources)} files -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

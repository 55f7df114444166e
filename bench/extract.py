"""Extraction throughput: words/second of zopa's full extraction next to bare spaCy.

Usage::

    .venv/bin/python bench/extract.py [--words N] [--store]

Texts: the example corpus (examples/corpus), the team's test texts
(tests/gold/texts) and the seeds (../shared/seeds) when present, repeated until
there are at least N words (default 60,000). For one and two worker processes it
times, on the same texts in the same run:

- bare spaCy: the English model alone (``nlp.pipe``);
- zopa: the full extraction pipeline (model + zopa's components);
- with ``--store``: ``extract_documents`` into a fresh SQLite store (pipeline + writes).

It prints words/second, the domain layer's cost on top of bare spaCy (target: at
most a third) and the speed-up of two workers over one (target: at least 1.6x).
Not part of the test suite; the machine should be otherwise idle.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import spacy
from spacy.language import Language

from zopa.errors import IngestError
from zopa.extract import build_pipeline, extract_documents
from zopa.ingest import RawArticle, prepare, read_file
from zopa.store import add_document, open_store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    ROOT / "examples" / "corpus",
    ROOT / "tests" / "gold" / "texts",
    ROOT.parent / "shared" / "seeds",
)


def corpus(min_words: int) -> list[str]:
    """Normalised English article texts, repeated to at least ``min_words`` words."""
    texts: list[str] = []
    for folder in SOURCES:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in {".txt", ".md", ".html", ".jsonl"}:
                continue
            for raw in read_file(path, 10_000_000):
                if isinstance(raw, IngestError):
                    continue
                document, _ = prepare(raw)
                if document.language == "en":
                    texts.append(document.text)
    if not texts:
        raise SystemExit(
            "no texts found under examples/corpus, tests/gold/texts or ../shared/seeds"
        )
    words = sum(len(t.split()) for t in texts)
    return texts * max(1, -(-min_words // words))


def rate(words: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return words / (time.perf_counter() - start)


def run(nlp: Language, texts: list[str], workers: int) -> None:
    """Process ``texts`` with ``nlp`` in ``workers`` processes."""
    for _doc in nlp.pipe(texts, n_process=workers, batch_size=8):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--store", action="store_true", help="Also time extraction into SQLite.")
    args = parser.parse_args()
    texts = corpus(args.words)
    words = sum(len(t.split()) for t in texts)
    full = build_pipeline()
    bare = spacy.load(full.meta["lang"] + "_" + full.meta["name"])
    print(f"{len(texts)} documents, {words} words; components: {', '.join(full.pipe_names)}")
    list(full.pipe(texts[:4]))  # warm up (lazy tables, first-call costs)
    list(bare.pipe(texts[:4]))
    results: dict[tuple[str, int], float] = {}
    for workers in (1, 2):
        results[("bare spaCy", workers)] = rate(words, partial(run, bare, texts, workers))
        results[("zopa", workers)] = rate(words, partial(run, full, texts, workers))
        if args.store:
            with tempfile.TemporaryDirectory() as tmp:
                store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
                with store.write() as session:
                    for i, text in enumerate(texts):
                        doc, _ = prepare(RawArticle(source=f"bench-{i}", text=f"{text}\n\n[{i}]"))
                        add_document(session, doc)
                results[("zopa + store", workers)] = rate(
                    words, partial(extract_documents, store, full, workers=workers)
                )
                store.close()
    print(f"{'pipeline':14s} {'1 worker':>12s} {'2 workers':>12s} {'speed-up':>9s}")
    for name in dict.fromkeys(key[0] for key in results):
        one, two = results[(name, 1)], results[(name, 2)]
        print(f"{name:14s} {one:10.0f}/s {two:10.0f}/s {two / one:8.2f}x")
    for workers in (1, 2):
        cost = results[("bare spaCy", workers)] / results[("zopa", workers)] - 1
        print(f"domain layer cost on top of bare spaCy, {workers} worker(s): {cost:+.0%}")


if __name__ == "__main__":
    main()

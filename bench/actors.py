"""The actor component's own time per document (``zopa_actors``, after the spaCy model).

Usage::

    .venv/bin/python bench/actors.py [--repeats N]

Texts: those of ``bench/extract.py`` (the example corpus, the team's test texts and the
seeds when present), each parsed once by the model; then only the actor component is
timed on them, ``--repeats`` times (default 7), and the best run's milliseconds per
document printed. Not part of the test suite; the machine should be otherwise idle.
"""

from __future__ import annotations

import argparse
import time

from extract import corpus
from zopa.extract import build_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    nlp = build_pipeline(components=("zopa_actors",))
    component = nlp.get_pipe("zopa_actors")
    with nlp.select_pipes(disable=["zopa_actors"]):
        docs = list(nlp.pipe(corpus(0)))
    for doc in docs[:3]:
        component(doc)  # load GeoNames and warm the caches
    runs = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for doc in docs:
            component(doc)
        runs.append((time.perf_counter() - start) / len(docs) * 1000)
    tokens = sum(len(doc) for doc in docs) // len(docs)
    print(f"{len(docs)} documents, {tokens} tokens each on average")
    print(f"zopa_actors: {min(runs):.2f} ms per document (best of {args.repeats})")


if __name__ == "__main__":
    main()

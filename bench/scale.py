"""Figures past one machine: extraction and the backtest, local processes against Ray.

Usage::

    .venv/bin/python bench/scale.py [--json] [--only SECTION ...] [--articles N]
                                    [--workers 2] [--step 7d] [--runs 2000]

Sections (one function each, ``--only`` picks some; all by default):

``extraction``
    ``--articles`` synthetic articles of about 400 words (default 200; the issue's
    figure is 10,000), written by an order-2 word Markov chain trained on the
    example corpus (``examples/corpus``): its vocabulary, names and sentence
    structures, paragraphs of three to five sentences, a title line, publication
    dates over 2025. They are ingested into a SQLite store (not timed), which is
    copied; then ``zopa extract --workers N`` runs on one copy and ``zopa extract
    --ray local --workers N`` on the other, each as a command, timed wall clock
    (start-up, pipeline loads and the cluster's start included). Words per second,
    peak memory (the sum of the resident sets of the command and every process
    under it, sampled every 0.2 s: the driver, the workers and, for Ray, its own
    daemons), the CPU seconds of the command's own process (the driver: plan,
    texts out, documents back, every write) and of the processes under it, and
    whether the two stores' evidence rows are identical, ids included. Then, in
    this process, one worker's reading and the driver's writing per document
    (wall clock and CPU), timed apart on the first 40 articles, and the size of
    what a worker sends back per document (the cost model of ``docs/cluster.md``).
``backtest``
    The shipped scenario's weekly backtest (as ``bench/backtest.py``) on the
    example corpus, ``zopa backtest`` against ``zopa backtest --ray local``, timed;
    and whether their JSON is identical.

The machine should be otherwise idle; the figures in ``docs/cluster.md`` say when
it was not. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "examples" / "corpus"
SCENARIO = REPO / "examples" / "scenarios" / "russia-ukraine-2025.yaml"
EVIDENCE = ("actors", "mentions", "events", "quotes", "claims", "estimates")
ARTICLE_WORDS = 400
SAMPLE_SECONDS = 0.2

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*$")


# --- synthetic articles ---------------------------------------------------------------


def corpus_texts() -> list[str]:
    """The example corpus's English article texts, as zopa stores them."""
    from zopa.errors import IngestError
    from zopa.ingest import prepare, read_file

    texts = []
    for path in sorted(CORPUS.iterdir()):
        for raw in read_file(path, 10_000_000):
            if not isinstance(raw, IngestError):
                document, _ = prepare(raw)
                if document.language == "en":
                    texts.append(document.text)
    return texts


class Markov:
    """An order-2 word Markov chain over sentences: START START w1 w2 ... END."""

    def __init__(self, texts: list[str]) -> None:
        self.next: dict[tuple[str, str], list[str]] = {}
        for text in texts:
            for paragraph in text.split("\n\n")[1:]:  # the first is the title
                words = ["", ""]
                for word in paragraph.split():
                    words.append(word)
                    if _SENTENCE_END.search(word):
                        self._learn(words)
                        words = ["", ""]

    def _learn(self, words: list[str]) -> None:
        words = [*words, "\n"]
        for a, b, c in zip(words, words[1:], words[2:], strict=False):
            self.next.setdefault((a, b), []).append(c)

    def sentence(self, rng: random.Random, limit: int = 60) -> list[str]:
        """One sentence of at most ``limit`` words."""
        a, b, out = "", "", list[str]()
        while len(out) < limit:
            c = rng.choice(self.next[(a, b)])
            if c == "\n":
                break
            out.append(c)
            a, b = b, c
        return out


def synthetic_articles(count: int, seed: int = 13) -> Iterator[tuple[str, str, date]]:
    """``count`` articles (source, text, published) of about 400 words each."""
    chain = Markov(corpus_texts())
    rng = random.Random(seed)
    for k in range(count):
        paragraphs, words = [], 0
        while words < ARTICLE_WORDS:
            sentences = [" ".join(chain.sentence(rng)) for _ in range(rng.randint(3, 5))]
            paragraph = " ".join(s for s in sentences if s)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        title = " ".join(chain.sentence(rng, limit=10)).rstrip(".")
        yield (
            f"synthetic-{k:06d}.txt",
            f"{title}\n\n" + "\n\n".join(paragraphs),
            date(2025, 1, 1) + timedelta(days=k % 365),
        )


def synthetic_store(path: Path, count: int) -> int:
    """A SQLite store at ``path`` holding ``count`` synthetic articles; their words."""
    from zopa.ingest import RawArticle, prepare
    from zopa.store import add_document, open_store

    store = open_store(f"sqlite:///{path}")
    words = 0
    try:
        with store.write() as session:
            for source, text, published in synthetic_articles(count):
                document, _ = prepare(
                    RawArticle(source=source, text=text, published=published.isoformat())
                )
                document = document.model_copy(update={"language": "en"})
                add_document(session, document)
                words += len(document.text.split())
    finally:
        store.close()
    return words


# --- measuring commands -----------------------------------------------------------------


def _tree(root: int) -> dict[int, tuple[int, float]]:
    """(resident bytes, CPU seconds) of ``root`` and every process under it (Linux /proc)."""
    parents: dict[int, int] = {}
    usage: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            cpu = (int(fields[11]) + int(fields[12])) / tick
            usage[int(entry.name)] = (int(fields[21]) * 4096, cpu)
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in usage:
            found[pid] = usage[pid]
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return found


def timed(command: list[str]) -> dict[str, Any]:
    """Run ``command``; its wall seconds, peak memory of its process tree, exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    cpu: dict[int, float] = {}  # each process's last CPU seconds seen
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            tree = _tree(process.pid)
            peak = max(peak, sum(rss for rss, _ in tree.values()))
            cpu.update({pid: seconds for pid, (_, seconds) in tree.items()})
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[3:6])} failed: {err.decode()[-2000:]}")
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak / 1024**2),
        "driver_cpu_seconds": round(cpu.get(process.pid, 0.0), 1),
        "other_cpu_seconds": round(sum(cpu.values()) - cpu.get(process.pid, 0.0), 1),
        "stdout": out.decode(),
    }


def zopa(url: str, *args: str) -> list[str]:
    """The command line of ``zopa --db URL ARGS`` in this interpreter."""
    return [sys.executable, "-m", "zopa", "--db", url, *args]


def _rows(path: Path, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


# --- sections ---------------------------------------------------------------------------


def extraction(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """``zopa extract --workers N`` against ``--ray local --workers N`` on synthetic articles."""
    base = tmp / "synthetic.db"
    words = synthetic_store(base, args.articles)
    figures: dict[str, Any] = {"articles": args.articles, "words": words, "runs": {}}
    paths: dict[str, Path] = {}
    for name, extra in (
        (f"workers={args.workers}", []),
        (f"ray local, {args.workers} workers", ["--ray", "local"]),
    ):
        path = shutil.copyfile(base, tmp / f"{len(paths)}.db")
        paths[name] = path
        run = timed(zopa(f"sqlite:///{path}", "extract", "--workers", str(args.workers), *extra))
        del run["stdout"]
        run["words_per_second"] = round(words / run["seconds"])
        figures["runs"][name] = run
    first, second = (_rows(Path(p), EVIDENCE) for p in paths.values())
    figures["identical"] = first == second
    figures["evidence_rows"] = {t: len(rows) for t, rows in first.items()}
    figures["per_document"] = read_and_write(base, tmp)
    return figures


def read_and_write(base: Path, tmp: Path, count: int = 40) -> dict[str, float]:
    """One process: milliseconds per document of reading (the pipeline) and of storing."""
    from zopa.extract import build_pipeline, extract_documents
    from zopa.store import Document, open_store

    path = shutil.copyfile(base, tmp / "split.db")
    store = open_store(f"sqlite:///{path}")
    try:
        with store.write() as session:
            session.query(Document).filter(Document.id > count).delete()
        with store.session() as session:
            texts = [d.text for d in session.query(Document).order_by(Document.id)]
        nlp = build_pipeline()
        list(nlp.pipe(texts[:2]))  # first-call costs
        started, cpu = time.perf_counter(), time.process_time()
        docs = list(nlp.pipe(texts, batch_size=8))
        read = (time.perf_counter() - started, time.process_time() - cpu)
        sent = sum(len(doc.to_bytes(exclude=["tensor"])) for doc in docs) / len(docs)
        started, cpu = time.perf_counter(), time.process_time()
        extract_documents(store, nlp)
        both = (time.perf_counter() - started, time.process_time() - cpu)
    finally:
        store.close()
    per = 1000 / len(texts)
    return {
        "documents": len(texts),
        "read_ms": round(read[0] * per, 1),
        "write_ms": round(max(0.0, both[0] - read[0]) * per, 1),
        "read_cpu_ms": round(read[1] * per, 1),
        "write_cpu_ms": round(max(0.0, both[1] - read[1]) * per, 1),
        "doc_kb": round(sent / 1024, 1),
    }


def backtest(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """The shipped scenario's backtest, local against ``--ray local``."""
    base = tmp / "corpus.db"
    url = f"sqlite:///{base}"
    for command in (zopa(url, "ingest", str(CORPUS)), zopa(url, "extract")):
        subprocess.run(command, check=True, capture_output=True)
    figures: dict[str, Any] = {"step": args.step, "runs": args.runs, "commands": {}}
    outputs: list[dict[str, Any]] = []
    for name, extra in (("local", []), ("ray local", ["--ray", "local"])):
        path = shutil.copyfile(base, tmp / f"backtest-{len(outputs)}.db")
        command = zopa(
            f"sqlite:///{path}",
            "backtest",
            str(SCENARIO),
            "--from",
            "2019-07-01",
            "--to",
            "2025-12-31",
            "--step",
            args.step,
            "--runs",
            str(args.runs),
            "--json",
            *extra,
        )
        run = timed(command)
        data = json.loads(run.pop("stdout"))
        outputs.append(data)
        run["dates"] = len(data["dates"])
        figures["commands"][name] = run
    figures["identical"] = outputs[0] == outputs[1]
    return figures


SECTIONS: dict[str, Callable[[argparse.Namespace, Path], dict[str, Any]]] = {
    "extraction": extraction,
    "backtest": backtest,
}


def main() -> None:
    """Parse the options, run the sections asked for, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", action="append", choices=sorted(SECTIONS), default=None)
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--step", default="7d", help="backtest step")
    parser.add_argument("--runs", type=int, default=2000, help="backtest draws")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    for name in args.only or list(SECTIONS):
        with tempfile.TemporaryDirectory() as folder:
            figures[name] = SECTIONS[name](args, Path(folder))
        if not args.json:
            print(f"## {name}")
            print(json.dumps(figures[name], indent=2))
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()

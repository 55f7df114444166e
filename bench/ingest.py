"""Ingestion throughput: synthetic articles into SQLite (and PostgreSQL when a URL is given).

Usage::

    .venv/bin/python bench/ingest.py [--articles N] [--postgres-url URL]

Prints documents/second and MB/second per backend. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from zopa.ingest import ingest_paths
from zopa.store import open_store
from zopa.store.testing import throwaway_postgres

# Domain words mixed with English function words at roughly their share in news prose.
_WORDS = (
    "delegation ceasefire talks Kremlin Kyiv envoy sanctions prisoners exchange territory "
    "guarantees memorandum Istanbul meeting deadline tariffs analysts probability round "
    "negotiators proposal agreement statement spokesman minister summit "
    "the the the of of and and to to in a a said that for on with was by it"
).split()


def make_corpus(folder: Path, count: int, size: int, seed: int = 7) -> int:
    """Write ``count`` articles of about ``size`` bytes; return the total bytes written."""
    rng = random.Random(seed)
    total = 0
    for i in range(count):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < size:
            words.append(rng.choice(_WORDS))
        text = f"Report {i}\n\nISTANBUL, May 16, 2025 — " + " ".join(words).capitalize() + "."
        path = folder / f"{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        total += path.stat().st_size
    return total


def run(url: str, corpus: Path, total_bytes: int, count: int) -> tuple[float, float]:
    """Ingest ``corpus`` into ``url``; return (documents/second, MB/second)."""
    store = open_store(url)
    started = time.perf_counter()
    report = ingest_paths(store, [corpus], max_file_bytes=10 * 1024 * 1024)
    elapsed = time.perf_counter() - started
    store.close()
    assert report.count("ingested") == count, report.count("failed")
    return count / elapsed, total_bytes / elapsed / 1e6


def main() -> None:
    """Parse arguments, build the corpus, measure each backend."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--size", type=int, default=2048, help="bytes per article")
    parser.add_argument(
        "--postgres-url",
        default=None,
        help="a PostgreSQL database to use (default: a throwaway server)",
    )
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        total = make_corpus(folder, args.articles, args.size)
        report("sqlite", run(f"sqlite:///{Path(tmp) / 'bench.db'}", folder, total, args.articles))
        if args.postgres_url:
            report("postgresql", run(args.postgres_url, folder, total, args.articles))
        elif not args.no_postgres:
            with throwaway_postgres() as server:
                report("postgresql", run(server.create_database(), folder, total, args.articles))


def report(backend: str, figures: tuple[float, float]) -> None:
    """Print one backend's figures."""
    docs, mb = figures
    print(f"{backend:<11} {docs:8.0f} documents/s  {mb:6.2f} MB/s")


if __name__ == "__main__":
    main()

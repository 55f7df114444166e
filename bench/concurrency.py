"""Concurrent writers: several ``zopa ingest`` processes and a ``zopa extract`` on one store.

Usage::

    .venv/bin/python bench/concurrency.py [--ingesters 3] [--articles 1000] [--no-postgres]

The trial of zopa issue 8: each ingester gets ``--articles`` articles, the first
fifth of them shared by all (the same text must be stored once), while an
extractor writes the evidence of documents stored before. Prints, per backend,
the processes' exit codes, the documents stored against those expected, the
duplicates and losses, how long the ingesters and the extractor were committing
at the same time, and the wall time. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from zopa.store.testing import throwaway_postgres
from zopa.store.trial import TrialResult, run_trial


def report(backend: str, result: TrialResult) -> None:
    """Print one backend's figures."""
    print(
        f"{backend:<11} {result.ingesters} x {result.articles} articles + 1 extractor: "
        f"exit codes {list(result.exit_codes)}, stored {result.stored} of {result.expected}, "
        f"duplicates {result.duplicates}, lost {result.missing}, "
        f"extracted {result.extracted}, writers overlapping {result.overlap_seconds:.1f} s, "
        f"{result.seconds:.1f} s"
    )
    for error in result.errors:
        print(f"{'':<11} {error}")


def main() -> None:
    """Parse arguments, run the trial on each backend."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ingesters", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1000, help="per ingester")
    parser.add_argument("--seeds", type=int, default=300, help="documents for the extractor")
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    args = parser.parse_args()
    options = {
        "ingesters": args.ingesters,
        "articles": args.articles,
        "shared": args.articles // 5,
        "seeds": args.seeds,
    }
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sqlite").mkdir()
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        report("sqlite", run_trial(url, Path(tmp) / "sqlite", **options))
        if not args.no_postgres:
            (Path(tmp) / "postgresql").mkdir()
            with throwaway_postgres() as server:
                url = server.create_database()
                report("postgresql", run_trial(url, Path(tmp) / "postgresql", **options))


if __name__ == "__main__":
    main()

"""Figures at volume (issue 13): ingest and evidence listings on PostgreSQL and SQLite.

Usage::

    PYTHONPATH=src .venv/bin/python bench/scale.py [--only SECTION] [--json]
        [--articles N] [--rows N] [--postgres-url URL]

Sections (one function each; ``--only`` runs one):

- ``ingest``: ``--articles`` synthetic articles (about 400 words each, made from the
  example corpus by ``bench/synthetic.py``) ingested by one ``ingest_paths`` into a
  fresh store on each backend (documents/second); then two ``zopa ingest`` processes at
  once on overlapping halves of them (60% each, 20% shared) into another fresh store:
  documents/second over the wall time, and whether every text is stored exactly once.
- ``listings``: a store of ``--rows`` evidence rows (bulk-generated, not extracted:
  mentions, events, quotes, claims, estimates over documents of about 300 words, with
  realistic spreads of actors, types, issues and dates), then the p95 latency of one
  page (50 items) of each main filter of the listings and the API, on each backend.

PostgreSQL is a throwaway server (fsync off) unless ``--postgres-url`` names one.
Defaults are small; the issue's sizes are ``--articles 100000 --rows 1000000``.
Not part of the test suite: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from synthetic import articles, write_corpus
from zopa.evidence import EvidenceFilter, actor_mentions, list_items
from zopa.ingest import content_hash, ingest_paths
from zopa.store import Document, DocumentFilter, Store, list_documents, open_store
from zopa.store.testing import throwaway_postgres

Figures = dict[str, Any]
PAGE = 50


@contextmanager
def _backends(postgres_url: str | None) -> Iterator[Callable[[str, str], str]]:
    """A function giving a fresh database URL per (backend, name)."""
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="zopa-scale-")))
        server = None if postgres_url else stack.enter_context(throwaway_postgres())

        def fresh(backend: str, name: str = "scale") -> str:
            if backend == "sqlite":
                return f"sqlite:///{tmp / f'{name}.db'}"
            if postgres_url:
                return postgres_url
            assert server is not None
            return server.create_database()

        yield fresh


# --- ingest -------------------------------------------------------------------------------


def _stored_once(url: str, expected: int) -> dict[str, int]:
    """How many documents a store holds, distinct texts among them, and texts missing."""
    store = open_store(url)
    with store.session() as session:
        stored = session.scalar(select(func.count()).select_from(Document)) or 0
        distinct = session.scalar(select(func.count(func.distinct(Document.sha256)))) or 0
    store.close()
    return {"stored": stored, "duplicates": stored - distinct, "missing": expected - distinct}


def _two_ingesters(url: str, parts: list[Path]) -> tuple[float, list[int], list[str]]:
    """Run two ``zopa ingest`` processes at once on overlapping 60% shares of ``parts``."""
    cut_a, cut_b = round(len(parts) * 0.6), round(len(parts) * 0.4)
    shares = [parts[:cut_a], parts[cut_b:]]
    open_store(url).close()  # migrated before the clock starts
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "zopa", "--db", url, "ingest", *map(str, share)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for share in shares
    ]
    errors = [process.communicate()[1] for process in processes]
    seconds = time.perf_counter() - started
    codes = [process.returncode for process in processes]
    return seconds, codes, [e.strip()[-300:] for e, c in zip(errors, codes, strict=True) if c]


def ingest(args: argparse.Namespace) -> Figures:
    """Documents/second of one ingester and of two at once, per backend."""
    figures: Figures = {"articles": args.articles}
    with tempfile.TemporaryDirectory(prefix="zopa-scale-corpus-") as tmp:
        corpus = Path(tmp)
        size = write_corpus(corpus, args.articles)
        figures["megabytes"] = round(size / 1e6, 1)
        parts = sorted(p for p in corpus.iterdir() if p.is_dir())
        with _backends(args.postgres_url) as fresh:
            for backend in ("postgresql", "sqlite"):
                url = fresh(backend, "one")
                store = open_store(url)
                started = time.perf_counter()
                report = ingest_paths(store, [corpus], max_file_bytes=10 * 1024 * 1024)
                seconds = time.perf_counter() - started
                store.close()
                one = {
                    "seconds": round(seconds, 2),
                    "docs_per_s": round(args.articles / seconds),
                    "ingested": report.count("ingested"),
                    "failed": report.count("failed"),
                }
                if args.postgres_url:
                    figures[backend] = {"one_ingester": one}
                    continue  # one given database: no second fresh store for the pair
                url = fresh(backend, "two")
                seconds, codes, errors = _two_ingesters(url, parts)
                figures[backend] = {
                    "one_ingester": one,
                    "two_ingesters": {
                        "seconds": round(seconds, 2),
                        "docs_per_s": round(args.articles / seconds),
                        "exit_codes": codes,
                        "errors": errors,
                        **_stored_once(url, args.articles),
                    },
                }
    return figures


# --- listings -----------------------------------------------------------------------------

_KINDS = {"mentions": 0.4, "events": 0.2, "quotes": 0.15, "claims": 0.15, "estimates": 0.1}
_ROWS_PER_DOCUMENT = 50
_ACTORS = 400
_EVENT_TYPES = ("CONSULT", "AGREE", "DEMAND", "THREATEN", "REJECT", "AID", "COERCE", "ASSAULT")
_STATUSES = ("happened", "planned", "refused", "hypothetical")
_ISSUES = tuple(f"issue_{i}" for i in range(40))
_STANCES = ("demand", "position", "offer", "goal", "accept", "reject", "condition", "red_line")
_OUTLETS = tuple(f"Outlet {i}" for i in range(30))
_FIRST_DAY = date(2015, 1, 1)
_DAYS = 365 * 10


def _zipf(rng: random.Random, n: int) -> int:
    """An index in ``range(n)``, small ones far more likely (names and issues in the news)."""
    return min(n - 1, int(rng.paretovariate(1.1)) - 1)


def _bulk_rows(rows: int, seed: int = 13) -> dict[str, list[tuple[Any, ...]]]:
    """Documents, actors and ``rows`` evidence rows as tuples in column order."""
    rng = random.Random(seed)
    bodies = [a.text for a in articles(200, seed=seed)]
    documents = max(1, rows // _ROWS_PER_DOCUMENT)
    now = datetime.now(UTC)
    tables: dict[str, list[tuple[Any, ...]]] = {
        name: [] for name in ("documents", "actors", *_KINDS)
    }
    for i in range(_ACTORS):
        kind = ("state", "person", "organisation", "group")[i % 4]
        tables["actors"].append(
            (i + 1, f"actor-{i}", f"Actor Name {i}", kind, None, None, None, None, True)
        )
    texts: list[str] = []
    for d in range(documents):
        body = f"{bodies[d % len(bodies)]}\n\nSerial {d}."
        texts.append(body)
        published = None if d % 50 == 0 else _FIRST_DAY + timedelta(days=d * _DAYS // documents)
        language = "en" if d % 40 else "uk"
        tables["documents"].append(
            (d + 1, content_hash(body), f"feed/{d:07d}.md", _OUTLETS[_zipf(rng, len(_OUTLETS))],
             f"Report {d}", None, published, "metadata" if published else "none", language, body,
             len(body.split()), now)
        )  # fmt: skip
    ids = dict.fromkeys(_KINDS, 0)
    for kind, share in _KINDS.items():
        for _ in range(round(rows * share)):
            ids[kind] += 1
            d = rng.randrange(documents)
            start = rng.randrange(max(1, len(texts[d]) - 200))
            span = (
                ids[kind],
                d + 1,
                start,
                start + 20,
                texts[d][start : start + 20],
                start,
                start + 150,
                "bench=1",
            )
            actor = _zipf(rng, _ACTORS) + 1
            if kind == "mentions":
                extra: tuple[Any, ...] = (actor, None)
            elif kind == "events":
                published = tables["documents"][d][6] or _FIRST_DAY
                own = published - timedelta(days=rng.randrange(30)) if rng.random() < 0.6 else None
                target = _zipf(rng, _ACTORS) + 1
                precision = "day" if own else None
                extra = (_EVENT_TYPES[_zipf(rng, 8)], None, None, actor, target,
                         own, precision, None, None, rng.choice(_STATUSES))  # fmt: skip
            elif kind == "quotes":
                extra = (rng.choice(("direct", "indirect")), actor, None, None, None, None)
            elif kind == "claims":
                extra = (
                    actor,
                    _ISSUES[_zipf(rng, len(_ISSUES))],
                    _STANCES[_zipf(rng, 8)],
                    None,
                    "own",
                )
            else:
                extra = (actor, None, "likely", 0.7, 0.6, 0.8, None)
            tables[kind].append(span + extra)
    return tables


_COLUMNS = {
    "documents": "id, sha256, source, outlet, title, url, published_at, date_source, language, "
    "text, word_count, ingested_at",
    "actors": "id, key, name, kind, country, sector, role, affiliation, resolved",
    "mentions": "actor_id, unsure",
    "events": "type, mode, cameo, source_actor_id, target_actor_id, date, date_precision, "
    "date_text, place, status",
    "quotes": "kind, speaker_actor_id, speaker_text, speaker_start, speaker_end, cue",
    "claims": "actor_id, issue, stance, salience_cue, attribution",
    "estimates": "holder_actor_id, holder_text, phrase, probability, low, high, about",
}
_SPAN = 'id, document_id, start, "end", text, sentence_start, sentence_end, extractor, '


def _load(store: Store, tables: dict[str, list[tuple[Any, ...]]]) -> None:
    """Write the rows with the driver's bulk path: COPY on PostgreSQL, executemany on SQLite."""
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        postgres = store.engine.dialect.name == "postgresql"
        for table, rows in tables.items():
            columns = (
                _COLUMNS[table] if table in ("documents", "actors") else _SPAN + _COLUMNS[table]
            )
            if postgres:
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(rows[0]))
                cursor.execute("BEGIN")
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
                cursor.execute("COMMIT")
        if postgres:
            for table in tables:
                last = f"(SELECT max(id) FROM {table})"
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})")
            raw.commit()
        cursor.close()
    finally:
        raw.close()
    with store.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


def _queries(store: Store, rng: random.Random) -> dict[str, Callable[[], object]]:
    """One page of each main filter, its parameter drawn anew at each call."""

    def actor() -> str:
        return f"actor-{_zipf(rng, _ACTORS)}"

    def window() -> tuple[date, date]:
        first = _FIRST_DAY + timedelta(days=rng.randrange(_DAYS - 60))
        return first, first + timedelta(days=30)

    def document() -> int:
        return rng.randrange(1, 1 + max(1, len_documents))

    with store.session() as session:
        len_documents = session.scalar(select(func.max(Document.id))) or 1

    def items(kind: str, **filters: Any) -> Callable[[], object]:
        by_date = bool(filters.pop("by_date", False))

        def run() -> object:
            values = {k: v() if callable(v) else v for k, v in filters.items()}
            if "window" in values:
                first, last = values.pop("window")
                values.update({"dated_from" if by_date else "published_from": first})
                values.update({"dated_to" if by_date else "published_to": last})
            return list_items(store, kind, EvidenceFilter(**values), limit=PAGE, by_date=by_date)

        return run

    def documents(**filters: Any) -> Callable[[], object]:
        def run() -> object:
            values = {k: v() if callable(v) else v for k, v in filters.items()}
            if "window" in values:
                values["published_from"], values["published_to"] = values.pop("window")
            return list_documents(store, DocumentFilter(**values), limit=PAGE)

        return run

    return {
        "events": items("events"),
        "events by type": items("events", type=lambda: rng.choice(_EVENT_TYPES)),
        "events by actor": items("events", actor=actor),
        "events by event date": items("events", window=window, by_date=True),
        "events by document": items("events", document_id=document),
        "events by published date": items("events", window=window),
        "quotes by actor": items("quotes", actor=actor),
        "quotes by kind": items("quotes", type=lambda: rng.choice(("direct", "indirect"))),
        "claims by issue": items("claims", issue=lambda: rng.choice(_ISSUES)),
        "claims by actor": items("claims", actor=actor),
        "claims by stance": items("claims", type=lambda: rng.choice(_STANCES)),
        "estimates by document": items("estimates", document_id=document),
        "mentions of an actor": lambda: actor_mentions(store, actor(), limit=PAGE),
        "documents": documents(),
        "documents by outlet": documents(outlet=lambda: rng.choice(_OUTLETS)),
        "documents by language": documents(language=lambda: rng.choice(("en", "uk"))),
        "documents by published date": documents(window=window),
    }


def _p95(run: Callable[[], object], repeat: int) -> dict[str, float]:
    run()  # warm the caches once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 1),
    }


def listings(args: argparse.Namespace) -> Figures:
    """p95 latency of one page of each main filter on a store of ``--rows`` evidence rows."""
    started = time.perf_counter()
    tables = _bulk_rows(args.rows)
    figures: Figures = {
        "rows": args.rows,
        "documents": len(tables["documents"]),
        "generate_s": round(time.perf_counter() - started, 1),
    }
    with _backends(args.postgres_url) as fresh:
        for backend in ("postgresql", "sqlite"):
            store = open_store(fresh(backend, "listings"))
            started = time.perf_counter()
            _load(store, tables)
            found: Figures = {"load_s": round(time.perf_counter() - started, 1)}
            for name, run in _queries(store, random.Random(7)).items():
                found[name] = _p95(run, args.repeat)
            found["worst_p95_ms"] = max(v["p95_ms"] for v in found.values() if isinstance(v, dict))
            figures[backend] = found
            store.close()
    return figures


SECTIONS: dict[str, Callable[[argparse.Namespace], Figures]] = {
    "ingest": ingest,
    "listings": listings,
}


def main() -> None:
    """Run the sections asked for and print their figures (a table, or JSON)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--only", choices=sorted(SECTIONS), help="run this section only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--articles", type=int, default=2000, help="articles to ingest (issue: 100000)"
    )
    parser.add_argument("--rows", type=int, default=100_000, help="evidence rows (issue: 1000000)")
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per listing filter")
    parser.add_argument(
        "--postgres-url", help="an empty PostgreSQL database (default: a throwaway server)"
    )
    args = parser.parse_args()
    figures = {}
    for name, section in SECTIONS.items():
        if args.only in (None, name):
            figures[name] = section(args)
            if not args.json:
                print(f"== {name}\n{json.dumps(figures[name], indent=2)}", flush=True)
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

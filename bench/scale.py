"""Figures past one machine: extraction and the backtest, local processes against Ray.

Usage::

    .venv/bin/python bench/scale.py [--json] [--only SECTION ...] [--articles N]
                                    [--workers 2] [--step 7d] [--runs 2000]
                                    [--ingest-articles N] [--ingest-workers N]
                                    [--rows N] [--repeat N]
                                    [--postgres-url URL]

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
    and words per second once the first document is stored (when the store's count
    of extracted documents, read every 0.2 s, first moves: the start set apart), peak
    memory (the sum of the resident sets of the command and every process
    under it, sampled every 0.2 s: the driver, the workers and, for Ray, its own
    daemons; also each kind's own peak, ``peak_rss_mb_by_kind``: the driver, the
    workers, Ray's actors and daemons), the CPU seconds of the command's own process
    (the driver: plan, texts out, documents back, every write) and of the processes under it (also
    summed by kind: workers, Ray's actors, ``raylet``, ``gcs_server``, agents), and
    whether the two stores' evidence rows are identical, ids included. Then, in
    this process, one worker's reading and the driver's writing per document
    (wall clock and CPU), timed apart on the first 40 articles, and the size of
    what a worker sends back per document (the cost model of ``docs/cluster.md``).
``ingest``
    ``--ingest-articles`` synthetic articles (default 2,000; the issue's figure is
    100,000) written as Markdown files with their date in the front matter, ingested
    by one ``zopa ingest`` command (``--workers`` as ``--ingest-workers`` says, zopa's
    default otherwise) into a fresh store on each backend: documents per second over
    the command's wall time (start-up included), its peak memory and CPU seconds
    (the command, its worker processes and, on PostgreSQL, the server), their sum per
    document (``cpu_ms_per_doc``: on a shared machine the steadier figure; C cores
    ingest at most C / that many documents a second), and whether every text is
    stored once;
    then two ``zopa ingest`` processes at once on overlapping 60% shares of them (20%
    ingested by both) into another fresh store: documents per second over the wall
    time (start-up included), their exit codes, and whether every text is stored exactly
    once (no duplicate, none missing).
``listings``
    A store of ``--rows`` evidence rows (default 100,000; the issue's figure is
    1,000,000), bulk-generated, not extracted (COPY on PostgreSQL, executemany on
    SQLite): mentions, events, quotes, claims, estimates over documents of about 400
    words, actors, types, issues and outlets spread as names are in the news (a few
    very often), then analysed; the p50 and p95 latency of one page (50 items) of each
    main filter of the listings and the API (``--repeat`` runs each, parameters drawn
    anew), on each backend.
``backtest``
    The shipped scenario's weekly backtest (as ``bench/backtest.py``) on the
    example corpus, ``zopa backtest`` against ``zopa backtest --ray local``, timed;
    and whether their JSON is identical.

PostgreSQL is a throwaway server (fsync off) unless ``--postgres-url`` names an
empty database (then the ingest section runs one ingester only). The machine should
be otherwise idle; the figures in ``docs/cluster.md`` say when
it was not. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import text as sql

from zopa.evidence import EvidenceFilter, actor_mentions, list_items
from zopa.ingest import content_hash
from zopa.store import Document, DocumentFilter, Store, list_documents, open_store
from zopa.store.testing import throwaway_postgres

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "examples" / "corpus"
SCENARIO = REPO / "examples" / "scenarios" / "russia-ukraine-2025.yaml"
EVIDENCE = ("actors", "mentions", "events", "quotes", "claims", "estimates")
ARTICLE_WORDS = 400
SAMPLE_SECONDS = 0.2
PAGE = 50
Figures = dict[str, Any]

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


def _kind(pid: int) -> str:
    """What a process is, from its command line: a Ray process's title (``raylet``,
    ``ray::IDLE``, ``ray::ExtractionActor...``) or the program it runs."""
    with contextlib.suppress(OSError):
        words = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        program = next((w for w in words if w.endswith(".py")), words[0])
        if words[0].startswith("ray::"):
            program = words[0].split(" ")[0].split(".")[0]
        elif "-m" in words[:2] and len(words) > words.index("-m") + 1:
            program = "-m " + words[words.index("-m") + 1]
        return Path(program).name if "/" in program else program
    return "?"


def _by_kind(cpu: dict[int, float], names: dict[int, str], root: int) -> dict[str, float]:
    """CPU seconds of the processes under ``root``, summed by kind, most first."""
    kinds: dict[str, float] = {}
    for pid, seconds in cpu.items():
        if pid != root:
            kind = names.get(pid, "?")
            kinds[kind] = kinds.get(kind, 0.0) + seconds
    return {k: round(v, 1) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 0.1}


def timed(command: list[str], progress: Callable[[], int] | None = None) -> dict[str, Any]:
    """Run ``command``; its wall seconds, peak memory of its process tree, exit code.

    With ``progress`` (how many items the command has finished so far, read in this
    process), also when the first item was done and how many were done by then
    (``first_item_s``, ``items_at_first``): the command's start, told apart from its pace.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    peaks: dict[str, int] = {}  # each kind's peak resident bytes (its processes summed)
    cpu: dict[int, float] = {}  # each process's last CPU seconds seen
    names: dict[int, str] = {}  # each process's kind (its command line, shortened)
    first: dict[str, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            tree = _tree(process.pid)
            peak = max(peak, sum(rss for rss, _ in tree.values()))
            cpu.update({pid: seconds for pid, (_, seconds) in tree.items()})
            names.update({pid: _kind(pid) for pid in tree.keys() - names.keys()})
            now: dict[str, int] = {}
            for pid, (rss, _) in tree.items():
                kind = "driver" if pid == process.pid else names.get(pid, "?")
                now[kind] = now.get(kind, 0) + rss
            peaks.update({k: max(v, peaks.get(k, 0)) for k, v in now.items()})
            if progress is not None and not first and (count := progress()) > 0:
                first.update(first_item_s=round(time.perf_counter() - started, 2))
                first.update(items_at_first=count)
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
        "other_cpu_by_kind": _by_kind(cpu, names, process.pid),
        "peak_rss_mb_by_kind": {
            k: round(v / 1024**2) for k, v in sorted(peaks.items(), key=lambda kv: -kv[1])
        },
        **first,
        "stdout": out.decode(),
    }


def zopa(url: str, *args: str) -> list[str]:
    """The command line of ``zopa --db URL ARGS`` in this interpreter."""
    return [sys.executable, "-m", "zopa", "--db", url, *args]


def _extracted(path: Path) -> int:
    """Documents extracted so far in the SQLite store at ``path`` (0 while it is locked)."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=0.05)) as db:
            return int(db.execute("SELECT count(*) FROM document_extractions").fetchone()[0])
    except sqlite3.Error:
        return 0


def _rows(path: Path, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


# --- sections ---------------------------------------------------------------------------


@contextmanager
def _backends(postgres_url: str | None, tmp: Path) -> Iterator[Callable[[str, str], str]]:
    """A function giving a fresh database URL per (backend, name): SQLite files in ``tmp``,
    databases on a throwaway PostgreSQL server (or the one ``--postgres-url`` names)."""
    with ExitStack() as stack:
        server = None if postgres_url else stack.enter_context(throwaway_postgres())

        def fresh(backend: str, name: str) -> str:
            if backend == "sqlite":
                return f"sqlite:///{tmp / f'{name}.db'}"
            if postgres_url:
                return postgres_url
            assert server is not None
            return server.create_database()

        yield fresh


# --- ingest -------------------------------------------------------------------------------


def _server_cpu(url: str) -> float | None:
    """CPU seconds the PostgreSQL server of ``url`` has used so far, its ended backends
    included (reaped by the postmaster, counted in its children's time); None on SQLite.
    A server on this machine only (``/proc``)."""
    if not url.startswith("postgresql"):
        return None
    store = open_store(url)
    with store.session() as session:  # the backend's parent read while the backend lives
        backend = session.scalar(sql("SELECT pg_backend_pid()"))
        fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
    store.close()
    postmaster = int(fields[1])
    fields = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    reaped = (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    return reaped + sum(cpu for _rss, cpu in _tree(postmaster).values())


def _stored_once(url: str, expected: int) -> dict[str, int]:
    """How many documents a store holds, distinct texts among them, and texts missing."""
    store = open_store(url)
    with store.session() as session:
        stored = session.scalar(select(func.count()).select_from(Document)) or 0
        distinct = session.scalar(select(func.count(func.distinct(Document.sha256)))) or 0
    store.close()
    return {"stored": stored, "duplicates": stored - distinct, "missing": expected - distinct}


def _ingest_command(url: str, paths: list[Path], workers: int | None) -> list[str]:
    """``zopa ingest PATHS`` on ``url``, with ``--workers`` when given."""
    extra = [] if workers is None else ["--workers", str(workers)]
    return zopa(url, "ingest", *map(str, paths), *extra)


def _two_ingesters(
    url: str, parts: list[Path], workers: int | None
) -> tuple[float, list[int], list[str]]:
    """Run two ``zopa ingest`` processes at once on overlapping 60% shares of ``parts``."""
    cut_a, cut_b = round(len(parts) * 0.6), round(len(parts) * 0.4)
    shares = [parts[:cut_a], parts[cut_b:]]
    open_store(url).close()  # migrated before the clock starts
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            _ingest_command(url, share, workers),
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


def write_corpus(folder: Path, count: int) -> int:
    """``count`` synthetic articles as Markdown files with their date in the front matter,
    in subfolders of 1,000 under ``folder``; the bytes written."""
    total = 0
    for k, (source, text, published) in enumerate(synthetic_articles(count)):
        sub = folder / f"{k // 1000:04d}"
        sub.mkdir(exist_ok=True)
        data = f"---\npublished: {published.isoformat()}\n---\n\n{text}\n".encode()
        (sub / source).with_suffix(".md").write_bytes(data)
        total += len(data)
    return total


def ingest(args: argparse.Namespace, tmp: Path) -> Figures:
    """Documents/second of one ingester and of two at once, per backend."""
    count = args.ingest_articles
    figures: Figures = {"articles": count}
    corpus = tmp / "corpus"
    corpus.mkdir()
    figures["megabytes"] = round(write_corpus(corpus, count) / 1e6, 1)
    parts = sorted(p for p in corpus.iterdir() if p.is_dir())
    with _backends(args.postgres_url, tmp) as fresh:
        for backend in ("postgresql", "sqlite"):
            url = fresh(backend, "one")
            open_store(url).close()  # migrated before the clock starts
            server = _server_cpu(url)
            run = timed(_ingest_command(url, [corpus], args.ingest_workers))
            del run["stdout"]
            cpu = run["driver_cpu_seconds"] + run["other_cpu_seconds"]
            if server is not None:
                run["server_cpu_seconds"] = round((_server_cpu(url) or 0.0) - server, 1)
                cpu += run["server_cpu_seconds"]
            # What the machine's cores could do at best: documents per CPU-second of all of it.
            run["cpu_ms_per_doc"] = round(1000 * cpu / count, 3)
            run["docs_per_s_per_core"] = round(count / cpu) if cpu else None
            one = {**run, "docs_per_s": round(count / run["seconds"]), **_stored_once(url, count)}
            if args.postgres_url and backend == "postgresql":
                figures[backend] = {"one_ingester": one}
                continue  # one given database: no second fresh store for the pair
            url = fresh(backend, "two")
            seconds, codes, errors = _two_ingesters(url, parts, args.ingest_workers)
            figures[backend] = {
                "one_ingester": one,
                "two_ingesters": {
                    "seconds": round(seconds, 2),
                    "docs_per_s": round(count / seconds),
                    "exit_codes": codes,
                    "errors": errors,
                    **_stored_once(url, count),
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
    bodies = [text for _source, text, _published in synthetic_articles(200, seed)]
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
        connection.execute(sql("ANALYZE"))
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


def listings(args: argparse.Namespace, tmp: Path) -> Figures:
    """p95 latency of one page of each main filter on a store of ``--rows`` evidence rows."""
    started = time.perf_counter()
    tables = _bulk_rows(args.rows)
    figures: Figures = {
        "rows": args.rows,
        "documents": len(tables["documents"]),
        "generate_s": round(time.perf_counter() - started, 1),
    }
    with _backends(args.postgres_url, tmp) as fresh:
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
        command = zopa(f"sqlite:///{path}", "extract", "--workers", str(args.workers), *extra)
        run = timed(command, progress=functools.partial(_extracted, path))
        del run["stdout"]
        run["words_per_second"] = round(words / run["seconds"])
        if "first_item_s" in run:  # the pace once documents come: start-up set apart
            left = 1 - run["items_at_first"] / args.articles
            run["words_per_second_after_first"] = round(
                words * left / max(1e-9, run["seconds"] - run["first_item_s"])
            )
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
    "ingest": ingest,
    "extraction": extraction,
    "listings": listings,
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
    parser.add_argument(
        "--ingest-articles", type=int, default=2000, help="articles to ingest (issue: 100000)"
    )
    parser.add_argument(
        "--ingest-workers",
        type=int,
        help="zopa ingest --workers (default: zopa's own default)",
    )
    parser.add_argument("--rows", type=int, default=100_000, help="evidence rows (issue: 1000000)")
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per listing filter")
    parser.add_argument(
        "--postgres-url", help="an empty PostgreSQL database (default: a throwaway)"
    )
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

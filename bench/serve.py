"""Load on ``zopa serve``: N readers and one writer against a store of 100,000+ evidence rows.

Usage::

    .venv/bin/python bench/serve.py [--readers 4] [--seconds 20] [--rows 100000]
                                    [--only api|page] [--skip NAME] [--postgres] [--json]
                                    [--reuse DIR]

Builds a store: the example corpus ingested and extracted, the shipped scenario
stored with its forecasts (the demo store; ``zopa report`` of the shipped
scenario is timed on it), then the corpus's documents copied (with all their
mentions, events, quotes, claims and estimates) until the store holds at least
``--rows`` evidence rows (the report is timed again). With ``--reuse DIR`` the SQLite
store is built once into DIR and copied from there on later runs (for A/B runs of the
load alone: the report times printed are those of the first run).
Then runs the real server (``zopa serve``, uvicorn) in a subprocess on loopback
and, for ``--seconds``, ``--readers`` threads read the main API list endpoints
and pages in turn (``--only``: those whose name starts so; ``--skip``: not that
one) while one thread uploads articles through the write endpoint; a request
still running when the time is up is waited for and counted.
Prints requests per second, p50 and p95 latency and errors per endpoint, the
writes made and whether every one of them is in the store. The readers, the
writer and the server share this machine's cores: the CPU seconds each used during the
load (the server's per request too: the figure to compare on a busy machine) and the
machine's load average are printed (Linux), and each p95 against the issue's target.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx2
import numpy as np
from sqlalchemy import func, insert, select

from zopa.extract import build_pipeline, extract_documents
from zopa.forecast import run_forecasts, store_run
from zopa.ingest import ingest_paths
from zopa.scenario import load_for_models, save_scenario
from zopa.store import (
    Claim,
    Document,
    DocumentExtraction,
    Estimate,
    Event,
    Mention,
    Quote,
    Store,
    open_store,
)
from zopa.store.testing import throwaway_postgres

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "examples" / "corpus"
SCENARIO_FILE = REPO / "examples" / "scenarios" / "russia-ukraine-2025.yaml"
SCENARIO = "russia-ukraine-2025"
EVIDENCE = (Mention, Event, Quote, Claim, Estimate)
MAX_FILE_BYTES = 10 * 1024 * 1024
SEED = 2025


def build_demo(url: str) -> None:
    """Fill the empty store at ``url`` as the demo does: the example corpus ingested and
    extracted, the shipped scenario stored with its forecasts as of its date."""
    store = open_store(url)
    try:
        ingest_paths(store, [CORPUS], max_file_bytes=MAX_FILE_BYTES)
        extract_documents(store, build_pipeline())
        save_scenario(store, None, SCENARIO_FILE.read_text(encoding="utf-8"))
        scenario = load_for_models(SCENARIO_FILE, allow_placeholders=False)
        as_of = scenario.as_of or date.today()
        store_run(store, run_forecasts(scenario, as_of=as_of, store=store, runs=200, seed=SEED))
    finally:
        store.close()


def grow(url: str, rows: int) -> dict[str, int]:
    """Copy the documents of the store at ``url`` up to ``rows`` evidence rows; its counts."""
    store = open_store(url)
    try:
        copy_documents(store, rows)
        return counts(store)
    finally:
        store.close()


def counts(store: Store) -> dict[str, int]:
    """The number of documents and of evidence rows in ``store``."""
    with store.session() as session:
        documents = session.scalar(select(func.count()).select_from(Document)) or 0
        evidence = sum(
            session.scalar(select(func.count()).select_from(model)) or 0 for model in EVIDENCE
        )
    return {"documents": documents, "evidence_rows": evidence}


def _columns(row: Any, skip: set[str]) -> dict[str, Any]:
    """The mapped column values of ORM object ``row`` except those named in ``skip``."""
    return {
        column.key: getattr(row, column.key)
        for column in row.__table__.columns
        if column.key not in skip
    }


def copy_documents(store: Store, rows: int) -> None:
    """Copy every document with its evidence until the store holds at least ``rows`` of it.

    A copy differs from its original in its content hash and source only; its
    evidence rows are the original's, pointing at the copy.
    """
    with store.session() as session:
        documents = [_columns(d, {"id"}) | {"_id": d.id} for d in session.scalars(select(Document))]
        extracted = {
            e.document_id: _columns(e, set()) for e in session.scalars(select(DocumentExtraction))
        }
        evidence = {
            model: [_columns(row, {"id"}) for row in session.scalars(select(model))]
            for model in EVIDENCE
        }
    per_copy = sum(len(found) for found in evidence.values())
    copies = max(0, math.ceil((rows - per_copy) / per_copy)) if per_copy else 0
    for copy in range(1, copies + 1):
        with store.write() as session:
            made = session.execute(
                insert(Document).returning(Document.id, sort_by_parameter_order=True),
                [
                    {k: v for k, v in doc.items() if k != "_id"}
                    | {
                        "sha256": f"{doc['sha256'][:56]}{copy:08d}",
                        "source": f"copy {copy} of {doc['source']}",
                    }
                    for doc in documents
                ],
            )
            new_id = {doc["_id"]: row.id for doc, row in zip(documents, made, strict=True)}
            marks = [
                extracted[old] | {"document_id": new}
                for old, new in new_id.items()
                if old in extracted
            ]
            if marks:
                session.execute(insert(DocumentExtraction), marks)
            for model, found in evidence.items():
                if found:
                    session.execute(
                        insert(model),
                        [row | {"document_id": new_id[row["document_id"]]} for row in found],
                    )


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def zopa(url: str, *args: str, **options: Any) -> subprocess.Popen[bytes]:
    """Start ``zopa --db URL ARGS`` in a subprocess with this interpreter and these sources."""
    return subprocess.Popen([sys.executable, "-m", "zopa", "--db", url, *args], **options)


@contextmanager
def served(url: str) -> Iterator[tuple[str, int]]:
    """``zopa serve`` on a free loopback port over ``url`` until the block ends; its base URL
    and process id."""
    port = free_port()
    server = zopa(url, "serve", "--port", str(port), stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx2.get(f"{base}/openapi.json", timeout=5).raise_for_status()
                break
            except httpx2.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("zopa serve did not start; run it by hand") from None
                time.sleep(0.2)
        yield base, server.pid
    finally:
        server.terminate()
        try:
            server.wait(60)  # a loaded machine may take long to close the connections
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) process ``pid`` has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_report(url: str, out: Path) -> float:
    """Seconds ``zopa report`` takes to write the shipped scenario's report over ``url``."""
    start = time.perf_counter()
    done = zopa(url, "report", str(SCENARIO_FILE), "-o", str(out), stdout=subprocess.DEVNULL)
    if done.wait() != 0:
        raise RuntimeError(f"zopa report failed with exit code {done.returncode}")
    return time.perf_counter() - start


def targets(base: str) -> dict[str, str]:
    """The endpoints and pages read, by name: the main API lists and every page."""
    with httpx2.Client(base_url=base, timeout=30) as client:
        documents = client.get("/api/v1/documents").json()
        questions = client.get(f"/api/v1/scenarios/{SCENARIO}/questions").json()["questions"]
    first, question = documents["items"][0]["id"], questions[0]["id"]
    found = {
        "api documents": "/api/v1/documents",
        "api documents search": "/api/v1/documents?q=ceasefire",
        "api actors": "/api/v1/actors",
        "api events": "/api/v1/events",
        "api quotes": "/api/v1/quotes",
        "api claims": "/api/v1/claims",
        "api estimates": "/api/v1/estimates",
        "api forecasts": f"/api/v1/scenarios/{SCENARIO}/forecasts",
        "api question": f"/api/v1/scenarios/{SCENARIO}/questions/{question}",
        "page overview": "/",
        "page timeline": "/timeline",
        "page map": f"/map?scenario={SCENARIO}",
        "page quotes": "/quotes",
        "page article": f"/documents/{first}",
        "page scenario": f"/scenarios/{SCENARIO}",
        "page question": f"/questions/{question}?scenario={SCENARIO}",
    }
    if documents.get("next_url"):
        found["api documents page 2"] = documents["next_url"]
    return found


@dataclass
class Timings:
    """Latencies (seconds) and error descriptions per endpoint name, shared by the threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, error: str | None) -> None:
        """Record one request."""
        with self.lock:
            self.latencies[name].append(seconds)
            if error is not None:
                self.errors[name].append(error)


def _request(
    client: httpx2.Client, method: str, path: str, **options: Any
) -> tuple[float, str | None, httpx2.Response | None]:
    """One request: (seconds, an error description or None, the response)."""
    start = time.perf_counter()
    try:
        response = client.request(method, path, **options)
    except httpx2.HTTPError as exc:
        return time.perf_counter() - start, f"{type(exc).__name__}: {exc}", None
    seconds = time.perf_counter() - start
    error = None if response.is_success else f"HTTP {response.status_code}: {response.text[:200]}"
    return seconds, error, response


def reader(
    base: str, paths: list[tuple[str, str]], offset: int, stop: float, timings: Timings
) -> None:
    """Read ``paths`` in turn, starting at ``offset``, until ``stop`` (monotonic)."""
    with httpx2.Client(base_url=base, timeout=30) as client:
        turn = offset
        while time.monotonic() < stop:
            name, path = paths[turn % len(paths)]
            seconds, error, _ = _request(client, "GET", path)
            timings.add(name, seconds, error)
            turn += 1


def write(client: httpx2.Client, number: int, timings: Timings, written: list[int]) -> None:
    """Upload article ``number`` (new text each time); its id goes in ``written`` when stored."""
    body = (
        f"Negotiators met for round {number} of the bench talks in Geneva on Monday. "
        "Russia and Ukraine agreed to exchange prisoners, officials said.\n"
    )
    files = {"file": (f"bench-{number}.txt", body.encode(), "text/plain")}
    seconds, error, response = _request(client, "POST", "/api/v1/documents", files=files)
    timings.add("write ingest", seconds, error)
    if response is not None and response.is_success:
        outcomes = response.json()["outcomes"]
        written.extend(o["document_id"] for o in outcomes if o["status"] == "ingested")


def writer(base: str, stop: float, timings: Timings, written: list[int]) -> None:
    """Upload one new article at a time until ``stop``; the stored ones' ids go in ``written``."""
    with httpx2.Client(base_url=base, timeout=30) as client:
        number = 0
        while time.monotonic() < stop:
            number += 1
            write(client, number, timings, written)


def warm_up(base: str, paths: list[tuple[str, str]], written: list[int]) -> None:
    """Read every path and write once, untimed: the server loads what it loads once
    (the language detector, the solved scenario) before the clock starts."""
    with httpx2.Client(base_url=base, timeout=120) as client:
        for _, path in paths:
            response = client.get(path)
            if not response.is_success:
                raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:500]}")
        write(client, 0, Timings(), written)


def load(
    base: str, server: int, readers: int, seconds: float, only: str, skip: list[str]
) -> tuple[Timings, list[int], float, dict[str, float]]:
    """Run the readers (of the targets whose name starts with ``only`` and is not in
    ``skip``) and the writer for ``seconds``: timings, ids written, wall time, and the CPU
    seconds the server (process ``server``) and this load generator used meanwhile."""
    paths = sorted(
        (name, path)
        for name, path in targets(base).items()
        if name.startswith(only) and name not in skip
    )
    timings, written = Timings(), list[int]()
    warm_up(base, paths, written)
    start = time.monotonic()
    stop = start + seconds
    threads = [
        threading.Thread(
            target=reader, args=(base, paths, n * len(paths) // readers, stop, timings)
        )
        for n in range(readers)
    ]
    threads.append(threading.Thread(target=writer, args=(base, stop, timings, written)))
    served_before, ours_before = cpu_seconds(server), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    served_cpu = cpu_seconds(server) - served_before
    answered = sum(len(found) for found in timings.latencies.values())
    cpu = {
        "server": round(served_cpu, 1),
        "load_generator": round(time.process_time() - ours_before, 1),
        "server_ms_per_request": round(served_cpu / max(answered, 1) * 1000, 2),
    }
    return timings, written, time.monotonic() - start, cpu


def lost_writes(url: str, written: list[int]) -> int:
    """How many of the documents the writer was told were stored are not in the store."""
    store = open_store(url, upgrade=False)
    try:
        with store.session() as session:
            found = set(session.scalars(select(Document.id).where(Document.id.in_(written))))
    finally:
        store.close()
    return len(set(written) - found)


TARGET_P95_MS = {"api": 50.0, "page": 200.0}
"""The issue's targets (2 cores): p95 of an API list page, of an HTML page; ``zopa report``
of the shipped scenario in :data:`TARGET_REPORT_SECONDS`."""
TARGET_REPORT_SECONDS = 5.0


def summary(timings: Timings, wall: float) -> list[dict[str, Any]]:
    """One row per endpoint: requests, requests per second, p50 and p95 in ms, errors, and
    the p95 target of its kind (none for the writes)."""
    rows = []
    for name in sorted(timings.latencies):
        ms = np.array(timings.latencies[name]) * 1000
        p95 = round(float(np.percentile(ms, 95)), 1)
        target = TARGET_P95_MS.get(name.split()[0])
        rows.append(
            {
                "endpoint": name,
                "requests": len(ms),
                "per_second": round(len(ms) / wall, 1),
                "p50_ms": round(float(np.percentile(ms, 50)), 1),
                "p95_ms": p95,
                "errors": len(timings.errors.get(name, [])),
                "target_p95_ms": target,
                "meets_target": None if target is None else p95 < target,
            }
        )
    return rows


def build(url: str, folder: Path, rows: int) -> dict[str, Any]:
    """Build the store at ``url`` and time the report on it before and after it grows."""
    build_demo(url)
    demo_report = time_report(url, folder / "demo-report")
    start = time.perf_counter()
    built = grow(url, rows)
    build_seconds = time.perf_counter() - start
    return {
        "store": built | {"copy_seconds": round(build_seconds, 1)},
        "demo_report_seconds": round(demo_report, 2),
        "report_seconds": round(time_report(url, folder / "report"), 2),
    }


def reused(path: Path, folder: Path, rows: int) -> dict[str, Any]:
    """A copy, at ``path``, of the SQLite store kept in ``folder`` (built there first if
    missing); its figures as :func:`build` gave them."""
    kept, figures = folder / "bench.db", folder / "bench.json"
    if not kept.is_file() or not figures.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        built = build(f"sqlite:///{kept}", folder, rows)
        figures.write_text(json.dumps(built), encoding="utf-8")
    shutil.copyfile(kept, path)
    return dict(json.loads(figures.read_text(encoding="utf-8")))


def run(
    url: str, folder: Path, args: argparse.Namespace, built: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Build the store at ``url`` (unless ``built`` gives its figures), time the report,
    load the server; every figure."""
    built = built or build(url, folder, args.rows)
    before = os.getloadavg()[0]
    with served(url) as (base, server):
        timings, written, wall, cpu = load(
            base, server, args.readers, args.seconds, args.only, args.skip
        )
    average = {"before": round(before, 2), "after": round(os.getloadavg()[0], 2)}
    errors = {name: found[:3] for name, found in timings.errors.items()}
    return built | {
        "report_meets_target": built["demo_report_seconds"] < TARGET_REPORT_SECONDS,
        "load_average": average,
        "readers": args.readers,
        "seconds": round(wall, 1),
        "cpu_seconds": cpu,
        "endpoints": summary(timings, wall),
        "writes": len(written),
        "lost_writes": lost_writes(url, written),
        "error_samples": errors,
    }


def render(backend: str, figures: dict[str, Any]) -> None:
    """Print one backend's figures as a table."""
    store = figures["store"]
    print(
        f"{backend}: {store['documents']} documents, {store['evidence_rows']} evidence rows "
        f"(copied in {store['copy_seconds']} s); zopa report of {SCENARIO}: "
        f"{figures['demo_report_seconds']} s on the demo store (target "
        f"{TARGET_REPORT_SECONDS:g} s), {figures['report_seconds']} s on this one"
    )
    cpu = figures["cpu_seconds"]
    print(
        f"{figures['readers']} readers + 1 writer for {figures['seconds']} s; CPU used "
        f"meanwhile: server {cpu['server']} s ({cpu['server_ms_per_request']} ms a request), "
        f"load generator {cpu['load_generator']} s (this machine: {os.cpu_count()} cores, shared)"
    )
    load = figures["load_average"]
    print(f"load average (1 min) before the load {load['before']}, after {load['after']}")
    print(
        f"{'endpoint':<24} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'target':>7} {'errors':>6}"
    )
    for row in figures["endpoints"]:
        target = "" if row["target_p95_ms"] is None else f"<{row['target_p95_ms']:g}"
        mark = {True: " ok", False: " MISSED", None: ""}[row["meets_target"]]
        print(
            f"{row['endpoint']:<24} {row['requests']:>8} {row['per_second']:>7} "
            f"{row['p50_ms']:>8} {row['p95_ms']:>8} {target:>7} {row['errors']:>6}{mark}"
        )
    print(f"writes {figures['writes']}, lost {figures['lost_writes']}")
    for name, samples in figures["error_samples"].items():
        for sample in samples:
            print(f"  {name}: {sample}")


def main() -> None:
    """Parse arguments, measure on SQLite (and PostgreSQL with ``--postgres``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=4, help="concurrent reader threads")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the load lasts")
    parser.add_argument("--rows", type=int, default=100_000, help="evidence rows in the store")
    parser.add_argument(
        "--only", default="", help="read only the targets whose name starts so ('api', 'page')"
    )
    parser.add_argument(
        "--skip", action="append", default=[], help="a target not to read ('api actors')"
    )
    parser.add_argument("--postgres", action="store_true", help="also measure on PostgreSQL")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--reuse", type=Path, help="keep the SQLite store built in this folder and reuse it"
    )
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sqlite").mkdir()
        database = folder / "bench.db"
        kept = reused(database, args.reuse, args.rows) if args.reuse else None
        results["sqlite"] = run(f"sqlite:///{database}", folder / "sqlite", args, kept)
        if args.postgres:
            (folder / "postgresql").mkdir()
            with throwaway_postgres() as server:
                results["postgresql"] = run(server.create_database(), folder / "postgresql", args)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for backend, figures in results.items():
            render(backend, figures)


if __name__ == "__main__":
    main()

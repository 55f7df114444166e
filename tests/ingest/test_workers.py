"""``zopa ingest --workers N``: files prepared in worker processes store exactly what one
process stores, ids included; a worker that dies stops the run cleanly, and the workers
never outlive the command."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.process_tree import descendants, kill_and_expect_no_survivors, wait_for_descendants
from zopa.ingest import content_hash, ingest_paths
from zopa.ingest._preparers import CHUNK_FILES
from zopa.store import Document, open_store
from zopa.store.testing import PostgresServer

LIMIT = 10 * 1024 * 1024
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Linux only (forkserver, /proc)"
)


def _body(key: str, sentences: int = 6) -> str:
    return " ".join(
        f"Delegates in Geneva said the clause {key}-{j} of the draft was still open."
        for j in range(sentences)
    )


def _mixed_corpus(folder: Path, files: int) -> None:
    """``files`` files of every kind an ingest meets: front matter, JSONL records, texts
    stored twice (one with another layout), files and records that fail, warnings."""
    folder.mkdir()
    for i in range(files):
        name = folder / f"{i:05d}"
        if i % 7 == 0:  # the text of file i - 1, laid out differently: a duplicate
            name.with_suffix(".txt").write_text(f"Report {i - 1}\n\n\n  {_body(str(i - 1))}\n")
        elif i % 11 == 0:  # a malformed front matter: a failed file
            name.with_suffix(".md").write_text(f"---\ntitle: [open\n---\n\n{_body(str(i))}\n")
        elif i % 13 == 0:  # three records, one of them not JSON
            first = {"text": _body(f"{i}a"), "title": f"Wire {i}", "url": f"https://x.test/{i}"}
            last = {"text": _body(f"{i}b"), "published": "2025-05-16", "outlet": "W" * 300}
            records = [json.dumps(first), "{not json", json.dumps(last)]
            name.with_suffix(".jsonl").write_text("\n".join(records) + "\n")
        elif i % 17 == 0:
            name.with_suffix(".txt").write_text("")  # empty: a failed file
        elif i % 2:  # a dated article with its metadata
            front = f"title: Talks {i}\noutlet: Outlet {i % 5}\npublished: 2025-03-{1 + i % 28:02d}"
            name.with_suffix(".md").write_text(
                f"---\n{front}\n---\n\nGENEVA, March 3, 2025 — {_body(str(i))}\n"
            )
        else:  # undated: a warning
            name.with_suffix(".txt").write_text(f"Report {i}\n\n{_body(str(i))}\n")


def _stored(url: str) -> list[tuple[Any, ...]]:
    """Every document row but its ingest time, by id."""
    store = open_store(url)
    columns = [c for c in Document.__table__.columns if c.name != "ingested_at"]
    with store.session() as session:
        rows = [tuple(row) for row in session.execute(select(*columns).order_by(Document.id))]
    store.close()
    return rows


def _second_url(store_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'workers.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@linux_only
@pytest.mark.slow
def test_workers_store_what_one_process_stores(
    store_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    corpus = tmp_path / "corpus"
    _mixed_corpus(corpus, 20 * CHUNK_FILES)
    reports, workers_seen = [], 0
    # Children another test of this process left running are not this ingest's workers.
    before = {child.pid for child in multiprocessing.active_children()}
    for url, workers in ((store_url, 1), (_second_url(store_url, tmp_path, request), 2)):
        store = open_store(url)

        def file_done(_path: Path) -> None:
            nonlocal workers_seen
            ours = [c for c in multiprocessing.active_children() if c.pid not in before]
            workers_seen = max(workers_seen, len(ours))

        reports.append(
            ingest_paths(
                store, [corpus], max_file_bytes=LIMIT, workers=workers, on_file_done=file_done
            )
        )
        store.close()
    serial, parallel = reports
    assert workers_seen == 2
    assert {o.status for o in serial.outcomes} == {"ingested", "duplicate", "failed"}
    assert any(o.warnings for o in serial.outcomes)
    assert parallel.outcomes == serial.outcomes
    assert _stored(store_url) == _stored(url)


def _documents(url: str) -> tuple[int, int]:
    """(documents stored, distinct texts among them); each text checked whole."""
    store = open_store(url)
    with store.session() as session:
        for doc in session.scalars(select(Document)):
            assert doc.sha256 == content_hash(doc.text), f"document {doc.id} is not whole"
        count = session.scalar(select(func.count()).select_from(Document)) or 0
        distinct = session.scalar(select(func.count(func.distinct(Document.sha256)))) or 0
    store.close()
    return count, distinct


def _plain_corpus(folder: Path, files: int) -> None:
    folder.mkdir()
    for i in range(files):
        (folder / f"{i:05d}.txt").write_text(f"Report {i}\n\n{_body(str(i))}\n")


@linux_only
@pytest.mark.slow
def test_a_killed_worker_stops_the_run_and_a_rerun_completes_it(tmp_path: Path) -> None:
    files = 40 * CHUNK_FILES
    corpus = tmp_path / "corpus"
    _plain_corpus(corpus, files)
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    open_store(url).close()
    command = [sys.executable, "-m", "zopa", "--db", url, "ingest", str(corpus), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        victim = min(wait_for_descendants(process, 2, 120))
        os.kill(victim, signal.SIGKILL)
        _out, err = process.communicate(timeout=300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    assert process.returncode == 1, err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "a worker process died" in errors[0], err
    assert "run the command again" in errors[0]
    stored, distinct = _documents(url)
    assert stored == distinct < files
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert _documents(url) == (files, files)


@linux_only
def test_the_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _plain_corpus(corpus, 40 * CHUNK_FILES)
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    open_store(url).close()
    command = [sys.executable, "-m", "zopa", "--db", url, "ingest", str(corpus), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_descendants(process, 2, 120)
    kill_and_expect_no_survivors(process, descendants(process.pid), 10)


def _open_files(pid: int) -> set[str]:
    """What the process's descriptors point to: paths, and ``socket:[INODE]`` for sockets."""
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            found.add(os.readlink(fd))
    return found


def _store_sockets(port: int) -> set[str]:
    """``socket:[INODE]`` of the TCP connections to ``port`` on this machine (/proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[2].rsplit(":", 1)[1], 16) == port:
                found.add(f"socket:[{fields[9]}]")
    return found


@linux_only
def test_the_workers_hold_no_connection_to_the_store(store_url: str, tmp_path: Path) -> None:
    # A killed ingest's transaction and its lock last as long as a copy of its connection.
    corpus = tmp_path / "corpus"
    _plain_corpus(corpus, 40 * CHUNK_FILES)
    open_store(store_url).close()
    command = [sys.executable, "-m", "zopa", "--db", store_url, "ingest", str(corpus)]
    process = subprocess.Popen(
        [*command, "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        workers = sorted(wait_for_descendants(process, 2, 120))
        deadline = time.monotonic() + 60
        while _documents(store_url)[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)  # the parent has its connection
        process.send_signal(signal.SIGSTOP)  # as it is, while it is looked at
        held = set().union(*(_open_files(pid) for pid in workers))
        if store_url.startswith("sqlite"):
            assert not {f for f in held if f.startswith(str(tmp_path / "zopa.db"))}
        else:
            port = int(store_url.rsplit(":", 1)[1].split("/", 1)[0])
            assert _store_sockets(port) & _open_files(process.pid), "the parent's connection"
            assert not _store_sockets(port) & held
    finally:
        process.kill()
        process.wait()

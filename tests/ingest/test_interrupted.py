"""A process killed in the middle of a large ingest leaves the store consistent; its worker
processes hold nothing open (a PostgreSQL transaction, its lock) that a re-run waits for."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from zopa.ingest import content_hash
from zopa.store import Document, open_store

ARTICLES = 1000


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(ARTICLES):
        body = " ".join(f"Negotiators discussed point {i}-{j} at length." for j in range(40))
        (folder / f"{i:04d}.txt").write_text(f"Report {i}\n\n{body}", encoding="utf-8")


def _count(url: str) -> int:
    store = open_store(url)
    with store.session() as session:
        count = session.scalar(select(func.count()).select_from(Document)) or 0
    store.close()
    return count


def test_kill_mid_ingest_then_rerun_completes(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _corpus(corpus)
    open_store(store_url).close()  # migrate first, so the kill lands in ingestion
    command = [
        *(sys.executable, "-m", "zopa", "--db", store_url, "ingest", str(corpus)),
        *("--workers", "2"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _count(store_url) < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = _count(store_url)
    assert 0 < stored < ARTICLES, "the kill should land in the middle of the run"

    store = open_store(store_url)
    with store.session() as session:
        for doc in session.scalars(select(Document)):
            assert doc.sha256 == content_hash(doc.text)
            assert doc.text.startswith("Report ") and doc.text.endswith("at length.")
    store.close()

    rerun = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(store_url) == ARTICLES

"""``zopa extract --workers N``: the worker processes never outlive the command."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zopa.ingest import RawArticle, prepare
from zopa.store import add_document, open_store

DOCUMENTS = 150


def _children(pid: int) -> set[int]:
    """Living processes whose parent is ``pid`` (read from /proc, Linux)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            # Fields after the command name (which may hold spaces): state, parent id, ...
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] not in "ZX":
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in "ZX"


def _store_with_documents(url: str) -> None:
    store = open_store(url)
    sentence = "Kremlin spokesman Dmitry Peskov said Russia would not accept a ceasefire in {}."
    with store.write() as session:
        for i in range(DOCUMENTS):
            text = f"Talks {i}\n\n" + " ".join(sentence.format(f"round {i}-{j}") for j in range(12))
            add_document(session, prepare(RawArticle(source=f"{i}.txt", text=text))[0])
    store.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only (prctl, /proc)")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    _store_with_documents(url)
    command = [sys.executable, "-m", "zopa", "--db", url, "extract", "--workers", "2"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the extraction never started its two workers"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [pid for pid in workers if _alive(pid)]
        assert not survivors, f"workers {survivors} outlived their killed parent"
    finally:
        for pid in [parent.pid, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

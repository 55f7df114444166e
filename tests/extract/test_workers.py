"""``zopa extract --workers N``: the worker processes never outlive the command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.process_tree import kill_and_expect_no_survivors, wait_for_descendants
from zopa.ingest import RawArticle, prepare
from zopa.store import add_document, open_store

DOCUMENTS = 150


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
    workers = wait_for_descendants(parent, 2, 120)
    kill_and_expect_no_survivors(parent, workers, 5)


_FRAGMENTED = """
from pathlib import Path
from zopa.extract._workers import release_free_memory

def resident_mb():
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1024**2

blocks = [bytes(2000) + bytes([k % 256]) for k in range(60_000)]
kept = blocks[::64]  # a few live blocks between the freed ones, as a reader leaves them
del blocks
before = resident_mb()
released = release_free_memory()
print(released, round(before - resident_mb()))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_free_memory_between_live_blocks_goes_back_to_the_system() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _FRAGMENTED], capture_output=True, text=True, check=True
    )
    released, freed_mb = result.stdout.split()
    assert released == "True"
    assert int(freed_mb) > 60  # of the ~115 MB freed, held by glibc until trimmed

"""Several zopa processes on one store: writers wait their turn, nothing is lost or doubled."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.conftest import plain_document
from zopa.errors import StoreError
from zopa.ingest import IngestReport, ingest_paths
from zopa.store import Document, NewDocument, Store, add_document, list_documents, open_store
from zopa.store.trial import run_trial


@pytest.mark.slow
def test_three_ingesters_and_an_extractor_store_every_document_once(
    store_url: str, tmp_path: Path
) -> None:
    # 3 x 100 articles: the old deferred BEGIN lost documents at this size in 3 of 3 runs.
    trial = run_trial(store_url, tmp_path, ingesters=3, articles=100, shared=20, seeds=80)
    assert trial.exit_codes == (0, 0, 0, 0), trial.errors
    assert trial.duplicates == 0, "a text was stored twice"
    assert trial.missing == 0 and trial.stored == trial.expected, "a document was lost"
    assert trial.extracted >= 80


_OPEN_AT = (
    "import sys, time\n"
    "from zopa.store import open_store\n"
    "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
    "open_store(sys.argv[1]).close()\n"
)


def test_processes_opening_a_fresh_store_together_migrate_it_once(store_url: str) -> None:
    start = time.time() + 3  # every process has imported zopa by then; they open together
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AT, store_url, str(start)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-2000:]
    store = open_store(store_url)
    with store.session() as session:
        versions = session.execute(text("SELECT version_num FROM alembic_version")).all()
    store.close()
    assert len(versions) == 1


def _article(key: str) -> str:
    body = " ".join(
        f"Negotiators in Geneva discussed clause {key}-{j} at length." for j in range(8)
    )
    return f"Report {key}\n\n{body}"


def _doc(key: str) -> NewDocument:
    return plain_document(key, _article(key))


def _hold_write_lock(path: Path, seconds: float, locked: threading.Event) -> None:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    locked.set()
    time.sleep(seconds)
    other.execute("COMMIT")
    other.close()


def test_a_writer_waits_for_another_process_lock(tmp_path: Path) -> None:
    path = tmp_path / "zopa.db"
    store = open_store(f"sqlite:///{path}", lock_timeout=20)
    locked = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 1.0, locked))
    holder.start()
    locked.wait()
    with store.write() as session:
        add_document(session, _doc("waited"))
    holder.join()
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
    store.close()


def test_a_lock_held_too_long_is_one_store_error(tmp_path: Path) -> None:
    path = tmp_path / "zopa.db"
    store = open_store(f"sqlite:///{path}", lock_timeout=0.5)
    locked = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 3.0, locked))
    holder.start()
    locked.wait()
    locked_for = r"stayed locked .* for 0\.\d s"
    with pytest.raises(StoreError, match=locked_for) as info, store.write() as session:
        add_document(session, _doc("gave up"))
    holder.join()
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    store.close()


def test_a_read_then_write_sees_the_latest_commit(tmp_path: Path) -> None:
    # The failure behind "database is locked" after 2 s: a deferred transaction read, another
    # process committed, and the upgrade to a write could not wait. Writes now lock up front.
    path = tmp_path / "zopa.db"
    store = open_store(f"sqlite:///{path}")
    other = open_store(f"sqlite:///{path}")
    with store.write() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
        done = threading.Event()

        def commit_elsewhere() -> None:
            with other.write() as theirs:
                add_document(theirs, _doc("theirs"))
            done.set()

        thread = threading.Thread(target=commit_elsewhere)
        thread.start()
        assert not done.wait(0.3), "another writer got in while this one held the write lock"
        add_document(session, _doc("ours"))
    thread.join()
    assert done.is_set()
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 2
    store.close()
    other.close()


def test_two_ingesters_of_one_text_at_once_store_it_once(
    store: Store, tmp_path: Path, first_commit_waits: tuple[threading.Event, threading.Event]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(_article("twice"), encoding="utf-8")
    reports: dict[str, IngestReport] = {}

    def ingest() -> None:
        name = threading.current_thread().name
        reports[name] = ingest_paths(store, [article], max_file_bytes=10**6)

    reached, release = first_commit_waits
    first = threading.Thread(target=ingest, name="first")
    first.start()
    assert reached.wait(30)
    second = threading.Thread(target=ingest, name="second")
    second.start()
    time.sleep(0.5)  # the second now waits on the first's lock or unique index entry
    release.set()
    first.join()
    second.join()
    assert [o.status for o in reports["first"].outcomes] == ["ingested"]
    assert [o.status for o in reports["second"].outcomes] == ["duplicate"]
    assert reports["second"].outcomes[0].document_id == reports["first"].outcomes[0].document_id
    assert len(list_documents(store)) == 1

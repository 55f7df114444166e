"""Readers and a writer at once against a real ``zopa serve``, on SQLite and PostgreSQL:
no error, no lost write."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import yaml

from tests.scenario.conftest import two_sided
from tests.web.live_server import live_server
from zopa.scenario import get_scenario, save_scenario
from zopa.store import list_documents, open_store

READERS = 4
READS_DURING_UPLOAD = 20
WRITES = 12
READ_PATHS = (
    "/api/v1/documents?limit=20",
    "/api/v1/events?limit=50",
    "/api/v1/claims?limit=50",
    "/api/v1/actors?limit=10",
    "/api/v1/scenarios/tiny/questions",
    "/api/v1/scenarios/tiny/forecasts",
)


def _question(i: int) -> dict[str, object]:
    return {
        "id": f"q{i}",
        "text": f"Question {i}?",
        "resolution_date": "2026-01-01",
        "kind": "value",
        "issue": "land",
    }


def _recording(errors: list[str], target: Callable[..., None], *args: object) -> threading.Thread:
    """``target(*args)`` started in a thread whose exception, if any, goes to ``errors``
    (a test failure naming it, not a warning at the end of the run)."""

    def run() -> None:
        try:
            target(*args)
        except Exception as exc:  # every error of a client is the test's
            errors.append(f"{target.__name__}: {exc!r}")

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.slow
def test_readers_and_a_writer_at_once_lose_nothing(store_url: str) -> None:
    store = open_store(store_url)
    save_scenario(store, None, yaml.safe_dump(two_sided()))
    store.close()
    errors: list[str] = []
    reads = [0] * READERS
    done = threading.Event()

    with live_server(store_url) as base:

        def reader(slot: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                while not done.is_set():
                    for path in READ_PATHS:
                        response = client.get(path)
                        if response.status_code != 200:
                            errors.append(f"GET {path}: {response.status_code} {response.text}")
                        reads[slot] += 1

        def writer() -> None:
            # The first upload starts the ingest worker, which loads the language models.
            with httpx.Client(base_url=base, timeout=300) as client:
                for i in range(WRITES):
                    article = (f"note-{i}.txt", f"Note {i}: the talks go on, round {i}.".encode())
                    upload = client.post("/api/v1/documents", files={"file": article})
                    added = client.post("/api/v1/scenarios/tiny/questions", json=_question(i))
                    for response in (upload, added):
                        if response.status_code != 201:
                            errors.append(f"write {i}: {response.status_code} {response.text}")

        threads = [_recording(errors, reader, i) for i in range(READERS)]
        time.sleep(0.5)  # the readers are reading when the writes start
        _recording(errors, writer).join(timeout=600)
        done.set()
        for thread in threads:  # every client is done before the server stops
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)

    assert errors == []
    assert all(count >= len(READ_PATHS) for count in reads), reads
    store = open_store(store_url)
    try:
        texts = {doc.text for doc in list_documents(store)}
        questions = [q.id for q in get_scenario(store, "tiny").load().questions]
    finally:
        store.close()
    assert {f"Note {i}: the talks go on, round {i}." for i in range(WRITES)} <= texts
    assert questions == [f"q{i}" for i in range(WRITES)]


@pytest.mark.slow
def test_readers_are_answered_while_an_upload_loads_the_language_models(tmp_path: Path) -> None:
    # A short text misses the English fast path: its upload loads lingua's models, which
    # hold the GIL for seconds. Ingested in the server's process, that stopped every
    # request (and the event loop) meanwhile: a keep-alive timer due during the stop
    # closed a reader's connection under its next request ("Connection reset by peer").
    errors: list[str] = []
    reads = 0
    with live_server(f"sqlite:///{tmp_path / 'zopa.db'}") as base:

        def upload() -> None:
            response = httpx.post(
                f"{base}/api/v1/documents",
                files={"file": ("short.txt", b"Talks resume in Geneva on Monday.")},
                timeout=300,
            )
            if response.status_code != 201:
                errors.append(f"upload: {response.status_code} {response.text}")

        uploading = _recording(errors, upload)
        with httpx.Client(base_url=base, timeout=300) as client:
            while uploading.is_alive():
                if client.get("/api/v1/documents?limit=1").status_code != 200:
                    errors.append("a read failed")
                reads += 1
        uploading.join()
    assert errors == []
    # The upload takes seconds (a worker process starts, the models load); reads are
    # answered all along instead of a few before the models start loading.
    assert reads >= READS_DURING_UPLOAD, reads

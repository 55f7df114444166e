"""Readers and a writer at once against a real ``zopa serve``, on SQLite and PostgreSQL:
no error, no lost write."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
import yaml

from tests.scenario.conftest import two_sided
from tests.web.live_server import live_server
from zopa.scenario import get_scenario, save_scenario
from zopa.store import list_documents, open_store

READERS = 4
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
            with httpx.Client(base_url=base, timeout=60) as client:
                for i in range(WRITES):
                    article = (f"note-{i}.txt", f"Note {i}: the talks go on, round {i}.".encode())
                    upload = client.post("/api/v1/documents", files={"file": article})
                    added = client.post("/api/v1/scenarios/tiny/questions", json=_question(i))
                    for response in (upload, added):
                        if response.status_code != 201:
                            errors.append(f"write {i}: {response.status_code} {response.text}")

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)  # the readers are reading when the writes start
        writing = threading.Thread(target=writer)
        writing.start()
        writing.join(timeout=300)
        done.set()
        for thread in threads:
            thread.join(timeout=60)

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

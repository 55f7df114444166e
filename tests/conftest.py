"""Shared fixtures: real stores (SQLite file and a throwaway PostgreSQL server), paths."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from zopa.errors import StoreError
from zopa.ingest import content_hash
from zopa.store import NewDocument, Store, open_store
from zopa.store.testing import PostgresServer, throwaway_postgres

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for this test session, or a skip saying why not."""
    try:
        with throwaway_postgres() as server:
            yield server
    except StoreError as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'zopa.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened, migrated store on each backend (sqlite and postgresql)."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """An opened, migrated SQLite store (for tests that need only one backend)."""
    opened = open_store(f"sqlite:///{tmp_path / 'zopa.db'}")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def first_commit_waits() -> Iterator[tuple[threading.Event, threading.Event]]:
    """(reached, release): the thread named ``first`` stops just before committing until released.

    For tests of two writers at once: the second starts while the first holds its locks.
    """
    reached, release = threading.Event(), threading.Event()

    def hold(_session: Session) -> None:
        if threading.current_thread().name == "first":
            reached.set()
            release.wait(20)

    event.listen(Session, "before_commit", hold)
    try:
        yield reached, release
    finally:
        event.remove(Session, "before_commit", hold)


def seeds_or_skip() -> list[Path]:
    """The seed articles in ../shared/seeds, or skip the test when they are absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return sorted(SEEDS.glob("*.txt"))


def plain_document(key: str, body: str) -> NewDocument:
    """An undated English document ``{key}.txt`` with ``body`` as its text, ready to store."""
    return NewDocument(
        sha256=content_hash(body),
        source=f"{key}.txt",
        outlet=None,
        title=None,
        url=None,
        published_at=None,
        date_source="none",
        language="en",
        text=body,
        word_count=len(body.split()),
    )

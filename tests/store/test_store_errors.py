"""A store that cannot be written, is full, is newer than zopa or was altered: one line, the fix."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import event, select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from tests.conftest import plain_document
from zopa import __version__
from zopa.cli import app
from zopa.errors import StoreError
from zopa.ingest import content_hash
from zopa.store import Document, NewDocument, add_document, list_documents, open_store
from zopa.store.testing import PostgresServer

ARTICLE = "Talks resume\n\nDelegations met in Istanbul on Friday to discuss clause {}."


def _one_line(error: pytest.ExceptionInfo[StoreError]) -> str:
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def _make_read_only(path: Path) -> None:
    """Make ``path`` (a file or folder) unwritable, even by root (``chattr +i``), or skip."""
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"chattr +i is not available here: {made.stderr.decode().strip()}")
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)


def _make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def read_only_file(tmp_path: Path) -> Iterator[Path]:
    """A migrated SQLite store file that cannot be written."""
    path = tmp_path / "zopa.db"
    open_store(f"sqlite:///{path}").close()
    _make_read_only(path)
    try:
        yield path
    finally:
        _make_writable(path)


def _document(key: str) -> NewDocument:
    return plain_document(key, " ".join(ARTICLE.format(f"{key}-{j}") for j in range(20)))


def test_a_read_only_store_file_is_one_line(read_only_file: Path) -> None:
    store = open_store(f"sqlite:///{read_only_file}")
    assert list_documents(store) == []  # reading still works
    with pytest.raises(StoreError) as info, store.write() as session:
        add_document(session, _document("a"))
    store.close()
    message = _one_line(info)
    assert str(read_only_file) in message and "read-only" in message and "writable" in message


def test_a_store_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "zopa.db"
    open_store(f"sqlite:///{path}").close()  # closing the last connection removes -wal and -shm
    _make_read_only(folder)
    try:
        with pytest.raises(StoreError) as info:
            open_store(f"sqlite:///{path}")
    finally:
        _make_writable(folder)
    message = _one_line(info)
    assert str(path) in message and "folder is writable" in message


def test_a_read_only_store_to_migrate_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "zopa.db"
    url = f"sqlite:///{path}"
    store = open_store(url)
    with store.write() as session:  # what a store written by the previous zopa looks like
        session.execute(text("DROP TABLE zopa_meta"))
        session.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    store.close()
    _make_read_only(path)
    try:
        command = [sys.executable, "-m", "zopa", "--db", url, "db", "upgrade"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        _make_writable(path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "read-only" in lines[0]


@pytest.mark.postgres
def test_a_read_only_postgres_database_is_one_line(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    open_store(url).close()
    name = make_url(url).database
    admin = postgres_server.url().replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    store = open_store(url)
    with pytest.raises(StoreError) as info, store.write() as session:
        add_document(session, _document("a"))
    store.close()
    message = _one_line(info)
    assert "read-only" in message and name in message


def test_a_full_store_keeps_the_documents_written_before(tmp_path: Path) -> None:
    path = tmp_path / "zopa.db"
    store = open_store(f"sqlite:///{path}")
    with store.session() as session:
        pages = session.scalar(text("PRAGMA page_count")) or 0
    store.engine.dispose()

    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # SQLite's own size limit: writes past it fail with SQLITE_FULL, as on a full disk.
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 30}")

    event.listen(store.engine, "connect", limit)
    written = 0
    with pytest.raises(StoreError) as info:
        for i in range(200):  # one transaction per document, as ingestion writes them
            with store.write() as session:
                add_document(session, _document(str(i)))
            written += 1
    message = _one_line(info)
    assert str(path) in message and "full" in message and "free" in message
    store.close()

    reopened = open_store(f"sqlite:///{path}")
    with reopened.session() as session:
        rows = session.scalars(select(Document)).all()
    reopened.close()
    assert 0 < len(rows) == written < 200
    for row in rows:  # every row written before the disk filled up is whole
        assert row.sha256 == content_hash(row.text) and row.text.endswith(".")


def _set_revision(url: str, revision: str, written_by: str | None) -> None:
    store = open_store(url)
    with store.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
        if written_by is not None:
            session.execute(
                text("UPDATE zopa_meta SET value = :v WHERE key = 'zopa_version'"),
                {"v": written_by},
            )
    store.close()


def test_a_store_from_a_newer_zopa_names_its_version(store_url: str) -> None:
    _set_revision(store_url, "0099", "9.4.0")
    with pytest.raises(StoreError) as info:
        open_store(store_url)
    message = _one_line(info)
    assert "newer" in message and "zopa 9.4.0" in message and "'0099'" in message
    assert __version__ in message and "upgrade zopa" in message


def test_a_newer_store_without_a_recorded_version_is_still_named_newer(store_url: str) -> None:
    store = open_store(store_url)
    with store.write() as session:
        session.execute(text("DELETE FROM zopa_meta"))
    store.close()
    _set_revision(store_url, "0099", None)
    result = CliRunner().invoke(app, ["--db", store_url, "db", "upgrade"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "newer" in result.stderr and "'0099'" in result.stderr


@pytest.mark.parametrize(
    ("alteration", "named"),
    [
        ("ALTER TABLE documents DROP COLUMN title", "table 'documents' has no column 'title'"),
        ("DROP TABLE quotes", "no table 'quotes'"),
    ],
)
def test_an_altered_schema_is_named_when_the_store_opens(
    store_url: str, alteration: str, named: str
) -> None:
    store = open_store(store_url)
    with store.write() as session:
        session.execute(text(alteration))
    store.close()
    with pytest.raises(StoreError) as info:
        open_store(store_url)
    message = _one_line(info)
    assert named in message and "altered" in message

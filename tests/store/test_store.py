"""The store: migrations, atomic writes, document round trips, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from zopa.errors import StoreError
from zopa.store import (
    Base,
    Document,
    DocumentFilter,
    NewDocument,
    Store,
    add_document,
    get_document,
    list_documents,
    open_store,
)


def _doc(sha: str, **overrides: object) -> NewDocument:
    fields: dict[str, object] = {
        "sha256": sha,
        "source": f"{sha}.txt",
        "outlet": "Ledger",
        "title": "Talks",
        "url": None,
        "published_at": date(2025, 5, 16),
        "date_source": "metadata",
        "language": "en",
        "text": "Delegations met in Istanbul.",
        "word_count": 4,
    }
    fields.update(overrides)
    return NewDocument.model_validate(fields)


def test_migrations_create_exactly_the_schema(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspect(store.engine).get_columns(name)}
        assert columns == set(table.columns.keys()), name


def test_upgrade_is_idempotent(store_url: str) -> None:
    first = open_store(store_url)
    first.close()
    again = open_store(store_url)
    again.upgrade()
    again.close()


def test_document_round_trip_and_filters(store: Store) -> None:
    with store.write() as session:
        a = add_document(session, _doc("a" * 64))
        add_document(session, _doc("b" * 64, outlet="Other", language="uk", published_at=None))
    stored = get_document(store, a)
    assert stored.text == "Delegations met in Istanbul."
    assert stored.published_at == date(2025, 5, 16)
    assert [d.sha256[0] for d in list_documents(store)] == ["a", "b"]  # undated last
    assert [d.outlet for d in list_documents(store, DocumentFilter(language="uk"))] == ["Other"]
    window = DocumentFilter(published_from=date(2025, 5, 1), published_to=date(2025, 5, 31))
    assert len(list_documents(store, window)) == 1


def test_the_time_a_document_was_stored_says_it_is_utc(store: Store) -> None:
    # SQLite returned it without a zone, so the API's "date-time" was not RFC 3339.
    with store.write() as session:
        doc_id = add_document(session, _doc("e" * 64))
    record = get_document(store, doc_id)
    assert record.ingested_at.utcoffset() is not None
    assert record.summary()["ingested_at"].endswith("+00:00")


def test_failed_write_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        add_document(session, _doc("c" * 64))
        raise RuntimeError("crash in the middle")
    with store.session() as session:
        assert session.scalars(select(Document)).all() == []


def test_duplicate_hash_is_rejected_by_the_database(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with store.write() as session:
        add_document(session, _doc("d" * 64))
    with pytest.raises(IntegrityError), store.write() as session:
        add_document(session, _doc("d" * 64))
    assert len(list_documents(store)) == 1


def test_unknown_document_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no document with id 42"):
        get_document(store, 42)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "malformed database URL"),
        ("nosuchdriver://x/y", "cannot use database URL"),
        ("sqlite:////no/such/folder/z.db", "no folder"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot open the store"),
    ],
)
def test_bad_urls_are_one_line_store_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        open_store(url)
    assert "\n" not in str(info.value)


def test_sqlite_file_is_created_in_place(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    open_store(f"sqlite:///{path}").close()
    assert path.exists()


def test_the_head_revision_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from zopa.store._migrate import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_opening_a_store_at_its_head_does_not_load_alembic(store_url: str) -> None:
    """Alembic (a fifth of a second of imports) is needed only to migrate; nor does a SQLite
    store load PostgreSQL's dialect (a tenth)."""
    import subprocess
    import sys

    open_store(store_url).close()  # migrated here, first
    probe = (
        "import sys; from zopa.store import open_store; "
        f"open_store({store_url!r}).close(); "
        "print('alembic' in sys.modules, 'sqlalchemy.dialects.postgresql' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    postgresql = store_url.startswith("postgresql")
    assert done.stdout.split() == ["False", str(postgresql)], done.stdout + done.stderr

"""Ingesting in batches: a refused document costs only itself; concurrent ingesters store
every text once (the database's unique index decides)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from zopa.ingest import BATCH_SIZE, ingest_paths
from zopa.store import Document, Store, list_documents, open_store
from zopa.store.testing import PostgresServer

LIMIT = 10 * 1024 * 1024


def _article(key: str) -> str:
    body = " ".join(
        f"Negotiators in Geneva discussed clause {key}-{j} at length." for j in range(8)
    )
    return f"Report {key}\n\n{body}"


def _refuse_title(store: Store, title: str) -> None:
    """A trigger in the database that refuses any document titled ``title``."""
    with store.write() as session:
        if store.engine.dialect.name == "sqlite":
            session.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON documents "
                    f"WHEN NEW.title = '{title}' BEGIN SELECT RAISE(ABORT, 'refused here'); END"
                )
            )
        else:
            session.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    f"IF NEW.title = '{title}' THEN RAISE EXCEPTION 'refused here'; END IF; "
                    "RETURN NEW; END $$"
                )
            )
            session.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON documents "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )


def test_a_document_the_store_refuses_costs_only_itself(store: Store, tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(_article(f"k{i}"), encoding="utf-8")
    _refuse_title(store, "Report k2")
    report = ingest_paths(store, [tmp_path], max_file_bytes=LIMIT)
    assert [o.status for o in report.outcomes] == ["ingested"] * 2 + ["failed"] + ["ingested"] * 2
    message = report.outcomes[2].message or ""
    assert message.startswith(f"{tmp_path / '2.txt'}: the store refused this document")
    assert "refused here" in message and "\n" not in message
    assert sorted(d.title or "" for d in list_documents(store)) == [
        "Report k0",
        "Report k1",
        "Report k3",
        "Report k4",
    ]


def _corpus(folder: Path, keys: list[str]) -> Path:
    folder.mkdir()
    for i, key in enumerate(keys):
        (folder / f"{i:04d}.txt").write_text(_article(key), encoding="utf-8")
    return folder


_START_AT = (
    "import sys, time\n"
    "from zopa.cli import main\n"
    "time.sleep(max(0.0, float(sys.argv[1]) - time.time()))\n"
    "sys.argv = ['zopa', *sys.argv[2:]]\n"
    "main()\n"
)


@pytest.mark.slow
def test_two_ingest_processes_on_overlapping_folders_store_each_text_once(
    store_url: str, tmp_path: Path
) -> None:
    # Three batches each; the shared texts come in another order and under other names in
    # the second folder, so the two processes meet on them in both directions.
    size = 3 * BATCH_SIZE
    shared = [f"shared-{i}" for i in range(size // 2)]
    first = _corpus(tmp_path / "a", shared + [f"a-{i}" for i in range(size - len(shared))])
    second = _corpus(tmp_path / "b", [f"b-{i}" for i in range(size - len(shared))] + shared[::-1])
    open_store(store_url).close()  # migrated before: the two start on the ingest itself
    start_at = [sys.executable, "-c", _START_AT, str(time.time() + 4)]
    processes = [
        subprocess.Popen(
            [*start_at, "--db", store_url, "ingest", str(folder), "--workers", "2"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _out, err in outputs]
    assert not any("error" in err for _out, err in outputs), outputs
    store = open_store(store_url)
    with store.session() as session:
        titles = list(session.scalars(select(Document.title)))
        hashes = session.scalar(select(func.count(func.distinct(Document.sha256))))
    store.close()
    expected = {f"Report {key}" for key in shared}
    expected |= {f"Report {p}-{i}" for p in "ab" for i in range(size - len(shared))}
    assert len(titles) == len(set(titles)) == hashes, "a text was stored twice"
    assert set(titles) == expected, "a text was lost"


@pytest.mark.postgres
def test_postgresql_stores_ingested_texts_compressed_by_lz4(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """LZ4 costs the server less per text than PostgreSQL's default pglz (docs/cluster.md);
    the texts read back unchanged, and a text already stored is still found by its hash."""
    store = open_store(postgres_server.create_database())
    try:
        with store.session() as session:
            offered = session.scalar(
                text(
                    "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                    "WHERE name = 'default_toast_compression'"
                )
            )
        if not offered:
            pytest.skip("this PostgreSQL server is built without LZ4")
        long_text = " ".join(_article(f"z{i}") for i in range(30))  # well past 2 kB: compressed
        (tmp_path / "long.txt").write_text(long_text, encoding="utf-8")
        first = ingest_paths(store, [tmp_path], max_file_bytes=LIMIT)
        again = ingest_paths(store, [tmp_path], max_file_bytes=LIMIT)
        with store.session() as session:
            stored = session.execute(
                text("SELECT pg_column_compression(text), text FROM documents")
            ).all()
    finally:
        store.close()
    assert [o.status for o in first.outcomes + again.outcomes] == ["ingested", "duplicate"]
    assert [(method, body.split()) for method, body in stored] == [("lz4", long_text.split())]

"""A store remembers its extraction settings: plain re-runs keep them, changes count re-reads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from zopa.cli import app
from zopa.extract import (
    ExtractionSettings,
    SettingsFile,
    build_pipeline,
    extract_documents,
    pipeline_for,
    pipeline_version,
    remembered_settings,
)
from zopa.extract._settings import SETTINGS_KEY, remember_settings, text_digest
from zopa.store import DocumentExtraction, Store, ZopaMeta, add_document, open_store

from ..conftest import plain_document

runner = CliRunner()

GAZETTEER = "people:\n  - name: Ilse Varga\n    country: DEU\n    role: envoy\n"
ISSUES = "version: 1\nissues:\n  - id: ports\n    label: Ports\n    terms: [ports, harbour]\n"
FIRST = (
    "Talks on the ports resume\n\n"
    "Ilse Varga said on Monday that Southmark wants guarantees for its ports."
)
SECOND = "Varga returns\n\nThe envoy Ilse Varga met Northvale's negotiators on Friday."


def zopa(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def _ingest(url: str, folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    code, _, err = zopa(url, "ingest", str(path))
    assert code == 0, err


def _actor_keys(url: str, document: int) -> set[str]:
    code, out, err = zopa(url, "actors", "--document", str(document), "--json")
    assert code == 0, err
    return {actor["id"] for actor in json.loads(out)}


def _summary(out: str) -> list[int]:
    """The numbers of the extraction summary row: extracted, up to date, skipped, failed."""
    lines = out.splitlines()
    row = lines[lines.index(next(line for line in lines if "extracted" in line)) + 2]
    return [int(cell) for cell in row.replace("│", " ").split()]


@pytest.mark.slow
def test_a_plain_rerun_keeps_the_gazetteer_and_reads_nothing_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    gazetteer = tmp_path / "people.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    _ingest(url, tmp_path, "first.txt", FIRST)
    code, out, err = zopa(url, "extract", "--gazetteer", str(gazetteer))
    assert code == 0, err
    assert _summary(out)[:2] == [1, 0]
    assert "person:ilse-varga" in _actor_keys(url, 1)

    code, out, err = zopa(url, "extract")
    assert code == 0, err
    line = err.strip()
    assert len(line.splitlines()) == 1
    assert f"people.yaml ({hashlib.sha256(GAZETTEER.encode()).hexdigest()[:8]})" in line
    assert "0 documents to re-read" in line
    assert _summary(out)[:2] == [0, 1]

    _ingest(url, tmp_path, "second.txt", SECOND)  # a later document: the gazetteer still holds
    code, out, err = zopa(url, "extract")
    assert code == 0, err
    assert err.strip().endswith("; 1 new document to read, 0 to re-read")  # not "0 documents"
    assert _summary(out)[:2] == [1, 1]
    assert "person:ilse-varga" in _actor_keys(url, 2)


@pytest.mark.slow
def test_another_issue_file_says_how_many_documents_it_reads_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    _ingest(url, tmp_path, "first.txt", FIRST)
    _ingest(url, tmp_path, "second.txt", SECOND)
    code, _, err = zopa(url, "extract")
    assert code == 0, err
    assert "recorded in the store" in err
    _ingest(url, tmp_path, "third.txt", FIRST.replace("Monday", "Tuesday"))  # new: not re-read
    issues = tmp_path / "ports.yaml"
    issues.write_text(ISSUES, encoding="utf-8")

    code, out, err = zopa(url, "extract", "--issues", str(issues))
    assert code == 0, err
    assert "issues " in err and "ports.yaml (" in err and "instead of shipped" in err
    assert "2 documents will be re-read" in err
    assert _summary(out)[:2] == [3, 0]

    code, out, err = zopa(url, "extract", "--show-settings")
    assert code == 0 and "ports.yaml" in out

    code, out, err = zopa(url, "extract", "--shipped")
    assert code == 0, err
    assert "issues shipped instead of " in err and "3 documents will be re-read" in err


def test_a_bad_file_fails_in_one_line_and_stores_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    _ingest(url, tmp_path, "first.txt", FIRST)
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nissues: [\n", encoding="utf-8")
    code, _, err = zopa(url, "extract", "--issues", str(bad))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "bad.yaml:" in err
    store = open_store(url)
    try:
        assert remembered_settings(store) is None
        with store.session() as session:
            assert session.scalar(select(DocumentExtraction.document_id)) is None
    finally:
        store.close()


def test_the_store_keeps_the_files_and_they_give_the_same_version(
    store: Store, tmp_path: Path
) -> None:
    gazetteer = tmp_path / "people.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    issues = tmp_path / "ports.yaml"
    issues.write_text(ISSUES, encoding="utf-8")
    nlp = build_pipeline([gazetteer], issues_path=issues, components=("zopa_actors",))
    with store.write() as session:
        add_document(session, plain_document("first", FIRST))
    extract_documents(store, nlp)
    gazetteer.unlink()  # the store has its own copy
    issues.unlink()
    remembered = remembered_settings(store)
    assert remembered is not None
    assert [f.name for f in remembered.gazetteers] == [str(gazetteer)]
    assert remembered.issues is not None and remembered.issues.text == ISSUES
    assert remembered.events is None  # shipped
    again = pipeline_for(remembered, components=("zopa_actors",))
    assert pipeline_version(again) == pipeline_version(nlp)
    assert extract_documents(store, again).count("current") == 1


def test_damaged_settings_in_the_store_are_one_clear_error(sqlite_store: Store) -> None:
    from zopa.errors import StoreError

    with sqlite_store.write() as session:
        session.add(ZopaMeta(key=SETTINGS_KEY, value="{not json"))
    with pytest.raises(StoreError, match="--shipped"):
        remembered_settings(sqlite_store)


def test_a_remembered_file_a_newer_zopa_refuses_is_named_with_the_way_out(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    store = open_store(url)
    try:
        text = "people:\n  - name: Ilse Varga\n    country: XXQ\n"  # an unknown country code
        settings = ExtractionSettings(
            gazetteers=(SettingsFile("old.yaml", text, text_digest(text)),)
        )
        remember_settings(store, settings)
    finally:
        store.close()
    code, _, err = zopa(url, "extract")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "old.yaml" in err and "zopa-settings-" not in err and "--shipped" in err

"""``--ray``: extraction, forecasts and backtests on a real local Ray cluster of two workers.

The cluster is started once for this file (``zopa.cluster.ray_cluster("local",
num_cpus=2)``); each run is compared with a run of the same inputs without Ray.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from spacy.language import Language

from tests.conftest import EXAMPLES, plain_document
from zopa.cluster import ray_cluster
from zopa.extract import DocumentOutcome, build_pipeline, extract_documents
from zopa.forecast import backtest, run_forecasts
from zopa.ingest import ingest_paths
from zopa.scenario import load_scenario
from zopa.store import add_document, open_store

pytestmark = [pytest.mark.ray, pytest.mark.slow]

SCENARIO = EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"
CORPUS_FILES = 10
"""The example articles used (the latest ones): enough for several batches per worker."""
EVIDENCE = ("actors", "mentions", "events", "quotes", "claims", "estimates")


@pytest.fixture(scope="module")
def cluster() -> Iterator[ModuleType]:
    """A local Ray cluster of two worker CPUs for this file's tests."""
    with ray_cluster("local", num_cpus=2) as ray:
        yield ray


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the example corpus, ingested, not extracted."""
    path = tmp_path_factory.mktemp("ingested") / "zopa.db"
    store = open_store(f"sqlite:///{path}")
    files = sorted((EXAMPLES / "corpus").iterdir())[-CORPUS_FILES:]
    try:
        ingest_paths(store, files, max_file_bytes=10_000_000)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def reference(ingested: Path, nlp: Language) -> Path:
    """The corpus extracted without Ray."""
    path = _copy(ingested, ingested.parent / "reference.db")
    store = open_store(f"sqlite:///{path}")
    try:
        assert extract_documents(store, nlp).ok
    finally:
        store.close()
    return path


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def _rows(path: Path, tables: tuple[str, ...] = EVIDENCE) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the evidence tables, ids included, in id order."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


def _extracted(path: Path) -> set[int]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {r[0] for r in db.execute("SELECT document_id FROM document_extractions")}


def _title(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _readers() -> list[int]:
    """Living Ray worker processes running zopa's Reader actor, descendants of this one."""
    children: dict[int, list[int]] = {}
    titles: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if fields[0] in "ZX":
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            titles[int(entry.name)] = (entry / "cmdline").read_bytes().decode(errors="replace")
    found, todo = [], [os.getpid()]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            todo.append(child)
            if titles.get(child, "").startswith("ray::Reader"):
                found.append(child)
    return found


def test_extraction_on_ray_stores_what_a_local_run_does(
    cluster: ModuleType, nlp: Language, ingested: Path, reference: Path, tmp_path: Path
) -> None:
    path = _copy(ingested, tmp_path / "ray.db")
    store = open_store(f"sqlite:///{path}")
    try:
        report = extract_documents(store, nlp, ray="local")
        again = extract_documents(store, nlp, ray="local")
    finally:
        store.close()
    assert report.ok and report.count("extracted") == len(_extracted(reference))
    assert _rows(path) == _rows(reference)  # item by item, ids included
    assert again.count("extracted") == 0  # the same incremental plan


def test_a_worker_killed_mid_batch_is_retried(
    cluster: ModuleType, nlp: Language, ingested: Path, reference: Path, tmp_path: Path
) -> None:
    path = _copy(ingested, tmp_path / "ray.db")
    killed: list[int] = []

    def kill_a_reader(_outcome: DocumentOutcome, _total: int) -> None:
        if killed:
            return
        readers = _readers()  # those reading a batch first (Ray titles them Reader.read)
        for pid in sorted(readers, key=lambda p: ".read" not in _title(p)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return

    store = open_store(f"sqlite:///{path}")
    try:
        report = extract_documents(store, nlp, ray="local", batch_size=2, on_progress=kill_a_reader)
    finally:
        store.close()
    assert killed, "no Reader worker was found to kill"
    assert report.ok, [o.message for o in report.outcomes if o.status == "failed"]
    assert _rows(path) == _rows(reference)


def test_a_document_that_fails_on_ray_is_reported_and_the_run_goes_on(
    cluster: ModuleType, tmp_path: Path
) -> None:
    small = build_pipeline(components=("zopa_actors",))
    small.max_length = 400
    store = open_store(f"sqlite:///{tmp_path / 'zopa.db'}")
    texts = ["Peskov met Zelensky in Istanbul.", "Talks went on. " * 40, "Lavrov spoke."]
    try:
        with store.write() as session:
            ids = [
                add_document(session, plain_document(str(k), text)) for k, text in enumerate(texts)
            ]
        report = extract_documents(store, small, ray="local")
    finally:
        store.close()
    status = {o.document_id: o for o in report.outcomes}
    assert [status[i].status for i in ids] == ["extracted", "failed", "extracted"]
    assert (status[ids[1]].message or "").startswith(f"document {ids[1]}:")


def test_a_killed_driver_leaves_whole_documents_and_a_rerun_completes_them(
    cluster: ModuleType, nlp: Language, ingested: Path, reference: Path, tmp_path: Path
) -> None:
    path = _copy(ingested, tmp_path / "ray.db")
    address = cluster.get_runtime_context().gcs_address
    command = [sys.executable, "-m", "zopa", "--db", f"sqlite:///{path}", "extract"]
    driver = subprocess.Popen(
        [*command, "--ray", address, "--batch-size", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and driver.poll() is None:
            with contextlib.suppress(sqlite3.OperationalError):
                if len(_extracted(path)) >= 2:
                    break
            time.sleep(0.05)
        assert driver.poll() is None, driver.communicate()[1]
        os.killpg(driver.pid, signal.SIGKILL)
        driver.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(driver.pid, signal.SIGKILL)
    done = _extracted(path)
    assert 2 <= len(done) < len(_extracted(reference))
    rows = _rows(path)
    for table in EVIDENCE[1:]:  # no evidence of a document not wholly stored
        assert {r[1] for r in rows[table]} <= done, table
    store = open_store(f"sqlite:///{path}")
    try:
        report = extract_documents(store, nlp, ray="local")
    finally:
        store.close()
    assert report.count("current") == len(done) and report.ok
    assert _rows(path) == _rows(reference)  # the rest, once each


def _forecast_rows(path: Path) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        columns = [r[1] for r in db.execute("PRAGMA table_info(forecasts)")]
        kept = ", ".join(c for c in columns if c != "created_at")
        return db.execute(f"SELECT {kept} FROM forecasts ORDER BY id").fetchall()


def test_a_backtest_on_ray_is_the_local_one(
    cluster: ModuleType, reference: Path, tmp_path: Path
) -> None:
    scenario = load_scenario(SCENARIO)
    results, paths = [], []
    for ray in (None, "local"):
        path = _copy(reference, tmp_path / f"{ray}.db")
        store = open_store(f"sqlite:///{path}")
        try:
            run = backtest(
                scenario,
                store=store,
                start=date(2025, 5, 1),
                end=date(2025, 9, 1),
                step_days=40,
                runs=200,
                seed=7,
                ray=ray,
            )
        finally:
            store.close()
        results.append(run.to_dict())
        paths.append(path)
    assert results[0] == results[1]
    assert _forecast_rows(paths[0]) == _forecast_rows(paths[1])
    assert len(results[0]["forecasts"]) > 10


def test_a_forecast_on_ray_is_the_local_one(cluster: ModuleType, reference: Path) -> None:
    scenario = load_scenario(SCENARIO)
    store = open_store(f"sqlite:///{reference}")
    try:
        made = [
            run_forecasts(
                scenario, as_of=date(2025, 8, 7), store=store, runs=300, seed=3, ray=ray
            ).to_dict()
            for ray in (None, "local")
        ]
    finally:
        store.close()
    assert made[0] == made[1]
    assert {f["source"] for f in made[0]["forecasts"]} >= {"zopa.combined.v1"}


def test_an_address_where_no_head_answers_is_one_line_at_once(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "zopa", "--db", f"sqlite:///{tmp_path / 'zopa.db'}"]
    done = subprocess.run(
        [*command, "forecast", str(SCENARIO), "--runs", "50", "--ray", "127.0.0.1:1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    # one line, before Ray's own attempts (minutes of retries and warnings) begin
    assert len(lines) == 1 and lines[0].startswith("error: --ray '127.0.0.1:1': no Ray head")

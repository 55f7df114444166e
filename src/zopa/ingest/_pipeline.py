"""Ingesting files into the store: documents in batches, a transaction each, none half-written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from zopa.errors import StoreError
from zopa.files import display_path
from zopa.ingest._collect import collect_paths
from zopa.ingest._outcomes import IngestOutcome, IngestReport
from zopa.ingest._prepare import Prepared, prepare_data
from zopa.ingest._preparers import Preparers
from zopa.ingest._readers import supported_suffixes
from zopa.store import NewDocument, Store, ids_by_hash, insert_documents

__all__ = ["BATCH_SIZE", "collect_files", "ingest_data", "ingest_paths"]


def collect_files(
    paths: Iterable[Path], *, follow_links: bool = False
) -> tuple[list[Path], list[IngestOutcome]]:
    """Files to read under ``paths`` (folders recursively, supported suffixes only, sorted).

    A path that cannot be read — missing, a pipe or device, a link loop, a link
    out of its folder's tree (unless ``follow_links``), a folder that cannot be
    listed — is returned as a failed outcome saying so (see :mod:`._collect`); a
    file named explicitly is kept whatever its suffix, so its reader can say why
    it fails.
    """
    files, problems = collect_paths(paths, supported_suffixes(), follow_links=follow_links)
    failures = []
    for path, reason in problems:
        name = display_path(path)
        failures.append(IngestOutcome(name, "failed", message=f"{name}: {reason}"))
    return files, failures


BATCH_SIZE = 100
"""Documents written per transaction: enough to spend little per document on the write
(one multi-row insert), few enough that an interrupted run loses little work."""


@dataclass(frozen=True)
class _Ready:
    """A prepared document waiting in a batch, and where its outcome goes in the report."""

    position: int
    source: str
    document: NewDocument
    warnings: tuple[str, ...]


@dataclass
class _Batches:
    """Prepared documents gathered into batches, each written in one transaction."""

    store: Store
    report: IngestReport
    size: int
    on_file_done: Callable[[Path], None] | None = None
    ready: list[_Ready] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)  # files read whose documents wait

    def add(self, item: Prepared | IngestOutcome) -> None:
        """Queue a prepared document, or record the failure."""
        if isinstance(item, IngestOutcome):
            self.report.outcomes.append(item)
            return
        position = len(self.report.outcomes)
        self.report.outcomes.append(IngestOutcome(item.source, "ingested"))  # until written
        self.ready.append(_Ready(position, item.source, item.document, item.warnings))
        if len(self.ready) >= self.size:
            self.flush()

    def file_read(self, path: Path) -> None:
        """Say ``path`` is done once all its documents are written."""
        self.waiting.append(path)
        if not self.ready:
            self.flush()

    def flush(self) -> None:
        """Write the queued documents, record their outcomes, say which files are done."""
        batch, self.ready = self.ready, []
        for position, outcome in _write(self.store, batch):
            self.report.outcomes[position] = outcome
        done, self.waiting = self.waiting, []
        if self.on_file_done is not None:
            for path in done:
                self.on_file_done(path)


def _write(store: Store, batch: list[_Ready]) -> list[tuple[int, IngestOutcome]]:
    """Store ``batch`` in one transaction; each document's outcome by its report position.

    A text stored before, or earlier in the batch, is a duplicate of that document. When
    the database refuses the batch for one document's sake, each document is written
    again in its own transaction: the others are stored, that one is reported failed.
    """
    if not batch:
        return []
    documents: dict[str, NewDocument] = {}  # the first document of each text
    for ready in batch:
        documents.setdefault(ready.document.sha256, ready.document)
    try:
        with store.write() as session:
            new_ids = insert_documents(session, list(documents.values()))
            ids = {**ids_by_hash(session, documents.keys() - new_ids.keys()), **new_ids}
    except StoreError:  # the store itself is unusable (locked, read-only, full): stop
        raise
    except SQLAlchemyError as exc:
        if len(batch) > 1:
            return [found for ready in batch for found in _write(store, [ready])]
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        message = f"{batch[0].source}: the store refused this document ({reason})"
        return [(batch[0].position, IngestOutcome(batch[0].source, "failed", message=message))]
    outcomes = []
    for ready in batch:
        sha256 = ready.document.sha256
        doc_id = ids[sha256]
        if new_ids.pop(sha256, None) is not None:
            outcome = IngestOutcome(ready.source, "ingested", doc_id, warnings=ready.warnings)
        else:
            message = f"same text as document {doc_id}"
            outcome = IngestOutcome(ready.source, "duplicate", doc_id, message)
        outcomes.append((ready.position, outcome))
    return outcomes


def ingest_data(store: Store, data: bytes, name: str) -> IngestReport:
    """Ingest the articles in ``data``, the bytes of one file called ``name`` (an upload).

    As :func:`ingest_paths` does for a file: the suffix of ``name`` picks the reader,
    each document is stored in its own transaction, failures are recorded, not raised.
    The caller bounds the size of ``data``.
    """
    batches = _Batches(store, IngestReport(), BATCH_SIZE)
    for item in prepare_data(data, name):
        batches.add(item)
    batches.flush()
    return batches.report


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    max_file_bytes: int,
    on_file_done: Callable[[Path], None] | None = None,
    files: list[Path] | None = None,
    follow_links: bool = False,
    batch_size: int = BATCH_SIZE,
    workers: int | Preparers = 1,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``.

    Documents are written in batches of ``batch_size``, each batch in one
    transaction of multi-row inserts, so an interruption leaves only whole
    documents and a re-run completes the rest (already stored texts are reported
    as duplicates). The database keeps each text once, even against another
    process ingesting the same texts at the same time (:func:`insert_documents`).
    Failures are recorded, never raised: the other documents are still ingested.

    Parameters
    ----------
    files:
        The files to read, when the caller has already run :func:`collect_files`
        (to size a progress bar); otherwise they are collected from ``paths``.
    on_file_done:
        Called with each file once all its documents are written.
    follow_links:
        Read symbolic links that lead out of a folder's tree (refused by default).
    workers:
        Processes reading and preparing the files while this one writes them, or
        :class:`Preparers` the caller started (before opening the store or starting
        threads: see :mod:`._preparers`). The store ends the same, ids included, whatever their
        number. A worker process that dies stops the run with one failed outcome
        naming the first file not stored.
    """
    batches = _Batches(store, IngestReport(), batch_size, on_file_done)
    if files is None:
        files, missing = collect_files(paths, follow_links=follow_links)
        batches.report.outcomes.extend(missing)
    with ExitStack() as stack:
        if not isinstance(workers, Preparers):
            workers = Preparers(workers, len(files))
            if workers.forking:
                store.engine.dispose()  # the workers copy no connection; the writes reopen one
            stack.enter_context(workers)
        prepared = workers.prepared(files, max_file_bytes)
        for path, items in zip(files, prepared, strict=False):
            for item in items:
                batches.add(item)
            batches.file_read(path)
    batches.flush()
    return batches.report

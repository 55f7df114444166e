"""Preparing files in worker processes while this process writes, in the files' order.

Reading and normalising take most of an ingest's time, the write little (see
``docs/cluster.md``), and preparing a file is a pure function of its bytes
(:func:`~zopa.ingest._prepare.prepare_files`). So the files go to worker
processes in chunks, a few chunks ahead of the writer and no more (the memory
does not grow with the files waiting), and come back in their order: the writer
stores them exactly as one process would, ids included.

The workers are forked from a server that has imported ingestion once
(multiprocessing's ``forkserver``: this process may hold threads and database
connections, which a plain ``fork`` would copy). That server takes about a
second to start; meanwhile the first chunks are prepared here. A worker dies
with the server, which ends with this process (:func:`zopa.children.die_with_parent`),
and ignores Ctrl-C, which this process handles.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from zopa.children import die_with_parent
from zopa.files import display_path
from zopa.ingest._outcomes import IngestOutcome
from zopa.ingest._prepare import Prepared, prepare_files

__all__ = ["CHUNK_FILES", "FileItems", "default_workers", "prepared"]

FileItems = list[Prepared | IngestOutcome]
"""What one file gave: its articles prepared, or failed outcomes."""

CHUNK_FILES = 32
"""Files sent to a worker at a time: enough that sending them costs little per file."""
_AHEAD = 2
"""Chunks waiting per worker: enough to keep each busy while the writer catches up."""
_MAX_DEFAULT_WORKERS = 4
"""Beyond about four preparing processes, one writer cannot keep up with them."""


def default_workers() -> int:
    """Worker processes by default: the CPUs this process may use, at most four."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(_MAX_DEFAULT_WORKERS, cpus or 1))


def prepared(files: Sequence[Path], max_bytes: int, workers: int) -> Iterator[FileItems]:
    """What each of ``files`` gives (:func:`~zopa.ingest._prepare.prepare_file`), in order,
    prepared by up to ``workers`` processes.

    One process (this one) prepares them when ``workers`` is 1, when the files fit in
    one chunk, or where ``forkserver`` is missing (Windows). When a worker process dies
    (killed, out of memory), the first file not yet given gives one failed outcome saying
    so, and nothing follows it.
    """
    rest = iter(files)
    chunks = iter(lambda: list(itertools.islice(rest, CHUNK_FILES)), [])
    methods = multiprocessing.get_all_start_methods()
    if workers < 2 or len(files) <= CHUNK_FILES or "forkserver" not in methods:
        for chunk in chunks:
            yield from prepare_files(chunk, max_bytes)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["zopa.ingest._prepare"])
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)
    done = 0  # files given so far
    try:
        started = pool.submit(os.getpid)
        for chunk in chunks:  # here while the workers start
            yield from prepare_files(chunk, max_bytes)
            done += len(chunk)
            if started.done():
                break
        jobs = ((chunk, pool.submit(prepare_files, chunk, max_bytes)) for chunk in chunks)
        window = deque(itertools.islice(jobs, _AHEAD * workers))
        while window:
            chunk, job = window.popleft()
            window.extend(itertools.islice(jobs, 1))  # the next chunk takes its place
            try:
                items = job.result()
            except BrokenProcessPool:
                yield [_stopped(chunk[0], len(files) - done - 1)]
                return
            yield from items
            done += len(chunk)
    finally:
        pool.shutdown(cancel_futures=True)


def _start_worker() -> None:
    """In a worker: die with the server; leave Ctrl-C to the process that started the pool."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stopped(path: Path, after: int) -> IngestOutcome:
    """The failed outcome of the first file a dead worker process left unread."""
    where = display_path(path)
    return IngestOutcome(
        where,
        "failed",
        message=(
            f"{where}: a worker process died (killed, or out of memory) before this file and "
            f"the {after:,} after it were stored; the ingest stopped there: run the command "
            "again to ingest them (--workers 1 reads them in this process)"
        ),
    )

"""Preparing files in worker processes while this process writes, in the files' order.

Reading and normalising take most of an ingest's time, the write little (see
``docs/cluster.md``), and preparing a file is a pure function of its bytes
(:func:`~zopa.ingest._prepare.prepare_files`). So the files go to worker
processes in chunks, a few chunks ahead of the writer and no more (the memory
does not grow with the files waiting), and come back in their order: the writer
stores them exactly as one process would, ids included.

The workers are forked (Linux): they start at once with everything imported,
where a ``forkserver`` would first spend a second importing zopa again. A fork
copies the locks other threads hold, so :class:`Preparers` forks its workers as it
starts, before a caller starts threads (a progress bar's); it holds no database
connection open for them to copy that they would use. A worker ends when this
process does, even killed (:func:`_start_worker`), and leaves Ctrl-C to it.
Elsewhere than Linux, this process prepares the files itself.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import TracebackType

from zopa.files import display_path
from zopa.ingest._outcomes import IngestOutcome
from zopa.ingest._prepare import Prepared, prepare_files

__all__ = ["CHUNK_FILES", "FileItems", "Preparers", "default_workers"]

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


class Preparers:
    """Up to ``workers`` processes preparing files, forked when the block starts.

    ``files`` is how many files they will get: none are forked for a single chunk's
    worth (this process prepares it sooner than it forks), nor when ``workers`` is 1,
    nor elsewhere than Linux.
    """

    def __init__(self, workers: int, files: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1 and files > CHUNK_FILES and sys.platform.startswith("linux"):
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(workers, context, initializer=_start_worker)

    def __enter__(self) -> Preparers:
        if self._pool is not None:
            self._pool.submit(int).result()  # forks every worker now, threads or not
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def prepared(self, files: Sequence[Path], max_bytes: int) -> Iterator[FileItems]:
        """What each of ``files`` gives (:func:`~zopa.ingest._prepare.prepare_file`), in order.

        When a worker process dies (killed, out of memory), the first file not yet given
        gives one failed outcome saying so, and nothing follows it.
        """
        rest = iter(files)
        chunks = iter(lambda: list(itertools.islice(rest, CHUNK_FILES)), [])
        if self._pool is None:
            for chunk in chunks:
                yield from prepare_files(chunk, max_bytes)
            return
        pool = self._pool
        done = 0  # files given so far
        try:
            jobs = (pool.submit(prepare_files, chunk, max_bytes) for chunk in chunks)
            window = deque(itertools.islice(jobs, _AHEAD * self.workers))
            while window:
                job = window.popleft()
                window.extend(itertools.islice(jobs, 1))  # the next chunk takes its place
                for items in job.result():
                    yield items
                    done += 1
        except BrokenProcessPool:
            yield [_stopped(files[done], len(files) - done - 1)]


def _start_worker() -> None:
    """In a worker: end when the process that started the pool ends; leave Ctrl-C to it.

    A worker waits on its queue for work, which a killed parent never sends: it watches
    its parent's sentinel (a pipe's end the parent holds, closed when it dies) instead.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


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

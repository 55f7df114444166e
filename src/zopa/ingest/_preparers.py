"""Preparing files in worker processes while this process writes, in the files' order.

Reading and normalising take most of an ingest's time, the write little (see
``docs/cluster.md``), and preparing a file is a pure function of its bytes
(:func:`~zopa.ingest._prepare.prepare_files`). So the files go to worker
processes in chunks, dealt in turn, a few chunks ahead of the writer and no more
(the memory does not grow with the files waiting), and come back in their order:
the writer stores them exactly as one process would, ids included.

The workers are forked (Linux): they start at once with everything imported,
where a ``forkserver`` would first spend a second importing zopa again. A fork
copies the locks that other threads hold and the files this process has open, so
:class:`Preparers` forks its workers as its block starts, before a caller starts
threads (a progress bar's) or opens the store.

Each worker has a pipe of its own, which only it and this process hold, rather than
the queues that :class:`concurrent.futures.ProcessPoolExecutor` shares between its
workers: a worker killed while sending a result left that executor waiting for the
rest of the message for ever (seen here, one kill in eight). Over its own pipe, a
dead worker is an end of file to this process, and this process's death is one to
the worker, which then ends.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
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
_JOIN_SECONDS = 5.0
"""How long a worker is given to end once told to, before it is killed."""


def default_workers() -> int:
    """Worker processes by default: the CPUs this process may use, at most four."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(_MAX_DEFAULT_WORKERS, cpus or 1))


@dataclass(frozen=True)
class _Worker:
    process: BaseProcess
    pipe: Connection  # this process's end


class _WorkerDiedError(Exception):
    """A worker process ended without answering (killed, out of memory)."""


class Preparers:
    """Up to ``workers`` processes preparing files, forked when the ``with`` block starts.

    ``files`` is how many files they will get: none are forked for a single chunk's
    worth (this process prepares it sooner than it forks), nor when ``workers`` is 1,
    nor elsewhere than Linux; this process then prepares the files itself.
    """

    def __init__(self, workers: int, files: int) -> None:
        self._wanted = workers if files > CHUNK_FILES and sys.platform.startswith("linux") else 1
        self._workers: list[_Worker] = []

    @property
    def forking(self) -> bool:
        """Whether the block forks workers: then it should start with no database
        connection open, or the workers hold copies of it (a killed parent's transaction
        would stay open, its locks held, until they end too)."""
        return self._wanted > 1

    def __enter__(self) -> Preparers:
        if self._wanted > 1:
            context = multiprocessing.get_context("fork")
            for _ in range(self._wanted):
                here, there = context.Pipe()
                copies = [here, *(worker.pipe for worker in self._workers)]
                process = context.Process(target=_serve, args=(there, copies), daemon=True)
                process.start()
                there.close()
                self._workers.append(_Worker(process, here))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for worker in self._workers:
            if kind is None:
                with contextlib.suppress(OSError):
                    worker.pipe.send(None)  # the end of the work
            worker.pipe.close()
        for worker in self._workers:
            worker.process.join(_JOIN_SECONDS if kind is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self._workers = []

    def prepared(self, files: Sequence[Path], max_bytes: int) -> Iterator[FileItems]:
        """What each of ``files`` gives (:func:`~zopa.ingest._prepare.prepare_file`), in order.

        When a worker process dies (killed, out of memory), the first file not yet given
        gives one failed outcome saying so, and nothing follows it.
        """
        rest = iter(files)
        chunks = iter(lambda: list(itertools.islice(rest, CHUNK_FILES)), [])
        if not self._workers:
            for chunk in chunks:
                yield from prepare_files(chunk, max_bytes)
            return
        dealt = itertools.cycle(self._workers)  # chunk k goes to worker k mod n
        pending: deque[_Worker] = deque()  # who answers each chunk sent, in order
        done = 0  # files given so far
        try:
            for chunk in itertools.chain(chunks, itertools.repeat([])):  # [] once all are sent
                if chunk:
                    worker = next(dealt)
                    _send(worker, (chunk, max_bytes))
                    pending.append(worker)
                    if len(pending) <= _AHEAD * len(self._workers):
                        continue
                if not pending:
                    break
                answers = _receive(pending.popleft())
                yield from answers
                done += len(answers)
        except _WorkerDiedError:
            yield [_stopped(files[done], len(files) - done - 1)]


def _send(worker: _Worker, task: tuple[list[Path], int]) -> None:
    try:
        worker.pipe.send(task)
    except OSError:
        raise _WorkerDiedError from None


def _receive(worker: _Worker) -> list[FileItems]:
    """The worker's next answer; what it raised is raised here, as it would have been."""
    try:
        ok, answer = worker.pipe.recv()
    except (EOFError, OSError):
        raise _WorkerDiedError from None
    if not ok:
        raise answer
    result: list[FileItems] = answer
    return result


def _serve(pipe: Connection, copies: list[Connection]) -> None:
    """A worker: prepare each chunk received, answer it, until told to stop or orphaned.

    ``copies`` are the parent's ends of this worker's pipe and of the workers forked
    before it, which the fork copied: closed, each pipe has one process at each end, so
    either's death is an end of file to the other. Ctrl-C is the parent's to handle.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for copy in copies:
        copy.close()
    while True:
        try:
            task = pipe.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        try:
            answer: tuple[bool, object] = (True, prepare_files(*task))
        except Exception as exc:  # a defect: raised in the parent, as without workers
            answer = (False, exc)
        try:
            pipe.send(answer)
        except OSError:
            return


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

"""Uploaded articles are ingested in a worker process, so that no upload stalls the server.

Ingesting a text that the English fast path of language identification does not
settle loads lingua's models: seconds of CPU and close to 1 GB, and lingua holds
the GIL while it loads. Done in the server's own process, that stopped every
request for as long, the event loop with them; keep-alive timers that fell due in
the meantime then closed connections whose next request had already arrived,
which the client saw as "Connection reset by peer". The worker is one process per
server process, started by the first upload and kept, so the models load once
(``forkserver``: the server runs threads, which ``fork`` would not carry safely).
It opens the store by its URL for each upload and closes it after, so it holds no
connection between uploads. Where ``forkserver`` is missing, the upload is
ingested in the server's thread pool as before.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from starlette.concurrency import run_in_threadpool

from zopa.errors import quoted
from zopa.ingest import IngestReport, ingest_data
from zopa.store import Store, open_store
from zopa.web._problems import ProblemError

__all__ = ["ingest_upload"]

_pool: ProcessPoolExecutor | None = None
_starting = threading.Lock()


def _ingest(url: str, lock_timeout: float, data: bytes, name: str) -> IngestReport:
    """In the worker: :func:`~zopa.ingest.ingest_data` into the store at ``url``."""
    store = open_store(url, upgrade=False, lock_timeout=lock_timeout)  # the server migrated it
    try:
        return ingest_data(store, data, name)
    finally:
        store.close()


def _worker() -> ProcessPoolExecutor:
    """The worker process's pool, started on first use."""
    global _pool
    with _starting:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([])
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return _pool


def _forget(pool: ProcessPoolExecutor) -> None:
    """Drop ``pool`` (its process died): the next upload starts another."""
    global _pool
    with _starting:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False)


async def ingest_upload(store: Store, data: bytes, name: str) -> IngestReport:
    """Ingest ``data``, the bytes of the uploaded file ``name``, into ``store`` in the
    worker process (as :func:`~zopa.ingest.ingest_data` does; its errors are raised here).

    Raises
    ------
    ProblemError
        503 when the worker died before it answered. What it stored is kept (each
        document in its own transaction); the file sent again stores the rest, the
        stored ones coming back as duplicates.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return await run_in_threadpool(ingest_data, store, data, name)
    pool = _worker()
    try:
        job = pool.submit(_ingest, store.url, store.lock_timeout, data, name)
        return await asyncio.wrap_future(job)
    except BrokenProcessPool:
        _forget(pool)
        raise ProblemError(
            503,
            f"the process ingesting {quoted(name)} stopped before it finished; "
            "send the file again (what was stored is kept and comes back as duplicates)",
            headers={"Retry-After": "5"},
        ) from None

"""Worker processes that die with their parent, even when it is killed with ``kill -9``;
and giving the C heap's free memory back to the system in a long-running reader.

``nlp.pipe(n_process=N)`` forks N workers that wait on a queue for texts; a
parent killed without the chance to send them the end-of-work sentinel leaves
them waiting forever, each holding a pipeline in memory and the store open.
Inside :func:`dying_with_parent`, every forked child asks Linux to kill it when
its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``, see prctl(2)), from an
:func:`os.register_at_fork` hook. This covers multiprocessing's ``fork`` start
method, Linux's default up to Python 3.13; elsewhere it is a no-op.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["dying_with_parent", "release_free_memory"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

_parent: int | None = None  # the process whose forked children must die with it
_hooked = False


def _arm_in_child() -> None:
    global _parent
    if _parent is None:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(
        ctypes.c_int(_PR_SET_PDEATHSIG),
        ctypes.c_ulong(signal.SIGKILL),
        ctypes.c_ulong(0),
        ctypes.c_ulong(0),
        ctypes.c_ulong(0),
    )
    if os.getppid() != _parent:  # the parent died before the signal was armed
        os._exit(1)
    _parent = None  # this child's own children are not the block's


@contextmanager
def dying_with_parent() -> Iterator[None]:
    """Processes forked inside the block are killed when this process dies (Linux)."""
    global _parent, _hooked
    if not sys.platform.startswith("linux"):
        yield
        return
    if not _hooked:
        os.register_at_fork(after_in_child=_arm_in_child)
        _hooked = True
    outer, _parent = _parent, os.getpid()
    try:
        yield
    finally:
        _parent = outer


def release_free_memory() -> bool:
    """Give the C heap's free pages back to the system: glibc's ``malloc_trim(0)``, see
    malloc_trim(3). Whether any were given back; False where the C library lacks it.

    Reading a document allocates and frees some hundred megabytes of arrays and small
    objects; glibc keeps much of what is freed mapped, in pieces between live blocks, so
    a reader's resident memory climbs with the documents read though what it holds does
    not (measured in ``docs/cluster.md``). Trimming after each batch keeps it level.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return False
    return bool(trim(ctypes.c_size_t(0)))

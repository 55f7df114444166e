"""Worker processes that die with their parent, even when it is killed with ``kill -9``.

A worker waiting on a queue for work outlives a parent killed without the chance
to send it the end-of-work sentinel: it waits forever, holding its memory (and,
for extraction, a pipeline and the store). Linux kills a process when its parent
dies if the process asked for it (``prctl(PR_SET_PDEATHSIG, SIGKILL)``, see
prctl(2)), which :func:`die_with_parent` does.

* ``nlp.pipe(n_process=N)`` forks its workers with multiprocessing's ``fork``
  start method (Linux's default up to Python 3.13): inside
  :func:`dying_with_parent`, every forked child asks for it from an
  :func:`os.register_at_fork` hook.
* A pool started by a ``forkserver`` calls :func:`die_with_parent` as its
  initializer: a worker dies with the server, which ends when the process that
  started it does.

Elsewhere than Linux both are no-ops.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["die_with_parent", "dying_with_parent"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

_parent: int | None = None  # the process whose forked children must die with it
_hooked = False


def die_with_parent(parent: int | None = None) -> None:
    """Have Linux kill this process when its parent dies; exit at once if it already has.

    ``parent`` is the parent's id as seen before this process started (by default the
    current one): a different one now means the parent died before the signal was armed.
    """
    if not sys.platform.startswith("linux"):
        return
    expected = os.getppid() if parent is None else parent
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(
        ctypes.c_int(_PR_SET_PDEATHSIG),
        ctypes.c_ulong(signal.SIGKILL),
        ctypes.c_ulong(0),
        ctypes.c_ulong(0),
        ctypes.c_ulong(0),
    )
    if os.getppid() != expected:
        os._exit(1)


def _arm_in_child() -> None:
    global _parent
    if _parent is None:
        return
    die_with_parent(_parent)
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

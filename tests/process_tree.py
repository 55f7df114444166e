"""A process and its descendants, read from /proc (Linux): for the tests that kill a
command and check that its worker processes die with it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

__all__ = ["alive", "descendants", "kill_and_expect_no_survivors", "wait_for_descendants"]


def _stat(pid: int | str) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command name (which may hold spaces):
    state, parent id, ..."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def alive(pid: int) -> bool:
    """Whether ``pid`` is a living process (not gone, not a zombie)."""
    try:
        return _stat(pid)[0] not in "ZX"
    except OSError:
        return False


def descendants(pid: int) -> set[int]:
    """The living processes under ``pid``, at any depth."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = _stat(entry.name)
                if fields[0] not in "ZX":
                    parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, its_parent in parents.items() if its_parent == parent}
        found |= children
        todo.extend(children)
    return found


def wait_for_descendants(process: subprocess.Popen[Any], count: int, seconds: float) -> set[int]:
    """The descendants of ``process`` once it has at least ``count`` (AssertionError if it
    has not within ``seconds`` or ends first)."""
    deadline = time.monotonic() + seconds
    found: set[int] = set()
    while len(found) < count and time.monotonic() < deadline and process.poll() is None:
        found = descendants(process.pid)
        time.sleep(0.02)
    assert len(found) >= count, f"the command never started {count} worker processes"
    return found


def kill_and_expect_no_survivors(
    process: subprocess.Popen[Any], workers: set[int], seconds: float
) -> None:
    """SIGKILL ``process``; AssertionError if any of ``workers`` outlives it by ``seconds``.
    Whatever happens, nothing of the tree is left running."""
    try:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + seconds
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = sorted(pid for pid in workers if alive(pid))
        assert not survivors, f"processes {survivors} outlived their killed parent"
    finally:
        for pid in [process.pid, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

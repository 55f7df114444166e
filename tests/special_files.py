"""Real special files for tests: a named pipe that cannot hang a test, a socket, no privileges.

A reader that wrongly opens a named pipe blocks until a writer comes; :func:`fifo`
starts one in a thread, so such a reader gets an empty file (and the test fails on
its assertion) instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["fifo", "unix_socket", "unprivileged"]


@contextlib.contextmanager
def fifo(path: Path) -> Iterator[Path]:
    """A named pipe at ``path``; a thread writes nothing to whoever opens it for reading."""
    os.mkfifo(path)

    def release_a_reader() -> None:
        with open(path, "wb"):  # blocks until a reader opens the pipe
            pass

    writer = threading.Thread(target=release_a_reader, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        if writer.is_alive():  # nobody opened the pipe: open it ourselves to end the thread
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            writer.join(timeout=10)
            os.close(fd)


@contextlib.contextmanager
def unix_socket(folder: Path, name: str) -> Iterator[Path]:
    """A listening Unix socket named ``name`` in ``folder`` (bound from inside it: short path)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        server.bind(name)
        os.chdir(cwd)
        yield folder / name
    finally:
        os.chdir(cwd)
        server.close()


def unprivileged(command: list[str]) -> list[str]:
    """``command`` run so that file permission bits apply, or skip saying why that is impossible.

    Not root: permissions already apply. Root: ``setpriv`` drops the two capabilities
    that let root read any file or folder (the process keeps uid 0, so it can still
    read the sources and write the test's database).
    """
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is not installed: permission bits cannot apply")
    wrapped = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    probe = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "true"]
    if os.spawnv(os.P_WAIT, setpriv, probe) != 0:
        pytest.skip("running as root without CAP_SETPCAP: cannot drop the read-anything capability")
    return wrapped

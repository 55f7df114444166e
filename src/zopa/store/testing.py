"""A throwaway PostgreSQL server on loopback, for tests and benchmarks.

Like ``sqlalchemy.testing``, this ships with the package so that the test
suite and ``bench/`` scripts start PostgreSQL the same way: a fresh cluster in a
temporary folder, trust authentication, a free loopback port, run as the
``postgres`` user when the caller is root (the server refuses to run as root),
stopped and deleted on exit.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from zopa.errors import StoreError

__all__ = ["PostgresServer", "throwaway_postgres"]


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server: ``url(db)`` names a database on it."""

    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of ``database`` on this server (psycopg 3 driver)."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self) -> str:
        """Create an empty database with a fresh name and return its URL."""
        import psycopg

        name = f"zopa_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def throwaway_postgres(user: str = "zopa") -> Iterator[PostgresServer]:
    """Start a PostgreSQL cluster for the duration of the ``with`` block.

    Raises
    ------
    StoreError
        PostgreSQL is not installed, or could not be initialised or started; the
        message says why (callers such as the test suite turn it into a skip).
    """
    bindir = _bindir()
    if bindir is None:
        raise StoreError(
            "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql)"
        )
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise StoreError(
                "running as root and there is no 'postgres' user to run the server as"
            ) from None
        run_as = "postgres"
    workdir = Path(tempfile.mkdtemp(prefix="zopa-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(workdir, entry.pw_uid, entry.pw_gid)
    data, log = workdir / "data", workdir / "server.log"
    port = _free_port()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bindir / args[0]), *args[1:]],
            user=run_as,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    try:
        init = run("initdb", "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync")
        if init.returncode != 0:
            raise StoreError(f"initdb failed: {' '.join(init.stderr.split())[:300]}")
        options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
        start = run("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
        if start.returncode != 0:
            reason = log.read_text(errors="replace")[-300:] if log.exists() else start.stderr
            raise StoreError(f"PostgreSQL did not start: {' '.join(reason.split())}")
        try:
            yield PostgresServer("127.0.0.1", port, user)
        finally:
            run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

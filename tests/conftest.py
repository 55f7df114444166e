"""Shared fixtures: real stores (SQLite file and a throwaway PostgreSQL server), paths."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from glob import glob
from pathlib import Path

import pytest

from zopa.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
EXAMPLES = REPO / "examples"


@dataclass
class PostgresServer:
    """A PostgreSQL cluster started for this test session on loopback."""

    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a throwaway PostgreSQL cluster (as a non-root user) or skip, saying why."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (scripts/ensure-postgres.sh could not install it)")
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
        run_as = "postgres"
    workdir = Path(tempfile.mkdtemp(prefix="zopa-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(workdir, entry.pw_uid, entry.pw_gid)
    data, log = workdir / "data", workdir / "server.log"
    port = _free_port()
    user = "zopa"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bindir / args[0]), *args[1:]],
            user=run_as,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    init = run("initdb", "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync")
    if init.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = run("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    if start.returncode != 0:
        reason = log.read_text(errors="replace")[-300:] if log.exists() else start.stderr
        shutil.rmtree(workdir, ignore_errors=True)
        pytest.skip(f"PostgreSQL did not start: {reason.strip()}")
    try:
        yield PostgresServer("127.0.0.1", port, user)
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(workdir, ignore_errors=True)


def _create_database(server: PostgresServer) -> str:
    import psycopg

    name = f"zopa_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url("postgres").replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'zopa.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.url(_create_database(server))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened, migrated store on each backend (sqlite and postgresql)."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """An opened, migrated SQLite store (for tests that need only one backend)."""
    opened = open_store(f"sqlite:///{tmp_path / 'zopa.db'}")
    try:
        yield opened
    finally:
        opened.close()


def seeds_or_skip() -> list[Path]:
    """The seed articles in ../shared/seeds, or skip the test when they are absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return sorted(SEEDS.glob("*.txt"))

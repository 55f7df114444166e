"""Fixtures of the web tests: the demo store (once per session) and in-process clients."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.demo_store import build_demo_store
from zopa.web import ServeConfig, create_app


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of the demo store, built once per session (read-only use: copy it to write)."""
    return build_demo_store(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo_copy(demo_db: str, tmp_path: Path) -> str:
    """URL of a fresh copy of the demo store, for a test that writes."""
    source = Path(demo_db.removeprefix("sqlite:///"))
    target = tmp_path / "demo.db"
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def api(demo_db: str) -> Iterator[TestClient]:
    """An in-process client of the application over the demo store (no token, writable:
    tests through it only read)."""
    with TestClient(create_app(ServeConfig(demo_db))) as client:
        yield client


def client_of(url: str, *, read_only: bool = False, token: str | None = None) -> TestClient:
    """An in-process client of a new application over ``url`` (use as a context manager)."""
    app = create_app(ServeConfig(url, read_only=read_only, token=token))
    return TestClient(app, raise_server_exceptions=False)

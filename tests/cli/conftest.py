"""Fixtures of the command-line tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zopa.store import Store, open_store


@pytest.fixture
def opened(store_url: str) -> Iterator[Store]:
    """The store at ``store_url`` (SQLite and PostgreSQL), opened for setting up a test."""
    store = open_store(store_url)
    try:
        yield store
    finally:
        store.close()

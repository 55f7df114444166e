"""Opening a store: engine creation, automatic migration, and the one write helper."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from zopa.errors import StoreError
from zopa.store._failures import is_busy, locked_error, store_error
from zopa.store._migrate import migrate

__all__ = ["LOCK_ATTEMPTS", "LOCK_TIMEOUT", "Store", "open_store"]

LOCK_TIMEOUT = 30.0
"""Seconds a writer waits, in all, for another process to release the write lock."""

LOCK_ATTEMPTS = 5
"""Tries at taking the write lock within :data:`LOCK_TIMEOUT` (SQLite may answer busy at once)."""

_LOCK_DEADLINE = "zopa_lock_deadline"  # execution option: a write's time.monotonic() deadline


def _configure_sqlite(dbapi_connection: Any, _record: object) -> None:
    # Let SQLAlchemy, not the sqlite3 module, open transactions, so DDL in a
    # migration and every write are truly atomic (SQLAlchemy's documented recipe
    # for pysqlite's transactional DDL).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is crash-safe for the application (a killed process
    # loses nothing committed); only a power cut may drop the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: A write whose deadline is this close to a whole busy timeout away waits with the
#: connection's own timeout (saves two PRAGMA round trips per document).
_BUSY_SLACK_MS = 100


def _begin_sqlite(lock_timeout: float) -> Callable[[Connection], None]:
    """The listener that opens every SQLite transaction.

    A write transaction takes the write lock as it begins (``BEGIN IMMEDIATE``),
    so waiting for another writer is the busy timeout's job, cut to the time
    left before the write's deadline. A deferred transaction that has read and
    then writes after another process committed cannot wait: SQLite answers
    SQLITE_BUSY at once (https://www.sqlite.org/lang_transaction.html). Reads
    stay deferred; in WAL mode they run beside the writer.
    """
    busy_ms = round(lock_timeout * 1000)

    def begin(connection: Connection) -> None:
        deadline = connection.get_execution_options().get(_LOCK_DEADLINE)
        if deadline is None:
            connection.exec_driver_sql("BEGIN")
            return
        left_ms = max(0, round((deadline - time.monotonic()) * 1000))
        if left_ms >= busy_ms - _BUSY_SLACK_MS:
            # A first try: the connection's own busy timeout is the time left.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {left_ms}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {busy_ms}")

    return begin


@dataclass
class Store:
    """A migrated database behind a SQLAlchemy engine.

    Reads use :meth:`session`; every write goes through :meth:`write`, one
    transaction that commits on success and rolls back on any exception, so a
    crash or Ctrl-C never leaves half a document behind. Writers of several
    processes wait their turn for the write lock, up to ``lock_timeout``
    seconds. A database error that comes from the store's state (read-only,
    full, locked, unreachable) is raised as a one-line :class:`StoreError`.
    """

    url: str
    engine: Engine
    lock_timeout: float = LOCK_TIMEOUT
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (nothing it does is committed)."""
        with self.translated("read"), self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on error.

        The transaction holds the write lock from its start (SQLite), so what
        the block reads is still true when it writes.

        Raises
        ------
        StoreError
            Another process held the write lock for :attr:`lock_timeout`
            seconds, or the store cannot be written (read-only, full, …).
        """
        with self.translated("write to"):
            session, transaction = self._begin_write()
            with session, transaction:
                yield session

    def _begin_write(self) -> tuple[Session, SessionTransaction]:
        """A session in a begun write transaction, holding the write lock on SQLite.

        SQLite waits for the lock (its busy timeout, cut to what is left of
        :attr:`lock_timeout`); a try that SQLite answers busy before then is
        repeated after a short pause, at most :data:`LOCK_ATTEMPTS` tries in all.
        """
        deadline = time.monotonic() + self.lock_timeout
        attempts = 0
        while True:
            attempts += 1
            session = self._sessions()
            transaction = session.begin()
            try:
                session.connection(execution_options={_LOCK_DEADLINE: deadline})
            except DBAPIError as exc:
                session.close()
                left = deadline - time.monotonic()
                if not is_busy(exc):
                    raise
                if attempts >= LOCK_ATTEMPTS or left <= 0:
                    waited = self.lock_timeout - left
                    raise locked_error(self.where, waited, attempts) from exc
                time.sleep(min(0.1 * 2**attempts, left))
            else:
                return session, transaction

    @contextmanager
    def translated(self, doing: str) -> Iterator[None]:
        """Raise a database error of the block that comes from the store's state as a StoreError.

        ``doing`` names the action for an error of no known kind
        (``"cannot {doing} the store at …"``); other errors pass unchanged.
        """
        try:
            yield
        except DBAPIError as exc:
            error = store_error(exc, self.where, doing)
            if error is None:
                raise
            raise error from exc

    def upgrade(self) -> None:
        """Bring the schema up to the newest migration and check it (see :func:`migrate`)."""
        migrate(self)

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def where(self) -> str:
        """The store as messages name it: ``the store at URL`` (password masked)."""
        return f"the store at {self.display_url}"

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def open_store(url: str, *, upgrade: bool = True, lock_timeout: float = LOCK_TIMEOUT) -> Store:
    """Open the store at ``url`` and, unless ``upgrade`` is false, migrate it to the newest schema.

    Parameters
    ----------
    url:
        A SQLAlchemy URL. ``postgresql://`` is read as ``postgresql+psycopg://``.
    lock_timeout:
        Seconds a write waits for another process's write lock before giving up.

    Raises
    ------
    StoreError
        The URL is malformed, the driver is unknown, the database cannot be
        reached, or its schema is newer than this zopa or was altered.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"malformed database URL {url!r}; expected e.g. sqlite:///zopa.db "
            "or postgresql://user@host/dbname"
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        parent = Path(parsed.database).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(
                f"cannot create the SQLite store {parsed.database!r}: no folder {parent}"
            )
    sqlite = parsed.drivername.startswith("sqlite")
    # pysqlite's timeout is SQLite's busy timeout: how long a statement waits for a lock.
    connect_args = {"timeout": lock_timeout} if sqlite else {}
    try:
        # A SQLite connection is a file this process holds: nothing can drop it, so it is
        # not pinged on every checkout (a server's connection may be, and is).
        engine = create_engine(parsed, pool_pre_ping=not sqlite, connect_args=connect_args)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from None
    if sqlite:
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite(lock_timeout))
    store = Store(
        url=parsed.render_as_string(hide_password=False), engine=engine, lock_timeout=lock_timeout
    )
    if upgrade:
        store.upgrade()
    return store

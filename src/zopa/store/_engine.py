"""Opening a store: engine creation, automatic migration, and the one write helper."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from zopa.errors import StoreError

__all__ = ["Store", "open_store"]

_MIGRATIONS = Path(__file__).parent / "migrations"


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["engine"] = engine
    return config


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
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin_sqlite(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


@dataclass
class Store:
    """A migrated database behind a SQLAlchemy engine.

    Reads use :meth:`session`; every write goes through :meth:`write`, one
    transaction that commits on success and rolls back on any exception, so a
    crash or Ctrl-C never leaves half a document behind.
    """

    url: str
    engine: Engine
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (nothing it does is committed)."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def upgrade(self) -> None:
        """Bring the schema up to the newest migration (a no-op when it is current)."""
        config = _alembic_config(self.engine)
        head = ScriptDirectory.from_config(config).get_current_head()
        try:
            with self.engine.connect() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
            if current != head:
                command.upgrade(config, "head")
        except OperationalError as exc:
            reason = " ".join(str(exc.orig).split())
            raise StoreError(f"cannot open the store at {self.display_url}: {reason}") from exc
        except SQLAlchemyError as exc:
            reason = " ".join(str(exc).split())
            raise StoreError(f"cannot migrate the store at {self.display_url}: {reason}") from exc

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def open_store(url: str, *, upgrade: bool = True) -> Store:
    """Open the store at ``url`` and, unless ``upgrade`` is false, migrate it to the newest schema.

    Parameters
    ----------
    url:
        A SQLAlchemy URL. ``postgresql://`` is read as ``postgresql+psycopg://``.

    Raises
    ------
    StoreError
        The URL is malformed, the driver is unknown or the database cannot be reached.
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
    try:
        engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    store = Store(url=parsed.render_as_string(hide_password=False), engine=engine)
    if upgrade:
        store.upgrade()
    return store

"""Bringing a store to the schema this zopa needs, or saying in one line why it cannot.

On open the store is migrated with Alembic to the newest revision, once even when
several processes open a fresh store together: the migration runs in a write
transaction (SQLite's write lock, a PostgreSQL advisory lock) that reads the
revision again before migrating. A store at a revision this zopa does not know
was written by a newer zopa; a store missing a table or column zopa needs was
altered by hand. Both are refused with the fix.

A store already at :data:`HEAD_REVISION` (every open but the first) is only read:
its revision is one row of Alembic's version table, so Alembic itself, a fifth of
a second of imports, is not loaded then.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from zopa import __version__
from zopa.errors import StoreError
from zopa.store._schema import Base, ZopaMeta

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from zopa.store._engine import Store

__all__ = ["HEAD_REVISION", "alembic_config", "migrate", "schema_problems"]

HEAD_REVISION = "0010"
"""The newest revision in ``migrations/versions`` (a test holds it to Alembic's head)."""

_MIGRATIONS = Path(__file__).parent / "migrations"
_VERSION_KEY = "zopa_version"
_VERSION_TABLE = "alembic_version"  # Alembic's default
_MIGRATION_LOCK = 0x7A6F7061  # PostgreSQL advisory lock key: "zopa" in ASCII
_MAX_PROBLEMS = 3


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for zopa's migrations, run on ``connection`` when given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(store: Store) -> None:
    """Migrate ``store`` to the newest revision, then check its tables against the models.

    Raises
    ------
    StoreError
        The store cannot be reached or written, it was written by a newer zopa,
        or a table or column zopa needs is missing.
    """
    try:
        with store.translated("open"), store.engine.connect() as connection:
            at_head = _stored_revisions(connection) == [HEAD_REVISION]
            problems = schema_problems(connection) if at_head else []
        if not at_head:
            problems = _upgrade(store)
    except SQLAlchemyError as exc:
        reason = " ".join(str(exc).split())[:300]
        raise StoreError(f"cannot migrate {store.where}: {reason}") from exc
    if problems:
        listed = "; ".join(problems[:_MAX_PROBLEMS])
        more = (
            f" (and {len(problems) - _MAX_PROBLEMS} more)" if len(problems) > _MAX_PROBLEMS else ""
        )
        raise StoreError(
            f"{store.where} has been altered: {listed}{more}; zopa needs them — restore the "
            "store from a backup, or ingest into a new store"
        )


def _stored_revisions(connection: Connection) -> list[str]:
    """The revisions in Alembic's version table (none when there is no table)."""
    if not inspect(connection).has_table(_VERSION_TABLE):
        return []
    return list(connection.scalars(text(f"SELECT version_num FROM {_VERSION_TABLE}")))


def _upgrade(store: Store) -> list[str]:
    """Migrate with Alembic to its head, once among processes; the schema's problems after."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    with store.translated("open"), store.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        _refuse_newer(store, script, head, current, connection)
    if current != head:
        with store.write() as session:
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
            # Another process may have migrated while this one waited for the lock.
            if MigrationContext.configure(connection).get_current_revision() != head:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                session.merge(ZopaMeta(key=_VERSION_KEY, value=__version__))
    with store.translated("open"), store.engine.connect() as connection:
        return schema_problems(connection)


def _refuse_newer(
    store: Store,
    script: ScriptDirectory,
    head: str | None,
    current: str | None,
    connection: Connection,
) -> None:
    if current is None or current in {revision.revision for revision in script.walk_revisions()}:
        return
    written_by = _written_by(connection)
    who = f"zopa {written_by}" if written_by else "a newer zopa"
    raise StoreError(
        f"{store.where} was written by {who}, newer than this zopa {__version__} (schema "
        f"revision {current!r}; this zopa knows up to {head!r}); upgrade zopa to open it, "
        "or use another store"
    )


def _written_by(connection: Connection) -> str | None:
    if not inspect(connection).has_table(ZopaMeta.__tablename__):
        return None
    query = select(ZopaMeta.value).where(ZopaMeta.key == _VERSION_KEY)
    try:
        return connection.scalar(query)
    except SQLAlchemyError:  # a newer zopa may have changed the table; its version is a bonus
        return None


def schema_problems(connection: Connection) -> list[str]:
    """What the live schema lacks of the models: missing tables, then missing columns.

    Extra tables, columns and indexes are allowed; column types are not compared.
    """
    inspector = inspect(connection)
    live = set(inspector.get_table_names())
    problems = [f"no table {name!r}" for name in Base.metadata.tables if name not in live]
    present = [name for name in Base.metadata.tables if name in live]
    columns = inspector.get_multi_columns(filter_names=present)
    for (_schema, name), found in sorted(columns.items()):
        have = {column["name"] for column in found}
        table = Base.metadata.tables[name]
        problems += [
            f"table {name!r} has no column {column.name!r}"
            for column in table.columns
            if column.name not in have
        ]
    return problems

"""Rows of the ``scenarios`` table: insert-or-replace by name, list, read one.

Plain storage only; :mod:`zopa.scenario._stored` validates a scenario before it
comes here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from importlib import import_module

from sqlalchemy import select

from zopa.store._engine import Store
from zopa.store._schema import StoredScenarioRow

__all__ = [
    "ScenarioRecord",
    "change_scenario",
    "put_scenario",
    "scenario_record",
    "scenario_records",
]


ScenarioRecord = tuple[str, str, str, datetime]
"""``(name, text, sha256, stored_at)`` of one stored scenario, ``stored_at`` in UTC."""


def put_scenario(store: Store, name: str, text: str, sha256: str, stored_at: datetime) -> None:
    """Insert the scenario ``name``, or replace the row of that name, in one write transaction.

    One statement (``INSERT … ON CONFLICT (name) DO UPDATE``), so two writers saving
    the same new name at once on PostgreSQL do not collide.
    """
    with store.write() as session:
        # The store's own dialect only: PostgreSQL's costs a SQLite store a tenth of a second.
        dialect = import_module(f"sqlalchemy.dialects.{session.get_bind().dialect.name}")
        statement = dialect.insert(StoredScenarioRow).values(
            name=name, text=text, sha256=sha256, stored_at=stored_at
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[StoredScenarioRow.name],
                set_={key: statement.excluded[key] for key in ("text", "sha256", "stored_at")},
            )
        )


def change_scenario(
    store: Store, name: str, change: Callable[[str], tuple[str, str]]
) -> ScenarioRecord | None:
    """Replace the text of the scenario ``name`` by ``change(text)`` → ``(new_text, sha256)``.

    Read, change and write happen in one write transaction holding the row (SQLite's
    write lock, PostgreSQL's ``SELECT … FOR UPDATE``), so two changes at once both
    land, one after the other. An exception from ``change`` leaves the row as it was.
    ``None`` when no scenario has that name.
    """
    with store.write() as session:
        query = select(StoredScenarioRow).where(StoredScenarioRow.name == name).with_for_update()
        row = session.scalar(query)
        if row is None:
            return None
        row.text, row.sha256 = change(row.text)
        row.stored_at = datetime.now(UTC)
        session.flush()
        return _record(row)


def scenario_records(store: Store) -> list[ScenarioRecord]:
    """Every stored scenario, by name."""
    with store.session() as session:
        rows = session.scalars(select(StoredScenarioRow).order_by(StoredScenarioRow.name))
        return [_record(row) for row in rows]


def scenario_record(store: Store, name: str) -> ScenarioRecord | None:
    """The stored scenario named ``name``, or ``None``."""
    with store.session() as session:
        row = session.scalar(select(StoredScenarioRow).where(StoredScenarioRow.name == name))
        return None if row is None else _record(row)


def _record(row: StoredScenarioRow) -> ScenarioRecord:
    stored_at = row.stored_at
    # SQLite hands back naive datetimes of what was stored in UTC.
    stored_at = stored_at.replace(tzinfo=UTC) if stored_at.tzinfo is None else stored_at
    return row.name, row.text, row.sha256, stored_at.astimezone(UTC)

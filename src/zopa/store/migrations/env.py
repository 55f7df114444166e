"""Alembic environment: runs migrations on the connection the store hands over.

The store opens that connection's transaction itself, holding the write lock (SQLite) or an
advisory lock (PostgreSQL), so two processes opening a fresh store never migrate it twice.
"""

from __future__ import annotations

from alembic import context

from zopa.store._schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():  # a no-op inside the store's transaction
    context.run_migrations()

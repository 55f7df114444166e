"""Scenarios kept in the store by name; evidence indexed in listing order (document, start, id).

The indexes let the API read a page of events, quotes, claims or estimates
(keyset pagination) without sorting every row.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_EVIDENCE = ("events", "quotes", "claims", "estimates")


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    )
    for table in _EVIDENCE:
        op.create_index(f"ix_{table}_document_start_id", table, ["document_id", "start", "id"])


def downgrade() -> None:
    for table in _EVIDENCE:
        op.drop_index(f"ix_{table}_document_start_id", table_name=table)
    op.drop_table("scenarios")

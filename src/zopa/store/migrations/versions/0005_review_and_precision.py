"""Review and precision: why a mention's resolution is unsure, how precise an event's date is.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("unsure", sa.String(300), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("date_precision", sa.String(8), nullable=True))
    op.create_index("ix_events_date", "events", ["date"])


def downgrade() -> None:
    op.drop_index("ix_events_date", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("date_precision")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("unsure")

"""Retrospective estimates are stored, flagged, instead of dropped.

A probability statement about an outcome already known when it was said ("the vote
was always going to pass") is evidence of how a speaker judged the talks, so the store
keeps it; ``estimates.retrospective`` marks it and the forecasting stage skips it.

Revision ID: 0010
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("estimates") as batch:
        batch.add_column(
            sa.Column("retrospective", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("estimates") as batch:
        batch.drop_column("retrospective")

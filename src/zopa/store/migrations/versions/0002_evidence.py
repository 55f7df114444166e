"""Evidence: actors, mentions, events, quotes, claims, estimates, extraction bookkeeping.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _document_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


def _evidence_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer(), _document_fk(), nullable=False, index=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("extractor", sa.String(100), nullable=False),
    ]


def _actor_fk(name: str) -> sa.Column[object]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("actors.id", ondelete="SET NULL"), nullable=True
    )


def upgrade() -> None:
    op.create_table(
        "document_extractions",
        sa.Column("document_id", sa.Integer(), _document_fk(), primary_key=True),
        sa.Column("pipeline_version", sa.String(200), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("sector", sa.String(16), nullable=True),
        sa.Column("role", sa.String(200), nullable=True),
        sa.Column("affiliation", sa.String(300), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_actors_key", "actors", ["key"], unique=True)
    op.create_table(
        "mentions",
        *_evidence_columns(),
        sa.Column(
            "actor_id",
            sa.Integer(),
            sa.ForeignKey("actors.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )
    op.create_table(
        "events",
        *_evidence_columns(),
        sa.Column("type", sa.String(40), nullable=False, index=True),
        sa.Column("mode", sa.String(40), nullable=True),
        sa.Column("cameo", sa.String(8), nullable=True),
        _actor_fk("source_actor_id"),
        _actor_fk("target_actor_id"),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_text", sa.String(200), nullable=True),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_table(
        "quotes",
        *_evidence_columns(),
        sa.Column("kind", sa.String(10), nullable=False),
        _actor_fk("speaker_actor_id"),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        sa.Column("cue", sa.String(60), nullable=True),
    )
    op.create_table(
        "claims",
        *_evidence_columns(),
        _actor_fk("actor_id"),
        sa.Column("issue", sa.String(60), nullable=False, index=True),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("salience_cue", sa.String(200), nullable=True),
        sa.Column("attribution", sa.String(10), nullable=False),
    )
    op.create_table(
        "estimates",
        *_evidence_columns(),
        _actor_fk("holder_actor_id"),
        sa.Column("holder_text", sa.Text(), nullable=True),
        sa.Column("phrase", sa.String(200), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=False),
        sa.Column("about", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    for table in ("estimates", "claims", "quotes", "events", "mentions", "actors"):
        op.drop_table(table)
    op.drop_table("document_extractions")

"""Indexes the dashboard and the API read one page through, whatever the store's size.

``ix_mentions_actor_document_start_id`` gives one actor's mentions in listing
order (document, start, id), so the first mentions of an actor, or a page of
them (keyset pagination), are read without sorting all of its mentions;
``ix_claims_actor_issue_document_start_id`` does the same for the claims of one
actor on one issue (a cell of the dashboard's actor × issue map);
``ix_document_extractions_extracted_at`` answers "when was evidence last
written" (the evidence version the API's cached actor counts are keyed by) at once.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_mentions_actor_document_start_id",
        "mentions",
        ["actor_id", "document_id", "start", "id"],
    )
    op.create_index(
        "ix_claims_actor_issue_document_start_id",
        "claims",
        ["actor_id", "issue", "document_id", "start", "id"],
    )
    op.create_index(
        "ix_document_extractions_extracted_at", "document_extractions", ["extracted_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_document_extractions_extracted_at", table_name="document_extractions")
    op.drop_index("ix_claims_actor_issue_document_start_id", table_name="claims")
    op.drop_index("ix_mentions_actor_document_start_id", table_name="mentions")

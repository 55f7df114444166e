"""Indexes for every filter of the listings and the API, each in listing order.

A listing reads one page of items matching a filter in the order ``(document_id,
start, id)``; an index on ``(filter column, document_id, start, id)`` gives that page
as a range read, however many items the store holds. Added for the filters 0007 and
before left to a scan of the whole order: an event's type, status, source and target
actor; a quote's kind and speaker; a claim's actor (by document), issue and stance; an
estimate's holder. The single-column indexes on ``events.type`` and ``claims.issue``
are the first column of the new ones and go. Documents get ``(outlet, published_at,
id)`` and ``(language, published_at, id)``, the order of their listing (the latter
replaces the index on ``language``). Events get ``(date, document_id, start, id)`` for a
listing by event date (replacing the index on ``date``).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_ORDER = ["document_id", "start", "id"]

#: name → (table, columns) of the indexes this revision adds.
INDEXES: dict[str, tuple[str, list[str]]] = {
    "ix_documents_outlet_published_at_id": ("documents", ["outlet", "published_at", "id"]),
    "ix_documents_language_published_at_id": ("documents", ["language", "published_at", "id"]),
    "ix_events_type_document_start_id": ("events", ["type", *_ORDER]),
    "ix_events_status_document_start_id": ("events", ["status", *_ORDER]),
    "ix_events_source_actor_document_start_id": ("events", ["source_actor_id", *_ORDER]),
    "ix_events_target_actor_document_start_id": ("events", ["target_actor_id", *_ORDER]),
    "ix_events_date_document_start_id": ("events", ["date", *_ORDER]),
    "ix_quotes_kind_document_start_id": ("quotes", ["kind", *_ORDER]),
    "ix_quotes_speaker_document_start_id": ("quotes", ["speaker_actor_id", *_ORDER]),
    "ix_claims_actor_document_start_id": ("claims", ["actor_id", *_ORDER]),
    "ix_claims_issue_document_start_id": ("claims", ["issue", *_ORDER]),
    "ix_claims_stance_document_start_id": ("claims", ["stance", *_ORDER]),
    "ix_estimates_holder_document_start_id": ("estimates", ["holder_actor_id", *_ORDER]),
}
#: name → (table, columns) of the indexes the new ones make redundant.
REPLACED: dict[str, tuple[str, list[str]]] = {
    "ix_documents_language": ("documents", ["language"]),
    "ix_events_type": ("events", ["type"]),
    "ix_events_date": ("events", ["date"]),
    "ix_claims_issue": ("claims", ["issue"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    for name, (table, _columns) in REPLACED.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, (table, columns) in REPLACED.items():
        op.create_index(name, table, columns)
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)

"""The store: SQLAlchemy 2 models, Alembic migrations, and the read/write helpers.

SQLite by default (``sqlite:///zopa.db``), PostgreSQL at scale. The schema is
migrated to the newest revision when a store is opened. Several processes may
use one store at once: writers wait their turn for the write lock.
"""

from zopa.store._documents import (
    DocumentFilter,
    DocumentKey,
    DocumentRecord,
    NewDocument,
    add_document,
    document_summaries,
    find_by_hash,
    get_document,
    ids_by_hash,
    insert_documents,
    list_documents,
)
from zopa.store._engine import Store, open_store
from zopa.store._scenarios import (
    ScenarioRecord,
    change_scenario,
    put_scenario,
    scenario_record,
    scenario_records,
)
from zopa.store._schema import (
    Actor,
    Base,
    Claim,
    Document,
    DocumentExtraction,
    Estimate,
    Event,
    Forecast,
    Mention,
    Quote,
    StoredScenarioRow,
    ZopaMeta,
)

__all__ = [
    "Actor",
    "Base",
    "Claim",
    "Document",
    "DocumentExtraction",
    "DocumentFilter",
    "DocumentKey",
    "DocumentRecord",
    "Estimate",
    "Event",
    "Forecast",
    "Mention",
    "NewDocument",
    "Quote",
    "ScenarioRecord",
    "Store",
    "StoredScenarioRow",
    "ZopaMeta",
    "add_document",
    "change_scenario",
    "document_summaries",
    "find_by_hash",
    "get_document",
    "ids_by_hash",
    "insert_documents",
    "list_documents",
    "open_store",
    "put_scenario",
    "scenario_record",
    "scenario_records",
]

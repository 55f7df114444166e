"""The relational schema of the store (SQLAlchemy 2 declarative models).

Every evidence row points at a document and a character span ``[start, end)`` of
its stored text, and at the sentence containing it, so any number zopa derives
can answer "where did this come from?". The Alembic migrations in
``zopa/store/migrations/versions`` create exactly these tables; a test checks
that the two agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Actor",
    "Base",
    "Claim",
    "Document",
    "DocumentExtraction",
    "Estimate",
    "Event",
    "Forecast",
    "Mention",
    "Quote",
    "StoredScenarioRow",
    "ZopaMeta",
]


class Base(DeclarativeBase):
    """Declarative base of all zopa tables."""


class ZopaMeta(Base):
    """Facts about the store itself, e.g. ``zopa_version``: the zopa that last migrated it."""

    __tablename__ = "zopa_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Document(Base):
    """One ingested article: normalised text plus the metadata found for it."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_outlet_published_at_id", "outlet", "published_at", "id"),
        Index("ix_documents_language_published_at_id", "language", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    source: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[date | None] = mapped_column(Date, index=True)
    date_source: Mapped[str] = mapped_column(String(16))  # metadata | url | dateline | none
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DocumentExtraction(Base):
    """Which extractor version last processed a document (makes extraction incremental)."""

    __tablename__ = "document_extractions"
    __table_args__ = (Index("ix_document_extractions_extracted_at", "extracted_at"),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    pipeline_version: Mapped[str] = mapped_column(String(200))
    extracted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Actor(Base):
    """A canonical actor (state, person, organisation or group), or an unresolved name."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))  # state | person | organisation | group
    country: Mapped[str | None] = mapped_column(String(3))
    sector: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String(200))
    affiliation: Mapped[str | None] = mapped_column(String(300))
    resolved: Mapped[bool] = mapped_column(Boolean, default=True)

    mentions: Mapped[list[Mention]] = relationship(back_populates="actor")


def _listing_indexes(table: str, **columns: str) -> tuple[Index, ...]:
    """An index ``ix_{table}_{name}_document_start_id`` on ``(column, document_id, start,
    id)`` per ``name=column``: one filter's items in listing order (migration 0008)."""
    return tuple(
        Index(f"ix_{table}_{name}_document_start_id", column, "document_id", "start", "id")
        for name, column in columns.items()
    )


class _Evidence:
    """Columns shared by every evidence row: document, span and sentence span."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(String(100))


class Mention(_Evidence, Base):
    """A surface form in a document resolved (or not) to an actor."""

    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_actor_document_start_id", "actor_id", "document_id", "start", "id"),
    )

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    #: Why the resolution is unsure (for ``zopa actors --unsure``); ``None`` when it is not.
    unsure: Mapped[str | None] = mapped_column(String(300))
    actor: Mapped[Actor] = relationship(back_populates="mentions")


class Event(_Evidence, Base):
    """A PLOVER-coded event with the nearest CAMEO code."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_document_start_id", "document_id", "start", "id"),
        *_listing_indexes(
            "events", type="type", status="status", source_actor="source_actor_id",
            target_actor="target_actor_id", date="date",
        ),
    )  # fmt: skip

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str | None] = mapped_column(String(40))
    cameo: Mapped[str | None] = mapped_column(String(8))
    source_actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL")
    )
    target_actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL")
    )
    date: Mapped[date | None] = mapped_column(Date)
    #: How precise ``date`` is: day | week | month | year; ``date`` is the first day of that
    #: period (Monday, the 1st, 1 January), e.g. "September 2025" is 2025-09-01, month.
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_text: Mapped[str | None] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))  # happened | planned | refused | hypothetical


class Quote(_Evidence, Base):
    """A direct or reported quotation with its speaker."""

    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_document_start_id", "document_id", "start", "id"),
        *_listing_indexes("quotes", kind="kind", speaker="speaker_actor_id"),
    )

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # direct | indirect
    speaker_actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL")
    )
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(60))


class Claim(_Evidence, Base):
    """An actor's demand, position, red line, offer or goal on an issue."""

    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_document_start_id", "document_id", "start", "id"),
        Index(
            "ix_claims_actor_issue_document_start_id",
            "actor_id",
            "issue",
            "document_id",
            "start",
            "id",
        ),
        *_listing_indexes("claims", actor="actor_id", issue="issue", stance="stance"),
    )

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    issue: Mapped[str] = mapped_column(String(60))
    #: demand | goal | position | offer | accept | reject | condition | red_line
    stance: Mapped[str] = mapped_column(String(20))
    salience_cue: Mapped[str | None] = mapped_column(String(200))
    attribution: Mapped[str] = mapped_column(String(10))  # own | reported


class Estimate(_Evidence, Base):
    """A probability statement turned into a number with an interval."""

    __tablename__ = "estimates"
    __table_args__ = (
        Index("ix_estimates_document_start_id", "document_id", "start", "id"),
        *_listing_indexes("estimates", holder="holder_actor_id"),
    )

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    holder_actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL")
    )
    holder_text: Mapped[str | None] = mapped_column(Text)
    phrase: Mapped[str] = mapped_column(String(200))
    probability: Mapped[float] = mapped_column(Float)
    low: Mapped[float] = mapped_column(Float)
    high: Mapped[float] = mapped_column(Float)
    about: Mapped[str | None] = mapped_column(Text)
    retrospective: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Judges an outcome already known ("the vote was always going to pass"): kept as
    evidence, never counted by a forecast."""


class Forecast(Base):
    """One forecast of one question by one source as of one date, kept as it was made.

    Rows are only ever inserted: a revised forecast is a new row, so scores are
    computed on what each source said at the time. An event question's forecast
    is a ``probability``; a value question's a ``value`` on the issue's 0–100
    scale; ``low``/``high`` bound either.
    """

    __tablename__ = "forecasts"
    __table_args__ = (
        Index("ix_forecasts_question_source_as_of", "scenario", "question", "source", "as_of"),
        CheckConstraint(
            "probability IS NULL OR (probability >= 0 AND probability <= 1)",
            name="ck_forecasts_probability",
        ),
        CheckConstraint("(probability IS NULL) <> (value IS NULL)", name="ck_forecasts_one_point"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    scenario: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200))
    source_kind: Mapped[str] = mapped_column(String(16))  # model | simulator | experts | ...
    as_of: Mapped[date] = mapped_column(Date)
    probability: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(200))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    inputs_digest: Mapped[str | None] = mapped_column(String(64))
    zopa_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StoredScenarioRow(Base):
    """A scenario file kept in the store under a unique name (the dashboard and API read it).

    ``text`` is the YAML exactly as given, validated by the scenario loader before
    it was stored; ``sha256`` is the hash of its UTF-8 bytes. Saving a name again
    replaces the text.
    """

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

"""Storing and reading forecasts: plain records in, plain records out, never updated.

A forecast row is written once. A source that changes its mind writes a new row
with a new ``as_of`` (or the same one: the newest row of a date wins), so every
score can be computed on the forecasts as they were made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zopa.forecast._records import ForecastRecord, NewForecast
from zopa.store import Forecast, Store

__all__ = ["add_forecasts", "forecasts_version", "list_forecasts"]


def _record(row: Forecast) -> ForecastRecord:
    return ForecastRecord.model_validate(
        {
            "id": row.id,
            "scenario": row.scenario,
            "question": row.question,
            "source": row.source,
            "source_kind": row.source_kind,
            "as_of": row.as_of,
            "probability": row.probability,
            "value": row.value,
            "low": row.low,
            "high": row.high,
            "method": row.method,
            "parameters": row.parameters,
            "inputs_digest": row.inputs_digest,
            "zopa_version": row.zopa_version,
            "created_at": row.created_at,
        }
    )


def add_forecasts(session: Session, forecasts: Iterable[NewForecast]) -> list[int]:
    """Insert ``forecasts`` in the caller's write transaction; their new ids, in order."""
    now = datetime.now(UTC)
    fields = set(NewForecast.model_fields)
    rows = [Forecast(**f.model_dump(include=fields), created_at=now) for f in forecasts]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def list_forecasts(
    store: Store,
    scenario: str,
    *,
    questions: Sequence[str] | None = None,
    source_kinds: Sequence[str] | None = None,
    as_of: date | None = None,
) -> list[ForecastRecord]:
    """The stored forecasts of ``scenario``, by question, source, as-of date and row id.

    Parameters
    ----------
    questions, source_kinds:
        Keep only these question ids / kinds of source (``None``: all).
    as_of:
        Keep only forecasts made as of this date or earlier.
    """
    query = select(Forecast).where(Forecast.scenario == scenario)
    if questions is not None:
        query = query.where(Forecast.question.in_(list(questions)))
    if source_kinds is not None:
        query = query.where(Forecast.source_kind.in_(list(source_kinds)))
    if as_of is not None:
        query = query.where(Forecast.as_of <= as_of)
    query = query.order_by(Forecast.question, Forecast.source, Forecast.as_of, Forecast.id)
    with store.session() as session:
        return [_record(row) for row in session.scalars(query)]


def forecasts_version(store: Store, scenario: str) -> tuple[int, int | None]:
    """A value that changes whenever a forecast of ``scenario`` is stored: how many it has
    and the newest row id (one look-up along ``ix_forecasts_question_source_as_of``).

    Forecast rows are only ever added, never changed or deleted, so what is derived from a
    scenario's forecasts alone may be kept per this value; the count sees a row committed
    after one with a higher id (PostgreSQL hands out ids before the commits).
    """
    query = select(func.count(), func.max(Forecast.id)).where(Forecast.scenario == scenario)
    with store.session() as session:
        count, newest = session.execute(query).one()
        return count, newest

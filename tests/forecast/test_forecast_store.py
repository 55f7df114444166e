"""Stored forecasts on SQLite and PostgreSQL: round trips, filters, rows never updated."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, inspect
from sqlalchemy.exc import IntegrityError

from zopa.forecast import NewForecast, add_forecasts, list_forecasts
from zopa.store import Forecast, Store


def _new(question: str = "meet", **overrides: object) -> NewForecast:
    fields: dict[str, object] = {
        "scenario": "tiny",
        "question": question,
        "source": "zopa.compromise.v1",
        "source_kind": "model",
        "as_of": date(2025, 1, 5),
        "probability": 0.42,
        "low": 0.3,
        "high": 0.55,
        "method": "zopa.compromise.v1",
        "parameters": {"draws": 2000, "seed": 7, "nested": {"a": [1, 2]}},
        "inputs_digest": "ab" * 32,
    }
    fields.update(overrides)
    return NewForecast.model_validate(fields)


def test_forecasts_table_and_index_exist(store: Store) -> None:
    indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("forecasts")}
    assert "ix_forecasts_question_source_as_of" in indexes


def test_round_trip_keeps_every_field(store: Store) -> None:
    with store.write() as session:
        (row_id,) = add_forecasts(session, [_new()])
    (stored,) = list_forecasts(store, "tiny")
    assert stored.id == row_id and stored.created_at is not None
    assert stored.model_dump(exclude={"id", "created_at"}) == _new().model_dump()
    assert stored.public()["parameters"] == {"draws": 2000, "seed": 7, "nested": {"a": [1, 2]}}


def test_a_new_forecast_is_a_new_row(store: Store) -> None:
    with store.write() as session:
        first = add_forecasts(session, [_new()])
    with store.write() as session:
        second = add_forecasts(session, [_new(probability=0.5)])
    assert first != second
    assert [r.probability for r in list_forecasts(store, "tiny")] == [0.42, 0.5]


def test_filters_by_question_kind_and_date(store: Store) -> None:
    with store.write() as session:
        add_forecasts(
            session,
            [
                _new("meet"),
                _new("deal", source="polymarket", source_kind="price", as_of=date(2025, 1, 9)),
                _new("meet", scenario="other"),
                _new("where", probability=None, value=55.0, low=40.0, high=70.0),
            ],
        )
    assert [r.question for r in list_forecasts(store, "tiny")] == ["deal", "meet", "where"]
    assert [r.question for r in list_forecasts(store, "tiny", questions=["meet"])] == ["meet"]
    assert [r.source for r in list_forecasts(store, "tiny", source_kinds=["price"])] == [
        "polymarket"
    ]
    assert len(list_forecasts(store, "tiny", as_of=date(2025, 1, 8))) == 2
    (value,) = list_forecasts(store, "tiny", questions=["where"])
    assert (value.probability, value.value) == (None, 55.0)


@pytest.mark.parametrize(
    "row",
    [
        {"probability": 1.5, "value": None},  # outside [0, 1]
        {"probability": None, "value": None},  # neither point
        {"probability": 0.5, "value": 50.0},  # both points
    ],
)
def test_the_database_refuses_impossible_rows(store: Store, row: dict[str, float | None]) -> None:
    base = _new().model_dump() | {"created_at": date(2025, 1, 1)}
    with pytest.raises(IntegrityError), store.write() as session:
        session.execute(insert(Forecast).values(**(base | row)))
    assert list_forecasts(store, "tiny") == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"probability": None}, "exactly one of probability"),
        ({"value": 40.0}, "exactly one of probability"),
        ({"probability": 1.2}, "less than or equal to 1"),
        ({"low": 0.5}, "low 0.5 is above the forecast 0.42"),
        ({"high": 0.4}, "high 0.4 is below the forecast 0.42"),
        ({"source_kind": "oracle"}, "Input should be"),
    ],
)
def test_bad_forecasts_are_refused_before_the_store(
    overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        _new(**overrides)


def test_a_store_at_0002_upgrades_to_forecasts_and_back(store_url: str) -> None:
    from alembic import command

    from zopa.store import open_store
    from zopa.store._migrate import alembic_config

    old = open_store(store_url, upgrade=False)
    try:
        with old.write() as session:
            command.upgrade(alembic_config(session.connection()), "0002")
        assert "forecasts" not in inspect(old.engine).get_table_names()
        old.upgrade()
        assert "forecasts" in inspect(old.engine).get_table_names()
        with old.write() as session:
            command.downgrade(alembic_config(session.connection()), "0002")
        assert "forecasts" not in inspect(old.engine).get_table_names()
    finally:
        old.close()

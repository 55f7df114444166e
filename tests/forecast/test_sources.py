"""Contract tests over every entry of the ``forecast_sources`` registry."""

from __future__ import annotations

from datetime import date

import pytest

import zopa.forecast  # noqa: F401  (registers the built-in sources)
from zopa.forecast import SOURCE_KINDS, ForecastInputs, ForecastSource, NewForecast
from zopa.registry import forecast_sources
from zopa.scenario import Scenario
from zopa.store import Store


def test_the_prices_source_is_registered() -> None:
    assert "zopa.prices.v1" in forecast_sources.names()


@pytest.mark.parametrize("name", forecast_sources.names())
def test_every_source_keeps_the_contract(name: str, scenario: Scenario, store: Store) -> None:
    source = forecast_sources.get(name)()  # constructible with its defaults
    assert isinstance(source, ForecastSource)
    assert source.kind in SOURCE_KINDS and isinstance(source.imported, bool)
    inputs = ForecastInputs(scenario, date(2025, 1, 5), store)
    first, again = source.forecast(inputs), source.forecast(inputs)
    assert first == again  # deterministic for the same inputs
    assert all(isinstance(f, NewForecast) and f.source_kind == source.kind for f in first)
    assert all(f.as_of <= inputs.as_of and f.scenario == scenario.id for f in first)

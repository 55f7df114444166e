"""``run_backtest``: each source's forecasts from what was known on each date; never stored."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from zopa.errors import ConfigError, ForecastError
from zopa.forecast import list_forecasts, read_prices, store_prices
from zopa.forecast._backtest import (
    MAX_BACKTEST_DATES,
    backtest_dates,
    parse_step,
    run_backtest,
)
from zopa.scenario import Scenario
from zopa.store import Store

PRICES = (
    "question,source,date,probability\n"
    "meet,polymarket,2025-01-02,0.2\n"
    "meet,polymarket,2025-01-05,0.8\n"
    "deal,polymarket,2025-01-03,0.4\n"
)


@pytest.mark.parametrize(("text", "days"), [("7d", 7), ("1d", 1), ("2w", 14), (" 3 d ", 3)])
def test_steps_are_days_or_weeks(text: str, days: int) -> None:
    assert parse_step(text) == timedelta(days=days)


@pytest.mark.parametrize("text", ["0d", "7", "1m", "-1d", "d", "7dd", "1.5d"])
def test_a_bad_step_is_one_line(text: str) -> None:
    with pytest.raises(ConfigError, match=r"give e\.g\. 7d or 2w"):
        parse_step(text)


def test_dates_run_from_start_by_step_and_stop_at_the_end() -> None:
    week = timedelta(days=7)
    assert backtest_dates(date(2025, 1, 1), date(2025, 1, 15), week) == [
        date(2025, 1, 1),
        date(2025, 1, 8),
        date(2025, 1, 15),
    ]
    assert backtest_dates(date(2025, 1, 1), date(2025, 1, 14), week)[-1] == date(2025, 1, 8)
    assert backtest_dates(date(2025, 1, 1), date(2025, 1, 1), week) == [date(2025, 1, 1)]
    with pytest.raises(ConfigError, match="before --from"):
        backtest_dates(date(2025, 1, 2), date(2025, 1, 1), week)
    with pytest.raises(ConfigError, match="limit"):
        backtest_dates(
            date(2000, 1, 1), date(2000, 1, 1) + MAX_BACKTEST_DATES * timedelta(1), timedelta(1)
        )


def test_each_date_sees_only_the_prices_known_then_and_nothing_is_stored(
    store: Store, scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "prices.csv"
    path.write_text(PRICES, encoding="utf-8")
    store_prices(store, read_prices(path, scenario, max_bytes=10**6))
    before = list_forecasts(store, "tiny")
    dates = backtest_dates(date(2025, 1, 1), date(2025, 1, 7), timedelta(days=2))
    result = run_backtest(scenario, dates, store=store, sources=["zopa.prices.v1"])
    seen = {(f.question, f.as_of): f.probability for f in result.forecasts}
    assert seen == {
        ("meet", date(2025, 1, 3)): 0.2,
        ("meet", date(2025, 1, 5)): 0.8,
        ("meet", date(2025, 1, 7)): 0.8,
        ("deal", date(2025, 1, 3)): 0.4,
        ("deal", date(2025, 1, 5)): 0.4,
        ("deal", date(2025, 1, 7)): 0.4,
    }
    assert list_forecasts(store, "tiny") == before  # computed, never stored
    # Scored on the dates each question was open: meet (yes, resolved 8 Jan) held 0.2
    # for 2 days then 0.8 for 3; its final forecast 0.8.
    (source,) = result.scores.sources
    meet = next(q for q in source.questions if q.question == "meet")
    assert meet.probability == 0.8
    assert meet.brier == pytest.approx(0.04)
    assert meet.brier_time_avg == pytest.approx((2 * 0.64 + 3 * 0.04) / 5)
    assert result.to_dict()["dates"] == ["2025-01-01", "2025-01-03", "2025-01-05", "2025-01-07"]


def test_an_unknown_source_is_refused_before_any_date_runs(
    store: Store, scenario: Scenario
) -> None:
    with pytest.raises(ForecastError, match=r"unknown forecast source\(s\) 'nope'; known: "):
        run_backtest(scenario, [date(2025, 1, 1)], store=store, sources=["nope"])

"""``zopa backtest``: every source as of each date of a range, stored, scored and charted."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer

from tests.cli.test_forecast_run_cli import MEET, scenario_data, write_scenario, zopa
from tests.forecast.conftest import add_statement
from zopa.cli._backtest import parse_step
from zopa.errors import ForecastError
from zopa.forecast import backtest_dates, list_forecasts
from zopa.store import Store, open_store


def test_backtest_dates_by_hand() -> None:
    assert backtest_dates(date(2025, 1, 1), date(2025, 1, 15), 7) == [
        date(2025, 1, 1),
        date(2025, 1, 8),
        date(2025, 1, 15),
    ]
    assert backtest_dates(date(2025, 1, 1), date(2025, 1, 14), 7)[-1] == date(2025, 1, 8)
    with pytest.raises(ForecastError, match="before --from"):
        backtest_dates(date(2025, 1, 2), date(2025, 1, 1), 7)
    with pytest.raises(ForecastError, match="longer --step"):
        backtest_dates(date(1900, 1, 1), date(2099, 1, 1), 1)


def test_steps_are_days_or_weeks() -> None:
    assert (parse_step("7d"), parse_step("2w"), parse_step(" 1D ")) == (7, 14, 1)
    for bad in ("0d", "7", "week", "-1d", "1.5w"):
        with pytest.raises(typer.BadParameter):
            parse_step(bad)


def test_a_backtest_stores_scores_and_charts_the_paths(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'z.db'}"
    store = open_store(url)
    add_statement(store, "2025-01-10", MEET, 0.6)
    add_statement(store, "2025-02-10", MEET, 0.8)
    data = scenario_data()
    data["questions"][0] |= {"resolution_date": "2025-03-01", "resolved_on": "2025-03-01"}
    data["questions"][0]["outcome"] = True
    scenario = write_scenario(tmp_path, data)
    chart = tmp_path / "paths"
    args = ["backtest", scenario, "--from", "2025-01-01", "--to", "2025-03-05", "--step", "2w"]
    code, out, err = zopa(url, *args, "--runs", "100", "--json", "--chart", str(chart))
    assert code == 0, err
    result = json.loads(out)
    assert result["dates"] == ["2025-01-01", "2025-01-15", "2025-01-29", "2025-02-12", "2025-02-26"]
    meet = [
        f
        for f in result["forecasts"]
        if f["question"] == "meet" and f["source"] == "zopa.experts.v1"
    ]
    assert [f["as_of"] for f in meet] == ["2025-01-15", "2025-01-29", "2025-02-12", "2025-02-26"]
    (move,) = [
        m for m in result["moves"] if (m["question"], m["source"]) == ("meet", "zopa.experts.v1")
    ]
    assert move["first"] == {"as_of": "2025-01-15", "point": 0.6} and move["changes"] >= 1
    scored = {s["source"]: s for s in result["scores"]["sources"]}
    assert result["scores"]["resolved_questions"] == 1
    # The final forecast before 1 March: the pool of 0.6 (24 days old) and 0.8 (16 days old).
    assert scored["zopa.experts.v1"]["per_question"][0]["as_of"] == "2025-02-26"
    assert {"brier", "log"} <= set(scored["zopa.experts.v1"])
    assert (tmp_path / "paths.png").stat().st_size > 0
    assert (tmp_path / "paths.svg").read_text(encoding="utf-8").startswith("<?xml")
    stored = len(list_forecasts(store, "arland-borvia"))
    assert stored == len(result["forecasts"])
    code, out, _ = zopa(url, *args, "--runs", "100")
    assert code == 0 and "scores on 1 resolved question(s)" in out
    assert len(list_forecasts(store, "arland-borvia")) == stored  # re-run: nothing new
    store.close()


def test_bad_ranges_and_steps_are_one_line_and_store_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'z.db'}"
    scenario = write_scenario(tmp_path, scenario_data())
    code, _, err = zopa(url, "backtest", scenario, "--from", "2025-03-01", "--to", "2025-01-01")
    assert code == 1 and "--to 2025-01-01 is before --from 2025-03-01" in err
    code, _, err = zopa(
        url, "backtest", scenario, "--from", "2025-01-01", "--to", "2025-03-01", "--step", "weekly"
    )
    assert code == 2 and "--step" in err and len(err.strip().splitlines()) == 1
    code, _, err = zopa(url, "backtest", scenario, "--from", "2025-01-01", "--to", "2025-13-01")
    assert code == 2 and "--to" in err
    store = open_store(url)
    assert list_forecasts(store, "arland-borvia") == []
    store.close()


def test_the_backtest_prints_its_hindsight_flags_not_only_in_json(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    later = add_statement(opened, "2025-05-01", "Arland will settle for 20.", 0.9)
    scenario = write_scenario(tmp_path, scenario_data(evidence=[{"estimate": later}]))
    code, _, err = zopa(
        store_url,
        "backtest",
        scenario,
        "--from",
        "2025-02-01",
        "--to",
        "2025-03-01",
        "--step",
        "2w",
        "--runs",
        "20",
    )
    assert code == 0, err
    assert (
        f"hindsight: actors[arland].positions.land.position cites estimate {later}, "
        "published 2025-05-01 (after 2025-02-01)"
    ) in err

"""``zopa forecast``, ``backtest`` and ``demo`` refuse placeholder values unless allowed.

Refused: exit 1, one line naming the file, line and first placeholder, nothing
stored. Allowed: the text output starts with the banner, the JSON has a
``placeholders`` field, and every stored forecast computed from the scenario's
values says so in its method and parameters.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.test_forecast_run_cli import MEET, scenario_data, write_scenario, zopa
from tests.forecast.conftest import add_statement
from zopa.forecast import list_forecasts
from zopa.store import Store

NAMES = ["actors.arland.positions.land.position"]
FORECAST = ["--as-of", "2025-03-01", "--runs", "50"]
BACKTEST = ["--from", "2025-02-01", "--to", "2025-02-15", "--step", "2w", "--runs", "50"]


def placeholder_scenario(tmp_path: Path) -> str:
    data: dict[str, Any] = scenario_data()
    data["actors"][0]["positions"]["land"]["position"] |= {"placeholder": True}
    return write_scenario(tmp_path, data)


def position_line(scenario: str) -> int:
    lines = Path(scenario).read_text(encoding="utf-8").splitlines()
    return next(k for k, line in enumerate(lines) if line.strip() == "position:") + 2


def test_forecast_refuses_placeholders_and_stores_nothing(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    scenario = placeholder_scenario(tmp_path)
    code, out, err = zopa(store_url, "forecast", scenario, *FORECAST, "--json")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"error: {scenario}:{position_line(scenario)}: 1 value is a placeholder "
        f"(first: {NAMES[0]}); set them or pass --allow-placeholders"
    ]
    assert list_forecasts(opened, "arland-borvia") == []


def test_forecast_with_placeholders_allowed_marks_every_output(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    add_statement(opened, "2025-02-01", MEET, 0.7)
    scenario = placeholder_scenario(tmp_path)
    code, out, err = zopa(
        store_url, "forecast", scenario, *FORECAST, "--allow-placeholders", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["placeholders"] == NAMES
    stored = list_forecasts(opened, "arland-borvia")
    assert stored and len(stored) == len(data["forecasts"])
    for forecast in stored:
        if forecast.source_kind == "experts":  # from the press, not from the scenario's values
            assert "placeholders" not in forecast.parameters
        else:
            assert forecast.parameters["placeholders"] == 1
            assert forecast.method.endswith("(on 1 placeholder value)")
    assert {f.source_kind for f in stored} >= {"experts", "model", "combined"}
    code, text, err = zopa(store_url, "forecast", scenario, *FORECAST, "--allow-placeholders")
    assert code == 0, err
    assert text.splitlines()[0].startswith("PLACEHOLDERS: 1 value is a placeholder")


def test_backtest_refuses_placeholders_then_marks_what_it_stores(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    scenario = placeholder_scenario(tmp_path)
    code, out, err = zopa(store_url, "backtest", scenario, *BACKTEST)
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert f"{scenario}:{position_line(scenario)}: 1 value is a placeholder" in err
    assert list_forecasts(opened, "arland-borvia") == []
    code, out, err = zopa(store_url, "backtest", scenario, *BACKTEST, "--allow-placeholders")
    assert code == 0, err
    assert out.splitlines()[0].startswith("PLACEHOLDERS: 1 value is a placeholder")
    models = [f for f in list_forecasts(opened, "arland-borvia") if f.source_kind == "model"]
    assert models and all(f.parameters["placeholders"] == 1 for f in models)
    code, out, err = zopa(
        store_url, "backtest", scenario, *BACKTEST, "--allow-placeholders", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["placeholders"] == NAMES


def test_demo_refuses_a_placeholder_scenario_before_any_work(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    scenario = placeholder_scenario(tmp_path)
    out = tmp_path / "out"
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    code, stdout, err = zopa(url, "demo", str(corpus), "--scenario", scenario, "--out", str(out))
    assert code == 1 and stdout == ""
    assert "1 value is a placeholder" in err and "--allow-placeholders" in err
    assert not out.exists() and not (tmp_path / "demo.db").exists()

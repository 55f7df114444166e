"""``zopa backtest`` through typer's CliRunner on the shipped scenario and imported prices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from zopa.cli import app

SCENARIO = str(EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml")
PRICES = (
    "question,source,date,probability\n"
    "leaders_meet_2025,polymarket,2025-03-01,0.3\n"
    "leaders_meet_2025,polymarket,2025-06-01,0.15\n"
)


def _zopa(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{tmp_path / 'z.db'}", *args])
    return result.exit_code, result.stdout, result.stderr


def _with_prices(tmp_path: Path) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(PRICES, encoding="utf-8")
    code, out, err = _zopa(
        tmp_path, "forecast", "import-prices", str(prices), "--scenario", SCENARIO
    )
    assert code == 0, out + err


def test_backtest_json_has_every_date_and_the_price_known_on_it(tmp_path: Path) -> None:
    _with_prices(tmp_path)
    code, out, err = _zopa(
        tmp_path,
        "backtest",
        SCENARIO,
        "--from",
        "2025-05-01",
        "--to",
        "2025-07-01",
        "--step",
        "4w",
        "--sources",
        "zopa.prices.v1",
        "--json",
    )
    assert code == 0, out + err
    result = json.loads(out)
    assert result["dates"] == ["2025-05-01", "2025-05-29", "2025-06-26"]
    path = [
        (f["as_of"], f["probability"])
        for f in result["forecasts"]
        if f["question"] == "leaders_meet_2025"
    ]
    assert path == [("2025-05-01", 0.3), ("2025-05-29", 0.3), ("2025-06-26", 0.15)]
    for forecast in result["forecasts"]:
        assert {"question", "source", "probability", "low", "high", "as_of"} <= set(forecast)
    assert {"brier", "log"} <= set(result["scores"]["sources"][0])
    # Nothing stored: the stored prices are still the only forecasts.
    code, out, _ = _zopa(tmp_path, "questions", SCENARIO, "--json")
    stored = [f for q in json.loads(out)["questions"] for f in q["forecasts"]]
    assert {f["source"] for f in stored} == {"polymarket"}


def test_backtest_writes_its_chart_as_png_and_svg(tmp_path: Path) -> None:
    _with_prices(tmp_path)
    code, out, err = _zopa(
        tmp_path,
        "backtest",
        SCENARIO,
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--sources",
        "zopa.prices.v1",
        "--chart",
        str(tmp_path / "paths"),
    )
    assert code == 0, out + err
    assert (tmp_path / "paths.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in (tmp_path / "paths.svg").read_bytes()[:500]
    assert "leaders_meet_2025" in out and "polymarket" in out  # the moves table


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "2025-02-01", "--to", "2025-01-01"], "before --from"),
        (["--from", "2025-01-01", "--to", "2025-02-01", "--step", "1m"], "give e.g. 7d"),
        (["--from", "2025-13-01", "--to", "2025-02-01"], "not a date"),
        (["--from", "2025-01-01", "--to", "2025-02-01", "--sources", "nope"], "unknown forecast"),
        (["--from", "2025-01-01", "--to", "2025-02-01", "--chart", "{tmp}/no/x"], "does not exist"),
    ],
)
def test_bad_backtest_arguments_are_one_line(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = _zopa(tmp_path, "backtest", SCENARIO, *args)
    assert code != 0
    assert expected in out + err and "Traceback" not in out + err

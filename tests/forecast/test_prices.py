"""``import-prices``: each bad row named by file and line, nothing half imported, re-import idle."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zopa.errors import ForecastError
from zopa.forecast import PriceSource, list_forecasts, read_prices, store_prices
from zopa.forecast._sources import ForecastInputs
from zopa.scenario import Scenario
from zopa.store import Store

HEADER = "question,source,date,probability\n"
GOOD = HEADER + "meet,polymarket,2025-01-02,0.31\nmeet,polymarket,2025-01-05,0.6\n"
MAX = 1_000_000


def _write(tmp_path: Path, text: str | bytes, name: str = "prices.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_prices_are_stored_as_price_forecasts(
    store: Store, scenario: Scenario, tmp_path: Path
) -> None:
    path = _write(tmp_path, GOOD + "deal,metaculus,2025-01-10,0.2\n")
    result = store_prices(store, read_prices(path, scenario, max_bytes=MAX))
    assert (result.stored, result.skipped) == (3, 0)
    stored = list_forecasts(store, "tiny")
    assert [(r.question, r.source, r.as_of, r.probability) for r in stored] == [
        ("deal", "metaculus", date(2025, 1, 10), 0.2),
        ("meet", "polymarket", date(2025, 1, 2), 0.31),
        ("meet", "polymarket", date(2025, 1, 5), 0.6),
    ]
    assert {r.source_kind for r in stored} == {"price"}
    assert stored[1].parameters == {"file": "prices.csv", "line": 2}
    assert stored[1].inputs_digest is not None and len(stored[1].inputs_digest) == 64


def test_importing_the_same_file_again_stores_nothing_new(
    store: Store, scenario: Scenario, tmp_path: Path
) -> None:
    path = _write(tmp_path, GOOD)
    store_prices(store, read_prices(path, scenario, max_bytes=MAX))
    again = store_prices(store, read_prices(path, scenario, max_bytes=MAX))
    assert (again.stored, again.skipped) == (0, 2)
    assert len(list_forecasts(store, "tiny")) == 2


def test_one_bad_row_refuses_the_whole_file(
    store: Store, scenario: Scenario, tmp_path: Path
) -> None:
    path = _write(tmp_path, GOOD + "meet,polymarket,2025-01-06,1.5\n")
    prices = read_prices(path, scenario, max_bytes=MAX)
    with pytest.raises(ForecastError, match=r"1 bad row, nothing imported; first: .*:4: "):
        store_prices(store, prices)
    assert list_forecasts(store, "tiny") == []


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ("meat,polymarket,2025-01-02,0.3\n", 2, "unknown question 'meat' in tiny"),
        ("where,polymarket,2025-01-02,0.3\n", 2, "asks for a value"),
        ("meet,polymarket,2025-01-02,1.01\n", 2, "probability '1.01' is not a number from 0"),
        ("meet,polymarket,2025-01-02,-0.1\n", 2, "probability '-0.1' is not a number"),
        ("meet,polymarket,2025-01-02,nan\n", 2, "probability 'nan' is not a number"),
        ("meet,polymarket,2025-01-02,31%\n", 2, "probability '31%' is not a number"),
        ("meet,polymarket,2025-02-30,0.3\n", 2, "bad date '2025-02-30'"),
        ("meet,polymarket,02/01/2025,0.3\n", 2, "bad date '02/01/2025'"),
        ("meet,polymarket,20250102,0.3\n", 2, "bad date '20250102'"),
        ("meet,polymarket,2025-01-02\n", 2, "expected 4 cells, got 3"),
        ("meet,polymarket,2025-01-02,0.3,x\n", 2, "expected 4 cells, got 5"),
        ("meet,,2025-01-02,0.3\n", 2, "empty source"),
        ("meet,zopa.combined.v1,2025-01-02,0.3\n", 2, "reserved or too long"),
        ("\nmeet,a,2025-01-02,0.3\nmeet,a,2025-01-02,0.4\n", 4, "duplicate price of 'meet'"),
        ('meet,"multi\nline",2025-01-02,0.3\nmeat,a,2025-01-02,0.3\n', 4, "unknown question"),
        ('meet,1,2025-01-02,0.3\nmeet,"unclosed,2025-01-02,0.3\n', 3, "not valid CSV"),
    ],
)
def test_each_bad_row_is_one_line_with_file_and_line(
    scenario: Scenario, tmp_path: Path, rows: str, line: int, message: str
) -> None:
    path = _write(tmp_path, HEADER + rows)
    (problem,) = read_prices(path, scenario, max_bytes=MAX).problems
    assert problem.format().startswith(f"{path}:{line}: ")
    assert message in problem.message
    assert "\n" not in problem.format()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        (HEADER, "a header but no rows"),
        ("question,source,date\nmeet,a,2025-01-02\n", "missing column 'probability'"),
        ("meet,a,2025-01-02,0.3\n", "unknown column 'meet'"),
        (
            "question,source,day,probability\nmeet,a,2025-01-02,0.3\n",
            "unknown column 'day'",
        ),
        ("question,question,source,date,probability\n", "column 'question' appears twice"),
    ],
)
def test_bad_headers_and_empty_files(
    scenario: Scenario, tmp_path: Path, text: str, message: str
) -> None:
    problems = read_prices(_write(tmp_path, text), scenario, max_bytes=MAX).problems
    assert problems and problems[0].line in (0, 1)
    assert any(message in p.message for p in problems), [p.format() for p in problems]


def test_columns_in_any_order_a_bom_and_blank_lines(scenario: Scenario, tmp_path: Path) -> None:
    text = "\ufeffProbability, date ,source,question\n\n0.4,2025-01-02,crowd,meet\n\n"
    prices = read_prices(_write(tmp_path, text), scenario, max_bytes=MAX)
    assert prices.problems == []
    (row,) = prices.rows
    assert (row.line, row.question, row.source, row.probability) == (3, "meet", "crowd", 0.4)


def test_not_utf8_too_big_and_missing_files(scenario: Scenario, tmp_path: Path) -> None:
    bad = read_prices(
        _write(tmp_path, HEADER.encode() + b"meet,\xff,2025-01-02,0.3\n"), scenario, max_bytes=MAX
    )
    assert [(p.line, p.message) for p in bad.problems] == [(2, "not UTF-8 text")]
    with pytest.raises(ForecastError, match="over the 10-byte limit"):
        read_prices(_write(tmp_path, GOOD, "big.csv"), scenario, max_bytes=10)
    with pytest.raises(ForecastError, match="no such"):
        read_prices(tmp_path / "none.csv", scenario, max_bytes=MAX)
    with pytest.raises(ForecastError, match="folder"):
        read_prices(tmp_path, scenario, max_bytes=MAX)


def test_a_named_pipe_is_refused_without_blocking(scenario: Scenario, tmp_path: Path) -> None:
    fifo = tmp_path / "prices.csv"
    os.mkfifo(fifo)  # nobody writes to it: reading it naively would block for ever
    with pytest.raises(ForecastError, match="named pipe"):
        read_prices(fifo, scenario, max_bytes=MAX)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_rows_or_problems_never_a_crash(
    scenario: Scenario, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_text(HEADER + text, encoding="utf-8", errors="surrogatepass")
    prices = read_prices(path, scenario, max_bytes=MAX)
    for row in prices.rows:
        assert 0.0 <= row.probability <= 1.0 and row.question in {"meet", "deal", "truce"}
    for problem in prices.problems:
        assert "\n" not in problem.format()


def test_price_source_gives_each_markets_latest_price_as_of_a_date(
    store: Store, scenario: Scenario, tmp_path: Path
) -> None:
    text = GOOD + "meet,metaculus,2025-01-03,0.5\nmeet,metaculus,2025-01-09,0.7\n"
    store_prices(store, read_prices(_write(tmp_path, text), scenario, max_bytes=MAX))
    out = PriceSource().forecast(ForecastInputs(scenario, date(2025, 1, 4), store))
    assert [(f.source, f.as_of, f.probability) for f in out] == [
        ("metaculus", date(2025, 1, 3), 0.5),
        ("polymarket", date(2025, 1, 2), 0.31),
    ]


def test_refusal_counts_the_rows_and_repeats_none_already_listed(
    scenario: Scenario, tmp_path: Path
) -> None:
    rows = "".join(f"meet,m{i},2025-01-02,{2 + i}\n" for i in range(3))
    prices = read_prices(_write(tmp_path, HEADER + rows), scenario, max_bytes=MAX)
    first = prices.problems[0].format()
    assert first in str(prices.refusal())  # nothing shown yet: the first is in the message
    assert str(prices.refusal(listed=3)).endswith(
        "3 bad rows (listed above), nothing imported; fix them and import again"
    )
    partly = str(prices.refusal(listed=2))
    assert "(the first 2 listed above)" in partly and first not in partly

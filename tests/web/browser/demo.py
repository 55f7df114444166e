"""The demo store of the browser tests: the web tests' demo store (tests/web/demo_store.py)
plus the hostile article, ingested and extracted, the hostile scenario, and the shipped
scenario's forecasts as of a few earlier dates (so forecast pages draw paths over time)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.web.browser.hostile import hostile_scenario, write_hostile_article
from tests.web.demo_store import SCENARIO_FILE, build_demo_store
from zopa.extract import build_pipeline, extract_documents
from zopa.forecast import backtest
from zopa.ingest import ingest_paths
from zopa.scenario import Scenario, load_for_models, save_scenario
from zopa.store import open_store

__all__ = ["build_browser_store", "demo_scenario"]

SEED = 2025
_HISTORY_STEP = timedelta(days=56)
_HISTORY_DATES = 3
_RUNS = 200
_MAX_FILE_BYTES = 10 * 1024 * 1024


def demo_scenario() -> Scenario:
    """The shipped scenario the demo store's forecasts are made on."""
    return load_for_models(SCENARIO_FILE, allow_placeholders=False)


def build_browser_store(folder: Path) -> str:
    """Build the browser tests' demo store in ``folder``; its URL."""
    url = build_demo_store(folder)
    hostile = write_hostile_article(folder / "hostile")
    scenario = demo_scenario()
    as_of = scenario.as_of or date.today()
    store = open_store(url)
    try:
        ingest_paths(store, [hostile], max_file_bytes=_MAX_FILE_BYTES)
        extract_documents(store, build_pipeline())
        save_scenario(store, None, hostile_scenario(SCENARIO_FILE.read_text(encoding="utf-8")))
        backtest(
            scenario,
            store=store,
            start=as_of - _HISTORY_STEP * _HISTORY_DATES,
            end=as_of - _HISTORY_STEP,
            step_days=_HISTORY_STEP.days,
            runs=_RUNS,
            seed=SEED,
        )
    finally:
        store.close()
    return url

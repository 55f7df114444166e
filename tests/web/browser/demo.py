"""The demo store of the browser tests: the example corpus and the hostile article, extracted,
with the shipped scenario's forecasts stored as of a few dates (so the pages have history)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.conftest import EXAMPLES
from tests.web.browser.hostile import hostile_scenario, write_hostile_article
from zopa.extract import build_pipeline, extract_documents
from zopa.forecast import backtest, run_forecasts, store_run
from zopa.ingest import ingest_paths
from zopa.scenario import Scenario, load_for_models, save_scenario
from zopa.store import open_store

__all__ = ["SCENARIO_FILE", "build_demo_store", "demo_scenario"]

SCENARIO_FILE = EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"
SEED = 2025
_HISTORY_STEP = timedelta(days=56)
_HISTORY_DATES = 4
_RUNS = 200
_MAX_FILE_BYTES = 10 * 1024 * 1024


def demo_scenario() -> Scenario:
    """The shipped scenario the demo store's forecasts are made on."""
    return load_for_models(SCENARIO_FILE, allow_placeholders=False)


def build_demo_store(folder: Path) -> str:
    """Build the demo store in ``folder``; its URL.

    The example corpus and the hostile article (:mod:`tests.web.browser.hostile`)
    ingested and extracted; the shipped scenario and its hostile twin stored; the shipped
    scenario's forecasts as of its date and of
    a few dates before it (a short backtest, so forecast pages draw paths).
    """
    url = f"sqlite:///{folder / 'demo.db'}"
    hostile = write_hostile_article(folder / "hostile")
    scenario = demo_scenario()
    as_of = scenario.as_of or date.today()
    store = open_store(url)
    try:
        ingest_paths(store, [EXAMPLES / "corpus", hostile], max_file_bytes=_MAX_FILE_BYTES)
        extract_documents(store, build_pipeline())
        shipped = SCENARIO_FILE.read_text(encoding="utf-8")
        save_scenario(store, None, shipped)
        save_scenario(store, None, hostile_scenario(shipped))
        backtest(
            scenario,
            store=store,
            start=as_of - _HISTORY_STEP * _HISTORY_DATES,
            end=as_of - _HISTORY_STEP,
            step_days=_HISTORY_STEP.days,
            runs=_RUNS,
            seed=SEED,
        )
        store_run(store, run_forecasts(scenario, as_of=as_of, store=store, runs=_RUNS, seed=SEED))
    finally:
        store.close()
    return url

"""Forecasts (pipeline stage 6): the scenario's questions, forecasts kept as made, scores.

A scenario's ``questions:`` say what a machine can resolve (``docs/scenarios.md``).
Every forecast — by a source of the ``forecast_sources`` registry, or an imported
crowd or market price — is stored once, as made (:func:`add_forecasts`), and
scored against the outcomes from the stored rows only (:func:`score_forecasts`):
Brier, log and time-averaged Brier scores, the CRPS of value forecasts,
baselines on the same questions and a CORP calibration table.
:func:`run_forecasts` runs every source as of a date (the experts in the press,
the static models, their combination, and whatever else is registered) and
:func:`store_run` keeps what it made. The public JSON layout is in
``docs/forecasts.md``.
"""

from zopa.forecast._asof import (
    DocumentCounts,
    Hindsight,
    Statement,
    document_counts,
    hindsight,
    statements_as_of,
)
from zopa.forecast._backtest import MAX_BACKTEST_DATES, Backtest, backtest, backtest_dates
from zopa.forecast._combined import COMBINED, CombinedSource, inverse_brier_weights
from zopa.forecast._distribution import MAX_MEMBERS, Predictive, crps, predictive_of
from zopa.forecast._experts import EXPERTS, ExpertsSource
from zopa.forecast._matching import match_statement
from zopa.forecast._pooling import (
    extremised_pool,
    fit_extremising,
    leave_one_out,
    log_odds_mean,
    recency_weights,
    weighted_mean,
    weighted_median,
)
from zopa.forecast._prices import (
    PRICE_COLUMNS,
    PriceFile,
    PriceImport,
    parse_prices,
    read_prices,
    store_prices,
)
from zopa.forecast._questions import (
    QuestionStatus,
    describe_question,
    latest_forecasts,
    question_status,
    questions_overview,
)
from zopa.forecast._records import (
    SOURCE_KINDS,
    ForecastRecord,
    NewForecast,
    SourceKind,
    digest_of,
)
from zopa.forecast._resolving import Resolving, resolving_events, with_may_resolve
from zopa.forecast._run import (
    ForecastRun,
    StoredRun,
    make_sources,
    run_forecasts,
    source_names,
    store_run,
)
from zopa.forecast._scores import (
    ALL_RESOLVED,
    LOG_SCORE_FLOOR,
    SAME_QUESTIONS,
    Calibration,
    QuestionScore,
    Resolution,
    Scores,
    SourceScore,
    ValueScore,
    brier_score,
    corp_calibration,
    log_score,
    resolutions,
    score_forecasts,
    time_averaged_brier,
)
from zopa.forecast._sources import (
    ForecastInputs,
    ForecastSource,
    PriceSource,
    ReportingSource,
    SourceReport,
)
from zopa.forecast._static import STATIC_MODELS, StaticModelsSource
from zopa.forecast._store import add_forecasts, forecasts_version, list_forecasts

__all__ = [
    "ALL_RESOLVED",
    "COMBINED",
    "EXPERTS",
    "LOG_SCORE_FLOOR",
    "MAX_BACKTEST_DATES",
    "MAX_MEMBERS",
    "PRICE_COLUMNS",
    "SAME_QUESTIONS",
    "SOURCE_KINDS",
    "STATIC_MODELS",
    "Backtest",
    "Calibration",
    "CombinedSource",
    "DocumentCounts",
    "ExpertsSource",
    "ForecastInputs",
    "ForecastRecord",
    "ForecastRun",
    "ForecastSource",
    "Hindsight",
    "NewForecast",
    "Predictive",
    "PriceFile",
    "PriceImport",
    "PriceSource",
    "QuestionScore",
    "QuestionStatus",
    "ReportingSource",
    "Resolution",
    "Resolving",
    "Scores",
    "SourceKind",
    "SourceReport",
    "SourceScore",
    "Statement",
    "StaticModelsSource",
    "StoredRun",
    "ValueScore",
    "add_forecasts",
    "backtest",
    "backtest_dates",
    "brier_score",
    "corp_calibration",
    "crps",
    "describe_question",
    "digest_of",
    "document_counts",
    "extremised_pool",
    "fit_extremising",
    "forecasts_version",
    "hindsight",
    "inverse_brier_weights",
    "latest_forecasts",
    "leave_one_out",
    "list_forecasts",
    "log_odds_mean",
    "log_score",
    "make_sources",
    "match_statement",
    "parse_prices",
    "predictive_of",
    "question_status",
    "questions_overview",
    "read_prices",
    "recency_weights",
    "resolutions",
    "resolving_events",
    "run_forecasts",
    "score_forecasts",
    "source_names",
    "statements_as_of",
    "store_prices",
    "store_run",
    "time_averaged_brier",
    "weighted_mean",
    "weighted_median",
    "with_may_resolve",
]

import zopa.simulate  # noqa: F401  (registers zopa.simulation.v1 in forecast_sources)

"""Forecasts (pipeline stage 6): the scenario's questions, forecasts kept as made, scores.

A scenario's ``questions:`` say what a machine can resolve (``docs/scenarios.md``).
Every forecast — by a source of the ``forecast_sources`` registry, or an imported
crowd or market price — is stored once, as made (:func:`add_forecasts`), and
scored against the outcomes from the stored rows only (:func:`score_forecasts`):
Brier, log and time-averaged Brier scores, the CRPS of value forecasts,
baselines on the same questions and a CORP calibration table. The public JSON
layout is in ``docs/forecasts.md``.
"""

from zopa.forecast._distribution import MAX_MEMBERS, Predictive, crps, predictive_of
from zopa.forecast._prices import (
    PRICE_COLUMNS,
    PriceFile,
    PriceImport,
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
from zopa.forecast._records import SOURCE_KINDS, ForecastRecord, NewForecast, SourceKind
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
from zopa.forecast._sources import ForecastInputs, ForecastSource, PriceSource
from zopa.forecast._store import add_forecasts, list_forecasts

__all__ = [
    "ALL_RESOLVED",
    "LOG_SCORE_FLOOR",
    "MAX_MEMBERS",
    "PRICE_COLUMNS",
    "SAME_QUESTIONS",
    "SOURCE_KINDS",
    "Calibration",
    "ForecastInputs",
    "ForecastRecord",
    "ForecastSource",
    "NewForecast",
    "Predictive",
    "PriceFile",
    "PriceImport",
    "PriceSource",
    "QuestionScore",
    "QuestionStatus",
    "Resolution",
    "Scores",
    "SourceKind",
    "SourceScore",
    "ValueScore",
    "add_forecasts",
    "brier_score",
    "corp_calibration",
    "crps",
    "describe_question",
    "latest_forecasts",
    "list_forecasts",
    "log_score",
    "predictive_of",
    "question_status",
    "questions_overview",
    "read_prices",
    "resolutions",
    "score_forecasts",
    "store_prices",
    "time_averaged_brier",
]

"""Scoring stored forecasts against what happened: Brier, log, time-averaged Brier, CORP.

Scores use only the forecasts as stored, and of those only the ones made while
the question was open: on or after ``opens`` and before it *closed* — the day
after ``resolution_date``, or ``resolved_on`` if the outcome was known earlier.
A forecast made once the outcome was known is never scored.

For each source and resolved event question:

* the **final** forecast is the last one made before the question closed (for
  a date with several stored rows, the one stored last); its Brier and log
  scores are averaged over the questions the source forecast;
* the **time-averaged Brier** treats the stored forecasts as a step function: the
  forecast of date ``d`` holds every day until the next forecast, up to the day
  the question closed; it is the mean daily Brier over the days from the
  source's first forecast on (days before it are not scored; ``days`` says how
  many were);
* the **calibration** of the final forecasts is the CORP reliability diagram of
  Dimitriadis, Gneiting & Jordan (2021): the pool-adjacent-violators (isotonic)
  fit of the outcomes on the forecasts, with the decomposition
  Brier = MCB − DSC + UNC.

Baselines, scored on all resolved event questions: a constant 50 % and a
constant base rate (the share of those questions that resolved yes, in-sample,
so it is a flattering baseline). Lower scores are better throughout.

Value questions are not scored yet (they need a score for a predictive
distribution such as the CRPS).

References
----------
Brier, G. W. (1950). Verification of forecasts expressed in terms of probability.
*Monthly Weather Review*, 78(1), 1–3.
Good, I. J. (1952). Rational decisions. *Journal of the Royal Statistical Society B*,
14(1), 107–114.
Dimitriadis, T., Gneiting, T., & Jordan, A. I. (2021). Stable reliability diagrams
for probabilistic classifiers. *PNAS*, 118(8), e2016191118.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import isotonic_regression

from zopa.forecast._records import ForecastRecord
from zopa.scenario import Scenario

__all__ = [
    "LOG_SCORE_FLOOR",
    "Calibration",
    "QuestionScore",
    "Resolution",
    "Scores",
    "SourceScore",
    "brier_score",
    "corp_calibration",
    "log_score",
    "resolutions",
    "score_forecasts",
    "time_averaged_brier",
]

LOG_SCORE_FLOOR = 1e-3
"""Probabilities are clipped to [0.001, 0.999] for the log score, so a forecast of 0 or 1
that turns out wrong costs ln(1000) ≈ 6.9 instead of infinity (the bounds Metaculus uses)."""


def brier_score(probability: ArrayLike, outcome: ArrayLike) -> NDArray[np.float64]:
    """Brier score of binary forecasts, ``(p − y)²``, elementwise (Brier 1950).

    ``p`` is the forecast probability of yes, ``y`` 1 for yes and 0 for no;
    0 is perfect, 0.25 is a constant 50 %, 1 is certain and wrong.
    """
    p = np.asarray(probability, dtype=float)
    y = np.asarray(outcome, dtype=float)
    return np.asarray((p - y) ** 2, dtype=float)


def log_score(probability: ArrayLike, outcome: ArrayLike) -> NDArray[np.float64]:
    """Logarithmic score, ``−ln p`` if yes and ``−ln(1 − p)`` if no, elementwise (Good 1952).

    Natural logarithm, lower is better (a constant 50 % scores ln 2 ≈ 0.693);
    ``p`` is clipped to [:data:`LOG_SCORE_FLOOR`, 1 − :data:`LOG_SCORE_FLOOR`].
    """
    p = np.clip(np.asarray(probability, dtype=float), LOG_SCORE_FLOOR, 1 - LOG_SCORE_FLOOR)
    y = np.asarray(outcome, dtype=bool)
    return np.asarray(-np.log(np.where(y, p, 1 - p)), dtype=float)


@dataclass(frozen=True)
class Resolution:
    """A resolved event question: its outcome and the days it was open, ``[opens, close)``."""

    question: str
    outcome: bool
    opens: date | None
    close: date

    def open_on(self, day: date) -> bool:
        """Whether a forecast as of ``day`` was made while the question was open."""
        return (self.opens is None or self.opens <= day) and day < self.close


def resolutions(scenario: Scenario) -> list[Resolution]:
    """The scenario's resolved event questions, in file order."""
    out = []
    for q in scenario.questions:
        if q.kind != "event" or not isinstance(q.outcome, bool) or q.resolved_on is None:
            continue
        close = min(q.resolution_date + timedelta(days=1), q.resolved_on)
        out.append(Resolution(q.id, q.outcome, q.opens, close))
    return out


def time_averaged_brier(
    steps: Sequence[tuple[date, float]], outcome: bool, close: date
) -> tuple[float, int]:
    """Mean daily Brier of a step function of forecasts, and the number of days scored.

    ``steps`` are ``(as_of, probability)`` sorted by date, all before ``close``; the
    forecast of each date holds until the next date, the last until ``close``
    (exclusive).
    """
    dates = [d for d, _ in steps] + [close]
    days = np.array([(b - a).days for a, b in itertools.pairwise(dates)], dtype=float)
    scores = brier_score([p for _, p in steps], float(outcome))
    return float(np.average(scores, weights=days)), int(days.sum())


@dataclass(frozen=True)
class Calibration:
    """A CORP reliability diagram and the decomposition of the mean Brier score.

    ``points`` are ``(forecast, calibrated probability, count)`` for each distinct
    forecast value: the isotonic (PAV) fit of the outcomes on the forecasts.
    ``brier = mcb − dsc + unc``: miscalibration, discrimination, uncertainty.
    """

    points: list[tuple[float, float, int]]
    brier: float
    mcb: float
    dsc: float
    unc: float

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "brier": self.brier,
            "mcb": self.mcb,
            "dsc": self.dsc,
            "unc": self.unc,
            "points": [{"forecast": f, "calibrated": c, "count": n} for f, c, n in self.points],
        }


def corp_calibration(probability: ArrayLike, outcome: ArrayLike) -> Calibration:
    """CORP reliability diagram and Brier decomposition (Dimitriadis, Gneiting & Jordan 2021).

    The calibrated probabilities are the isotonic regression of the outcomes on
    the forecasts (pool-adjacent-violators, :func:`scipy.optimize.isotonic_regression`),
    equal forecasts pooled first. With ``S`` the mean Brier of the forecasts,
    ``S_C`` that of the calibrated probabilities and ``S_R`` that of the constant
    base rate: MCB = S − S_C, DSC = S_R − S_C, UNC = S_R.
    """
    p = np.asarray(probability, dtype=float)
    y = np.asarray(outcome, dtype=float)
    values, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    means = np.bincount(inverse, weights=y) / counts
    fitted = isotonic_regression(means, weights=counts.astype(float), increasing=True).x
    calibrated = fitted[inverse]
    s = float(brier_score(p, y).mean())
    s_c = float(brier_score(calibrated, y).mean())
    s_r = float(brier_score(np.full_like(y, y.mean()), y).mean())
    points = [(float(v), float(c), int(n)) for v, c, n in zip(values, fitted, counts, strict=True)]
    return Calibration(points, s, s - s_c, s_r - s_c, s_r)


@dataclass(frozen=True)
class QuestionScore:
    """One source's scores on one resolved question.

    ``as_of`` is the date of the final forecast and ``days`` the number of days the
    time average covers (both ``None`` for a constant baseline).
    """

    question: str
    outcome: bool
    as_of: date | None
    probability: float
    brier: float
    log: float
    brier_time_avg: float
    days: int | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "question": self.question,
            "outcome": self.outcome,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "probability": self.probability,
            "brier": self.brier,
            "log": self.log,
            "brier_time_avg": self.brier_time_avg,
            "days": self.days,
        }


@dataclass(frozen=True)
class SourceScore:
    """A source's mean scores over the resolved questions it forecast."""

    source: str
    source_kind: str
    questions: list[QuestionScore]
    calibration: Calibration

    @property
    def brier(self) -> float:
        """Mean Brier score of the final forecasts."""
        return float(np.mean([q.brier for q in self.questions]))

    @property
    def log(self) -> float:
        """Mean log score of the final forecasts."""
        return float(np.mean([q.log for q in self.questions]))

    @property
    def brier_time_avg(self) -> float:
        """Mean over questions of the time-averaged Brier score."""
        return float(np.mean([q.brier_time_avg for q in self.questions]))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``: the public layout of a source's scores."""
        return {
            "source": self.source,
            "source_kind": self.source_kind,
            "questions": len(self.questions),
            "brier": self.brier,
            "log": self.log,
            "brier_time_avg": self.brier_time_avg,
            "per_question": [q.to_dict() for q in self.questions],
            "calibration": self.calibration.to_dict(),
        }


@dataclass(frozen=True)
class Scores:
    """Every source's scores and the baselines over a scenario's resolved questions."""

    scenario: str
    resolved: int
    base_rate: float | None
    sources: list[SourceScore] = field(default_factory=list)
    baselines: list[SourceScore] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` (``docs/forecasts.md``)."""
        return {
            "scenario": self.scenario,
            "resolved_questions": self.resolved,
            "base_rate": self.base_rate,
            "sources": [s.to_dict() for s in self.sources],
            "baselines": [s.to_dict() for s in self.baselines],
        }


def _question_score(
    resolution: Resolution, records: Iterable[ForecastRecord]
) -> QuestionScore | None:
    by_date: dict[date, tuple[int, float]] = {}  # as_of → (row id, probability)
    for r in records:
        if r.probability is None or not resolution.open_on(r.as_of):
            continue
        if r.as_of not in by_date or r.id > by_date[r.as_of][0]:
            by_date[r.as_of] = (r.id, r.probability)
    if not by_date:
        return None
    steps = [(d, by_date[d][1]) for d in sorted(by_date)]
    final_date, final = steps[-1]
    time_avg, days = time_averaged_brier(steps, resolution.outcome, resolution.close)
    return QuestionScore(
        question=resolution.question,
        outcome=resolution.outcome,
        as_of=final_date,
        probability=final,
        brier=float(brier_score(final, float(resolution.outcome))),
        log=float(log_score(final, resolution.outcome)),
        brier_time_avg=time_avg,
        days=days,
    )


def _source_score(name: str, kind: str, questions: list[QuestionScore]) -> SourceScore:
    calibration = corp_calibration(
        [q.probability for q in questions], [float(q.outcome) for q in questions]
    )
    return SourceScore(name, kind, questions, calibration)


def _baseline(name: str, probability: float, resolved: Sequence[Resolution]) -> SourceScore:
    questions = []
    for r in resolved:
        brier = float(brier_score(probability, float(r.outcome)))
        questions.append(
            QuestionScore(
                question=r.question,
                outcome=r.outcome,
                as_of=None,
                probability=probability,
                brier=brier,
                log=float(log_score(probability, r.outcome)),
                brier_time_avg=brier,
                days=None,
            )
        )
    return _source_score(name, "baseline", questions)


def score_forecasts(scenario: Scenario, records: Iterable[ForecastRecord]) -> Scores:
    """Score the stored forecasts of ``scenario`` on its resolved event questions.

    Parameters
    ----------
    scenario:
        The scenario whose questions carry the outcomes.
    records:
        Stored forecasts (any questions, sources and dates; the ones that do not
        count — other scenarios, value forecasts, forecasts made outside a
        question's open period — are left out).

    Returns
    -------
    Scores
        One :class:`SourceScore` per source that forecast at least one resolved
        question (sorted by name), and the two baselines.
    """
    resolved = resolutions(scenario)
    by_source: dict[str, list[ForecastRecord]] = {}
    kinds: dict[str, str] = {}
    for r in records:
        if r.scenario == scenario.id:
            by_source.setdefault(r.source, []).append(r)
            kinds.setdefault(r.source, r.source_kind)
    sources = []
    for name in sorted(by_source):
        own = by_source[name]
        scored = [
            s
            for res in resolved
            if (s := _question_score(res, (r for r in own if r.question == res.question)))
        ]
        if scored:
            sources.append(_source_score(name, kinds[name], scored))
    if not resolved:
        return Scores(scenario.id, 0, None, sources)
    base_rate = float(np.mean([r.outcome for r in resolved]))
    baselines = [
        _baseline("baseline: 50%", 0.5, resolved),
        _baseline("baseline: base rate", base_rate, resolved),
    ]
    return Scores(scenario.id, len(resolved), base_rate, sources, baselines)

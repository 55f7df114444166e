"""Scoring stored forecasts against what happened: Brier, log, time-averaged Brier, CRPS, CORP.

Scores use only the forecasts as stored, and of those only the ones made while
the question was open: on or after ``opens`` and before it *closed* — the day
after ``resolution_date``, or ``resolved_on`` if the outcome was known earlier.
A forecast made once the outcome was known is never scored.

For each source and resolved event question:

* the **final** forecast is the last one made before the question closed (for
  a date with several stored rows, the one stored last); its Brier and log
  scores (computed by scoringrules) are averaged over the questions the source
  forecast;
* the **time-averaged Brier** treats the stored forecasts as a step function: the
  forecast of date ``d`` holds every day until the next forecast, up to the day
  the question closed; it is the mean daily Brier over the days from the
  source's first forecast on (days before it are not scored; ``days`` says how
  many were);
* the **calibration** of the final forecasts is the CORP reliability diagram of
  Dimitriadis, Gneiting & Jordan (2021): the pool-adjacent-violators (isotonic)
  fit of the outcomes on the forecasts, with the decomposition
  Brier = MCB − DSC + UNC.

For each source and resolved value question, the final forecast's **CRPS**
(Gneiting & Raftery 2007) of its stored predictive distribution
(:mod:`zopa.forecast._distribution`), in points of the issue's 0–100 scale.

Baselines: for event questions a constant 50 % and a constant base rate (the
share of all resolved event questions that resolved yes, in-sample, so it is a
flattering baseline); for value questions the uniform distribution on 0–100
and the status quo as a point forecast (when every question's issue has one).
Every source is compared with the baselines **on exactly the questions it
forecast** (:attr:`SourceScore.baselines`); the baselines on all resolved
questions are given too. Lower scores are better throughout.

References
----------
Brier, G. W. (1950). Verification of forecasts expressed in terms of probability.
*Monthly Weather Review*, 78(1), 1–3.
Good, I. J. (1952). Rational decisions. *Journal of the Royal Statistical Society B*,
14(1), 107–114.
Gneiting, T., & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
estimation. *Journal of the American Statistical Association*, 102(477), 359–378.
Dimitriadis, T., Gneiting, T., & Jordan, A. I. (2021). Stable reliability diagrams
for probabilistic classifiers. *PNAS*, 118(8), e2016191118.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from zopa.forecast._distribution import crps, crps_uniform, predictive_of
from zopa.forecast._records import ForecastRecord
from zopa.scenario import Question, Scenario

__all__ = [
    "ALL_RESOLVED",
    "LOG_SCORE_FLOOR",
    "SAME_QUESTIONS",
    "VERDICT_DIGITS",
    "Calibration",
    "QuestionScore",
    "Resolution",
    "Scores",
    "SourceScore",
    "ValueScore",
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

SAME_QUESTIONS = "the questions this source forecast"
"""What a source's own baselines are computed on (``compared_on`` in the JSON)."""

ALL_RESOLVED = "all resolved questions"
"""What the scenario-wide baselines are computed on."""

VERDICT_DIGITS = 3
"""Scores are compared (a source "loses to" a baseline) at the precision they are printed."""


def brier_score(probability: ArrayLike, outcome: ArrayLike) -> NDArray[np.float64]:
    """Brier score of binary forecasts, ``(p − y)²``, elementwise (Brier 1950).

    ``p`` is the forecast probability of yes, ``y`` 1 for yes and 0 for no;
    0 is perfect, 0.25 is a constant 50 %, 1 is certain and wrong. Computed by
    :func:`scoringrules.brier_score`.
    """
    import scoringrules as sr  # scoringrules imports scipy.special (about 1 s): only when scoring

    p = np.asarray(probability, dtype=float)
    y = np.asarray(outcome, dtype=float)
    return np.asarray(sr.brier_score(y, p, backend="numpy"), dtype=float)


def log_score(probability: ArrayLike, outcome: ArrayLike) -> NDArray[np.float64]:
    """Logarithmic score, ``−ln p`` if yes and ``−ln(1 − p)`` if no, elementwise (Good 1952).

    Natural logarithm, lower is better (a constant 50 % scores ln 2 ≈ 0.693);
    ``p`` is clipped to [:data:`LOG_SCORE_FLOOR`, 1 − :data:`LOG_SCORE_FLOOR`]
    before :func:`scoringrules.log_score` scores it.
    """
    import scoringrules as sr  # scoringrules imports scipy.special (about 1 s): only when scoring

    p = np.clip(np.asarray(probability, dtype=float), LOG_SCORE_FLOOR, 1 - LOG_SCORE_FLOOR)
    y = np.asarray(outcome, dtype=bool).astype(float)
    return np.asarray(sr.log_score(y, p, backend="numpy"), dtype=float)


@dataclass(frozen=True)
class Resolution:
    """A resolved question: its outcome and the days it was open, ``[opens, close)``.

    ``outcome`` is a bool for an event question, a number on the issue's scale for
    a value question (then ``status_quo`` is the issue's status quo, if any).
    """

    question: str
    outcome: bool | float
    opens: date | None
    close: date
    status_quo: float | None = None

    def open_on(self, day: date) -> bool:
        """Whether a forecast as of ``day`` was made while the question was open."""
        return (self.opens is None or self.opens <= day) and day < self.close


def _close(question: Question) -> date:
    assert question.resolved_on is not None
    return min(question.resolution_date + timedelta(days=1), question.resolved_on)


def resolutions(scenario: Scenario, kind: Literal["event", "value"] = "event") -> list[Resolution]:
    """The scenario's resolved questions of ``kind`` (``event`` or ``value``), in file order."""
    status_quo = {i.id: i.status_quo.value if i.status_quo else None for i in scenario.issues}
    out = []
    for q in scenario.questions:
        if q.kind != kind or q.outcome is None or q.resolved_on is None:
            continue
        sq = status_quo.get(q.issue) if q.issue is not None else None
        out.append(Resolution(q.id, q.outcome, q.opens, _close(q), sq))
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
    from scipy.optimize import isotonic_regression  # scipy.optimize: only when calibrating

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
    """One source's scores on one resolved event question.

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
class ValueScore:
    """One source's CRPS on one resolved value question.

    ``form`` is how the final forecast's distribution was stored (``sample``,
    ``quantiles``, ``point``; ``uniform`` for the uniform baseline) and ``value``
    its point (``None`` for the uniform baseline).
    """

    question: str
    outcome: float
    as_of: date | None
    value: float | None
    form: str
    crps: float

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "question": self.question,
            "outcome": self.outcome,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "value": self.value,
            "form": self.form,
            "crps": self.crps,
        }


def _mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if values else None


@dataclass(frozen=True)
class SourceScore:
    """A source's mean scores over the resolved questions it forecast.

    ``baselines`` are the baselines scored on exactly those questions (empty for
    a baseline itself); ``calibration`` is ``None`` without event questions.
    """

    source: str
    source_kind: str
    questions: list[QuestionScore]
    calibration: Calibration | None
    values: list[ValueScore] = field(default_factory=list)
    baselines: list[SourceScore] = field(default_factory=list)

    @property
    def brier(self) -> float | None:
        """Mean Brier score of the final forecasts (``None`` without event questions)."""
        return _mean([q.brier for q in self.questions])

    @property
    def log(self) -> float | None:
        """Mean log score of the final forecasts."""
        return _mean([q.log for q in self.questions])

    @property
    def brier_time_avg(self) -> float | None:
        """Mean over questions of the time-averaged Brier score."""
        return _mean([q.brier_time_avg for q in self.questions])

    @property
    def crps(self) -> float | None:
        """Mean CRPS over the value questions (``None`` without value questions)."""
        return _mean([v.crps for v in self.values])

    @property
    def is_outcome(self) -> bool:
        """Whether this is a constant that forecast every event question's own outcome
        (the base rate when every resolved question resolved the same way): nothing can
        beat it, so no source is judged against it."""
        return (
            bool(self.questions)
            and not self.values
            and all(q.probability == float(q.outcome) for q in self.questions)
        )

    def losses(self) -> list[dict[str, Any]]:
        """Where the source scores worse than a baseline on the same questions.

        One entry per (baseline, score): ``baseline``, ``score`` (``brier``,
        ``log`` or ``crps``), the source's ``value``, the baseline's (``theirs``) and
        how many ``questions`` the comparison rests on. Values equal to
        :data:`VERDICT_DIGITS` decimals (as printed) are no loss, and a baseline that is
        the outcome itself (:attr:`is_outcome`) is left out.
        """
        out = []
        for baseline in self.baselines:
            if baseline.is_outcome:
                continue
            for name in ("brier", "log", "crps"):
                mine, theirs = getattr(self, name), getattr(baseline, name)
                if mine is None or theirs is None:
                    continue
                if round(mine, VERDICT_DIGITS) > round(theirs, VERDICT_DIGITS):
                    asked = len(self.values) if name == "crps" else len(self.questions)
                    loss = {"baseline": baseline.source, "score": name}
                    out.append({**loss, "value": mine, "theirs": theirs, "questions": asked})
        return out

    def summary(self) -> dict[str, Any]:
        """The mean scores and how many questions they cover."""
        return {
            "source": self.source,
            "source_kind": self.source_kind,
            "questions": len(self.questions),
            "brier": self.brier,
            "log": self.log,
            "brier_time_avg": self.brier_time_avg,
            "value_questions": len(self.values),
            "crps": self.crps,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``: the public layout of a source's scores."""
        out = {
            **self.summary(),
            "per_question": [q.to_dict() for q in self.questions],
            "per_value_question": [v.to_dict() for v in self.values],
            "calibration": self.calibration.to_dict() if self.calibration else None,
        }
        if self.source_kind != "baseline":
            out["compared_on"] = SAME_QUESTIONS
            out["baselines"] = [b.summary() for b in self.baselines]
            out["loses_to"] = self.losses()
        return out


@dataclass(frozen=True)
class Scores:
    """Every source's scores and the baselines over a scenario's resolved questions."""

    scenario: str
    resolved: int
    base_rate: float | None
    sources: list[SourceScore] = field(default_factory=list)
    baselines: list[SourceScore] = field(default_factory=list)
    resolved_values: int = 0

    @property
    def notes(self) -> list[str]:
        """What the scores cannot show, one line each: too few resolved questions to tell
        skill from luck, a baseline that is the outcome itself."""
        out = []
        if self.resolved == 1:
            out.append(
                "only 1 resolved event question: a score on one question shows next to "
                "nothing, and every comparison rests on that one"
            )
        if any(b.is_outcome for b in self.baselines):
            said = "yes" if self.base_rate == 1 else "no"
            out.append(
                f"every resolved event question resolved {said}: the base-rate baseline "
                f"is the outcome itself ({self.base_rate:g}), so no source is judged against it"
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` (``docs/forecasts.md``)."""
        return {
            "scenario": self.scenario,
            "resolved_questions": self.resolved,
            "resolved_value_questions": self.resolved_values,
            "notes": self.notes,
            "base_rate": self.base_rate,
            "sources": [s.to_dict() for s in self.sources],
            "baselines_compared_on": ALL_RESOLVED,
            "baselines": [s.to_dict() for s in self.baselines],
        }


def _final_steps(
    resolution: Resolution, records: Iterable[ForecastRecord]
) -> list[tuple[date, ForecastRecord]]:
    """The forecasts made while the question was open, one per date (the last stored)."""
    by_date: dict[date, ForecastRecord] = {}
    for r in records:
        if resolution.open_on(r.as_of) and (r.as_of not in by_date or r.id > by_date[r.as_of].id):
            by_date[r.as_of] = r
    return [(d, by_date[d]) for d in sorted(by_date)]


def _question_score(
    resolution: Resolution, records: Iterable[ForecastRecord]
) -> QuestionScore | None:
    steps = [
        (d, r.probability)
        for d, r in _final_steps(resolution, records)
        if r.probability is not None
    ]
    if not steps:
        return None
    outcome = bool(resolution.outcome)
    final_date, final = steps[-1]
    time_avg, days = time_averaged_brier(steps, outcome, resolution.close)
    return QuestionScore(
        question=resolution.question,
        outcome=outcome,
        as_of=final_date,
        probability=final,
        brier=float(brier_score(final, float(outcome))),
        log=float(log_score(final, outcome)),
        brier_time_avg=time_avg,
        days=days,
    )


def _value_score(resolution: Resolution, records: Iterable[ForecastRecord]) -> ValueScore | None:
    steps = [(d, r) for d, r in _final_steps(resolution, records) if r.value is not None]
    if not steps:
        return None
    final_date, final = steps[-1]
    assert final.value is not None
    predictive = predictive_of(final.value, final.parameters)
    outcome = float(resolution.outcome)
    return ValueScore(
        resolution.question,
        outcome,
        final_date,
        final.value,
        predictive.form,
        crps(predictive, outcome),
    )


def _source_score(
    name: str,
    kind: str,
    questions: list[QuestionScore],
    values: Sequence[ValueScore] = (),
    baselines: Sequence[SourceScore] = (),
) -> SourceScore:
    calibration = (
        corp_calibration([q.probability for q in questions], [float(q.outcome) for q in questions])
        if questions
        else None
    )
    return SourceScore(name, kind, questions, calibration, list(values), list(baselines))


def _constant(probability: float, r: Resolution) -> QuestionScore:
    outcome = bool(r.outcome)
    brier = float(brier_score(probability, float(outcome)))
    log = float(log_score(probability, outcome))
    return QuestionScore(r.question, outcome, None, probability, brier, log, brier, None)


def _baselines(
    events: Sequence[Resolution], values: Sequence[Resolution], base_rate: float | None
) -> list[SourceScore]:
    """The baselines on exactly ``events`` and ``values``."""
    out = []
    if events:
        out.append(_source_score("baseline: 50%", "baseline", [_constant(0.5, r) for r in events]))
        if base_rate is not None:
            rate = [_constant(base_rate, r) for r in events]
            out.append(_source_score("baseline: base rate", "baseline", rate))
    if values:
        uniform = [
            ValueScore(r.question, float(r.outcome), None, None, "uniform", crps_uniform(r.outcome))
            for r in values
        ]
        out.append(_source_score("baseline: uniform 0-100", "baseline", [], uniform))
        if all(r.status_quo is not None for r in values):
            held = [
                ValueScore(
                    r.question,
                    float(r.outcome),
                    None,
                    r.status_quo,
                    "point",
                    abs(float(r.outcome) - (r.status_quo or 0.0)),
                )
                for r in values
            ]
            out.append(_source_score("baseline: status quo", "baseline", [], held))
    return out


def score_forecasts(scenario: Scenario, records: Iterable[ForecastRecord]) -> Scores:
    """Score the stored forecasts of ``scenario`` on its resolved questions.

    Parameters
    ----------
    scenario:
        The scenario whose questions carry the outcomes.
    records:
        Stored forecasts (any questions, sources and dates; the ones that do not
        count — other scenarios, forecasts made outside a question's open
        period — are left out).

    Returns
    -------
    Scores
        One :class:`SourceScore` per source that forecast at least one resolved
        question (sorted by name), each with the baselines on the same questions,
        and the baselines on all resolved questions.
    """
    events = resolutions(scenario, "event")
    values = resolutions(scenario, "value")
    base_rate = float(np.mean([bool(r.outcome) for r in events])) if events else None
    by_source: dict[str, list[ForecastRecord]] = {}
    kinds: dict[str, str] = {}
    for r in records:
        if r.scenario == scenario.id:
            by_source.setdefault(r.source, []).append(r)
            kinds.setdefault(r.source, r.source_kind)
    sources = []
    for name in sorted(by_source):
        own: dict[str, list[ForecastRecord]] = {}
        for r in by_source[name]:
            own.setdefault(r.question, []).append(r)
        scored = [s for res in events if (s := _question_score(res, own.get(res.question, [])))]
        valued = [v for res in values if (v := _value_score(res, own.get(res.question, [])))]
        if scored or valued:
            asked = {s.question for s in scored} | {v.question for v in valued}
            same = _baselines(
                [r for r in events if r.question in asked],
                [r for r in values if r.question in asked],
                base_rate,
            )
            sources.append(_source_score(name, kinds[name], scored, valued, same))
    return Scores(
        scenario.id,
        len(events),
        base_rate,
        sources,
        _baselines(events, values, base_rate),
        len(values),
    )

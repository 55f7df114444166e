"""Per-question results of a simulation: probability with its interval, timing, terms.

The probability of an event is the share of runs in which it happened by the
resolution date; its interval is the 95 % **Wilson score interval** of that
binomial share (Wilson 1927; computed by :func:`scipy.stats.binomtest`), which
always contains the estimate and stays inside [0, 1]. Time to the event is
summarised over the runs in which it happened (days from the as-of date:
10th, 50th and 90th percentiles); the terms of an agreement over the runs that
reached one by the date, per issue. A value question gives the mean value and
its 5th–95th percentile band over runs.

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and
statistical inference. *Journal of the American Statistical Association*,
22(158), 209–212.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CONFIDENCE",
    "QuestionResult",
    "event_result",
    "value_result",
]

CONFIDENCE = 0.95
"""Level of every Monte Carlo interval."""

INTERVAL = "wilson"


def _quantiles(values: NDArray[np.float64], qs: tuple[float, ...]) -> list[float] | None:
    if values.size == 0:
        return None
    return [round(float(v), 6) for v in np.quantile(values, qs)]


@dataclass(frozen=True)
class QuestionResult:
    """What the simulation says about one question."""

    question: str
    kind: str
    runs: int
    probability: float | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    interval: str = INTERVAL
    days: list[float] | None = None
    """10th, 50th, 90th percentile of days from the as-of date to the event (runs with it)."""
    terms: dict[str, list[float]] = field(default_factory=dict)
    """Per issue, 10th, 50th, 90th percentile of the agreed terms (runs with an agreement)."""
    paths: dict[str, int] = field(default_factory=dict)
    """How the runs ended by the resolution date (agreement questions):
    :data:`zopa.simulation_paths.PATHS`."""
    conceded: float | None = None
    """Median over runs and sides of the fraction of the way from ideal to red line
    conceded by the resolution date (agreement questions): what "still apart" rests on."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (``docs/simulation.md``)."""
        return {
            "question": self.question,
            "kind": self.kind,
            "runs": self.runs,
            "probability": self.probability,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "interval": self.interval,
            "confidence": CONFIDENCE,
            "days": self.days,
            "terms": self.terms,
            "paths": self.paths,
            "conceded": self.conceded,
        }


def event_result(
    question: str,
    happened: NDArray[np.bool_],
    days: NDArray[np.int64],
    terms: NDArray[np.float64] | None,
    issues: tuple[str, ...],
    paths: dict[str, int] | None = None,
    conceded: float | None = None,
) -> QuestionResult:
    """Summarise an event over runs: ``happened`` ``(R,)``, its ``days`` ``(R,)``, ``terms``
    ``(R, M)`` of the agreement it is (``None`` when it is not about an agreement) and the
    ``paths`` its runs took (:data:`zopa.simulation_paths.PATHS`) with the median share
    ``conceded`` by the date."""
    from scipy.stats import binomtest  # scipy.stats takes ~1 s to import: only when used

    runs = int(happened.size)
    k = int(happened.sum())
    ci = binomtest(k, runs).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    p = k / runs
    spread: dict[str, list[float]] = {}
    if terms is not None and k:
        for j, issue in enumerate(issues):
            q = _quantiles(terms[happened, j], (0.1, 0.5, 0.9))
            if q is not None:
                spread[issue] = q
    return QuestionResult(
        question=question,
        kind="event",
        runs=runs,
        probability=p,
        low=min(float(ci.low), p),
        high=max(float(ci.high), p),
        days=_quantiles(days[happened].astype(np.float64), (0.1, 0.5, 0.9)),
        terms=spread,
        paths=dict(paths or {}),
        conceded=None if conceded is None else round(conceded, 6),
    )


def value_result(question: str, values: NDArray[np.float64]) -> QuestionResult:
    """Summarise a value question: mean and 5th–95th percentile band over runs."""
    band = np.quantile(values, (0.05, 0.95))
    mean = float(values.mean())
    return QuestionResult(
        question=question,
        kind="value",
        runs=int(values.size),
        value=mean,
        low=min(float(band[0]), mean),
        high=max(float(band[1]), mean),
        interval="quantiles 5-95",
    )

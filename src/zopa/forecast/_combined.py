"""``zopa.combined.v1``: a weighted log-odds pool of zopa's own sources.

For each open event question, the probabilities of zopa's own sources (the
simulation, the static models, the experts in the press: kinds ``simulator``,
``model`` and ``experts``; never imported prices) are pooled as
``σ(Σ wₛ logit pₛ / Σ wₛ)`` over the sources that forecast it.

The weights are equal per **evidence base** unless fitted weights pass an
out-of-sample test. The static models and the simulation both rest on the
analyst's scenario, so together they weigh as much as the experts in the press,
each half of that: sources that share their inputs carry less independent
information than their number suggests, and counting them apart would let one
scenario outvote the press twice (Clemen & Winkler 1999, on dependent experts).
Fitted weights are inverse mean Brier scores, ``wₛ ∝ 1 / Brierₛ``, of each
source's stored final forecasts (the last made while the question was open, as
of the run's date or earlier) on the questions resolved by the as-of date; a
source without such a record gets the mean weight of the others. They are used only
if, fitted leaving each resolved question out in turn, their pool has a lower
mean log score on the left-out questions than the equal-weight pool, with at
least ``min_resolved`` resolved questions. The weights used are stated in the
forecast's parameters, with the test's scores.

References
----------
Clemen, R. T., & Winkler, R. L. (1999). Combining probability distributions from experts
in risk analysis. *Risk Analysis*, 19(2), 187–203.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

import numpy as np

from zopa.errors import ModelError
from zopa.forecast._pooling import extremised_pool, leave_one_out
from zopa.forecast._questions import latest_forecasts
from zopa.forecast._records import NewForecast, SourceKind, digest_of
from zopa.forecast._scores import brier_score
from zopa.forecast._sources import ForecastInputs, SourceReport
from zopa.forecast._store import list_forecasts
from zopa.registry import forecast_sources

__all__ = [
    "BASES",
    "COMBINED",
    "OWN_KINDS",
    "CombinedSource",
    "Track",
    "equal_weights_per_base",
    "inverse_brier_weights",
]

COMBINED = "zopa.combined.v1"
OWN_KINDS: tuple[str, ...] = ("model", "simulator", "experts")
"""Kinds of zopa's own sources, the ones the combination pools."""

BASES: dict[str, str] = {"model": "scenario", "simulator": "scenario", "experts": "press"}
"""What each kind of own source rests on: one voice per base under equal weights."""


def equal_weights_per_base(kinds: Mapping[str, str]) -> dict[str, float]:
    """Each base (:data:`BASES`) an equal share, split equally among its sources."""
    bases = {s: BASES[k] for s, k in kinds.items()}
    size = {b: sum(1 for x in bases.values() if x == b) for b in set(bases.values())}
    return {s: 1.0 / (len(size) * size[b]) for s, b in bases.items()}


@dataclass(frozen=True)
class Track:
    """A resolved question: each source's final probability and the outcome."""

    question: str
    probabilities: dict[str, float]
    outcome: bool

    def __contains__(self, source: object) -> bool:
        return source in self.probabilities


def inverse_brier_weights(tracks: Sequence[Track], sources: Sequence[str]) -> dict[str, float]:
    """``wₛ ∝ 1 / mean Brierₛ`` over ``tracks``, normalised to sum to 1.

    A source absent from every track gets the mean weight of the others; a
    perfect record (Brier 0) counts as Brier 0.0001.
    """
    raw: dict[str, float] = {}
    for s in sources:
        scores = [
            brier_score(t.probabilities[s], t.outcome) for t in tracks if s in t.probabilities
        ]
        if scores:
            raw[s] = 1.0 / max(float(np.mean(scores)), 1e-4)
    if not raw:
        return {s: 1.0 / len(sources) for s in sources}
    fill = float(np.mean(list(raw.values())))
    weights = {s: raw.get(s, fill) for s in sources}
    total = sum(weights.values())
    return {s: w / total for s, w in weights.items()}


def _pool(probabilities: dict[str, float], weights: dict[str, float]) -> float:
    names = sorted(probabilities)
    return extremised_pool([probabilities[s] for s in names], [weights[s] for s in names], a=1.0)


def _round(value: float) -> float:
    return round(float(value), 6)


@forecast_sources.register(COMBINED)
class CombinedSource:
    """The combination of zopa's own sources (module docstring).

    Parameters
    ----------
    min_resolved:
        The fewest resolved questions with a record before fitted weights may be
        tested (at least 2, for leave-one-out).
    """

    kind: ClassVar[SourceKind] = "combined"
    imported: ClassVar[bool] = False

    def __init__(self, *, min_resolved: int = 3) -> None:
        if min_resolved < 2:
            raise ModelError(f"min_resolved must be at least 2, got {min_resolved}")
        self.min_resolved = min_resolved

    def forecast(self, inputs: ForecastInputs) -> list[NewForecast]:
        """The pooled forecast of every open event question some own source forecast."""
        return self.report(inputs).forecasts

    def report(self, inputs: ForecastInputs) -> SourceReport:
        """The forecasts, and why each other question has none."""
        made = inputs.made if inputs.made is not None else _make_others(inputs)
        members: dict[str, dict[str, NewForecast]] = {}
        for f in made:
            if f.source_kind in OWN_KINDS and f.probability is not None:
                members.setdefault(f.question, {})[f.source] = f
        kinds = {s: f.source_kind for by in members.values() for s, f in by.items()}
        sources = sorted(kinds)
        tracks = _tracks(inputs)
        weights, test = self._weights(tracks, sources, equal_weights_per_base(kinds))
        forecasts, unanswered = [], {}
        for q in inputs.scenario.questions:
            own = members.get(q.id, {})
            if q.kind != "event":
                unanswered[q.id] = "the combination pools probabilities of event questions"
            elif q.resolved_on is not None and q.resolved_on <= inputs.as_of:
                unanswered[q.id] = f"resolved by {inputs.as_of}"
            elif not own:
                unanswered[q.id] = "none of zopa's own sources forecast it"
            else:
                forecasts.append(self._forecast(inputs, q.id, own, weights, test))
        return SourceReport(forecasts, unanswered)

    def _weights(
        self, tracks: list[Track], sources: list[str], equal: dict[str, float]
    ) -> tuple[dict[str, float], dict[str, Any]]:
        usable = [t for t in tracks if any(s in t.probabilities for s in sources)]
        test: dict[str, Any] = {"fitted_on": [t.question for t in usable]}
        if len(usable) < self.min_resolved:
            return equal, {**test, "weights": "equal", "why": "too few resolved questions"}

        def fitted(others: list[Track], held: Track) -> float:
            own = {s: p for s, p in held.probabilities.items() if s in sources}
            return _pool(own, inverse_brier_weights(others, sources))

        def plain(_others: list[Track], held: Track) -> float:
            own = {s: p for s, p in held.probabilities.items() if s in sources}
            return _pool(own, equal)

        loo = leave_one_out(usable, fitted, lambda t: t.outcome)
        baseline = leave_one_out(usable, plain, lambda t: t.outcome)
        test |= {"loo_log": _round(loo), "equal_weights_log": _round(baseline)}
        if loo < baseline:
            return inverse_brier_weights(usable, sources), {**test, "weights": "fitted"}
        return equal, {**test, "weights": "equal", "why": "fitted weights did not do better"}

    def _forecast(
        self,
        inputs: ForecastInputs,
        question: str,
        own: dict[str, NewForecast],
        weights: dict[str, float],
        test: dict[str, Any],
    ) -> NewForecast:
        point = {s: f.probability for s, f in own.items() if f.probability is not None}
        lows = {s: f.low if f.low is not None else point[s] for s, f in own.items()}
        highs = {s: f.high if f.high is not None else point[s] for s, f in own.items()}
        p = _pool(point, weights)
        used = {s: _round(weights[s]) for s in sorted(own)}
        parameters = {
            "weights": used,
            "members": {s: _round(point[s]) for s in sorted(own)},
            "weighting": test,
        }
        digest = digest_of(
            {
                "source": COMBINED,
                "as_of": inputs.as_of,
                "question": question,
                "parameters": parameters,
                "members": sorted(f.inputs_digest or "" for f in own.values()),
            }
        )
        return NewForecast(
            scenario=inputs.scenario.id,
            question=question,
            source=COMBINED,
            source_kind=self.kind,
            as_of=inputs.as_of,
            probability=_round(p),
            low=min(_round(_pool(lows, weights)), _round(p)),
            high=max(_round(_pool(highs, weights)), _round(p)),
            method=COMBINED,
            parameters=parameters,
            inputs_digest=digest,
        )


def _tracks(inputs: ForecastInputs) -> list[Track]:
    """Each resolved question's final stored forecasts by zopa's own sources, as of the date."""
    if inputs.store is None:
        return []
    out = []
    for q in inputs.scenario.questions:
        if q.kind != "event" or not isinstance(q.outcome, bool) or q.resolved_on is None:
            continue
        if q.resolved_on > inputs.as_of:
            continue
        close = min(q.resolution_date + timedelta(days=1), q.resolved_on)
        records = list_forecasts(
            inputs.store,
            inputs.scenario.id,
            questions=[q.id],
            source_kinds=list(OWN_KINDS),
            as_of=close - timedelta(days=1),
        )
        open_ = [
            r
            for r in records
            if r.probability is not None and (q.opens is None or r.as_of >= q.opens)
        ]
        final = {
            r.source: float(r.probability)
            for r in latest_forecasts(open_)
            if r.probability is not None
        }
        if final:
            out.append(Track(q.id, final, q.outcome))
    return out


def _make_others(inputs: ForecastInputs) -> list[NewForecast]:
    """The forecasts of every registered own source, when the caller did not pass them."""
    out: list[NewForecast] = []
    for name in forecast_sources.names():
        source = forecast_sources.get(name)()
        if source.kind in OWN_KINDS and not source.imported:
            out.extend(source.forecast(inputs))
    return out

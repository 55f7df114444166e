"""``zopa.experts.v1``: the experts in the press, pooled per question.

For each open event question, the probability statements published on or before
the as-of date that speak to it (:mod:`zopa.forecast._matching`), plus the ones
the analyst pins in the question's ``evidence:`` (``{estimate: ID}``) and minus
the ones dropped (``{estimate: ID, drop: true}``), are pooled with recency
weights ``0.5 ** (age / half_life_days)``, age counted in days to the as-of date:

* baselines: the weighted mean, median and log-odds mean;
* the extremised log-odds pool (Satopää et al. 2014; Baron et al. 2014), with its
  exponent fitted on the questions resolved by the as-of date (their statements
  published before they closed) — used **only** if, fitted leaving each of those
  questions out in turn, it has a lower mean log score on the left-out questions
  than the log-odds mean, and only with at least ``min_resolved`` of them.

Of the statements of one resolved holder (a person or organisation, not a group), only
those of the holder's latest day are pooled (:func:`_latest_per_holder`); statements held
by a party to the talks and directions without a level are never matched
(:mod:`zopa.forecast._matching`).

The forecast is the extremised pool when it passed that test, else the log-odds
mean; ``low`` and ``high`` are the same pool of the statements' own lower and upper
bounds (the vagueness of their words). ``parameters`` lists every statement
behind the number (estimate id, document, date, phrase, holder — the resolved actor's
name — and the article's words for it, probability, weight), the superseded ones, and
every aggregate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

import numpy as np

from zopa.errors import ForecastError, ModelError
from zopa.forecast._asof import Statement, document_reader, statements_as_of
from zopa.forecast._matching import Match, QuestionMatcher, actor_patterns, holder_slug
from zopa.forecast._pooling import (
    Resolved,
    extremised_pool,
    fit_extremising,
    leave_one_out,
    log_odds_mean,
    recency_weights,
    weighted_mean,
    weighted_median,
)
from zopa.forecast._records import NewForecast, SourceKind, digest_of
from zopa.forecast._sources import ForecastInputs, SourceReport
from zopa.registry import forecast_sources
from zopa.scenario import Question, Scenario

__all__ = ["EXPERTS", "ExpertsSource"]

EXPERTS = "zopa.experts.v1"


@dataclass(frozen=True)
class _Chosen:
    """A statement behind a question's forecast and why it was taken."""

    statement: Statement
    why: str


def _close(question: Question) -> date:
    """The day a resolved question closed (as in the scores)."""
    assert question.resolved_on is not None
    return min(question.resolution_date + timedelta(days=1), question.resolved_on)


def _round(value: float) -> float:
    return round(float(value), 6)


@forecast_sources.register(EXPERTS)
class ExpertsSource:
    """The experts in the press (module docstring).

    Parameters
    ----------
    half_life_days:
        A statement this many days older than the as-of date weighs half as much.
    min_resolved:
        The fewest resolved questions with statements needed before an extremised
        pool may be fitted and tested (at least 2, for leave-one-out).
    """

    kind: ClassVar[SourceKind] = "experts"
    imported: ClassVar[bool] = False

    def __init__(self, *, half_life_days: float = 30.0, min_resolved: int = 3) -> None:
        if not half_life_days > 0:
            raise ModelError(f"half_life_days must be positive, got {half_life_days}")
        if min_resolved < 2:
            raise ModelError(f"min_resolved must be at least 2, got {min_resolved}")
        self.half_life_days = half_life_days
        self.min_resolved = min_resolved

    def get_params(self) -> dict[str, Any]:
        """The parameters, as stored with every forecast."""
        return {"half_life_days": self.half_life_days, "min_resolved": self.min_resolved}

    def forecast(self, inputs: ForecastInputs) -> list[NewForecast]:
        """The experts' forecast of every open event question with statements."""
        return self.report(inputs).forecasts

    def report(self, inputs: ForecastInputs) -> SourceReport:
        """The forecasts, and why each other question has none."""
        if inputs.store is None:
            raise ForecastError("the experts source reads the store's estimates; open one (--db)")
        scenario, as_of = inputs.scenario, inputs.as_of
        statements = statements_as_of(inputs.store, as_of)
        choose = _Chooser(scenario, statements, document_reader(inputs.store))
        training = self._training(scenario, choose, as_of)
        extremising = self._extremising(training)
        forecasts, unanswered = [], {}
        for q in scenario.questions:
            if q.kind != "event" or q.what is None:
                unanswered[q.id] = "statements give probabilities of events, not values"
            elif q.resolved_on is not None and q.resolved_on <= as_of:
                unanswered[q.id] = f"resolved by {as_of}"
            elif not (chosen := choose.chosen(q, as_of))[0]:
                unanswered[q.id] = "\n".join(
                    [f"no statement published by {as_of} speaks to it", *choose.near(q, as_of)]
                )
            else:
                forecasts.append(self._forecast(inputs, q, *chosen, extremising))
        return SourceReport(forecasts, unanswered)

    def _resolved(self, q: Question, chosen: list[_Chosen], when: date) -> Resolved:
        p = tuple(c.statement.probability for c in chosen)
        ages = [(when - c.statement.published).days for c in chosen]
        w = tuple(float(x) for x in recency_weights(ages, self.half_life_days))
        return Resolved(q.id, p, w, bool(q.outcome))

    def _training(self, scenario: Scenario, choose: _Chooser, as_of: date) -> list[Resolved]:
        """The questions resolved by ``as_of``, with the statements made while they were open."""
        out = []
        for q in scenario.questions:
            if q.kind != "event" or not isinstance(q.outcome, bool) or q.resolved_on is None:
                continue
            if q.resolved_on > as_of:
                continue
            when = _close(q) - timedelta(days=1)
            chosen = choose(q, when)
            if chosen:
                out.append(self._resolved(q, chosen, when))
        return out

    def _extremising(self, training: list[Resolved]) -> dict[str, Any]:
        """The fitted exponent and whether it beat the log-odds mean out of sample."""
        fitted_on = [t.question for t in training]
        if len(training) < self.min_resolved:
            return {"used": False, "a": 1.0, "fitted_on": fitted_on, "why": "too few resolved"}

        def extremised(others: list[Resolved], held: Resolved) -> float:
            a = fit_extremising(others)
            return extremised_pool(held.probabilities, held.weights, a=a)

        def plain(_others: list[Resolved], held: Resolved) -> float:
            return log_odds_mean(held.probabilities, held.weights)

        loo = leave_one_out(training, extremised, lambda t: t.outcome)
        baseline = leave_one_out(training, plain, lambda t: t.outcome)
        used = loo < baseline
        return {
            "used": used,
            "a": fit_extremising(training) if used else 1.0,
            "fitted_on": fitted_on,
            "loo_log": _round(loo),
            "log_odds_mean_loo_log": _round(baseline),
            "why": "beat the log-odds mean out of sample" if used else "did not beat it",
        }

    def _forecast(
        self,
        inputs: ForecastInputs,
        q: Question,
        chosen: list[_Chosen],
        superseded: list[dict[str, Any]],
        extremising: dict[str, Any],
    ) -> NewForecast:
        pool = self._resolved(q, chosen, inputs.as_of)
        p, w = np.array(pool.probabilities), np.array(pool.weights)
        lows = [c.statement.low for c in chosen]
        highs = [c.statement.high for c in chosen]
        a = float(extremising["a"])
        point = extremised_pool(p, w, a=a)
        low, high = extremised_pool(lows, w, a=a), extremised_pool(highs, w, a=a)
        statements = [
            {**c.statement.public(), "weight": _round(weight), "taken": c.why}
            for c, weight in zip(chosen, w, strict=True)
        ]
        parameters = {
            **self.get_params(),
            "rule": "extremised" if extremising["used"] else "log_odds_mean",
            "mean": _round(weighted_mean(p, w)),
            "median": _round(weighted_median(p, w)),
            "log_odds_mean": _round(log_odds_mean(p, w)),
            "extremising": extremising,
            "statements": statements,
            "superseded": superseded,
        }
        digest = digest_of(
            {
                "source": EXPERTS,
                "as_of": inputs.as_of,
                "question": q.model_dump(mode="json"),
                "parameters": parameters,
                "bounds": [lows, highs],
            }
        )
        return NewForecast(
            scenario=inputs.scenario.id,
            question=q.id,
            source=EXPERTS,
            source_kind=self.kind,
            as_of=inputs.as_of,
            probability=_round(point),
            low=min(_round(low), _round(point)),
            high=max(_round(high), _round(point)),
            method=EXPERTS,
            parameters=parameters,
            inputs_digest=digest,
        )


NEAR_LISTED = 5
"""The most near misses a question without a forecast lists (the nearest, newest first)."""


class _Chooser:
    """The statements behind a question as of a date: matched or pinned, minus dropped."""

    def __init__(
        self,
        scenario: Scenario,
        statements: list[Statement],
        document_text: Callable[[int], str] | None = None,
    ) -> None:
        self.scenario = scenario
        self.statements = statements
        self.document_text = document_text
        self.patterns = actor_patterns(scenario)
        self._matchers: dict[str, QuestionMatcher] = {}

    def _matcher(self, q: Question) -> QuestionMatcher:
        if q.id not in self._matchers:
            self._matchers[q.id] = QuestionMatcher(q, self.scenario, self.patterns)
        return self._matchers[q.id]

    def __call__(self, q: Question, when: date) -> list[_Chosen]:
        return self.chosen(q, when)[0]

    def chosen(self, q: Question, when: date) -> tuple[list[_Chosen], list[dict[str, Any]]]:
        """The statements behind ``q`` as of ``when``, and those superseded
        (:func:`_latest_per_holder`) as ``{estimate, holder, by}``."""
        pinned = {e.estimate for e in q.evidence if e.estimate is not None and not e.drop}
        dropped = {e.estimate for e in q.evidence if e.estimate is not None and e.drop}
        out = []
        for s in self.statements:
            if s.published > when or s.id in dropped:
                continue
            if s.id in pinned:
                out.append(_Chosen(s, "pinned"))
            elif isinstance(m := self._matcher(q).judge(s, self.document_text), Match):
                out.append(_Chosen(s, m.why))
        return _latest_per_holder(out)

    def near(self, q: Question, when: date) -> list[str]:
        """One line per statement published by ``when`` that came near ``q`` (event word
        first, newest first; at most :data:`NEAR_LISTED`), saying why it was left out, and
        how to pin one; empty when none came near."""
        dropped = {e.estimate for e in q.evidence if e.estimate is not None and e.drop}
        misses = [
            m
            for s in self.statements
            if s.published <= when and s.id not in dropped
            if not isinstance(m := self._matcher(q).judge(s, self.document_text), Match) and m.near
        ]
        if not misses:
            return []
        misses.sort(key=lambda m: (not m.has_event, -m.statement.id))
        lines = [
            f"  estimate {m.statement.id} ({m.statement.published}, "
            f"{_level(m.statement)}): {m.reason}"
            for m in misses[:NEAR_LISTED]
        ]
        shown = f"the nearest {NEAR_LISTED} of {len(misses)}" if len(misses) > NEAR_LISTED else ""
        return [
            f"near misses{' (' + shown + ')' if shown else ''}; to use one, pin it in the "
            "question's `evidence:` as {estimate: ID}:",
            *lines,
        ]


def _level(statement: Statement) -> str:
    """``p=0.40``, or the words of a statement that gives a direction and no level."""
    if statement.direction_only:
        return f"a direction: '{statement.phrase}'"
    return f"p={statement.probability:.2f}"


def _holder_of(chosen: _Chosen) -> str | None:
    """Who a statement's holder is, for :func:`_latest_per_holder`: ``None`` when pinned,
    unresolved or a group."""
    s = chosen.statement
    if chosen.why == "pinned" or s.holder_kind == "group":
        return None
    return holder_slug(s.holder_key)


def _latest_per_holder(chosen: list[_Chosen]) -> tuple[list[_Chosen], list[dict[str, Any]]]:
    """Keep, of the matched statements of each resolved holder, only those of the holder's
    latest day: an analyst's new number replaces her old one, as the aggregations of the Good
    Judgment Project use each forecaster's most recent forecast only (Atanasov et al. 2017,
    "Distilling the wisdom of crowds", *Management Science* 63(3); Satopää et al. 2014).
    Statements of no resolved holder ("she", unresolved), of a group ("analysts", "diplomats":
    not one mind) and pinned ones are all kept; the superseded are returned as
    ``{estimate, holder, by}`` (``by``: the holder's latest)."""
    latest: dict[str, _Chosen] = {}
    for c in chosen:
        slug = _holder_of(c)
        if slug is None:
            continue
        held = latest.get(slug)
        if held is None or (c.statement.published, c.statement.id) > (
            held.statement.published,
            held.statement.id,
        ):
            latest[slug] = c
    kept, superseded = [], []
    for c in chosen:
        slug = _holder_of(c)
        last = latest.get(slug) if slug is not None else None
        if last is None or c.statement.published == last.statement.published:
            kept.append(c)
        else:
            by = last.statement
            superseded.append({"estimate": c.statement.id, "holder": by.holder_actor, "by": by.id})
    return kept, superseded

"""``zopa.static_models.v1``: the bargaining models' answer to the scenario's questions.

The models of the scenario's ``models:`` list (default: every registered model)
run through the Monte Carlo of :func:`zopa.models.run_monte_carlo` over the
declared uncertainty of positions and red lines (``inputs.runs`` draws, seed
``inputs.seed``; models without a vectorised kernel are refitted on the first
:data:`~zopa.scenario.DEFAULT_LOOP_DRAWS` of them).

* An ``agreement_signed`` question: for each model, the share of draws in which
  its prediction lies inside every veto player's acceptable set (the level-II
  zone: negotiators and ratifiers) on **every** issue the agreement settles. The
  forecast is the mean over the models; ``low`` and ``high`` are the lowest and
  highest model. The share of draws with a non-empty zone on those issues is
  given too (``p_zopa``).
* A value question: the equal-weight mixture of the models' predictive
  distributions of the issue (each model's draws weigh ``1 / (models × its draws)``):
  its median, with the 5 % and 95 % quantiles as ``low`` and ``high``.

The models do not speak to the other questions (formats held, levers, deadlines,
PLOVER events) — they predict where issues settle, not what happens when — so
those get no forecast, with that reason.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from zopa.forecast._records import NewForecast, SourceKind, digest_of
from zopa.forecast._sources import ForecastInputs, SourceReport
from zopa.models import MonteCarloResult
from zopa.registry import forecast_sources
from zopa.scenario import DEFAULT_LOOP_DRAWS, AgreementSigned, Scenario, scenario_monte_carlo

__all__ = ["STATIC_MODELS", "StaticModelsSource", "mixture_quantiles"]

STATIC_MODELS = "zopa.static_models.v1"
VALUE_QUANTILES = (0.05, 0.5, 0.95)
"""Each model's interval and median in the details; the pooled ones are low, value, high."""
STORED_LEVELS = tuple(round(0.05 * k, 2) for k in range(1, 20))
"""Levels of the pooled distribution kept in ``parameters["quantiles"]`` (scored by CRPS)."""


def mixture_quantiles(samples: list[np.ndarray], quantiles: tuple[float, ...]) -> tuple[float, ...]:
    """Quantiles of the equal-weight mixture of ``samples`` (each weighs ``1/len(samples)``).

    The ``q``-quantile is the smallest value whose cumulative weight reaches ``q``.
    """
    values = np.concatenate(samples)
    weights = np.concatenate([np.full(s.size, 1.0 / (len(samples) * s.size)) for s in samples])
    order = np.argsort(values, kind="stable")
    values, cumulative = values[order], np.cumsum(weights[order])
    picks = np.searchsorted(cumulative, np.asarray(quantiles) - 1e-12)
    return tuple(float(values[min(k, values.size - 1)]) for k in picks)


def _round(value: float | np.floating[Any]) -> float:
    return round(float(value), 6)


@forecast_sources.register(STATIC_MODELS)
class StaticModelsSource:
    """The static bargaining models, through their Monte Carlo (module docstring)."""

    kind: ClassVar[SourceKind] = "model"
    imported: ClassVar[bool] = False

    def __init__(self) -> None:
        # The Monte Carlo depends on the scenario, draws and seed only, not on the date:
        # a backtest reuses it for every date.
        self._runs: dict[str, tuple[list[str], MonteCarloResult]] = {}

    def forecast(self, inputs: ForecastInputs) -> list[NewForecast]:
        """Forecasts of the agreement and value questions."""
        return self.report(inputs).forecasts

    def report(self, inputs: ForecastInputs) -> SourceReport:
        """The forecasts, and why each other question has none."""
        scenario = inputs.scenario
        unanswered: dict[str, str] = {}
        wanted = []
        for q in scenario.questions:
            if q.resolved_on is not None and q.resolved_on <= inputs.as_of:
                unanswered[q.id] = f"resolved by {inputs.as_of}"
            elif q.kind == "value" or isinstance(q.what, AgreementSigned):
                wanted.append(q)
            else:
                kind = q.what.type if q.what is not None else "no `what:`"
                unanswered[q.id] = f"the models predict where issues settle, not a {kind}"
        if wanted and not any(a.positions for a in scenario.actors):
            why = "no actor states a position, so there is nothing to model"
            unanswered.update({q.id: why for q in wanted})
            wanted = []
        if not wanted:
            return SourceReport([], unanswered)
        scenario_digest = digest_of(scenario.model_dump(mode="json", exclude={"questions"}))
        key = f"{scenario_digest}:{inputs.runs}:{inputs.seed}"
        if key not in self._runs:
            self._runs[key] = _monte_carlo(scenario, inputs.runs, inputs.seed)
        names, mc = self._runs[key]
        column = {issue.id: j for j, issue in enumerate(scenario.issues)}
        common = {
            "models": names,
            "draws": inputs.runs,
            "loop_draws": min(inputs.runs, DEFAULT_LOOP_DRAWS),
            "seed": inputs.seed,
        }
        forecasts = []
        for q in wanted:
            if isinstance(q.what, AgreementSigned):
                cols = [column[i] for i in q.what.issues]
                point, low, high, details = _agreement(names, mc, cols)
                fields: dict[str, Any] = {"probability": point}
            else:
                assert q.issue is not None
                value = _value(names, mc, column[q.issue])
                if value is None:
                    unanswered[q.id] = f"no model predicts a value of {q.issue}"
                    continue
                point, low, high, details = value
                fields = {"value": point}
            parameters = {**common, **details}
            forecasts.append(
                NewForecast(
                    scenario=scenario.id,
                    question=q.id,
                    source=STATIC_MODELS,
                    source_kind=self.kind,
                    as_of=inputs.as_of,
                    low=low,
                    high=high,
                    method=STATIC_MODELS,
                    parameters=parameters,
                    inputs_digest=digest_of(
                        {
                            "source": STATIC_MODELS,
                            "as_of": inputs.as_of,
                            "scenario": scenario_digest,
                            "question": q.model_dump(mode="json"),
                            "parameters": parameters,
                        }
                    ),
                    **fields,
                )
            )
        return SourceReport(forecasts, unanswered)


def _monte_carlo(scenario: Scenario, runs: int, seed: int) -> tuple[list[str], MonteCarloResult]:
    """The models' Monte Carlo as ``zopa solve`` runs it (its models, checks and refit budget)."""
    mc = scenario_monte_carlo(
        scenario, draws=runs, loop_draws=min(runs, DEFAULT_LOOP_DRAWS), rng=seed
    )
    return list(mc.models), mc


def _agreement(
    names: list[str], mc: MonteCarloResult, cols: list[int]
) -> tuple[float, float, float, dict[str, Any]]:
    per_model = {name: _round(mc.models[name].within[:, cols].all(axis=1).mean()) for name in names}
    values = list(per_model.values())
    point = _round(np.mean(values))
    p_zopa = _round(mc.nonempty[:, cols].all(axis=1).mean())
    details = {"per_model": per_model, "p_zopa": p_zopa}
    return point, min(min(values), point), max(max(values), point), details


def _value(
    names: list[str], mc: MonteCarloResult, col: int
) -> tuple[float, float, float, dict[str, Any]] | None:
    samples = [mc.models[name].outcomes[:, col] for name in names]
    samples = [s[~np.isnan(s)] for s in samples]
    per_model = {
        name: [_round(v) for v in np.quantile(s, VALUE_QUANTILES)] if s.size else None
        for name, s in zip(names, samples, strict=True)
    }
    found = [s for s in samples if s.size]
    if not found:
        return None
    low, point, high = (_round(v) for v in mixture_quantiles(found, VALUE_QUANTILES))
    levels = mixture_quantiles(found, STORED_LEVELS)
    quantiles = [[q, _round(v)] for q, v in zip(STORED_LEVELS, levels, strict=True)]
    return point, low, high, {"per_model": per_model, "quantiles": quantiles}

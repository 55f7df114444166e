"""``solve_scenario``: every model, the ZOPA and Monte Carlo on one scenario, as plain data.

The command ``zopa solve`` prints this result as a table, as JSON, or as a
chart; anything else (the web app, a notebook) can call it directly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

import numpy as np

from zopa.errors import ModelError, ScenarioError
from zopa.limits import DEFAULT_DRAWS, DEFAULT_LOOP_DRAWS
from zopa.models import (
    BargainingModel,
    BargainingProblem,
    Constraints,
    MonteCarloResult,
    Zone,
    acceptable_bounds,
    blocking_actors,
    limit_memory,
    run_monte_carlo,
    within_zone,
    zone_of_agreement,
)
from zopa.models._budget import require_memory
from zopa.models._montecarlo import (
    REFIT_SECONDS,
    Progress,
    base_bytes,
    check_draws,
    draw_bytes,
)
from zopa.scenario._check import check_scenario
from zopa.scenario._convert import ScenarioArrays, scenario_arrays
from zopa.scenario._formats import format_reachability
from zopa.scenario._placeholders import placeholder_names
from zopa.scenario._schema import Scenario

__all__ = ["DEFAULT_DRAWS", "DEFAULT_LOOP_DRAWS", "scenario_monte_carlo", "solve_scenario"]


def _num(value: Any) -> float | None:
    """A JSON-safe rounded float (``None`` for ``nan``)."""
    number = float(value)
    return None if math.isnan(number) else round(number, 4)


def _instantiate(names: Sequence[str]) -> dict[str, BargainingModel]:
    from zopa.registry import models as registry

    out: dict[str, BargainingModel] = {}
    for given in names:
        name = registry.resolve(given)  # a short name as the tables print it, too
        model = registry.get(name)()
        if not isinstance(model, BargainingModel):
            raise ModelError(f"registry entry {name!r} is not a BargainingModel")
        out[name] = model
    return out


def _default_models(scenario: Scenario) -> list[str]:
    if scenario.models:
        return list(scenario.models)
    from zopa.registry import models as registry

    return registry.names()


def _bound_setters(constraints: Constraints, level: int) -> tuple[list[list[str]], list[list[str]]]:
    """Per issue, the actors whose red lines set the zone's lower and upper bound."""
    lower, upper = acceptable_bounds(constraints.red_line, constraints.side, constraints.scale)
    mask = constraints.mask(level)
    low = np.where(mask & (constraints.side > 0), lower, -np.inf)
    high = np.where(mask & (constraints.side < 0), upper, np.inf)
    lows, highs = [], []
    for j in range(len(constraints.issues)):
        best_low, best_high = low[:, j].max(), high[:, j].min()
        lows.append(
            [
                a
                for k, a in enumerate(constraints.actors)
                if np.isfinite(best_low) and low[k, j] == best_low
            ]
        )
        highs.append(
            [
                a
                for k, a in enumerate(constraints.actors)
                if np.isfinite(best_high) and high[k, j] == best_high
            ]
        )
    return lows, highs


def _zone_dict(zone: Zone, j: int) -> dict[str, Any]:
    nonempty = bool(zone.nonempty[j])
    return {
        "nonempty": nonempty,
        "low": _num(zone.low[j]) if nonempty else None,
        "high": _num(zone.high[j]) if nonempty else None,
        "gap": None if nonempty else _num(zone.low[j] - zone.high[j]),
    }


def solve_scenario(
    scenario: Scenario,
    *,
    models: Sequence[str] | None = None,
    draws: int = DEFAULT_DRAWS,
    loop_draws: int = DEFAULT_LOOP_DRAWS,
    refit_seconds: float | None = REFIT_SECONDS,
    rng: int | np.random.Generator | None = None,
    interval: float = 0.9,
    memory_budget: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run bargaining models, the ZOPA analysis and Monte Carlo on ``scenario``.

    Parameters
    ----------
    scenario:
        A validated scenario (from :func:`zopa.scenario.load_scenario`); it is
        checked again here, so a scenario with errors is refused, never half solved.
    models:
        Registry names to run; default: the scenario's ``models`` list, or every
        registered model.
    draws:
        Monte Carlo draws over the declared uncertainty (positions, red lines),
        at most :data:`zopa.models.MAX_DRAWS`.
    loop_draws:
        Draws used for models without a vectorised kernel (refitted in a loop),
        at most :data:`zopa.models.MAX_LOOP_DRAWS`.
    refit_seconds:
        Refit budget per model in estimated seconds on one core (default
        :data:`zopa.models.REFIT_SECONDS`; ``None``: none): a model whose fits are
        slow is refitted on fewer of the loop draws, at least
        :data:`zopa.models.MIN_REFITS` (the result says which: ``refits_limited``).
    rng:
        Seed or Generator; the seed used is returned as ``seed``.
    interval:
        Probability mass of the reported prediction intervals (default 90 %).
    memory_budget:
        Bytes of working memory allowed (default: the budget in force,
        :func:`zopa.models.memory_budget`). Models and draws work in chunks within
        it; what cannot is refused before any model runs.
    progress:
        Called as ``progress(task, done, total)``: task ``"models"`` after each
        model's fit, then as :func:`zopa.models.run_monte_carlo` reports.

    Returns
    -------
    dict
        Plain, JSON-ready data: ``scenario``, ``seed``, ``draws``, ``interval``,
        ``models`` (name, params, inputs digest, draws used, vectorised),
        ``issues`` (positions, ZOPA at both levels with P(non-empty), each
        model's point prediction, interval and ZOPA verdict), ``package`` and
        ``formats``.

    Raises
    ------
    ScenarioError
        If the scenario has an error ``zopa scenario check`` reports.
    ModelError
        If a count is out of bounds or a model cannot work within the budget
        (an :class:`~zopa.models.OverBudgetError` naming the model and what to do).
    """
    if not 0 < interval < 1:
        raise ModelError(f"interval must lie strictly between 0 and 1, got {interval}")
    budget = limit_memory(memory_budget) if memory_budget is not None else nullcontext()
    with budget:
        instances, arrays = _prepare(scenario, models, draws, loop_draws, refit_seconds)
        points = {}
        for done, (name, model) in enumerate(instances.items(), start=1):
            points[name] = model.fit(arrays.problem).prediction_
            if progress is not None:
                progress("models", done, len(instances))
        mc = _monte_carlo(arrays, instances, draws, loop_draws, refit_seconds, rng, progress)
    zone = zone_of_agreement(arrays.constraints, level=2)
    zone1 = zone_of_agreement(arrays.constraints, level=1)
    outcomes = {name: p.outcome for name, p in points.items()}
    return {
        "scenario": {"id": scenario.id, "title": scenario.title, "as_of": _date(scenario)},
        "placeholders": placeholder_names(scenario),
        "seed": mc.seed,
        "draws": draws,
        "loop_draws": loop_draws,
        "interval": interval,
        "models": [
            {
                "name": name,
                "params": _plain(p.params),
                "inputs_digest": p.inputs_digest,
                "draws": int(mc.models[name].outcomes.shape[0]),
                "vectorised": mc.models[name].vectorised,
                "refits_limited": mc.models[name].limited,
            }
            for name, p in points.items()
        ],
        "issues": _issues(scenario, arrays, zone, zone1, outcomes, mc, interval),
        "package": _package(arrays, zone, outcomes, mc),
        "formats": [
            {"id": s.format, "status": s.status, "after": list(s.after), "reasons": list(s.reasons)}
            for s in format_reachability(scenario).values()
        ],
    }


def scenario_monte_carlo(
    scenario: Scenario,
    *,
    models: Sequence[str] | None = None,
    draws: int = DEFAULT_DRAWS,
    loop_draws: int = DEFAULT_LOOP_DRAWS,
    refit_seconds: float | None = REFIT_SECONDS,
    rng: int | np.random.Generator | None = None,
) -> MonteCarloResult:
    """The Monte Carlo of :func:`solve_scenario` alone: the same checks, default models,
    draws and refit budget, without the point fits and the report (what a forecast
    source needs of the models)."""
    instances, arrays = _prepare(scenario, models, draws, loop_draws, refit_seconds)
    return _monte_carlo(arrays, instances, draws, loop_draws, refit_seconds, rng, None)


def _prepare(
    scenario: Scenario,
    models: Sequence[str] | None,
    draws: int,
    loop_draws: int,
    refit_seconds: float | None,
) -> tuple[dict[str, BargainingModel], ScenarioArrays]:
    """Check the counts and the scenario, make the models, refuse what cannot fit; the arrays."""
    check_draws(draws, loop_draws)
    if refit_seconds is not None and not refit_seconds > 0:
        raise ModelError(f"refit_seconds must be positive or None, got {refit_seconds}")
    _refuse_errors(scenario)
    instances = _instantiate(list(models) if models is not None else _default_models(scenario))
    _check_size(scenario)
    arrays = scenario_arrays(scenario)
    _check_models(instances, arrays.problem)
    return instances, arrays


def _monte_carlo(
    arrays: ScenarioArrays,
    instances: dict[str, BargainingModel],
    draws: int,
    loop_draws: int,
    refit_seconds: float | None,
    rng: int | np.random.Generator | None,
    progress: Progress | None,
) -> MonteCarloResult:
    return run_monte_carlo(
        arrays.problem,
        arrays.constraints,
        instances,
        position_spread=arrays.position_spread,
        red_line_spread=arrays.red_line_spread,
        draws=draws,
        loop_draws=loop_draws,
        refit_seconds=refit_seconds,
        rng=rng,
        progress=progress,
    )


def _refuse_errors(scenario: Scenario) -> None:
    """The checks of ``zopa scenario check``: its first error, as a :class:`ScenarioError`."""
    errors = [p for p in check_scenario(scenario, file=scenario.id) if p.severity == "error"]
    if errors:
        raise ScenarioError(
            f"scenario {errors[0].format()}; run `zopa scenario check` on its file for the line"
        )


def _check_size(scenario: Scenario) -> None:
    """Refuse, before any array is built, a scenario too large for one draw within the budget."""
    actors = sum(1 for a in scenario.actors if a.positions)
    issues = len(scenario.issues)
    uncertain = sum(
        (s.uncertainty is not None) + (s.red_line_uncertainty is not None)
        for a in scenario.actors
        for s in a.positions.values()
    )
    require_memory(
        base_bytes(actors, issues) + draw_bytes(actors, issues, uncertain),
        what=f"solving {actors:,} actors × {issues:,} issues (one draw)",
        fix="split the scenario into smaller ones or raise ZOPA_MEMORY_BUDGET_MB",
    )


def _check_models(instances: dict[str, BargainingModel], problem: BargainingProblem) -> None:
    """Refuse, before any model runs, a model that cannot work within the budget."""
    n, m = problem.positions.shape
    for name, model in instances.items():
        others = ",".join(other for other in instances if other != name)
        leave_out = f"leave it out with --models {others}" if others else "choose another model"
        require_memory(
            model.memory_needed(problem),
            what=f"{name} on {n:,} actors × {m:,} issues",
            fix=f"{leave_out}, or raise ZOPA_MEMORY_BUDGET_MB",
        )


def _issues(
    scenario: Scenario,
    arrays: ScenarioArrays,
    zone: Zone,
    zone1: Zone,
    outcomes: dict[str, np.ndarray],
    mc: MonteCarloResult,
    interval: float,
) -> list[dict[str, Any]]:
    constraints = arrays.constraints
    low_by, high_by = _bound_setters(constraints, 2)
    p_zopa, p_zopa1 = mc.p_zopa, mc.p_zopa_level1
    tail = (1 - interval) / 2
    spread, stated = arrays.position_spread, arrays.problem.positions
    pos_low, pos_high = (
        spread.values_at(stated, np.full((1, spread.size), q), constraints.scale)[0]
        for q in (tail, 1 - tail)
    )
    # Per model, once: intervals, ZOPA verdicts and blockers over every issue.
    verdicts = {
        name: (
            mc.models[name].interval(interval),
            within_zone(outcome, zone),
            blocking_actors(outcome, constraints),
            mc.models[name].within.mean(axis=0),
        )
        for name, outcome in outcomes.items()
    }
    stances = {actor.id: actor.positions for actor in scenario.actors}
    out = []
    for j, issue in enumerate(scenario.issues):
        positions = []
        for a in np.flatnonzero(~np.isnan(arrays.stated_positions[:, j])):
            actor_id = constraints.actors[a]
            stance = stances[actor_id][issue.id]
            stated = arrays.stated_positions[a, j]
            positions.append(
                {
                    "actor": actor_id,
                    "position": _num(stated),
                    "salience": _num(stance.salience.value),
                    "low": _num(np.nan_to_num(pos_low[a, j], nan=stated)),
                    "high": _num(np.nan_to_num(pos_high[a, j], nan=stated)),
                    "red_line": _num(constraints.red_line[a, j]),
                    "accepts": {1: "above", -1: "below"}.get(int(constraints.side[a, j])),
                    "binds": "negotiator"
                    if constraints.negotiator[a, j]
                    else "ratifier"
                    if constraints.ratifier[a, j]
                    else None,
                }
            )
        predictions = {}
        for name, outcome in outcomes.items():
            (low, high), inside, blockers, p_within = verdicts[name]
            predictions[name] = {
                "point": _num(outcome[j]),
                "low": _num(low[j]),
                "high": _num(high[j]),
                "within_zopa": bool(inside[j]),
                "p_within_zopa": _num(p_within[j]),
                "blocked_by": [constraints.actors[a] for a in np.flatnonzero(blockers[:, j])],
            }
        out.append(
            {
                "id": issue.id,
                "label": issue.label,
                "anchors": {f"{k:g}": v for k, v in sorted(issue.anchors.items())},
                "status_quo": _num(arrays.problem.reference[j]),
                "positions": positions,
                "zopa": {
                    **_zone_dict(zone, j),
                    "p_nonempty": _num(p_zopa[j]),
                    "low_set_by": low_by[j],
                    "high_set_by": high_by[j],
                },
                "zopa_level1": {
                    **_zone_dict(zone1, j),
                    "p_nonempty": _num(p_zopa1[j]),
                },
                "predictions": predictions,
            }
        )
    return out


def _package(
    arrays: ScenarioArrays, zone: Zone, outcomes: dict[str, np.ndarray], mc: MonteCarloResult
) -> dict[str, Any]:
    constraints = arrays.constraints
    issues = constraints.issues
    models = {}
    for name, outcome in outcomes.items():
        blockers = blocking_actors(outcome, constraints)
        models[name] = {
            "within_zopa": bool(within_zone(outcome, zone).all()),
            "p_within_zopa": _num(mc.models[name].within.all(axis=1).mean()),
            "blocked_by": {
                issue: [a for a, b in zip(constraints.actors, blockers[:, j], strict=True) if b]
                for j, issue in enumerate(issues)
                if blockers[:, j].any()
            },
        }
    return {
        "nonempty": bool(zone.package_nonempty),
        "p_nonempty": _num(mc.p_package),
        "level1_nonempty": bool(zone_of_agreement(constraints, level=1).package_nonempty),
        "blocking_issues": [i for j, i in enumerate(issues) if not zone.nonempty[j]],
        "models": models,
    }


def _date(scenario: Scenario) -> str | None:
    return scenario.as_of.isoformat() if scenario.as_of else None


def _plain(value: Any) -> Any:
    """Parameters as JSON-ready data (numpy scalars and generators made plain)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float | np.floating):
        return _num(value)
    if isinstance(value, np.integer):
        return int(value)
    return repr(value)

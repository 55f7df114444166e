"""From a scenario to the numpy data models read: problem, red lines, uncertainty.

The actor axis holds every actor with at least one stance, in file order; the
issue axis every issue. Salience 0–100 becomes 0–1 (the models' convention);
capability is used as given (only relative sizes matter); the reference point
is each issue's status quo (``nan`` when none is given). An actor with
``in_models: false`` keeps its red lines but gets ``nan`` positions, so the
bargaining models leave it out.

Red lines bind as follows: an actor named as a ratifier binds at level II on
the issues it ratifies (and everywhere at level I only if it says ``veto:
true``); any other actor binds at level I when it is a veto player (its
``veto``, or by default a state, leader, bloc or veto player).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zopa.models import BargainingProblem, Constraints, Spread
from zopa.models._montecarlo import NONE, NORMAL, TRIANGULAR, UNIFORM
from zopa.scenario._schema import SCALE_MAX, SCALE_MIN, Scenario, Uncertainty

__all__ = ["ScenarioArrays", "scenario_arrays", "to_problem"]

_KIND = {"uniform": UNIFORM, "triangular": TRIANGULAR, "normal": NORMAL}


@dataclass(frozen=True)
class ScenarioArrays:
    """A scenario as numpy data over one actor axis and one issue axis."""

    problem: BargainingProblem
    constraints: Constraints
    position_spread: Spread
    red_line_spread: Spread
    stated_positions: np.ndarray
    """``(n, m)`` every actor's stated position, including ``in_models: false`` actors."""


def _set_spread(spread: Spread, a: int, i: int, unc: Uncertainty | None) -> None:
    if unc is None:
        return
    spread.kind[a, i] = _KIND[unc.distribution]
    if unc.low is not None:
        spread.low[a, i] = unc.low
    if unc.high is not None:
        spread.high[a, i] = unc.high
    if unc.sd is not None:
        spread.sd[a, i] = unc.sd


def scenario_arrays(scenario: Scenario) -> ScenarioArrays:
    """Convert a checked scenario to :class:`ScenarioArrays`."""
    actors = [a for a in scenario.actors if a.positions]
    issues = [i.id for i in scenario.issues]
    n, m = len(actors), len(issues)
    column = {issue: j for j, issue in enumerate(issues)}
    stated = np.full((n, m), np.nan)
    salience = np.full((n, m), np.nan)
    red_line = np.full((n, m), np.nan)
    side = np.zeros((n, m), dtype=np.int8)
    negotiator = np.zeros((n, m), dtype=bool)
    ratifier = np.zeros((n, m), dtype=bool)
    pos_spread, red_spread = Spread.none((n, m)), Spread.none((n, m))
    ratified: dict[str, set[str]] = {}
    for rat in scenario.ratification:
        ratified.setdefault(rat.ratifier, set()).update(rat.issues)
    for a, actor in enumerate(actors):
        for issue_id, stance in actor.positions.items():
            j = column[issue_id]
            stated[a, j] = stance.position.value
            salience[a, j] = stance.salience.value / 100.0
            _set_spread(pos_spread, a, j, stance.uncertainty)
            if stance.red_line is None:
                continue
            red_line[a, j] = stance.red_line.value
            side[a, j] = stance.side
            _set_spread(red_spread, a, j, stance.red_line_uncertainty)
            if actor.id in ratified:
                ratifier[a, j] = issue_id in ratified[actor.id]
                negotiator[a, j] = actor.veto is True
            else:
                negotiator[a, j] = actor.is_veto
    in_models = np.array([actor.in_models for actor in actors], dtype=bool)
    positions = np.where(in_models[:, None], stated, np.nan)
    scale = np.tile([SCALE_MIN, SCALE_MAX], (m, 1))
    reference = np.array(
        [i.status_quo.value if i.status_quo is not None else np.nan for i in scenario.issues]
    )
    ids = tuple(actor.id for actor in actors)
    problem = BargainingProblem(
        actors=ids,
        issues=tuple(issues),
        positions=positions,
        salience=np.where(in_models[:, None], salience, np.nan),
        capability=np.array([actor.capability.value for actor in actors], dtype=np.float64),
        reference=reference,
        scale=scale,
    )
    constraints = Constraints(
        actors=ids,
        issues=tuple(issues),
        red_line=red_line,
        side=side,
        negotiator=negotiator,
        ratifier=ratifier,
        scale=scale,
    )
    pos_spread.kind[~in_models] = NONE
    return ScenarioArrays(problem, constraints, pos_spread, red_spread, stated)


def to_problem(scenario: Scenario) -> BargainingProblem:
    """The :class:`BargainingProblem` of a checked scenario (see :func:`scenario_arrays`)."""
    return scenario_arrays(scenario).problem

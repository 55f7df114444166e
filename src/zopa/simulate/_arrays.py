"""From a scenario to the arrays the talks engine reads (the only place that reads a scenario).

The *sides* are the actors whose red lines bind the agreement at the table
(veto players that are not mediators; see :mod:`zopa.scenario._convert`), in
file order; a *leader* is an actor of kind ``leader`` that ``represents`` a
side. Positions and red lines are drawn per run from their declared
uncertainty (:func:`zopa.models.sample_values`). Per side and issue the
*reservation value* is the red line, or — where the side has none — the end
of its acceptable set towards the other sides' mean position, so a side
without a red line on an issue can concede all of it.

Formats: the *table* is every format with status ``ongoing`` or ``scheduled``
that no precondition blocks (or, when there is none, every unblocked format
without an ``after_format`` precondition); the sides bargain there from the
first round, mediated when one of them has mediators. A format whose
``after_format`` preconditions all name table formats becomes possible once
the table has agreed terms. Blocked formats (a refusal, a refused venue, a
missing signatory, a cycle) are never held. A threatened lever with a
deadline inside the horizon is decided at the deadline's round; a lever
imposed on or before the as-of date costs its targets from the first round.
A lever the file says was imposed *after* the as-of date was then only a
threat (the simulation never reads what happened later); lifted and expired
levers cost nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from zopa.errors import ModelError, quoted
from zopa.models import acceptable_bounds, sample_values
from zopa.scenario import (
    Lever,
    Scenario,
    ScenarioArrays,
    format_reachability,
    scenario_arrays,
)
from zopa.simulate._params import SIMULATOR, TalksParams

__all__ = ["NoTalksError", "TalksArrays", "talks_arrays"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

TABLE_STATUSES = frozenset({"ongoing", "scheduled"})


class NoTalksError(ModelError):
    """The scenario has fewer than two sides with binding red lines: there are no talks."""


@dataclass(frozen=True)
class TalksArrays:
    """A scenario as arrays over runs ``R``, sides ``P``, issues ``M``, formats ``F``,
    levers ``L``, lever holders ``H``, ratifications ``K`` and rounds ``T``."""

    sides: tuple[str, ...]
    issues: tuple[str, ...]
    formats: tuple[str, ...]
    levers: tuple[str, ...]
    holders: tuple[str, ...]
    days: IntArray
    """``(T,)`` days from the as-of date at the start of each round."""
    position: FloatArray
    """``(R, P, M)`` drawn ideal points, inside each side's acceptable set."""
    reservation: FloatArray
    """``(R, P, M)`` drawn reservation values (red line, or the far end of the set)."""
    lower: FloatArray
    """``(R, P, M)`` lower end of each side's acceptable set."""
    upper: FloatArray
    """``(R, P, M)`` upper end of each side's acceptable set."""
    weight: FloatArray
    """``(P, M)`` salience, each side's row summing to 1."""
    drafting: FloatArray
    """``(P, M)`` a mediator's weights for each side's offer: capability × salience."""
    ratifier_lower: FloatArray
    """``(R, K, M)`` lower end of each ratifier's acceptable set."""
    ratifier_upper: FloatArray
    """``(R, K, M)`` upper end of each ratifier's acceptable set."""
    ratifier_principal: IntArray
    """``(K,)`` index of the side whose signature each ratifier ratifies."""
    beta: FloatArray
    """``(R, P)`` concession exponents (Faratin's convention)."""
    kappa: FloatArray
    """``(R,)`` fraction conceded at the start."""
    concession_days: FloatArray
    """``(R,)`` days to reach the red line."""
    elapsed_days: int
    """Days the talks had run on the as-of date (concession time counts from their start)."""
    cost: FloatArray
    """``(R,)`` utility lost per day without a deal."""
    lever_cost: FloatArray
    """``(R,)`` extra utility per day lost while a lever is imposed on a side."""
    credibility: FloatArray
    """``(R,)`` probability a threatened lever is imposed at its deadline."""
    mediated: bool
    """Whether a mediator at the table drafts a single text."""
    mediation_ends: BoolArray
    """``(H,)`` holders whose walking away ends the mediation (all of them must walk)."""
    held_at_start: BoolArray
    """``(F,)`` formats held from the first round (the table)."""
    after_table: BoolArray
    """``(F,)`` formats possible once the table has agreed terms."""
    leader_level: BoolArray
    """``(F,)`` formats where leaders sit."""
    closed_by: BoolArray
    """``(F, H)`` formats a holder's walking away closes."""
    lever_start: IntArray
    """``(L,)`` ``0`` for a lever in force at the as-of date, else ``-1``."""
    lever_deadline: IntArray
    """``(L,)`` round at which a threatened lever is decided (``-1``: none in the horizon)."""
    lever_targets: BoolArray
    """``(L, P)`` sides each lever hits."""
    lever_holder: IntArray
    """``(L,)`` holder index of each lever."""
    lever_withdrawal: BoolArray
    """``(L,)`` levers whose imposition is the holder walking away (kind ``withdrawal``)."""
    signable: bool
    """Whether every side has a signer all other sides accept."""
    signers: tuple[str, ...]
    """``(P,)`` who signs for each side."""

    @property
    def runs(self) -> int:
        """Number of runs ``R``."""
        return int(self.position.shape[0])


def _round_of(date: dt.date, as_of: dt.date, step: int) -> int:
    """The first round whose start is on or after ``date``."""
    return -(-(date - as_of).days // step)


def _actor_sides(scenario: Scenario, sides: tuple[str, ...]) -> dict[str, int]:
    """Each side and each leader representing it, mapped to the side's index."""
    index = {side: p for p, side in enumerate(sides)}
    for actor in scenario.actors:
        if actor.represents in index and actor.id not in index:
            index[actor.id] = index[actor.represents]
    return index


def _signers(scenario: Scenario, sides: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """Who signs for each side: its leader, itself or its ratifier, the first all others accept.

    A side's judgement (``signatories:``) accepts a signer in its ``accepts`` list
    (when it gives one) and not in its ``rejects`` list (Putnam 1988's
    legitimacy of the chief negotiator, read as a per-actor veto on signers).
    """
    judges = {s.actor: s for s in scenario.signatories}
    represented = {a.represents: a.id for a in scenario.actors if a.kind == "leader"}
    out: list[str] = []
    for side in sides:
        candidates = [represented[side]] if side in represented else []
        candidates.append(side)
        candidates += [r.ratifier for r in scenario.ratification if r.principal == side]
        chosen = None
        for candidate in candidates:
            ok = True
            for other in sides:
                judge = judges.get(other)
                if other == side or judge is None:
                    continue
                if candidate in judge.rejects or (judge.accepts and candidate not in judge.accepts):
                    ok = False
            if ok:
                chosen = candidate
                break
        if chosen is None:
            return False, ()
        out.append(chosen)
    return True, tuple(out)


def _per_run(value: float, runs: int) -> FloatArray:
    return np.full(runs, float(value))


def _sides(scenario: Scenario, base: ScenarioArrays) -> list[int]:
    """Rows of ``base`` that are sides: binding red lines at the table, not a mediator."""
    kinds = {a.id: a.kind for a in scenario.actors}
    binding = np.asarray(base.constraints.negotiator.any(axis=1), dtype=bool).tolist()
    rows = [
        a
        for a, actor in enumerate(base.problem.actors)
        if binding[a] and kinds[actor] != "mediator"
    ]
    if len(rows) < 2:
        raise NoTalksError(
            f"{SIMULATOR}: scenario {scenario.id} has {len(rows)} side(s) with binding red lines "
            "at the table; the talks need two: give each party's stances a `red_line:`"
        )
    return rows


def _stances(
    base: ScenarioArrays, rows: list[int], drawn_pos: FloatArray, bounds: tuple[FloatArray, ...]
) -> dict[str, Any]:
    """Each side's drawn ideal point, reservation value, acceptable set and weights."""
    scale = base.problem.scale
    mask = (base.constraints.negotiator & (base.constraints.side != 0))[rows]
    lower = np.where(mask, bounds[0][:, rows], scale[:, 0])
    upper = np.where(mask, bounds[1][:, rows], scale[:, 1])
    stated = drawn_pos[:, rows]
    has_stance = ~np.isnan(base.stated_positions[rows])
    # A side without a stance on an issue takes the mean of those with one (or the middle of
    # the scale) and does not care about it (weight 0).
    count = has_stance.sum(axis=0)
    centre = np.where(has_stance, stated, 0.0).sum(axis=1, keepdims=True) / np.maximum(count, 1)
    centre = np.where(count > 0, centre, scale.mean(axis=1))
    position = np.clip(np.where(has_stance, stated, centre), lower, upper)
    total = position.sum(axis=1, keepdims=True)
    mean_of_others = (total - position) / (len(rows) - 1)
    reservation = np.where(mean_of_others > position, upper, lower)
    reservation = np.where(mean_of_others == position, position, reservation)
    salience = np.where(has_stance, np.nan_to_num(base.problem.salience[rows], nan=0.0), 0.0)
    sums = salience.sum(axis=1, keepdims=True)
    weight = np.where(sums > 0, salience / np.where(sums > 0, sums, 1.0), 1.0 / salience.shape[1])
    return {
        "position": position,
        "reservation": reservation,
        "lower": lower,
        "upper": upper,
        "weight": weight,
        "drafting": base.problem.capability[rows, None] * np.maximum(weight, 1e-9),
    }


def _ratifiers(
    scenario: Scenario, base: ScenarioArrays, index: dict[str, int], bounds: tuple[FloatArray, ...]
) -> dict[str, Any]:
    """Each ratifier's drawn acceptable set on the issues it ratifies, and its principal."""
    ratifications = [
        (base.problem.actors.index(r.ratifier), index[r.principal], r.issues)
        for r in scenario.ratification
        if r.principal in index and r.ratifier in base.problem.actors
    ]
    scale, runs = base.problem.scale, bounds[0].shape[0]
    column = {issue: j for j, issue in enumerate(base.problem.issues)}
    shape = (runs, len(ratifications), len(column))
    lower = np.broadcast_to(scale[:, 0], shape).copy()
    upper = np.broadcast_to(scale[:, 1], shape).copy()
    for k, (row, _principal, issues) in enumerate(ratifications):
        for j in (column[issue] for issue in issues):
            if base.constraints.side[row, j] != 0:
                lower[:, k, j] = bounds[0][:, row, j]
                upper[:, k, j] = bounds[1][:, row, j]
    return {
        "ratifier_lower": lower,
        "ratifier_upper": upper,
        "ratifier_principal": np.array([p for _, p, _ in ratifications], dtype=np.int64),
    }


def _levers(
    scenario: Scenario, as_of: dt.date, step: int, rounds: int, index: dict[str, int]
) -> dict[str, Any]:
    """Levers in force, threats decided at a deadline inside the horizon, and their holders."""
    deadlines = {d.id: d for d in scenario.deadlines}

    def in_force(lever: Lever) -> bool:
        return lever.status == "imposed" and (lever.date is None or lever.date <= as_of)

    def decided_at(lever: Lever) -> int:
        # A lever imposed after the as-of date was, as of then, only a threat.
        if lever.status not in ("threatened", "imposed") or in_force(lever):
            return -1
        deadline = deadlines.get(str(lever.deadline))
        at = -1 if deadline is None else _round_of(deadline.date, as_of, step)
        return at if 0 <= at < rounds else -1

    decided = [(lever, decided_at(lever)) for lever in scenario.levers]
    holders = tuple(dict.fromkeys(lever.holder for lever, at in decided if at >= 0))
    targets = np.zeros((len(scenario.levers), len(set(index.values()))), dtype=bool)
    for ell, lever in enumerate(scenario.levers):
        for target in lever.targets:
            if target in index:
                targets[ell, index[target]] = True
    return {
        "levers": tuple(lever.id for lever in scenario.levers),
        "holders": holders,
        "lever_start": np.array(
            [0 if in_force(lever) else -1 for lever in scenario.levers], dtype=np.int64
        ),
        "lever_deadline": np.array([at for _, at in decided], dtype=np.int64),
        "lever_targets": targets,
        "lever_holder": np.array(
            [holders.index(lever.holder) if at >= 0 else -1 for lever, at in decided],
            dtype=np.int64,
        ),
        "lever_withdrawal": np.array(
            [lever.kind == "withdrawal" for lever in scenario.levers], dtype=bool
        ),
    }


def _formats(scenario: Scenario, holders: tuple[str, ...], mediation: bool) -> dict[str, Any]:
    """The table, the formats that wait on it, where leaders sit, whom a walk-out closes."""
    reach = format_reachability(scenario)
    blocked = {f.id for f in scenario.formats if not reach[f.id].reachable or f.status == "refused"}
    table = [f for f in scenario.formats if f.status in TABLE_STATUSES and f.id not in blocked]
    if not table:
        table = [
            f
            for f in scenario.formats
            if f.id not in blocked and not any(p.kind == "after_format" for p in f.preconditions)
        ]
    table_ids = {f.id for f in table}
    leaders = {a.id for a in scenario.actors if a.kind == "leader"}
    represents = {a.id: a.represents for a in scenario.actors}

    def speaks_for(actor: str, holder: str) -> bool:
        return actor == holder or represents.get(actor) == holder

    mediators = {m for f in table for m in f.mediators}
    ends = np.array([any(speaks_for(m, h) for m in mediators) for h in holders], dtype=bool)
    if any(not any(speaks_for(m, h) for h in holders) for m in mediators):
        ends[:] = False  # a mediator who cannot walk away stays at the table
    return {
        "formats": tuple(f.id for f in scenario.formats),
        "mediated": mediation and bool(mediators),
        "mediation_ends": ends,
        "held_at_start": np.array([f.id in table_ids for f in scenario.formats], dtype=bool),
        "after_table": np.array(
            [
                f.id not in blocked
                and f.id not in table_ids
                and any(p.kind == "after_format" for p in f.preconditions)
                and all(p.format in table_ids for p in f.preconditions if p.kind == "after_format")
                for f in scenario.formats
            ],
            dtype=bool,
        ),
        "leader_level": np.array(
            [any(p in leaders for p in f.participants) for f in scenario.formats], dtype=bool
        ),
        "closed_by": np.array(
            [
                [any(speaks_for(a, h) for a in f.mediators) for h in holders]
                for f in scenario.formats
            ],
            dtype=bool,
        ).reshape(len(scenario.formats), len(holders)),
    }


def _elapsed(began: str | None, as_of: dt.date) -> int:
    """Days from the talks' start to ``as_of`` (0 without a start, or before it)."""
    return 0 if began is None else max(0, (as_of - dt.date.fromisoformat(began)).days)


def talks_arrays(
    scenario: Scenario,
    *,
    as_of: dt.date,
    horizon_days: int,
    params: TalksParams,
    runs: int,
    rng: np.random.Generator,
) -> TalksArrays:
    """Draw ``runs`` versions of ``scenario`` as :class:`TalksArrays` for ``horizon_days``.

    Raises
    ------
    NoTalksError
        When fewer than two sides have binding red lines.
    ModelError
        When ``betas`` names an actor that is not a side.
    """
    base = scenario_arrays(scenario)
    rows = _sides(scenario, base)
    sides = tuple(base.problem.actors[a] for a in rows)
    for actor in params.betas:
        if actor not in sides:
            raise ModelError(
                f"{SIMULATOR}: parameter betas names {quoted(actor)}, which is not a side; "
                f"sides: {', '.join(sides)}"
            )
    scale = base.problem.scale
    drawn_pos = sample_values(
        base.stated_positions, base.position_spread, draws=runs, rng=rng, scale=scale
    )
    drawn_red = sample_values(
        base.constraints.red_line, base.red_line_spread, draws=runs, rng=rng, scale=scale
    )
    bounds = acceptable_bounds(drawn_red, base.constraints.side, scale)
    index = _actor_sides(scenario, sides)
    days = np.arange(0, horizon_days + 1, params.step_days, dtype=np.int64)
    levers = _levers(scenario, as_of, params.step_days, len(days), index)
    signable, signers = _signers(scenario, sides)
    beta = np.array([params.betas.get(side, params.beta) for side in sides])
    return TalksArrays(
        sides=sides,
        issues=base.problem.issues,
        days=days,
        **_stances(base, rows, drawn_pos, bounds),
        **_ratifiers(scenario, base, index, bounds),
        **levers,
        **_formats(scenario, levers["holders"], params.mediation),
        beta=np.broadcast_to(beta, (runs, len(sides))).copy(),
        kappa=_per_run(params.kappa, runs),
        concession_days=_per_run(params.concession_days, runs),
        elapsed_days=_elapsed(params.talks_began, as_of),
        cost=_per_run(params.cost_per_day, runs),
        lever_cost=_per_run(params.lever_cost_per_day, runs),
        credibility=_per_run(params.credibility, runs),
        signable=signable,
        signers=signers,
    )

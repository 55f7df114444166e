"""Read the scenario's questions off the simulated talks: per run, did it happen, and when.

An event question becomes a ``(R,)`` array of the round it happened in each run
(:data:`~zopa.simulate._engine.NEVER` when it did not); it happened by the
resolution date when that round starts on or before it. What the simulator
can answer:

* ``format_held`` — the first round a matching format is held. A format
  matches when every named participant sits at it (as participant or
  mediator). A question naming a format and a leader whose side (not the
  leader) sits at it asks whether the leader comes in person, which the talks
  do not decide: declined, like a format the simulator cannot time.
* ``agreement_signed`` — the round the package enters into force, when every
  named party is a side (or its leader).
* ``lever_imposed`` — the round the lever is imposed.
* ``deadline_met`` — the round of agreement, if it comes by the deadline.
* ``plover_event`` — ``AGREE`` (and ``RETREAT`` with mode ``ceasefire``)
  between two sides: the agreement; ``CONSULT`` between two actors: a format
  held with both; ``SANCTION`` or ``COERCE`` by a lever's holder on its target:
  the lever imposed. Other event types are not simulated.

A value question reads the agreed terms on its issue, or the status quo
without agreement by the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from zopa.scenario import Question, Scenario, format_reachability
from zopa.simulate._arrays import TalksArrays
from zopa.simulate._engine import NEVER, TalksOutcome

__all__ = ["UnanswerableError", "event_rounds", "value_draws"]

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


class UnanswerableError(Exception):
    """The simulator does not model what this question asks (the message says why)."""


def _earliest(columns: Iterable[IntArray], runs: int) -> IntArray:
    stacked = [np.where(c == NEVER, np.iinfo(np.int64).max, c) for c in columns]
    if not stacked:
        return np.full(runs, NEVER, dtype=np.int64)
    first = np.min(np.stack(stacked, axis=1), axis=1)
    return np.where(first == np.iinfo(np.int64).max, NEVER, first)


def _side_of(scenario: Scenario, arrays: TalksArrays, actor: str) -> int | None:
    if actor in arrays.sides:
        return arrays.sides.index(actor)
    represents = scenario.actor(actor).represents
    return arrays.sides.index(represents) if represents in arrays.sides else None


def _timed(scenario: Scenario, arrays: TalksArrays, formats: list[int], who: str) -> list[int]:
    """The ``formats`` the simulator can hold, refusing when it could hold none of them.

    A format is held at the table from the start, or once the table has agreed
    (``after_format``); one the scenario blocks (a refusal, a refused venue) is
    never held, which the scenario itself says. A format that is only
    ``proposed`` with no precondition to wait on has nothing the simulator can
    time: answering "never" would be a confident 0 resting on a gap in the
    model, so the question is declined, with the reason.
    """
    reach = format_reachability(scenario)
    timed = [f for f in formats if arrays.held_at_start[f] or arrays.after_table[f]]
    blocked = [
        f
        for f in formats
        if not reach[scenario.formats[f].id].reachable or scenario.formats[f].status == "refused"
    ]
    if not formats:
        raise UnanswerableError(f"no format in the scenario seats {who}; add one to simulate it")
    if not timed and len(blocked) < len(formats):
        untimed = ", ".join(scenario.formats[f].id for f in formats if f not in blocked)
        raise UnanswerableError(
            f"{untimed}: proposed with no precondition the simulator can time (neither held "
            "now nor after another format); it cannot say when it would be held"
        )
    return timed


def _formats_with(
    scenario: Scenario, arrays: TalksArrays, actors: list[str], outcome: TalksOutcome
) -> IntArray:
    seating = [
        f
        for f, fmt in enumerate(scenario.formats)
        if all(a in {*fmt.participants, *fmt.mediators} for a in actors)
    ]
    timed = _timed(scenario, arrays, seating, " and ".join(actors))
    return _earliest((outcome.held[:, f] for f in timed), arrays.runs)


def _agreement(
    scenario: Scenario, arrays: TalksArrays, parties: list[str], outcome: TalksOutcome
) -> IntArray:
    for party in parties:
        if _side_of(scenario, arrays, party) is None:
            raise UnanswerableError(f"{party} is not a side at the table")
    return outcome.agreed


def event_rounds(
    question: Question,
    scenario: Scenario,
    arrays: TalksArrays,
    outcome: TalksOutcome,
    as_of: dt.date,
) -> IntArray:
    """``(R,)`` round in which the event of ``question`` happened (``NEVER`` if not).

    Raises
    ------
    UnanswerableError
        When the simulator does not model the event.
    """
    what = question.what
    if what is None:
        raise UnanswerableError("the question has no `what:`")
    if what.type == "format_held":
        if what.format is None:
            return _formats_with(scenario, arrays, what.participants, outcome)
        f = arrays.formats.index(what.format)
        fmt = scenario.formats[f]
        table = {*fmt.participants, *fmt.mediators}
        for actor in what.participants:
            if actor in table:
                continue
            if scenario.actor(actor).represents in table:
                # The format seats the side; whether its leader comes in person is not
                # something the talks decide (Putin did not come to Istanbul in 2025).
                raise UnanswerableError(
                    f"{what.format} seats {scenario.actor(actor).represents}, not {actor}: "
                    f"the simulator does not model whether {actor} attends in person"
                )
            return np.full(arrays.runs, NEVER, dtype=np.int64)
        if not _timed(scenario, arrays, [f], " and ".join(what.participants)):
            return np.full(arrays.runs, NEVER, dtype=np.int64)  # blocked by the scenario
        return outcome.held[:, f]
    if what.type == "agreement_signed":
        return _agreement(scenario, arrays, what.parties, outcome)
    if what.type == "lever_imposed":
        return outcome.imposed[:, arrays.levers.index(what.lever)]
    if what.type == "deadline_met":
        deadline = next(d for d in scenario.deadlines if d.id == what.deadline)
        day = arrays.days[np.maximum(outcome.agreed, 0)]
        return np.where(day <= (deadline.date - as_of).days, outcome.agreed, NEVER)
    pair = list(what.between) or [a for a in (what.source, what.target) if a is not None]
    if what.event == "AGREE" or (what.event == "RETREAT" and what.mode == "ceasefire"):
        return _agreement(scenario, arrays, pair, outcome)
    if what.event == "CONSULT":
        return _formats_with(scenario, arrays, pair, outcome)
    if what.event in ("SANCTION", "COERCE") and what.source is not None:
        kinds = {"SANCTION": {"sanctions", "tariffs"}, "COERCE": {"sanctions", "tariffs", "arms"}}
        columns = [
            outcome.imposed[:, ell]
            for ell, lever in enumerate(scenario.levers)
            if lever.holder == what.source
            and lever.kind in kinds[what.event]
            and (what.target is None or what.target in lever.targets)
        ]
        return _earliest(columns, arrays.runs)
    mode = f" ({what.mode})" if what.mode else ""
    raise UnanswerableError(f"the simulator does not model {what.event}{mode} events")


def value_draws(
    question: Question, scenario: Scenario, arrays: TalksArrays, outcome: TalksOutcome, by: int
) -> FloatArray:
    """``(R,)`` the issue's value at the resolution date: agreed terms, else the status quo."""
    assert question.issue is not None
    j = arrays.issues.index(question.issue)
    status_quo = scenario.issue(question.issue).status_quo
    if status_quo is None:
        raise UnanswerableError(
            f"issue {question.issue} has no status quo to stay at without a deal"
        )
    in_force = (outcome.agreed != NEVER) & (arrays.days[np.maximum(outcome.agreed, 0)] <= by)
    return np.where(in_force, outcome.terms[:, j], status_quo.value)

"""The simulator interface and ``zopa.talks.v1``: a scenario in, per-question results out.

A simulator is found by name in :data:`zopa.registry.simulators`. Like the
bargaining models it is constructed with keyword-only parameters only
(:meth:`get_params` reads them back, so every result records how it was made)
and its :meth:`~Simulator.simulate` returns plain data. ``zopa.talks.v1``
converts the scenario to arrays once (:mod:`zopa.simulate._arrays`), runs the
rounds (:mod:`zopa.simulate._engine`), reads every question off the runs
(:mod:`zopa.simulate._questions`) and, when asked, screens the parameters
with Morris's method (:mod:`zopa.simulate._sensitivity`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from zopa.errors import ModelError, quoted
from zopa.limits import MAX_RUNS
from zopa.registry import simulators
from zopa.scenario import Question, Scenario, placeholder_names, question_status
from zopa.simulate._arrays import TalksArrays, talks_arrays
from zopa.simulate._concession import conceded
from zopa.simulate._engine import NEVER, TalksOutcome, run_talks
from zopa.simulate._params import SIMULATOR, TalksParams
from zopa.simulate._questions import UnanswerableError, event_rounds, value_draws
from zopa.simulate._results import QuestionResult, event_result, value_result
from zopa.simulate._sensitivity import Sensitivity, morris_design, morris_indices, with_design

__all__ = ["MAX_RUNS", "SimulationResult", "Simulator", "TalksSimulator"]

DEFAULT_HORIZON_DAYS = 180
"""Days simulated when no open question gives a resolution date."""


@dataclass(frozen=True)
class SimulationResult:
    """A simulation's answers, with what it was run on (``docs/simulation.md``)."""

    simulator: str
    params: dict[str, Any]
    scenario: str
    as_of: dt.date
    runs: int
    seed: int
    horizon_days: int
    sides: tuple[str, ...]
    signers: tuple[str, ...]
    inputs_digest: str
    questions: list[QuestionResult]
    skipped: dict[str, str] = field(default_factory=dict)
    """Questions not answered, with the reason."""
    sensitivity: Sensitivity | None = None
    placeholders: list[str] = field(default_factory=list)
    """Dotted names of the scenario's placeholder values the run rests on."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: the public layout of ``zopa simulate --json``."""
        return {
            "simulator": self.simulator,
            "params": self.params,
            "scenario": self.scenario,
            "as_of": self.as_of.isoformat(),
            "runs": self.runs,
            "seed": self.seed,
            "horizon_days": self.horizon_days,
            "sides": list(self.sides),
            "signers": list(self.signers),
            "inputs_digest": self.inputs_digest,
            "questions": [q.to_dict() for q in self.questions],
            "skipped": self.skipped,
            "sensitivity": None if self.sensitivity is None else self.sensitivity.to_dict(),
            "placeholders": self.placeholders,
        }


@runtime_checkable
class Simulator(Protocol):
    """The interface of every entry of the ``simulators`` registry."""

    name: ClassVar[str]

    def get_params(self) -> dict[str, Any]:
        """The parameters the simulator was constructed with, as plain data."""
        ...

    def simulate(
        self,
        scenario: Scenario,
        *,
        as_of: dt.date,
        runs: int,
        seed: int,
        horizon_days: int | None = None,
    ) -> SimulationResult:
        """Simulate ``runs`` times from ``as_of`` and answer the scenario's open questions."""
        ...


def _digest(
    scenario: Scenario, as_of: dt.date, params: dict[str, Any], runs: int, seed: int
) -> str:
    payload = {
        "simulator": SIMULATOR,
        "scenario": scenario.model_dump(mode="json"),
        "as_of": as_of.isoformat(),
        "params": params,
        "runs": runs,
        "seed": seed,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_runs(runs: Any, seed: Any) -> None:
    if not (isinstance(runs, int) and not isinstance(runs, bool) and 1 <= runs <= MAX_RUNS):
        raise ModelError(
            f"{SIMULATOR}: runs={quoted(runs)} is invalid; expected an integer in [1, {MAX_RUNS:,}]"
        )
    if not (isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0):
        raise ModelError(f"{SIMULATOR}: seed={quoted(seed)} is invalid; expected an integer >= 0")


def _open_questions(scenario: Scenario, as_of: dt.date) -> list[Question]:
    """The questions open on ``as_of``: opened, not yet resolved, resolution date ahead.

    An upcoming question is not forecast before it opens (its horizon would also
    stretch every run to its resolution date for nothing).
    """
    return [q for q in scenario.questions if question_status(q, as_of) == "open"]


def _happened(
    questions: list[Question],
    scenario: Scenario,
    arrays: TalksArrays,
    outcome: TalksOutcome,
    as_of: dt.date,
) -> tuple[dict[str, tuple[np.ndarray, np.ndarray]], dict[str, str]]:
    """Per answerable event question: ``(happened (R,), day (R,))``; the rest with reasons."""
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    skipped: dict[str, str] = {}
    for q in questions:
        if q.kind != "event":
            continue
        try:
            rounds = event_rounds(q, scenario, arrays, outcome, as_of)
        except UnanswerableError as why:
            skipped[q.id] = str(why)
            continue
        day = arrays.days[np.maximum(rounds, 0)]
        out[q.id] = ((rounds != NEVER) & (day <= (q.resolution_date - as_of).days), day)
    return out, skipped


def _paths(
    happened: np.ndarray, outcome: TalksOutcome, arrays: TalksArrays, by: int
) -> dict[str, int]:
    """How each run of an agreement question ended by day ``by`` (``PATHS``, in order)."""

    def by_date(rounds: np.ndarray) -> np.ndarray:
        return np.asarray((rounds != NEVER) & (arrays.days[np.maximum(rounds, 0)] <= by))

    voided = ~happened & (outcome.voided > 0) & by_date(outcome.gap_closed)
    walked = ~happened & ~voided & by_date(outcome.walked).any(axis=1)
    apart = ~happened & ~voided & ~walked
    return {
        "agreed": int(happened.sum()),
        "voided": int(voided.sum()),
        "walked": int(walked.sum()),
        "apart": int(apart.sum()),
    }


def _conceded(arrays: TalksArrays, by: int) -> float:
    """Median over runs and sides of the share conceded by day ``by`` (Faratin et al. 1998)."""
    tau = (by + arrays.elapsed_days) / arrays.concession_days
    return float(np.median(conceded(tau[:, None], arrays.beta, arrays.kappa[:, None])))


@simulators.register(SIMULATOR)
class TalksSimulator:
    """Negotiation rounds from the as-of date to each question's resolution date.

    Parameters are those of :class:`~zopa.simulate._params.TalksParams`, by
    keyword; unknown names and bad values are a :class:`ModelError`.
    """

    name: ClassVar[str] = SIMULATOR

    def __init__(self, **params: Any) -> None:
        known = TalksParams.__dataclass_fields__
        for key in params:
            if key not in known:
                raise ModelError(
                    f"{SIMULATOR}: unknown parameter {quoted(key)}; valid: {', '.join(known)}"
                )
        self.params = TalksParams(**params)

    def get_params(self) -> dict[str, Any]:
        """The parameters as plain data."""
        return self.params.to_dict()

    def simulate(
        self,
        scenario: Scenario,
        *,
        as_of: dt.date,
        runs: int,
        seed: int,
        horizon_days: int | None = None,
    ) -> SimulationResult:
        """Simulate ``runs`` runs from ``as_of``; see the module docstring."""
        _check_runs(runs, seed)
        questions = _open_questions(scenario, as_of)
        if horizon_days is None:
            ends = [(q.resolution_date - as_of).days for q in questions]
            horizon_days = max(ends) if ends else DEFAULT_HORIZON_DAYS
        rng = np.random.default_rng(seed)
        arrays = talks_arrays(
            scenario,
            as_of=as_of,
            horizon_days=horizon_days,
            params=self.params,
            runs=runs,
            rng=rng,
        )
        outcome = run_talks(arrays, rng)
        events, skipped = _happened(questions, scenario, arrays, outcome, as_of)
        results: list[QuestionResult] = []
        for q in questions:
            if q.id in events:
                happened, day = events[q.id]
                about_terms = q.what is not None and (
                    q.what.type in ("agreement_signed", "deadline_met")
                    or getattr(q.what, "event", None) in ("AGREE", "RETREAT")
                )
                by = (q.resolution_date - as_of).days
                results.append(
                    event_result(
                        q.id,
                        happened,
                        day,
                        outcome.terms if about_terms else None,
                        arrays.issues,
                        _paths(happened, outcome, arrays, by) if about_terms else None,
                        _conceded(arrays, by) if about_terms else None,
                    )
                )
            elif q.kind == "value":
                by = (q.resolution_date - as_of).days
                try:
                    values = value_draws(q, scenario, arrays, outcome, by)
                except UnanswerableError as why:
                    skipped[q.id] = str(why)
                    continue
                results.append(value_result(q.id, values))
        sensitivity = self._sensitivity(scenario, as_of, horizon_days, seed, list(events))
        return SimulationResult(
            simulator=SIMULATOR,
            params=self.get_params(),
            scenario=scenario.id,
            as_of=as_of,
            runs=runs,
            seed=seed,
            horizon_days=horizon_days,
            sides=arrays.sides,
            signers=arrays.signers,
            inputs_digest=_digest(scenario, as_of, self.get_params(), runs, seed),
            questions=results,
            skipped=skipped,
            sensitivity=sensitivity,
            placeholders=placeholder_names(scenario),
        )

    def _sensitivity(
        self,
        scenario: Scenario,
        as_of: dt.date,
        horizon_days: int,
        seed: int,
        answered: list[str],
    ) -> Sensitivity | None:
        trajectories, per_point = (
            self.params.sensitivity_trajectories,
            self.params.sensitivity_runs,
        )
        if not trajectories or not answered:
            return None
        design = morris_design(trajectories, seed)
        rng = np.random.default_rng([seed, 1])
        base = talks_arrays(
            scenario,
            as_of=as_of,
            horizon_days=horizon_days,
            params=self.params,
            runs=design.shape[0] * per_point,
            rng=rng,
        )
        arrays = with_design(base, design, per_point)
        outcome = run_talks(arrays, rng)
        wanted = [q for q in _open_questions(scenario, as_of) if q.id in answered]
        events, _ = _happened(wanted, scenario, arrays, outcome, as_of)
        outputs = {
            q: happened.reshape(design.shape[0], per_point).mean(axis=1)
            for q, (happened, _day) in events.items()
        }
        return morris_indices(
            design, outputs, trajectories=trajectories, runs_per_point=per_point, seed=seed
        )

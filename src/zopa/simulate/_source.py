"""``zopa.simulation.v1``: the talks simulator as a forecast source.

Registered in :data:`zopa.registry.forecast_sources` (``zopa.forecast`` imports
this package so the registry lists it). For every open question the
simulator answers, one :class:`~zopa.forecast.NewForecast`: the probability
and its Wilson interval (an event) or the mean value and its 5–95 % band (a
value question), the simulator's name and parameters with the runs and seed,
the inputs digest and the as-of date; for an agreement question also how its runs
ended (``paths``) and the median share ``conceded`` by the date. A scenario without two sides with
binding red lines has no talks to simulate and gets no forecasts. The
sensitivity analysis is left to ``zopa simulate`` (it would multiply the cost
of every forecast).
"""

from __future__ import annotations

from typing import Any, ClassVar

from zopa.forecast._records import NewForecast, SourceKind
from zopa.forecast._sources import ForecastInputs
from zopa.registry import forecast_sources
from zopa.scenario import question_status
from zopa.simulate._arrays import NoTalksError
from zopa.simulate._simulator import TalksSimulator

__all__ = ["SOURCE", "SimulationSource"]

SOURCE = "zopa.simulation.v1"


@forecast_sources.register(SOURCE)
class SimulationSource:
    """Forecasts from ``zopa.talks.v1``; keyword parameters go to the simulator."""

    kind: ClassVar[SourceKind] = "simulator"
    imported: ClassVar[bool] = False

    def __init__(self, **params: Any) -> None:
        self.params = params

    def forecast(self, inputs: ForecastInputs) -> list[NewForecast]:
        """One forecast per open question the simulator answers, as of ``inputs.as_of``."""
        if not any(question_status(q, inputs.as_of) == "open" for q in inputs.scenario.questions):
            return []  # nothing to forecast: no run needed
        # The scenario's `simulation:` settings, then these parameters, over the defaults.
        simulator = TalksSimulator(
            **{"sensitivity_trajectories": 0, **inputs.scenario.simulation, **self.params}
        )
        try:
            result = simulator.simulate(
                inputs.scenario, as_of=inputs.as_of, runs=inputs.runs, seed=inputs.seed
            )
        except NoTalksError:
            return []
        parameters = {
            **result.params,
            "runs": result.runs,
            "seed": result.seed,
            "horizon_days": result.horizon_days,
        }
        return [
            NewForecast(
                scenario=result.scenario,
                question=q.question,
                source=SOURCE,
                source_kind=self.kind,
                as_of=result.as_of,
                probability=q.probability,
                value=q.value,
                low=q.low,
                high=q.high,
                method=result.simulator,
                parameters={**parameters, "paths": q.paths, "conceded": q.conceded}
                if q.paths
                else parameters,
                inputs_digest=result.inputs_digest,
            )
            for q in result.questions
        ]

"""Simulation (pipeline stage 5): negotiation dynamics over time.

Every simulator is found by name in :data:`zopa.registry.simulators`:

=====================  =========================================================
``zopa.talks.v1``      rounds of offers or a mediator's single text, concession
                       towards red lines, costs of no deal, deadlines and levers,
                       leaders' formats, signatures and ratification
=====================  =========================================================

:func:`alternating_offers` runs many bilateral negotiations over a finite
outcome set between two time-based aspiration negotiators (the benchmark
against negmas in ``bench/simulate.py``).

``zopa.simulation.v1`` in :data:`zopa.registry.forecast_sources` turns its
answers into stored forecasts. The model, its equations and defaults are in
``docs/simulation.md``.
"""

from zopa.simulate._alternating import AlternatingOffers, alternating_offers
from zopa.simulate._arrays import NoTalksError, TalksArrays, talks_arrays
from zopa.simulate._concession import TACTICS, conceded
from zopa.simulate._engine import NEVER, TalksOutcome, run_talks
from zopa.simulate._params import SENSITIVITY_BOUNDS, TalksParams
from zopa.simulate._results import CONFIDENCE, QuestionResult
from zopa.simulate._sensitivity import Sensitivity
from zopa.simulate._simulator import MAX_RUNS, SimulationResult, Simulator, TalksSimulator
from zopa.simulate._source import SimulationSource

__all__ = [
    "CONFIDENCE",
    "MAX_RUNS",
    "NEVER",
    "SENSITIVITY_BOUNDS",
    "TACTICS",
    "AlternatingOffers",
    "NoTalksError",
    "QuestionResult",
    "Sensitivity",
    "SimulationResult",
    "SimulationSource",
    "Simulator",
    "TalksArrays",
    "TalksOutcome",
    "TalksParams",
    "TalksSimulator",
    "alternating_offers",
    "conceded",
    "run_talks",
    "talks_arrays",
]

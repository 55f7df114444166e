"""Scenarios (pipeline stage 3): a negotiation as validated data.

A scenario file (YAML, format in ``docs/scenarios.md``) holds the issues on
0–100 scales, the actors with their stances and red lines, the negotiation
formats and preconditions, ratification constraints, signatories, deadlines,
levers and forecast questions. :func:`load_scenario` validates it once, at the
boundary; :func:`check_file` lists every problem with its line and a hint (and, given
a store, every citation the store no longer backs: :func:`check_citations`);
:func:`draft_scenario` proposes one from the evidence in the store;
:func:`solve_scenario` runs the bargaining models, the ZOPA analysis and Monte
Carlo on it; :func:`synthetic_scenario` generates one of any size (benchmarks, tests).
"""

from zopa.scenario._check import check_scenario
from zopa.scenario._citations import CITABLE, DIGEST_CHARS, check_citations, cite, text_digest
from zopa.scenario._convert import ScenarioArrays, scenario_arrays, to_problem
from zopa.scenario._draft import SALIENCE_CUES, draft_scenario, dump_scenario
from zopa.scenario._formats import FormatStatus, format_reachability
from zopa.scenario._load import CheckReport, check_file, check_text, load_scenario, loads_scenario
from zopa.scenario._loader import MAX_NODES, MAX_SCENARIO_BYTES
from zopa.scenario._problems import Problem
from zopa.scenario._schema import (
    PLOVER_EVENT_TYPES,
    WHAT_TYPES,
    ActorSpec,
    AgreementSigned,
    Deadline,
    DeadlineMet,
    Evidence,
    FormatHeld,
    FormatSpec,
    IssueSpec,
    Lever,
    LeverImposed,
    PloverEvent,
    Precondition,
    Question,
    Ratification,
    Scenario,
    Signatories,
    Stance,
    Uncertainty,
    What,
)
from zopa.scenario._solve import (
    DEFAULT_DRAWS,
    DEFAULT_LOOP_DRAWS,
    scenario_monte_carlo,
    solve_scenario,
)
from zopa.scenario._status import QuestionStatus, question_status
from zopa.scenario._synthetic import synthetic_scenario

__all__ = [
    "CITABLE",
    "DEFAULT_DRAWS",
    "DEFAULT_LOOP_DRAWS",
    "DIGEST_CHARS",
    "MAX_NODES",
    "MAX_SCENARIO_BYTES",
    "PLOVER_EVENT_TYPES",
    "SALIENCE_CUES",
    "WHAT_TYPES",
    "ActorSpec",
    "AgreementSigned",
    "CheckReport",
    "Deadline",
    "DeadlineMet",
    "Evidence",
    "FormatHeld",
    "FormatSpec",
    "FormatStatus",
    "IssueSpec",
    "Lever",
    "LeverImposed",
    "PloverEvent",
    "Precondition",
    "Problem",
    "Question",
    "QuestionStatus",
    "Ratification",
    "Scenario",
    "ScenarioArrays",
    "Signatories",
    "Stance",
    "Uncertainty",
    "What",
    "check_citations",
    "check_file",
    "check_scenario",
    "check_text",
    "cite",
    "draft_scenario",
    "dump_scenario",
    "format_reachability",
    "load_scenario",
    "loads_scenario",
    "question_status",
    "scenario_arrays",
    "scenario_monte_carlo",
    "solve_scenario",
    "synthetic_scenario",
    "text_digest",
    "to_problem",
]

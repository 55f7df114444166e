"""Scenarios (pipeline stage 3): a negotiation as validated data.

A scenario file (YAML, format in ``docs/scenarios.md``) holds the issues on
0–100 scales, the actors with their stances and red lines, the negotiation
formats and preconditions, ratification constraints, signatories, deadlines,
levers and forecast questions. :func:`load_scenario` validates it once, at the
boundary (:func:`load_for_models` also refuses the values a draft left as
placeholders, for the commands that compute); :func:`check_file` lists every
problem with its line and a hint (and, given a store, every citation the store no
longer backs: :func:`check_citations`); :func:`draft_scenario` proposes one from
the evidence in the store and :func:`merge_draft` merges a draft into an analyst's
file (comments and values kept);
:func:`solve_scenario` runs the bargaining models, the ZOPA analysis and Monte
Carlo on it; :func:`synthetic_scenario` generates one of any size (benchmarks, tests).
:func:`save_scenario`, :func:`list_scenarios` and :func:`get_scenario` keep
validated scenarios in the store by name (the dashboard, report and API read them).
"""

from zopa.scenario._check import check_scenario
from zopa.scenario._citations import CITABLE, DIGEST_CHARS, check_citations, cite, text_digest
from zopa.scenario._convert import ScenarioArrays, scenario_arrays, to_problem
from zopa.scenario._edit import add_question, resolve_question
from zopa.scenario._formats import FormatStatus, format_reachability
from zopa.scenario._load import (
    CheckReport,
    check_file,
    check_text,
    load_for_models,
    load_scenario,
    loads_for_models,
    loads_scenario,
)
from zopa.scenario._loader import MAX_NODES, MAX_SCENARIO_BYTES
from zopa.scenario._placeholders import (
    Placeholder,
    find_placeholders,
    placeholder_banner,
    placeholder_names,
)
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
from zopa.scenario._stored import (
    StoredScenario,
    edit_scenario,
    get_scenario,
    list_scenarios,
    save_scenario,
)
from zopa.scenario._synthetic import synthetic_scenario
from zopa.scenario.draft import (
    SALIENCE_CUES,
    Draft,
    MergeSummary,
    build_draft,
    draft_scenario,
    dump_scenario,
    merge_draft,
)

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
    "Draft",
    "Evidence",
    "FormatHeld",
    "FormatSpec",
    "FormatStatus",
    "IssueSpec",
    "Lever",
    "LeverImposed",
    "MergeSummary",
    "Placeholder",
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
    "StoredScenario",
    "Uncertainty",
    "What",
    "add_question",
    "build_draft",
    "check_citations",
    "check_file",
    "check_scenario",
    "check_text",
    "cite",
    "draft_scenario",
    "dump_scenario",
    "edit_scenario",
    "find_placeholders",
    "format_reachability",
    "get_scenario",
    "list_scenarios",
    "load_for_models",
    "load_scenario",
    "loads_for_models",
    "loads_scenario",
    "merge_draft",
    "placeholder_banner",
    "placeholder_names",
    "question_status",
    "resolve_question",
    "save_scenario",
    "scenario_arrays",
    "scenario_monte_carlo",
    "solve_scenario",
    "synthetic_scenario",
    "text_digest",
    "to_problem",
]

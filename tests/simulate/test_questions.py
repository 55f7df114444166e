"""Each kind of question read off the simulated talks, and the ones it cannot answer."""

from __future__ import annotations

from typing import Any

from tests.simulate.conftest import AS_OF, scenario, talks
from zopa.simulate import SimulationResult, TalksSimulator

LEADERS = [
    {"id": "la", "name": "Leader A", "kind": "leader", "represents": "a", "capability": 50},
    {"id": "lb", "name": "Leader B", "kind": "leader", "represents": "b", "capability": 50},
]
DELEGATIONS = {
    "id": "delegations",
    "label": "Delegations",
    "kind": "delegations",
    "participants": ["a", "b"],
    "status": "ongoing",
}


def ask(*questions: dict[str, Any], **parts: Any) -> SimulationResult:
    data = talks(**{"actors": LEADERS, "formats": [DELEGATIONS], **parts})
    data["questions"] = [{"text": "?", "resolution_date": "2025-12-31", **q} for q in questions]
    simulator = TalksSimulator(sensitivity_trajectories=0, concession_days=100)
    return simulator.simulate(scenario(data), as_of=AS_OF, runs=50, seed=0)


def answers(result: SimulationResult) -> dict[str, float | None]:
    return {q.question: q.probability if q.kind == "event" else q.value for q in result.questions}


def test_event_questions_map_to_what_the_talks_produce() -> None:
    result = ask(
        {
            "id": "table",
            "what": {"type": "format_held", "format": "delegations", "participants": ["la"]},
        },
        {"id": "leaders", "what": {"type": "format_held", "participants": ["la", "lb"]}},
        {
            "id": "consult",
            "what": {"type": "plover_event", "event": "CONSULT", "between": ["a", "b"]},
        },
        {"id": "agree", "what": {"type": "plover_event", "event": "AGREE", "between": ["la", "b"]}},
        {"id": "early", "what": {"type": "deadline_met", "deadline": "soon"}},
        {"id": "late", "what": {"type": "deadline_met", "deadline": "later"}},
        deadlines=[
            {"id": "soon", "set_by": "a", "date": "2025-01-10"},
            {"id": "later", "set_by": "a", "date": "2025-12-01"},
        ],
    )
    assert answers(result) == {
        "table": 1.0,  # a leader sits at its side's format when the question names it
        "leaders": 0.0,  # no format seats both leaders
        "consult": 1.0,
        "agree": 1.0,  # leaders stand for their sides
        "early": 0.0,  # linear concession over 100 days: no deal in 9
        "late": 1.0,
    }
    agree = next(q for q in result.questions if q.question == "agree")
    assert agree.days is not None and set(agree.terms) == {"land"}


def test_questions_the_simulation_cannot_answer_are_skipped_with_the_reason() -> None:
    result = ask(
        {
            "id": "release",
            "what": {
                "type": "plover_event",
                "event": "RETREAT",
                "mode": "release",
                "between": ["a", "b"],
            },
        },
        {
            "id": "outsider",
            "what": {"type": "agreement_signed", "issues": ["land"], "parties": ["a", "c"]},
        },
        {"id": "where", "kind": "value", "issue": "land"},
        {
            "id": "past",
            "what": {"type": "format_held", "format": "delegations"},
            "resolution_date": "2024-12-31",
        },
        actors=[*LEADERS, {"id": "c", "name": "C", "kind": "state", "capability": 5}],
    )
    assert result.skipped == {
        "release": "the simulator does not model RETREAT (release) events",
        "outsider": "c is not a side at the table",
    }
    where = answers(result)
    assert set(where) == {"where"}  # "past" resolved before the as-of date: not asked
    value = where["where"]
    assert value is not None and 40.0 <= value <= 60.0  # agreed inside both red lines

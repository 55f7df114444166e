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
        "consult": 1.0,
        "agree": 1.0,  # leaders stand for their sides
        "early": 0.0,  # linear concession over 100 days: no deal in 9
        "late": 1.0,
    }
    agree = next(q for q in result.questions if q.question == "agree")
    assert agree.days is not None and set(agree.terms) == {"land"}
    # No format seats both leaders: a confident "never" would rest on the model's gap.
    assert result.skipped == {
        # The delegations seat side a, not its leader: in person or not is not simulated.
        "table": "delegations seats a, not la: the simulator does not model whether la "
        "attends in person",
        "leaders": "no format in the scenario seats la and lb; add one to simulate it",
    }


def test_a_proposed_format_with_nothing_to_wait_on_is_declined_a_refused_one_never_held() -> None:
    summit = {
        "id": "summit",
        "label": "Summit",
        "kind": "bilateral_leaders",
        "participants": ["la", "lb"],
        "status": "proposed",
    }
    refused = {**summit, "id": "refused", "status": "refused"}
    question = {"what": {"type": "format_held", "participants": ["la", "lb"]}}
    proposed = ask({"id": "meet", **question}, formats=[DELEGATIONS, summit])
    assert proposed.skipped == {
        "meet": "summit: proposed with no precondition the simulator can time (neither held "
        "now nor after another format); it cannot say when it would be held"
    }
    blocked = ask({"id": "meet", **question}, formats=[DELEGATIONS, refused])
    assert answers(blocked) == {"meet": 0.0} and not blocked.skipped
    after = {
        **summit,
        "preconditions": [{"kind": "after_format", "format": "delegations", "actor": "a"}],
    }
    waits = ask({"id": "meet", **question}, formats=[DELEGATIONS, after])
    assert answers(waits) == {"meet": 1.0}  # the red lines overlap: the table agrees, leaders meet


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


def test_questions_not_open_on_the_as_of_date_are_not_simulated() -> None:
    table = {"what": {"type": "format_held", "format": "delegations"}}
    result = ask(
        {"id": "now", **table},
        {"id": "later", **table, "opens": "2025-06-01"},  # upcoming
        {"id": "known", **table, "resolved_on": "2024-12-01", "outcome": True},  # resolved
    )
    assert set(answers(result)) == {"now"} and not result.skipped

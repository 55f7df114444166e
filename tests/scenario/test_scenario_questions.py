"""Questions a machine can resolve: kinds, `what:`, outcomes and dates, each error on its line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from zopa.scenario import (
    PLOVER_EVENT_TYPES,
    AgreementSigned,
    FormatHeld,
    PloverEvent,
    check_file,
    load_scenario,
)

Writer = Callable[..., Path]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def _with(data: dict[str, Any], *questions: dict[str, Any]) -> dict[str, Any]:
    data["formats"] = [
        {"id": "talks", "label": "Talks", "kind": "delegations", "participants": ["a", "b"]}
    ]
    data["actors"].append(
        {"id": "la", "name": "Leader of A", "kind": "leader", "represents": "a", "capability": 1}
    )
    data["deadlines"] = [{"id": "friday", "set_by": "a", "date": "2025-08-08"}]
    data["levers"] = [{"id": "tariffs", "holder": "a", "kind": "tariffs", "targets": ["b"]}]
    data["questions"] = [
        {"id": f"q{i}", "text": "Will it?", "resolution_date": "2025-12-31", **q}
        for i, q in enumerate(questions)
    ]
    return data


def _errors(path: Path) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_file(path).problems if p.severity == "error"]


def test_old_questions_load_unchanged_as_event_questions(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["questions"] = [
        {"id": "q", "text": "Will it?", "resolution_date": "2025-12-31", "evidence": ["a note"]}
    ]
    path = write_scenario(scenario_data)
    (question,) = load_scenario(path).questions
    assert question.kind == "event" and question.what is None and not question.resolved
    (warning,) = check_file(path).problems
    assert warning.severity == "warning" and "no `what:`" in warning.message


def test_every_kind_of_what_loads(write_scenario: Writer, scenario_data: dict[str, Any]) -> None:
    path = write_scenario(
        _with(
            scenario_data,
            {"what": {"type": "format_held", "format": "talks", "participants": ["la", "b"]}},
            {"what": {"type": "agreement_signed", "issues": ["land"], "parties": ["a", "b"]}},
            {"what": {"type": "lever_imposed", "lever": "tariffs"}},
            {"what": {"type": "deadline_met", "deadline": "friday"}},
            {"what": {"type": "plover_event", "event": "RETREAT", "between": ["a", "b"]}},
            {"what": {"type": "plover_event", "event": "SANCTION", "source": "a", "target": "b"}},
            {"kind": "value", "issue": "land"},
            {
                "what": {"type": "format_held", "participants": ["a", "b"]},
                "opens": "2025-01-01",
                "resolved_on": "2025-03-01",
                "outcome": True,
                "resolution_evidence": ["the public record"],
            },
            {"kind": "value", "issue": "land", "resolved_on": "2026-01-02", "outcome": 42},
        )
    )
    report = check_file(path)
    assert report.problems == []
    questions = load_scenario(path).questions
    assert isinstance(questions[0].what, FormatHeld)
    assert isinstance(questions[1].what, AgreementSigned)
    assert isinstance(questions[4].what, PloverEvent) and questions[4].what.between == ["a", "b"]
    assert questions[7].outcome is True and questions[7].resolved_on == date(2025, 3, 1)
    assert questions[8].outcome == 42.0 and not isinstance(questions[8].outcome, bool)


@pytest.mark.parametrize(
    ("question", "needle", "message"),
    [
        (
            {"what": {"type": "format_held", "format": "talk"}},
            "format: talk",
            "unknown format id 'talk'",
        ),
        (
            {"what": {"type": "format_held", "participants": ["a", "bb"]}},
            "- bb",
            "unknown actor id 'bb'",
        ),
        (
            {"what": {"type": "agreement_signed", "issues": ["lnd"]}},
            "- lnd",
            "unknown issue id 'lnd'",
        ),
        ({"what": {"type": "lever_imposed", "lever": "tarifs"}}, "lever: tarifs", "unknown lever"),
        (
            {"what": {"type": "deadline_met", "deadline": "monday"}},
            "deadline: monday",
            "unknown deadline id 'monday'",
        ),
        (
            {"what": {"type": "plover_event", "event": "AGREE", "source": "c"}},
            "source: c",
            "unknown actor id 'c'",
        ),
        ({"kind": "value", "issue": "sea"}, "issue: sea", "unknown issue id 'sea'"),
    ],
)
def test_unknown_ids_in_a_question_are_errors_on_their_line(
    write_scenario: Writer,
    scenario_data: dict[str, Any],
    question: dict[str, Any],
    needle: str,
    message: str,
) -> None:
    path = write_scenario(_with(scenario_data, question))
    problems = [p for p in check_file(path).problems if p.severity == "error"]
    assert len(problems) == 1, [p.format() for p in problems]
    assert problems[0].line == _line_of(path, needle)
    assert message in problems[0].message
    assert problems[0].hint


def test_participant_away_from_the_formats_table_is_an_error(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data = _with(scenario_data)
    scenario_data["actors"].append({"id": "c", "name": "C", "kind": "state", "capability": 1})
    scenario_data["questions"] = [
        {
            "id": "q",
            "text": "Will it?",
            "resolution_date": "2025-12-31",
            # `la` represents `a`, who is at the table; `c` is not.
            "what": {"type": "format_held", "format": "talks", "participants": ["la", "c"]},
        }
    ]
    path = write_scenario(scenario_data)
    assert _errors(path) == [
        (_line_of(path, "- c"), "'c' is not at the table of format 'talks' (a, b)")
    ]


@pytest.mark.parametrize(
    ("question", "needle", "message"),
    [
        (
            {"outcome": False},
            "outcome: false",
            "an outcome needs `resolved_on:` (the day it became known)",
        ),
        (
            {"opens": "2025-06-01", "resolved_on": "2025-05-01", "outcome": True},
            "resolved_on:",
            "resolved_on 2025-05-01 is before opens 2025-06-01",
        ),
        (
            {"opens": "2026-01-01"},
            "resolution_date:",
            "resolution_date 2025-12-31 is before opens 2026-01-01",
        ),
        (
            {"kind": "value", "issue": "land", "resolved_on": "2026-01-02", "outcome": 120},
            "outcome: 120",
            "outcome 120 is outside the issue's 0–100 scale",
        ),
        (
            {"resolved_on": "2026-01-02", "outcome": 1},
            "outcome: 1",
            "an event question's outcome is yes or no, got 1",
        ),
        (
            {"resolved_on": "2026-01-02", "outcome": "maybe"},
            "outcome: maybe",
            "expected yes, no (any case) or a number on the issue's scale, got 'maybe'",
        ),
        (
            {"kind": "value", "issue": "land", "resolved_on": "2026-01-02", "outcome": True},
            "outcome: true",
            "a value question's outcome is a number on the issue's scale",
        ),
        ({"kind": "value"}, "- id: q0", "a value question needs `issue:`"),
        ({"issue": "land"}, "issue: land", "an event question takes `what:`, not `issue:`"),
        (
            {"kind": "value", "issue": "land", "what": {"type": "lever_imposed", "lever": "x"}},
            "type: lever_imposed",
            "a value question takes `issue:`, not `what:`",
        ),
        ({"opens": "2025-02-30"}, "opens:", "day value is outside expected range"),
        ({"resolved_on": "next week", "outcome": True}, "resolved_on:", "valid date"),
        ({"what": {"type": "format_hold"}}, "type: format_hold", "unknown what type 'format_hold'"),
        ({"what": {"format": "talks"}}, "format: talks", "`what:` needs `type:`"),
        (
            {"what": {"type": "plover_event", "event": "RETRET", "between": ["a", "b"]}},
            "event: RETRET",
            "got 'RETRET'",
        ),
        (
            {"what": {"type": "plover_event", "event": "AGREE", "between": ["a"]}},
            "type: plover_event",
            "`between:` names two different actors",
        ),
        (
            {"what": {"type": "format_held"}},
            "type: format_held",
            "needs `format:`, `participants:` or both",
        ),
    ],
)
def test_bad_questions_are_one_line_errors_on_their_line(
    write_scenario: Writer,
    scenario_data: dict[str, Any],
    question: dict[str, Any],
    needle: str,
    message: str,
) -> None:
    path = write_scenario(_with(scenario_data, question))
    errors = _errors(path)
    assert len(errors) == 1, errors
    line, text = errors[0]
    assert message in text
    # A nested mapping's errors point at its first line; a missing field at its parent's.
    assert line == _line_of(path, needle)


@pytest.mark.parametrize(
    ("written", "outcome"),
    [("No", False), ("NO", False), ("nO", False), ("False", False), ("yEs", True), ("YES", True)],
)
def test_a_yes_or_no_outcome_is_read_in_any_case(
    write_scenario: Writer, scenario_data: dict[str, Any], written: str, outcome: bool
) -> None:
    path = write_scenario(_with(scenario_data, {"resolved_on": "2026-01-02"}))
    given = "  resolved_on: '2026-01-02'\n"
    text = path.read_text(encoding="utf-8").replace(given, f"{given}  outcome: {written}\n")
    path.write_text(text, encoding="utf-8")
    assert f"\n  outcome: {written}\n" in text  # as typed, unquoted
    (question,) = load_scenario(path).questions
    assert question.outcome is outcome


def test_resolved_on_without_outcome_points_at_the_question(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    path = write_scenario(_with(scenario_data, {"resolved_on": "2026-01-01"}))
    assert _errors(path) == [
        (_line_of(path, "- id: q0"), "`resolved_on` is given without an `outcome`")
    ]


def test_unparseable_yaml_date_is_an_error_with_its_line(write_scenario: Writer) -> None:
    text = (
        "id: t\ntitle: T\nissues:\n  - {id: x, label: X, anchors: {0: a, 100: b}}\n"
        "actors:\n  - {id: a, name: A, kind: state, capability: 1}\n"
        "questions:\n  - id: q\n    text: Will it?\n    resolution_date: 2025-13-45\n"
    )
    (problem,) = check_file(write_scenario(text)).problems
    assert problem.line == 10 and "2025-13-45" in problem.message


def test_plover_types_match_the_event_extractor() -> None:
    from zopa.extract.events import PLOVER_TYPES

    assert set(PLOVER_EVENT_TYPES) == set(PLOVER_TYPES)


def test_shipped_scenario_has_resolved_questions_resting_on_public_facts() -> None:
    scenario = load_scenario(EXAMPLES / "russia-ukraine-2025.yaml")
    resolved = [q for q in scenario.questions if q.resolved]
    assert len(resolved) >= 12  # issue 9: at least 12 resolved questions from 2019-2025
    assert {q.outcome for q in resolved if q.kind == "event"} == {True, False}
    assert all(q.opens and 2019 <= q.opens.year <= 2025 for q in resolved)
    for question in resolved:
        assert question.kind == "value" or question.what is not None
        assert question.resolved_on is not None
        notes = [e.note for e in question.resolution_evidence if e.note]
        assert notes and all("public record" in note for note in notes), question.id

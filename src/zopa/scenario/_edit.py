"""Editing a scenario's questions in its YAML text: add one, resolve one, comments kept.

Pure text-to-text functions over the round-trip emitter of the drafts
(:mod:`zopa.scenario.draft._yaml`), so an analyst's comments, key order and
quoting survive. The result is not validated here: the caller stores it with
:func:`zopa.scenario.save_scenario`, which runs the loader on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from zopa.errors import MissingError, ScenarioError, quoted
from zopa.scenario.draft._yaml import guess_emitter, to_text

__all__ = ["add_question", "resolve_question"]


def _load(text: str, source: str) -> tuple[Any, CommentedMap]:
    yaml = guess_emitter(text)
    try:
        data = yaml.load(text)
    except YAMLError as exc:  # a stored scenario was valid; a newer loader may disagree
        raise ScenarioError(f"{source}: not valid YAML: {' '.join(str(exc).split())}") from None
    if not isinstance(data, CommentedMap):
        raise ScenarioError(f"{source}: not a scenario mapping")
    return yaml, data


def _plain(value: Any) -> Any:
    """JSON-like ``value`` as round-trip YAML nodes (mappings keep their key order)."""
    if isinstance(value, Mapping):
        return CommentedMap((str(k), _plain(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return CommentedSeq(_plain(v) for v in value)
    return value


def add_question(text: str, question: Mapping[str, Any], *, source: str = "<string>") -> str:
    """``text`` with ``question`` (a mapping in the scenario format) appended to ``questions:``.

    Raises
    ------
    ScenarioError
        The scenario already has a question with that id, or ``text`` is no mapping.
    """
    yaml, data = _load(text, source)
    questions = data.get("questions")
    if questions is None:
        questions = data["questions"] = CommentedSeq()
    if not isinstance(questions, list):
        raise ScenarioError(f"{source}: `questions:` is not a list")
    new_id = question.get("id")
    if any(isinstance(q, Mapping) and q.get("id") == new_id for q in questions):
        raise ScenarioError(
            f"{source}: a question with id {quoted(new_id)} exists already; choose another id "
            "or resolve that one"
        )
    questions.append(_plain(question))
    return to_text(yaml, data)


def resolve_question(
    text: str,
    question_id: str,
    *,
    outcome: bool | float,
    resolved_on: date,
    evidence: Sequence[Mapping[str, Any]] = (),
    source: str = "<string>",
) -> str:
    """``text`` with the question ``question_id`` resolved: ``outcome`` known on ``resolved_on``.

    ``evidence`` (citations in the scenario format) is added to the question's
    ``resolution_evidence``. A question already resolved gets the new outcome.

    Raises
    ------
    MissingError
        The scenario has no question ``question_id``.
    """
    yaml, data = _load(text, source)
    questions = data.get("questions")
    found = next(
        (
            q
            for q in (questions if isinstance(questions, list) else [])
            if isinstance(q, CommentedMap) and q.get("id") == question_id
        ),
        None,
    )
    if found is None:
        raise MissingError(
            f"{source}: no question {quoted(question_id)}; the scenario's questions are listed "
            "by `zopa questions` and GET /api/v1/scenarios/NAME/questions"
        )
    found["resolved_on"] = resolved_on
    found["outcome"] = outcome
    if evidence:
        cited = found.setdefault("resolution_evidence", CommentedSeq())
        cited.extend(_plain(e) for e in evidence)
    return to_text(yaml, data)

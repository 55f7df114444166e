"""Placeholder values: numbers a draft wrote without evidence, found and refused.

``zopa scenario draft`` marks a value it could not place from the evidence
with ``placeholder: true`` (a position, salience, red line, status quo or
capability). Such a scenario is a form to fill in, not a model: every number
computed from it is made up. :func:`find_placeholders` lists the flagged
values in file order; ``zopa scenario check`` reports each as a warning;
:func:`refuse_placeholders` is the one rule every command that computes from a
scenario applies (refuse, unless the user allows them); and
:func:`placeholder_banner` is the line every output of such a run then starts with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from yaml.nodes import Node

from zopa.errors import ScenarioError
from zopa.scenario._loader import line_of
from zopa.scenario._problems import Path, Problem
from zopa.scenario._schema import Amount, Scenario, Score

__all__ = [
    "ALLOW_OPTION",
    "Placeholder",
    "find_placeholders",
    "placeholder_banner",
    "placeholder_names",
    "placeholder_problems",
    "refuse_placeholders",
]

ALLOW_OPTION = "--allow-placeholders"
"""The command-line option that lets a command compute from placeholder values."""


@dataclass(frozen=True)
class Placeholder:
    """One value still flagged ``placeholder: true``.

    Attributes
    ----------
    name:
        Dotted name with ids, e.g. ``actors.m23.positions.territory.position``.
    path:
        Where in the file, with list indexes, e.g. ``("actors", 2, "positions", ...)``.
    """

    name: str
    path: Path


def _values(scenario: Scenario) -> Iterator[tuple[str, Path, Score | Amount | None]]:
    for i, issue in enumerate(scenario.issues):
        yield f"issues.{issue.id}.status_quo", ("issues", i, "status_quo"), issue.status_quo
    for a, actor in enumerate(scenario.actors):
        base: Path = ("actors", a)
        yield f"actors.{actor.id}.capability", (*base, "capability"), actor.capability
        for issue_id, stance in actor.positions.items():
            at: Path = (*base, "positions", issue_id)
            for key in ("position", "salience", "red_line"):
                name = f"actors.{actor.id}.positions.{issue_id}.{key}"
                yield name, (*at, key), getattr(stance, key)


def find_placeholders(scenario: Scenario) -> list[Placeholder]:
    """Every value of ``scenario`` flagged ``placeholder: true``, in file order."""
    return [
        Placeholder(name, path)
        for name, path, value in _values(scenario)
        if value is not None and value.placeholder
    ]


def placeholder_names(scenario: Scenario) -> list[str]:
    """The dotted names of the placeholder values (the ``placeholders`` field of JSON outputs)."""
    return [p.name for p in find_placeholders(scenario)]


def placeholder_problems(scenario: Scenario, *, file: str, node: Node | None) -> list[Problem]:
    """One warning per placeholder value, at its line, for ``zopa scenario check``."""
    return [
        Problem(
            file,
            line_of(node, p.path),
            f"placeholder value {p.name} (no evidence behind it)",
            "set it from the evidence and delete `placeholder: true`",
            "warning",
            p.path,
        )
        for p in find_placeholders(scenario)
    ]


def _count(n: int) -> str:
    return "1 value is a placeholder" if n == 1 else f"{n} values are placeholders"


def refuse_placeholders(scenario: Scenario, *, file: str, node: Node | None, allow: bool) -> None:
    """Refuse a scenario with placeholder values unless ``allow``: every computing command's rule.

    Raises
    ------
    ScenarioError
        ``<file>:<line>: 12 values are placeholders (first: ...); set them or pass
        --allow-placeholders``, the line being the first placeholder's.
    """
    found = find_placeholders(scenario)
    if allow or not found:
        return
    line = line_of(node, found[0].path)
    where = f"{file}:{line}" if line else file
    raise ScenarioError(
        f"{where}: {_count(len(found))} (first: {found[0].name}); set them or pass {ALLOW_OPTION}"
    )


def placeholder_banner(scenario: Scenario) -> str | None:
    """The line that heads every output computed from placeholders; ``None`` without any."""
    found = find_placeholders(scenario)
    if not found:
        return None
    return (
        f"PLACEHOLDERS: {_count(len(found))} (first: {found[0].name}); "
        "every number below rests on them, not on evidence"
    )

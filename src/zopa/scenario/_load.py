"""Loading and checking scenario files: the entry points of the scenario stage."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zopa.errors import ScenarioError
from zopa.scenario._check import check_scenario
from zopa.scenario._citations import check_citations
from zopa.scenario._loader import ParsedFile, parse_text, read_file
from zopa.scenario._placeholders import (
    placeholder_names,
    placeholder_problems,
    refuse_placeholders,
)
from zopa.scenario._problems import Problem
from zopa.scenario._schema import Scenario

if TYPE_CHECKING:
    from zopa.store import Store

__all__ = [
    "CheckReport",
    "check_file",
    "check_text",
    "load_for_models",
    "load_scenario",
    "loads_for_models",
    "loads_scenario",
]


@dataclass
class CheckReport:
    """What ``zopa scenario check`` found in one file."""

    file: str
    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the file invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def placeholders(self) -> list[str]:
        """Dotted names of the values still flagged ``placeholder: true``."""
        return placeholder_names(self.scenario) if self.scenario is not None else []

    @property
    def ok(self) -> bool:
        """Whether the file is a valid scenario (warnings allowed)."""
        return self.scenario is not None and not self.errors

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "file": self.file,
            "valid": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.problems) - len(self.errors),
            "placeholders": len(self.placeholders),
            "problems": [p.to_dict() for p in self.problems],
        }

    def raise_for_errors(self) -> Scenario:
        """The scenario, or a :class:`ScenarioError` naming the first error's file and line."""
        errors = self.errors
        if self.scenario is None or errors:
            first = errors[0].format() if errors else f"{self.file}: invalid scenario"
            more = len(errors) - 1
            tail = (
                f" (and {more} more error{'s' * (more > 1)}: run `zopa scenario check {self.file}`)"
                if more > 0
                else ""
            )
            raise ScenarioError(first + tail)
        return self.scenario


def _known_models() -> list[str]:
    import zopa.models  # noqa: F401  (importing registers the built-in models)
    from zopa.registry import models

    return models.names()


def _report(parsed: ParsedFile, store: Store | None) -> CheckReport:
    report = CheckReport(parsed.file, parsed.scenario, list(parsed.problems))
    if parsed.scenario is not None:
        found = check_scenario(
            parsed.scenario,
            file=parsed.file,
            node=parsed.node,
            known_models=_known_models(),
        )
        found += placeholder_problems(parsed.scenario, file=parsed.file, node=parsed.node)
        if store is not None:
            found += check_citations(parsed.scenario, store, file=parsed.file, node=parsed.node)
        report.problems.extend(sorted(found, key=lambda p: (p.line, p.severity)))
    return report


def check_file(path: str | os.PathLike[str], *, store: Store | None = None) -> CheckReport:
    """Validate the scenario file at ``path`` and return every problem found.

    With a ``store``, every citation of its evidence is also checked against it
    (:func:`zopa.scenario.check_citations`: gone, of another kind, or no longer
    saying the same thing are warnings).

    Raises
    ------
    ScenarioError
        Only when the file cannot be read at all (missing, not a regular file, too large).
    """
    return _report(read_file(path), store)


def check_text(text: str, *, source: str = "<string>", store: Store | None = None) -> CheckReport:
    """Validate scenario YAML given as text (``source`` names it in messages; ``store``
    as in :func:`check_file`)."""
    return _report(parse_text(text, source=source), store)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load a valid scenario from ``path``.

    Raises
    ------
    ScenarioError
        One line naming the file, the line and the first error, with a hint.
    """
    return check_file(path).raise_for_errors()


def load_for_models(path: str | os.PathLike[str], *, allow_placeholders: bool = False) -> Scenario:
    """Load a scenario to compute from: :func:`load_scenario`, then the placeholder rule.

    Every command that computes from a scenario's values (``solve``, ``simulate``,
    ``forecast``, ``backtest``, ``demo``) loads it here, so a draft's placeholders
    never become a verdict unnoticed; with ``allow_placeholders`` the scenario is
    returned and its outputs say so (:func:`zopa.scenario.placeholder_banner`).

    Raises
    ------
    ScenarioError
        The file is invalid, or (unless ``allow_placeholders``) it holds values
        flagged ``placeholder: true``: one line naming the first one and its line.
    """
    return _for_models(read_file(path), allow_placeholders)


def loads_for_models(
    text: str, *, source: str = "<string>", allow_placeholders: bool = False
) -> Scenario:
    """:func:`load_for_models` of YAML text (``source`` names it in messages)."""
    return _for_models(parse_text(text, source=source), allow_placeholders)


def _for_models(parsed: ParsedFile, allow_placeholders: bool) -> Scenario:
    scenario = _report(parsed, None).raise_for_errors()
    refuse_placeholders(scenario, file=parsed.file, node=parsed.node, allow=allow_placeholders)
    return scenario


def loads_scenario(text: str, *, source: str = "<string>") -> Scenario:
    """Load a valid scenario from YAML text."""
    return check_text(text, source=source).raise_for_errors()

"""Checks a valid-shaped scenario for what the schema alone cannot see.

The pydantic models check each value on its own; these checks look across the
file: ids that are unknown or defined twice, stances whose uncertainty does not
contain the position, red lines that contradict the actor's own position,
contradictory legitimacy judgements, ratifiers without red lines, red lines of
actors without a veto (they bind nothing), formats whose
preconditions can never be met, model names that are not registered, and a
scenario ``zopa solve`` could not solve (nobody takes a position). Each
problem names the line of the offending value and a fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence

from yaml.nodes import Node

from zopa.scenario._formats import format_reachability
from zopa.scenario._loader import line_of
from zopa.scenario._problems import Path, Problem
from zopa.scenario._schema import (
    WHAT_TYPES,
    AgreementSigned,
    DeadlineMet,
    FormatHeld,
    LeverImposed,
    PloverEvent,
    Scenario,
    Stance,
    Uncertainty,
)

__all__ = ["check_scenario"]


class _Collector:
    def __init__(self, file: str, node: Node | None) -> None:
        self.file, self.node = file, node
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str, hint: str | None = None, *, warn: bool = False) -> None:
        self.problems.append(
            Problem(
                self.file,
                line_of(self.node, path),
                message,
                hint,
                "warning" if warn else "error",
                path,
            )
        )

    def unknown(self, path: Path, kind: str, value: str, known: Sequence[str]) -> None:
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else None
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        hint = hint or (f"known {kind} ids: {listed}" if known else f"define the {kind} first")
        self.add(path, f"unknown {kind} id {value!r}", hint)


def check_scenario(
    scenario: Scenario,
    *,
    file: str = "<scenario>",
    node: Node | None = None,
    known_models: Iterable[str] | None = None,
) -> list[Problem]:
    """Every cross-reference and consistency problem of ``scenario``.

    Parameters
    ----------
    scenario:
        A scenario that passed schema validation.
    file, node:
        The file name and the YAML node tree, to give each problem its line.
    known_models:
        Registry names the ``models`` list may use; ``None`` skips that check.

    Returns
    -------
    list of Problem
        Errors (the file is invalid) and warnings, in file order.
    """
    out = _Collector(file, node)
    issues = [i.id for i in scenario.issues]
    actors = [a.id for a in scenario.actors]
    formats = [f.id for f in scenario.formats]
    deadlines = [d.id for d in scenario.deadlines]
    for section, ids in (
        ("issues", issues),
        ("actors", actors),
        ("formats", formats),
        ("deadlines", deadlines),
        ("levers", [lever.id for lever in scenario.levers]),
        ("questions", [q.id for q in scenario.questions]),
    ):
        seen: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in seen:
                out.add(
                    (section, index, "id"),
                    f"duplicate id {item_id!r} in {section} (also {section}[{seen[item_id]}])",
                    "give each entry its own id",
                )
            seen.setdefault(item_id, index)

    def ref(path: Path, kind: str, value: str | None, known: Sequence[str]) -> None:
        if value is not None and value not in known:
            out.unknown(path, kind, value, known)

    for a_index, actor in enumerate(scenario.actors):
        ref(("actors", a_index, "represents"), "actor", actor.represents, actors)
        for issue_id, stance in actor.positions.items():
            path: Path = ("actors", a_index, "positions", issue_id)
            if issue_id not in issues:
                out.unknown(path, "issue", issue_id, issues)
            _check_stance(out, path, actor.id, issue_id, stance)

    for f_index, fmt in enumerate(scenario.formats):
        for key in ("participants", "mediators"):
            for k, actor_id in enumerate(getattr(fmt, key)):
                ref(("formats", f_index, key, k), "actor", actor_id, actors)
        for p_index, pre in enumerate(fmt.preconditions):
            base: Path = ("formats", f_index, "preconditions", p_index)
            ref((*base, "actor"), "actor", pre.actor, actors)
            ref((*base, "format"), "format", pre.format, formats)
            ref((*base, "signatory"), "actor", pre.signatory, actors)
    _check_formats(out, scenario)

    _check_loose_red_lines(out, scenario)
    for r_index, rat in enumerate(scenario.ratification):
        ref(("ratification", r_index, "ratifier"), "actor", rat.ratifier, actors)
        ref(("ratification", r_index, "principal"), "actor", rat.principal, actors)
        for k, issue_id in enumerate(rat.issues):
            path = ("ratification", r_index, "issues", k)
            if issue_id not in issues:
                out.unknown(path, "issue", issue_id, issues)
            elif rat.ratifier in actors:
                ratifier_stance = scenario.actor(rat.ratifier).positions.get(issue_id)
                if ratifier_stance is None or ratifier_stance.red_line is None:
                    out.add(
                        path,
                        f"ratifier {rat.ratifier!r} has no red line on {issue_id!r}, "
                        "so it constrains nothing there",
                        f"add a red_line to {rat.ratifier}'s stance on {issue_id}",
                        warn=True,
                    )

    for s_index, sig in enumerate(scenario.signatories):
        ref(("signatories", s_index, "actor"), "actor", sig.actor, actors)
        for key in ("accepts", "rejects"):
            for k, actor_id in enumerate(getattr(sig, key)):
                ref(("signatories", s_index, key, k), "actor", actor_id, actors)
        for both in sorted(set(sig.accepts) & set(sig.rejects)):
            out.add(
                ("signatories", s_index, "rejects"),
                f"{sig.actor!r} both accepts and rejects {both!r} as a signatory",
                "keep it in one of the two lists",
            )

    for d_index, deadline in enumerate(scenario.deadlines):
        ref(("deadlines", d_index, "set_by"), "actor", deadline.set_by, actors)
        for k, actor_id in enumerate(deadline.applies_to):
            ref(("deadlines", d_index, "applies_to", k), "actor", actor_id, actors)
    for l_index, lever in enumerate(scenario.levers):
        ref(("levers", l_index, "holder"), "actor", lever.holder, actors)
        ref(("levers", l_index, "deadline"), "deadline", lever.deadline, deadlines)
        for k, actor_id in enumerate(lever.targets):
            ref(("levers", l_index, "targets", k), "actor", actor_id, actors)

    _check_questions(out, scenario, ref)

    _check_solvable(out, scenario)
    for i_index, issue in enumerate(scenario.issues):
        takers = [a for a in scenario.actors if issue.id in a.positions and a.in_models]
        if len(takers) < 2:
            out.add(
                ("issues", i_index, "id"),
                f"issue {issue.id!r} has {len(takers)} actor position(s); models need two or more",
                "add positions for the actors who care about it",
                warn=True,
            )
        if issue.status_quo is None:
            out.add(
                ("issues", i_index, "id"),
                f"issue {issue.id!r} has no status_quo",
                "add `status_quo:` (the reference point Nash and the expected-utility model use)",
                warn=True,
            )
    _check_simulation(out, scenario)
    if known_models is not None:
        known = sorted(known_models)
        for m_index, name in enumerate(scenario.models):
            if name not in known:
                out.unknown(("models", m_index), "model", name, known)
    out.problems.sort(key=lambda p: (p.line, p.severity))
    return out.problems


def _check_loose_red_lines(out: _Collector, scenario: Scenario) -> None:
    """Warn of a red line that binds nothing: its actor neither vetoes nor ratifies the issue.

    An organisation's or a mediator's red line is read by no ZOPA unless the actor
    has ``veto: true`` (or ratifies that issue); an analyst who wrote it most likely
    meant it to bind.
    """
    ratified = {(r.ratifier, issue) for r in scenario.ratification for issue in r.issues}
    for a_index, actor in enumerate(scenario.actors):
        if actor.is_veto:
            continue
        for issue_id, stance in actor.positions.items():
            if stance.red_line is not None and (actor.id, issue_id) not in ratified:
                out.add(
                    ("actors", a_index, "positions", issue_id, "red_line"),
                    f"{actor.id!r}'s red line on {issue_id!r} binds nothing: a {actor.kind} "
                    "has no veto by default",
                    f"add `veto: true` to {actor.id} if the agreement needs its consent",
                    warn=True,
                )


def _check_simulation(out: _Collector, scenario: Scenario) -> None:
    """The ``simulation:`` parameters, checked by the simulator itself (one problem)."""
    if not scenario.simulation:
        return
    from zopa.errors import ZopaError
    from zopa.simulate import TalksSimulator  # here: the simulator imports the scenario package

    try:
        TalksSimulator(**scenario.simulation)
    except ZopaError as exc:
        out.add(("simulation",), str(exc), "see docs/simulation.md for the parameters")


def _check_solvable(out: _Collector, scenario: Scenario) -> None:
    """What ``zopa solve`` needs beyond valid values: someone taking a position."""
    with_positions = [a for a in scenario.actors if a.positions]
    if not with_positions:
        out.add(
            ("actors",),
            "no actor takes a position on any issue, so there is nothing to solve",
            "add `positions:` to the actors (a position and a salience per issue)",
        )
    elif not any(a.in_models for a in with_positions):
        out.add(
            ("actors",),
            "no actor with a position is counted by the models (all have `in_models: false`); "
            "`zopa solve` gives the ZOPA but no model predictions",
            "set `in_models: true` on the actors whose positions should count",
            warn=True,
        )


def _extent(value: float, uncertainty: Uncertainty | None) -> tuple[float, float, bool]:
    """Lowest and highest plausible value, and whether the bounds are hard."""
    if uncertainty is None:
        return value, value, True
    if uncertainty.distribution == "normal":
        assert uncertainty.sd is not None
        return value - 2 * uncertainty.sd, value + 2 * uncertainty.sd, False
    assert uncertainty.low is not None and uncertainty.high is not None
    return uncertainty.low, uncertainty.high, True


def _check_stance(out: _Collector, path: Path, actor: str, issue: str, stance: Stance) -> None:
    position = stance.position.value
    for key, value, unc in (
        ("uncertainty", position, stance.uncertainty),
        (
            "red_line_uncertainty",
            stance.red_line.value if stance.red_line else None,
            stance.red_line_uncertainty,
        ),
    ):
        if unc is None:
            continue
        if value is None:
            out.add((*path, key), f"{key} is given without a red_line", "add `red_line:`")
            continue
        low, high, hard = _extent(value, unc)
        if hard and not low <= value <= high:
            out.add(
                (*path, key),
                f"the range [{low:g}, {high:g}] does not contain the value {value:g}",
                "widen the range or move the value into it",
            )
    if stance.red_line is None:
        if stance.accepts is not None:
            out.add((*path, "accepts"), "`accepts` is given without a red_line", "add `red_line:`")
        return
    red = stance.red_line.value
    if stance.accepts is None and red == position:
        out.add(
            (*path, "red_line"),
            f"{actor}'s red line on {issue} equals its position {position:g}",
            "say which side is acceptable with `accepts: above` or `accepts: below`",
        )
        return
    side = stance.side
    p_low, p_high, p_hard = _extent(position, stance.uncertainty)
    r_low, r_high, r_hard = _extent(red, stance.red_line_uncertainty)
    wrong = position < red if side > 0 else position > red
    if wrong:
        out.add(
            (*path, "red_line"),
            f"contradictory red line: {actor} accepts only values "
            f"{'at or above' if side > 0 else 'at or below'} {red:g} on {issue}, "
            f"which excludes its own position {position:g}",
            "move the red line past the position, or fix `accepts`",
        )
        return
    crosses = r_high > p_low if side > 0 else r_low < p_high
    if crosses:
        out.add(
            (*path, "red_line"),
            f"{actor}'s red line on {issue} (up to [{r_low:g}, {r_high:g}]) can cross its "
            f"position (up to [{p_low:g}, {p_high:g}]) within their uncertainty",
            "narrow the ranges so the red line stays on its side of the position",
            warn=not (p_hard and r_hard),
        )


_Ref = Callable[[Path, str, str | None, Sequence[str]], None]


def _check_questions(out: _Collector, scenario: Scenario, ref: _Ref) -> None:
    """Every id a question names exists; a format_held question's participants sit at its table."""
    ids = {
        "actor": [a.id for a in scenario.actors],
        "issue": [i.id for i in scenario.issues],
        "format": [f.id for f in scenario.formats],
        "lever": [lever.id for lever in scenario.levers],
        "deadline": [d.id for d in scenario.deadlines],
    }
    for q_index, question in enumerate(scenario.questions):
        base: Path = ("questions", q_index)
        ref((*base, "issue"), "issue", question.issue, ids["issue"])
        what, at = question.what, (*base, "what")
        if what is None:
            if question.kind == "event":
                out.add(
                    (*base, "id"),
                    f"event question {question.id!r} has no `what:`; zopa can neither "
                    "forecast nor resolve it",
                    f"add `what:` with a type: {', '.join(WHAT_TYPES)}",
                    warn=True,
                )
            continue
        if isinstance(what, FormatHeld):
            ref((*at, "format"), "format", what.format, ids["format"])
            for k, actor_id in enumerate(what.participants):
                ref((*at, "participants", k), "actor", actor_id, ids["actor"])
            _check_table(out, scenario, what, at)
        elif isinstance(what, AgreementSigned):
            for k, issue_id in enumerate(what.issues):
                ref((*at, "issues", k), "issue", issue_id, ids["issue"])
            for k, actor_id in enumerate(what.parties):
                ref((*at, "parties", k), "actor", actor_id, ids["actor"])
        elif isinstance(what, LeverImposed):
            ref((*at, "lever"), "lever", what.lever, ids["lever"])
        elif isinstance(what, DeadlineMet):
            ref((*at, "deadline"), "deadline", what.deadline, ids["deadline"])
        elif isinstance(what, PloverEvent):
            for k, actor_id in enumerate(what.between):
                ref((*at, "between", k), "actor", actor_id, ids["actor"])
            ref((*at, "source"), "actor", what.source, ids["actor"])
            ref((*at, "target"), "actor", what.target, ids["actor"])


def _check_table(out: _Collector, scenario: Scenario, what: FormatHeld, at: Path) -> None:
    """Each participant of a format_held question is at the format's table, or represents one."""
    if what.format is None or what.format not in {f.id for f in scenario.formats}:
        return
    fmt = next(f for f in scenario.formats if f.id == what.format)
    seated = set(fmt.participants) | set(fmt.mediators)
    known = {a.id: a for a in scenario.actors}
    for k, actor_id in enumerate(what.participants):
        actor = known.get(actor_id)
        if actor is None or actor_id in seated:
            continue
        represented = {a.id for a in scenario.actors if a.represents == actor_id}
        if actor.represents in seated or represented & seated:
            continue
        out.add(
            (*at, "participants", k),
            f"{actor_id!r} is not at the table of format {what.format!r} "
            f"({', '.join(sorted(seated))})",
            "add it to the format's participants or mediators, or drop `format:`",
        )


def _check_formats(out: _Collector, scenario: Scenario) -> None:
    known = {f.id for f in scenario.formats}
    statuses = format_reachability(scenario)
    for f_index, fmt in enumerate(scenario.formats):
        if fmt.kind == "mediated_trilateral" and not fmt.mediators:
            out.add(
                ("formats", f_index, "kind"),
                f"format {fmt.id!r} is mediated_trilateral but names no mediator",
                "list the mediating actor ids under `mediators:`",
                warn=True,
            )
        status = statuses[fmt.id]
        path: Path = ("formats", f_index, "preconditions")
        if status.status == "cycle":
            out.add(
                path,
                f"unreachable preconditions: format {fmt.id!r} waits on formats that "
                "wait on each other (after_format cycle)",
                "remove one after_format link in the loop",
            )
        elif status.status == "blocked" and any(p in known for p in status.after):
            blocked_by = "; ".join(status.reasons)
            out.add(
                path,
                f"unreachable preconditions: format {fmt.id!r} can never take place ({blocked_by})",
                "fine if that is the finding; otherwise relax a refusal or the after_format link",
                warn=True,
            )

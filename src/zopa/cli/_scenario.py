"""``zopa scenario check|draft`` and ``zopa solve``: thin commands over :mod:`zopa.scenario`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import TaskID
from rich.table import Table

from zopa.cli._app import (
    chart_base,
    console,
    err_console,
    iso_date_option,
    progress_bar,
    state,
    store_of,
)
from zopa.cli._placeholders import AllowPlaceholdersOption, load_computable, print_banner
from zopa.errors import ConfigError, ScenarioError, one_line, quoted
from zopa.files import display_path
from zopa.limits import (
    DEFAULT_DRAWS,
    DEFAULT_LOOP_DRAWS,
    MAX_DRAWS,
    MAX_LOOP_DRAWS,
    MIB,
    MIN_MEMORY_BUDGET,
    MIN_REFITS,
    REFIT_SECONDS,
)

if TYPE_CHECKING:
    from zopa.models._montecarlo import Progress

__all__ = ["register"]

scenario_app = typer.Typer(
    name="scenario",
    help="Check scenario files and draft one from the evidence in the store.",
    no_args_is_help=True,
)


@scenario_app.command("check")
def check(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Scenario YAML files.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON array.")] = False,
) -> None:
    """Validate scenario files: every error and warning with its line and a hint.

    When --db is given or the configured store exists, every citation of the
    store's evidence is checked against it too: a cited claim, estimate or quote
    that is gone, of another kind, or no longer says the same thing is a warning.
    """
    from zopa.scenario import check_file

    store = state(ctx).existing_store()
    reports = [check_file(path, store=store) for path in files]
    if store is not None:
        err_console.print(f"citations checked against {store.where}", markup=False)
    if as_json:
        console.print_json(json.dumps([r.to_dict() for r in reports]))
    else:
        for report in reports:
            for problem in report.problems:
                console.print(one_line(f"{problem.severity}: {problem.format()}"))
            errors, warnings = len(report.errors), len(report.problems) - len(report.errors)
            verdict = "valid" if report.ok else "invalid"
            console.print(
                f"{report.file}: {verdict} ({errors} error(s), {warnings} warning(s))"
                + _placeholder_count(len(report.placeholders))
            )
    if not all(r.ok for r in reports):
        raise typer.Exit(1)


@scenario_app.command("store")
def store_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Scenario YAML files.", show_default=False)],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Store under this name (one file only; default: its id)."),
    ] = None,
) -> None:
    """Keep scenarios in the store, so `zopa serve` and the API show them.

    Each file is checked as `scenario check` does; one with an error is not stored
    (the others are). A scenario of the same name is replaced.
    """
    from zopa.files import read_text
    from zopa.scenario import save_scenario
    from zopa.scenario._loader import MAX_SCENARIO_BYTES

    if name is not None and len(files) > 1:
        raise ScenarioError(f"--name {quoted(name)} names one scenario; give one file with it")
    store = state(ctx).store()
    failed = False
    for path in files:
        try:
            text = read_text(
                path, max_bytes=MAX_SCENARIO_BYTES, error=ScenarioError, what="scenario file"
            )
            stored = save_scenario(store, name, text, source=display_path(path))
        except ScenarioError as exc:
            err_console.print(one_line(f"error: {exc}"), markup=False)
            failed = True
            continue
        console.print(
            f"stored {display_path(path)} as scenario {stored.name} (sha256 {stored.sha256[:12]})",
            markup=False,
        )
    if failed:
        raise typer.Exit(1)


def _placeholder_count(count: int) -> str:
    if not count:
        return ""
    return (
        f"; {count} placeholder value(s): `zopa solve` and the other commands that compute "
        "refuse it until they are set"
    )


@scenario_app.command("draft")
def draft(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the YAML here (default: stdout).")
    ] = None,
    scenario_id: Annotated[str, typer.Option("--id", help="Id of the drafted scenario.")] = "draft",
    title: Annotated[str | None, typer.Option("--title", help="Title of the draft.")] = None,
    base: Annotated[
        Path | None,
        typer.Option(
            "--base",
            help="The analyst's scenario to merge into: its values and comments are kept, "
            "new actors, issues and citations added.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Use only documents published by this date (YYYY-MM-DD); sets `as_of`.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Propose a scenario from the claims, events and estimates in the store.

    Parties are the states, organisations and groups making claims (a person is
    folded into the state or body they speak for), mediators come from mediation
    and hosting events, commentators are never parties. A value without evidence
    is written with `placeholder: true`.
    """
    from zopa.scenario import build_draft, dump_scenario, load_scenario, merge_draft

    day = iso_date_option(as_of, "--as-of")
    if base is not None:
        load_scenario(base)  # a base with errors (or too large) is refused with file and line
    drafted = build_draft(store_of(ctx), scenario_id=scenario_id, title=title, as_of=day)
    if day is not None:
        err_console.print(
            f"as of {day}: left out {drafted.left_out} document(s) published later or undated",
            markup=False,
        )
    if base is None:
        text = dump_scenario(drafted.data)
    else:
        text, summary = merge_draft(base.read_text(encoding="utf-8"), drafted)
        for line in summary.lines():
            err_console.print(line, markup=False)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {out}; check it with `zopa scenario check {out}`", markup=False)


def _interval(pred: dict[str, Any]) -> str:
    if pred["point"] is None:
        return "–"
    mark = "✓" if pred["within_zopa"] else "✗"
    point = f"{pred['point']:.0f}"
    if pred["low"] is None or f"{pred['low']:.0f}" == f"{pred['high']:.0f}" == point:
        return f"{point} {mark}"
    return f"{point} [{pred['low']:.0f}–{pred['high']:.0f}] {mark}"


def _zopa_cell(issue: dict[str, Any]) -> str:
    zone, level1 = issue["zopa"], issue["zopa_level1"]
    if zone["nonempty"]:
        text = f"[{zone['low']:.0f}, {zone['high']:.0f}]"
    else:
        text = f"empty (gap {zone['gap']:.0f})"
    if level1["nonempty"] != zone["nonempty"] or (
        zone["nonempty"] and (level1["low"], level1["high"]) != (zone["low"], zone["high"])
    ):
        text += " (ratification narrows)"
    return f"{text} P={zone['p_nonempty']:.2f}"


def _red_line_cell(position: dict[str, Any]) -> str:
    """`` rl 47`` after a position, ``(binds nothing)`` when its actor has no veto."""
    if position["red_line"] is None:
        return ""
    return f" rl {position['red_line']:.0f}" + (
        " (binds nothing)" if position["binds"] is None else ""
    )


def _short(name: str) -> str:
    from zopa.registry import short_name

    return short_name(name)


def render_solve(result: dict[str, Any]) -> None:
    """Print a solve result: an issues table, a predictions table and the package verdicts."""
    scenario = result["scenario"]
    issues = Table(
        title=f"{scenario['title']} — {result['draws']} draws, seed {result['seed']}",
        show_lines=True,
    )
    issues.add_column("issue")
    issues.add_column("positions (actor position/salience, red line)")
    issues.add_column("ZOPA [low, high], P(non-empty)")
    loose = []
    for issue in result["issues"]:
        positions = ", ".join(
            f"{p['actor']} {p['position']:.0f}/{p['salience']:.0f}" + _red_line_cell(p)
            for p in issue["positions"]
        )
        loose += [
            f"{p['actor']} on {issue['id']}"
            for p in issue["positions"]
            if p["red_line"] is not None and p["binds"] is None
        ]
        sq = f" (sq {issue['status_quo']:.0f})" if issue["status_quo"] is not None else ""
        issues.add_row(issue["id"] + sq, positions, _zopa_cell(issue))
    console.print(issues)
    if loose:
        console.print(
            f"red lines that bind nothing (their actor has no veto): {', '.join(loose)}; "
            "give the actor `veto: true` if the agreement needs its consent"
        )
    predictions = Table(
        title=f"predictions [{result['interval']:.0%} interval], ✓ = inside the ZOPA"
    )
    labels = {
        m["name"]: _short(m["name"]) + ("" if m["vectorised"] else f" ({m['draws']} draws)")
        for m in result["models"]
    }
    # The model names are what `--models` takes: never cut, however narrow the terminal.
    width = max(map(len, labels.values()), default=5)
    predictions.add_column("model", no_wrap=True, min_width=width)
    for issue in result["issues"]:
        predictions.add_column(issue["id"], justify="right")
    limited = []
    for model in result["models"]:
        if model.get("refits_limited"):
            limited.append(f"{_short(model['name'])} {model['draws']}")
        m = model["name"]
        predictions.add_row(
            labels[m], *(_interval(issue["predictions"][m]) for issue in result["issues"])
        )
    console.print(predictions)
    if limited:
        console.print(
            f"refit budget: {', '.join(limited)} of {result['loop_draws']} draws (slow fits; "
            "--refit-budget 0 refits every model on all of them)"
        )
    package = result["package"]
    verdict = (
        "non-empty"
        if package["nonempty"]
        else f"empty (no agreement on: {', '.join(package['blocking_issues'])})"
    )
    console.print(
        f"package ZOPA: {verdict}; P(non-empty) = {package['p_nonempty']:.2f}; "
        f"negotiators alone: {'non-empty' if package['level1_nonempty'] else 'empty'}",
    )
    for name, verdict_of in package["models"].items():
        blocked = "; ".join(f"{i}: {', '.join(a)}" for i, a in verdict_of["blocked_by"].items())
        status = (
            "acceptable to every veto player"
            if verdict_of["within_zopa"]
            else (f"rejected ({blocked})")
        )
        console.print(
            f"  {_short(name)}: {status}; P(acceptable) = {verdict_of['p_within_zopa']:.2f}",
        )
    blocked_formats = [f for f in result["formats"] if f["status"] in ("blocked", "cycle")]
    for fmt in blocked_formats:
        console.print(f"format {fmt['id']}: {fmt['status']} — {'; '.join(fmt['reasons'])}")


_TASKS = {"models": "fitting models", "draws": "Monte Carlo draws", "refits": "refitting models"}


@contextmanager
def solve_progress() -> Iterator[Progress | None]:
    """A ``progress(task, done, total)`` callback drawing transient bars on stderr.

    ``None`` (no bars) when stderr is not a terminal, so logs and pipes stay clean.
    """
    bars = progress_bar("{task.description}")
    if bars.disable:
        yield None
        return
    tasks: dict[str, TaskID] = {}

    def progress(task: str, done: int, total: int) -> None:
        if task not in tasks:
            tasks[task] = bars.add_task(_TASKS.get(task, task), total=total)
        bars.update(tasks[task], completed=done)

    with bars:
        yield progress


def _model_names(given: list[str] | None) -> list[str] | None:
    """``--models a,b -m c`` → ``[a, b, c]`` (``None`` when none is given)."""
    names = [name.strip() for value in given or [] for name in value.split(",") if name.strip()]
    return names or None


def solve(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--models",
            "--model",
            "-m",
            metavar="NAMES",
            help="Models to run, by registry name or as the tables print them "
            "(zopa.compromise.v1 or compromise), comma-separated or repeated "
            "(default: the scenario's `models`, or all).",
        ),
    ] = None,
    draws: Annotated[
        int,
        typer.Option(
            "--draws", min=1, max=MAX_DRAWS, help=f"Monte Carlo draws (at most {MAX_DRAWS:,})."
        ),
    ] = DEFAULT_DRAWS,
    loop_draws: Annotated[
        int,
        typer.Option(
            "--loop-draws",
            min=1,
            max=MAX_LOOP_DRAWS,
            help="Draws for models without a vectorised kernel, each a full refit "
            f"(at most {MAX_LOOP_DRAWS:,}).",
        ),
    ] = DEFAULT_LOOP_DRAWS,
    refit_budget: Annotated[
        float,
        typer.Option(
            "--refit-budget",
            min=0.0,
            metavar="SECONDS",
            help="Estimated seconds (one core) of refits per model: a model whose fits "
            f"are slow is refitted on fewer of the loop draws (at least {MIN_REFITS}); "
            "the output says which. 0: no budget.",
        ),
    ] = REFIT_SECONDS,
    seed: Annotated[
        int | None, typer.Option("--seed", min=0, help="Random seed (default: fresh, printed).")
    ] = None,
    interval: Annotated[
        float, typer.Option("--interval", min=0.01, max=0.99, help="Interval probability mass.")
    ] = 0.9,
    memory_budget: Annotated[
        int | None,
        typer.Option(
            "--memory-budget",
            min=MIN_MEMORY_BUDGET // MIB,
            help="Working memory for the models and draws, in MiB "
            "(default: $ZOPA_MEMORY_BUDGET_MB or 1024).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Write PATH.png and PATH.svg (the path without suffix, in an existing folder).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for solve.json and the chart (solve.png, solve.svg)."),
    ] = None,
    allow_placeholders: AllowPlaceholdersOption = False,
) -> None:
    """Run the bargaining models, the ZOPA analysis and Monte Carlo on a scenario.

    Work that grows faster than the scenario is done in chunks within the memory
    budget, or refused before it starts with what to do; a bar on stderr shows
    the progress of long solves.
    """
    from zopa.scenario import solve_scenario

    if out is not None and out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} exists and is not a folder; give a folder path")
    if chart is not None:
        chart_base(chart)
    budget_mb = memory_budget if memory_budget is not None else state(ctx).settings.memory_budget_mb
    scenario = load_computable(scenario_file, allow_placeholders)
    with solve_progress() as progress:
        result = solve_scenario(
            scenario,
            models=_model_names(model),
            draws=draws,
            loop_draws=loop_draws,
            refit_seconds=refit_budget or None,
            rng=seed,
            interval=interval,
            memory_budget=budget_mb * MIB,
            progress=progress,
        )
    result["scenario"]["file"] = str(scenario_file)
    written = []
    if chart is not None or out is not None:
        from zopa.report import write_solve_chart  # matplotlib: imported for a chart only

        if chart is not None:
            written += write_solve_chart(result, chart)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / "solve.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
            written += [out / "solve.json", *write_solve_chart(result, out / "solve")]
    if as_json:
        typer.echo(json.dumps(result))
    else:
        print_banner(scenario)
        render_solve(result)
    for path in written:
        err_console.print(f"wrote {path}", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``zopa scenario ...`` and ``zopa solve`` to ``app``."""
    app.add_typer(scenario_app)
    app.command("solve")(solve)

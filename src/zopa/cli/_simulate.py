"""``zopa simulate``: the talks simulated from an as-of date, question by question."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import console, iso_date_option
from zopa.cli._placeholders import AllowPlaceholdersOption, load_computable, print_banner
from zopa.limits import MAX_RUNS
from zopa.simulation_paths import how_runs_ended

__all__ = ["register"]

TOP_PARAMETERS = 3
"""Parameters listed per question in the sensitivity table."""


def _cell(low: float | None, point: float | None, high: float | None, digits: int) -> str:
    if point is None:
        return "—"
    text = f"{point:.{digits}f}"
    if low is not None and high is not None:
        text += f" [{low:.{digits}f}–{high:.{digits}f}]"
    return text


def simulate(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Start the talks on this date, YYYY-MM-DD (default: the scenario's as_of).",
            show_default=False,
        ),
    ] = None,
    runs: Annotated[
        int, typer.Option("--runs", min=1, max=MAX_RUNS, help="Simulated runs.")
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed.")] = 0,
    sensitivity: Annotated[
        int,
        typer.Option(
            "--sensitivity", help="Morris trajectories of the sensitivity analysis (0: none)."
        ),
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    allow_placeholders: AllowPlaceholdersOption = False,
) -> None:
    """Simulate the talks and answer the scenario's open questions with probabilities."""
    from datetime import date

    from zopa.simulate import TalksSimulator

    scenario = load_computable(scenario_file, allow_placeholders)
    day = iso_date_option(as_of, "--as-of") or scenario.as_of or date.today()
    # The scenario's `simulation:` settings over the defaults (docs/simulation.md).
    simulator = TalksSimulator(**{**scenario.simulation, "sensitivity_trajectories": sensitivity})
    result = simulator.simulate(scenario, as_of=day, runs=runs, seed=seed)
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
        return
    print_banner(scenario)
    title = f"{scenario.title} — {result.simulator}, {runs:,} runs from {day} (seed {seed})"
    table = Table(title=Text(title), show_lines=True)
    for column in ("question", "probability / value [95 %]", "days to event (p10 p50 p90)"):
        table.add_column(column, overflow="fold")
    for q in result.questions:
        if q.kind == "event":
            cell = _cell(q.low, q.probability, q.high, 3) + " (Wilson)"
        else:
            cell = _cell(q.low, q.value, q.high, 1) + " (5–95 %)"
        days = " ".join(f"{d:.0f}" for d in q.days) if q.days else "—"
        table.add_row(Text(q.question), Text(cell), Text(days))
    console.print(table)
    if any(q.kind == "event" for q in result.questions):
        console.print(
            "(Wilson: the Monte Carlo error of the runs only, not the scenario's own "
            "uncertainty; the sensitivity table says what moves each probability)",
            markup=False,
        )
    for q in result.questions:
        if q.paths:
            console.print(f"{q.question}: {how_runs_ended(q.paths, q.conceded)}", markup=False)
    for question, reason in result.skipped.items():
        console.print(f"{question}: not simulated ({reason})", markup=False)
    if result.sensitivity is not None:
        s = result.sensitivity
        sens = Table(
            title=Text(
                f"sensitivity: Morris mu* of each probability ({s.trajectories} trajectories, "
                f"{s.points} points × {s.runs_per_point} runs = {s.runs:,} runs)"
            )
        )
        for column in ("question", "parameter", "mu*", "± (95 %)", "sigma"):
            sens.add_column(column)
        for question, rows in s.indices.items():
            moving = [row for row in rows if float(row["mu_star"]) > 0]
            if not moving:
                sens.add_row(question, "— (no parameter moves it)", "0", "", "")
            for row in moving[:TOP_PARAMETERS]:
                sens.add_row(
                    question,
                    str(row["parameter"]),
                    f"{float(row['mu_star']):.3f}",
                    f"{float(row['mu_star_conf']):.3f}",
                    f"{float(row['sigma']):.3f}",
                )
        console.print(sens)


def register(app: typer.Typer) -> None:
    """Add ``simulate`` to ``app``."""
    app.command("simulate")(simulate)

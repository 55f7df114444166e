"""``zopa backtest SCENARIO --from D --to D --step 7d``: the forecasts replayed over time."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import console, err_console, iso_date_option, store_of
from zopa.cli._cluster import RayOption
from zopa.cli._forecast import RunsOption, SeedOption, SourcesOption, source_names
from zopa.cli._placeholders import AllowPlaceholdersOption, load_computable, print_banner
from zopa.errors import quoted

__all__ = ["parse_step", "register", "render_backtest"]

_STEP = re.compile(r"^(\d{1,5})([dw])$")


def parse_step(value: str) -> int:
    """``7d`` → 7, ``2w`` → 14 (days); a usage error naming ``--step`` otherwise."""
    found = _STEP.match(value.strip().lower())
    days = int(found.group(1)) * (7 if found.group(2) == "w" else 1) if found else 0
    if days < 1:
        raise typer.BadParameter(
            f"{quoted(value)} is not a step like 7d or 2w (days or weeks, at least 1 day)",
            param_hint="--step",
        )
    return days


def _point(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}" if value <= 1 else f"{value:.0f}"


def backtest(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    start: Annotated[
        str, typer.Option("--from", help="First as-of date, YYYY-MM-DD.", show_default=False)
    ],
    end: Annotated[
        str, typer.Option("--to", help="Last as-of date, YYYY-MM-DD.", show_default=False)
    ],
    step: Annotated[str, typer.Option("--step", help="Days or weeks between dates: 7d, 2w.")] = (
        "7d"
    ),
    runs: RunsOption = 2000,
    seed: SeedOption = 0,
    sources: SourcesOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Refuse a scenario value citing evidence dated after --from."
        ),
    ] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Write the probability paths as PATH.png and PATH.svg.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the backtest as JSON.")] = False,
    allow_placeholders: AllowPlaceholdersOption = False,
    ray: RayOption = None,
) -> None:
    """Forecast every question as of each date of a range, store and score the forecasts."""
    from zopa.forecast import backtest as run_backtest

    first = iso_date_option(start, "--from")
    last = iso_date_option(end, "--to")
    assert first is not None and last is not None
    days = parse_step(step)
    names = source_names(sources)
    scenario = load_computable(scenario_file, allow_placeholders)
    result = run_backtest(
        scenario,
        store=store_of(ctx),
        start=first,
        end=last,
        step_days=days,
        runs=runs,
        seed=seed,
        sources=names,
        strict=strict,
        ray=ray,
    )
    data = result.to_dict()
    for warning in data["warnings"]:
        err_console.print(f"warning: {warning}", markup=False)
    for flag in result.runs[0].hindsight:  # the first date has the most
        err_console.print(f"hindsight: {flag.format()} (after {first})", markup=False)
    err_console.print(
        f"{len(result.runs)} date(s): stored {result.stored} forecast(s)"
        + (f", {result.skipped} already stored" if result.skipped else ""),
        markup=False,
    )
    if chart is not None:
        from zopa.report import write_backtest_chart

        for written in write_backtest_chart(data, chart):
            err_console.print(f"wrote {written}", markup=False)
    if as_json:
        typer.echo(json.dumps(data))
        return
    print_banner(scenario)
    render_backtest(scenario.title, data)


def render_backtest(title: str, data: dict[str, Any]) -> None:
    """Print how each forecast moved over the backtest's dates, then the scores."""
    first, last = data["dates"][0], data["dates"][-1]
    days = data["step_days"]
    moves = Table(title=Text(f"{title} — forecasts from {first} to {last}, every {days}d"))
    for column in ("question", "source", "first", "last", "min–max", "changes"):
        moves.add_column(column, overflow="fold")
    for move in data["moves"]:
        moves.add_row(
            Text(move["question"]),
            Text(move["source"]),
            Text(f"{_point(move['first']['point'])} ({move['first']['as_of']})"),
            Text(f"{_point(move['last']['point'])} ({move['last']['as_of']})"),
            Text(f"{_point(move['min'])}–{_point(move['max'])}"),
            str(move["changes"]),
        )
    console.print(moves)
    scores = data["scores"]
    table = Table(
        title=Text(
            f"scores on {scores['resolved_questions']} resolved question(s) (lower is better; "
            "`zopa forecast scores` for calibration)"
        )
    )
    for column in ("source", "questions", "Brier", "log"):
        table.add_column(column)
    for score in [*scores["sources"], *scores["baselines"]]:
        table.add_row(
            Text(score["source"]),
            str(score["questions"]),
            f"{score['brier']:.3f}" if score["brier"] is not None else "—",
            f"{score['log']:.3f}" if score["log"] is not None else "—",
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``backtest`` to ``app``."""
    app.command("backtest")(backtest)

"""``zopa backtest``: replay the talks — every source's forecasts as of each date, scored."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import (
    chart_base,
    console,
    err_console,
    iso_date_option,
    progress_bar,
    store_of,
)
from zopa.cli._forecast import render_scores

if TYPE_CHECKING:
    from zopa.forecast._backtest import Backtest
    from zopa.scenario import Scenario

__all__ = ["register"]


def backtest(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    start: Annotated[
        str, typer.Option("--from", help="First as-of date, YYYY-MM-DD.", show_default=False)
    ],
    end: Annotated[
        str, typer.Option("--to", help="Last as-of date, YYYY-MM-DD.", show_default=False)
    ],
    step: Annotated[
        str, typer.Option("--step", help="Days or weeks between dates: 7d, 1d, 2w.")
    ] = "7d",
    sources: Annotated[
        str | None,
        typer.Option(
            "--sources",
            metavar="NAMES",
            help="Forecast sources, comma-separated (default: every registered one).",
            show_default=False,
        ),
    ] = None,
    runs: Annotated[
        int,
        typer.Option("--runs", min=1, max=1_000_000, help="Runs of sources that draw, per date."),
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Write PATH.png and PATH.svg: the probability paths with outcomes marked "
            "(the path without suffix, in an existing folder).",
        ),
    ] = None,
) -> None:
    """Replay the talks: each source's forecasts from what was known on each date, scored.

    The forecasts are computed, never stored: they were not made on those dates.
    """
    from zopa.forecast._backtest import backtest_dates, parse_step, run_backtest
    from zopa.report._backtest_chart import write_backtest_chart
    from zopa.scenario import load_scenario

    first = iso_date_option(start, "--from")
    last = iso_date_option(end, "--to")
    assert first is not None and last is not None
    dates = backtest_dates(first, last, parse_step(step))
    if chart is not None:
        chart_base(chart)
    scenario = load_scenario(scenario_file)
    names = [n.strip() for n in sources.split(",") if n.strip()] if sources else None
    with progress_bar("backtest dates") as bar:
        task = bar.add_task("dates", total=len(dates))
        result = run_backtest(
            scenario,
            dates,
            store=store_of(ctx),
            sources=names,
            runs=runs,
            seed=seed,
            progress=lambda done, _total: bar.update(task, completed=done),
        )
    written = []
    if chart is not None:
        written = write_backtest_chart(
            scenario.title,
            _event_questions(scenario),
            result.to_dict()["forecasts"],
            (result.dates[0], result.dates[-1]),
            chart,
        )
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
    else:
        _render_moves(scenario, result)
        render_scores(scenario.title, result.scores)
    for path in written:
        err_console.print(f"wrote {path}", markup=False)


def _event_questions(scenario: Scenario) -> list[dict[str, Any]]:
    return [
        {
            "id": q.id,
            "text": q.text,
            "opens": q.opens.isoformat() if q.opens else None,
            "resolution_date": q.resolution_date.isoformat(),
            "resolved_on": q.resolved_on.isoformat() if q.resolved_on else None,
            "outcome": q.outcome if isinstance(q.outcome, bool) else None,
        }
        for q in scenario.questions
        if q.kind == "event"
    ]


def _render_moves(scenario: Scenario, result: Backtest) -> None:
    """How each source's probability moved: first, lowest, highest and last, per question."""
    paths: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for f in result.forecasts:
        if f.probability is not None:
            paths[(f.question, f.source)].append((f.as_of.isoformat(), f.probability))
    first, last = result.dates[0], result.dates[-1]
    table = Table(
        title=Text(f"{scenario.title} — backtest {first} to {last}, {len(result.dates)} date(s)")
    )
    for column in ("question", "source", "first", "low", "high", "last", "outcome"):
        table.add_column(column, justify="right" if column in ("low", "high") else "left")
    outcomes = {q["id"]: q["outcome"] for q in _event_questions(scenario)}
    for (question, source), path in sorted(paths.items()):
        values = [p for _, p in path]
        outcome = outcomes.get(question)
        table.add_row(
            Text(question),
            Text(source),
            f"{path[0][1]:.2f} ({path[0][0]})",
            f"{min(values):.2f}",
            f"{max(values):.2f}",
            f"{path[-1][1]:.2f} ({path[-1][0]})",
            "—" if outcome is None else ("yes" if outcome else "no"),
        )
    if not paths:
        console.print("no source forecast any question on these dates", markup=False)
        return
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``zopa backtest`` to ``app``."""
    app.command("backtest")(backtest)

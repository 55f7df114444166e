"""``zopa forecast [run] SCENARIO | import-prices | scores``: forecasts made, prices in, scores out.

``zopa forecast SCENARIO ...`` is ``zopa forecast run SCENARIO ...``: the group takes a
first argument that is not one of its commands (nor ``--help``) as the scenario of ``run``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import (
    DefaultCommandGroup,
    chart_base,
    console,
    err_console,
    iso_date_option,
    state,
    store_of,
)
from zopa.cli._cluster import RayOption
from zopa.cli._placeholders import AllowPlaceholdersOption, load_computable, print_banner
from zopa.cli._questions import forecast_cell
from zopa.limits import MAX_RUNS

if TYPE_CHECKING:
    from zopa.forecast import ForecastRun, Scores, SourceScore

__all__ = [
    "RunsOption",
    "SeedOption",
    "SourcesOption",
    "register",
    "render_run",
    "render_scores",
    "source_names",
]

RunsOption = Annotated[
    int,
    typer.Option(
        "--runs", min=1, max=MAX_RUNS, help="Draws of the sources that draw (simulation, models)."
    ),
]
SeedOption = Annotated[int, typer.Option("--seed", min=0, help="Seed of those draws.")]
SourcesOption = Annotated[
    str | None,
    typer.Option(
        "--sources",
        help="Comma-separated source names to run (default: every registered source).",
        show_default=False,
    ),
]
"""The options ``zopa forecast`` and ``zopa backtest`` share."""


def source_names(sources: str | None) -> list[str] | None:
    """``--sources a, b`` as names; ``None`` (every registered source) when not given."""
    return [n.strip() for n in sources.split(",") if n.strip()] if sources is not None else None


MAX_LISTED_PROBLEMS = 50
"""Bad rows printed one per line before the rest are only counted."""


forecast_app = typer.Typer(
    cls=DefaultCommandGroup,
    name="forecast",
    help=(
        "Forecast a scenario's questions (`zopa forecast SCENARIO` is `zopa forecast run "
        "SCENARIO`), import crowd and market prices, and score the stored forecasts."
    ),
    no_args_is_help=True,
    subcommand_metavar="SCENARIO [OPTIONS] | COMMAND [ARGS]...",
)


@forecast_app.command("run")
def run(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Use only documents published on or before this date, YYYY-MM-DD "
            "(default: today).",
            show_default=False,
        ),
    ] = None,
    runs: RunsOption = 2000,
    seed: SeedOption = 0,
    sources: SourcesOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Refuse a scenario value citing evidence dated after --as-of."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the forecasts as JSON.")] = False,
    allow_placeholders: AllowPlaceholdersOption = False,
    ray: RayOption = None,
) -> None:
    """Forecast every question from every source as of a date, store them, print them."""
    from zopa.forecast import run_forecasts, store_run

    day = iso_date_option(as_of, "--as-of") or date.today()
    names = source_names(sources)
    scenario = load_computable(scenario_file, allow_placeholders)
    store = store_of(ctx)
    result = run_forecasts(
        scenario,
        as_of=day,
        store=store,
        runs=runs,
        seed=seed,
        sources=names,
        strict=strict,
        ray=ray,
    )
    stored = store_run(store, result)
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", markup=False)
    for flag in result.hindsight:
        err_console.print(f"hindsight: {flag.format()} (after {day})", markup=False)
    err_console.print(
        f"stored {stored.stored} forecast(s)"
        + (
            f"; {stored.skipped} already stored with the same inputs, skipped"
            if stored.skipped
            else ""
        )
        + (
            f"; {result.undated_documents} undated document(s) left out"
            if result.undated_documents
            else ""
        ),
        markup=False,
    )
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
        return
    print_banner(scenario)
    render_run(result)


def render_run(result: ForecastRun) -> None:
    """The forecasts per question, with the latest prices and the reasons for gaps."""
    table = Table(
        title=Text(f"{result.scenario.title} — forecasts as of {result.as_of}"), show_lines=True
    )
    for column in ("question", "status", "forecasts", "prices", "no forecast"):
        table.add_column(column, overflow="fold")
    from zopa.forecast import question_status

    for q in result.scenario.questions:
        made = [f.public() for f in result.forecasts if f.question == q.id]
        prices = [f.public() for f in result.prices if f.question == q.id]
        gaps = [f"{u.source}: {u.reason}" for u in result.unanswered if u.question == q.id]
        table.add_row(
            Text(f"{q.id}\n{q.text}"),
            Text(question_status(q, result.as_of)),
            Text("\n".join(forecast_cell(f) for f in made) or "none"),
            Text("\n".join(forecast_cell(f) for f in prices) or "—"),
            Text("\n".join(gaps)),
        )
    console.print(table)


@forecast_app.command("import-prices")
def import_prices(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV file with the columns question, source, date, probability.",
            show_default=False,
        ),
    ],
    scenario_file: Annotated[
        Path,
        typer.Option(
            "--scenario", help="Scenario whose questions the prices are for.", show_default=False
        ),
    ],
) -> None:
    """Store crowd or market prices as forecasts; one bad row refuses the whole file."""
    from zopa.forecast import read_prices, store_prices
    from zopa.scenario import load_scenario

    scenario = load_scenario(scenario_file)
    prices = read_prices(file, scenario, max_bytes=state(ctx).settings.max_file_bytes)
    listed = prices.problems[:MAX_LISTED_PROBLEMS]
    for problem in listed:
        err_console.print(f"error: {problem.format()}", markup=False)
    if listed:
        raise prices.refusal(listed=len(listed))
    result = store_prices(store_of(ctx), prices)
    console.print(
        f"{result.file}: stored {result.stored} price(s) for {scenario.id}"
        + (f"; {result.skipped} already stored, skipped" if result.skipped else ""),
        markup=False,
    )


def _number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _score_row(table: Table, score: SourceScore, label: str, values: bool) -> None:
    if score.is_outcome:
        label += " (= the outcome)"
    cells: list[Text | str] = [
        Text(label),
        Text(score.source_kind),
        str(len(score.questions) + len(score.values)),
        _number(score.brier),
        _number(score.log),
        _number(score.brier_time_avg),
    ]
    if values:
        cells.append(_number(score.crps, 1))
    table.add_row(*cells)


@forecast_app.command("scores")
def scores(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Write each source's CORP reliability diagram as PATH.png and PATH.svg "
            "(the path without suffix, in an existing folder).",
        ),
    ] = None,
) -> None:
    """Brier, log and CRPS scores of every source on the resolved questions, beside baselines.

    Each source is set beside the baselines scored on exactly the questions it
    forecast; the baselines on all resolved questions close the table.
    """
    from zopa.forecast import list_forecasts, score_forecasts
    from zopa.report import write_reliability_chart
    from zopa.scenario import load_scenario

    if chart is not None:
        chart_base(chart)
    scenario = load_scenario(scenario_file)
    result = score_forecasts(scenario, list_forecasts(store_of(ctx), scenario.id))
    charted = any(s.calibration is not None for s in result.sources)
    written = write_reliability_chart(result, chart, scenario.title) if chart and charted else []
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
    else:
        render_scores(scenario.title, result)
    if chart is not None and not charted:
        err_console.print("no chart written: no source has forecasts of resolved event questions")
    for path in written:
        err_console.print(f"wrote {path}")


def render_scores(title: str, result: Scores) -> None:
    if not result.resolved and not result.resolved_values:
        console.print(f"{result.scenario}: no resolved questions to score yet", markup=False)
        return
    values = result.resolved_values > 0
    table = Table(
        title=Text(
            f"{title} — scores on {result.resolved} resolved event question(s)"
            + (f" and {result.resolved_values} value question(s)" if values else "")
            + f", base rate {_number(result.base_rate, 2)} (lower is better)"
        ),
        caption="each source is followed by the baselines on the same questions; "
        "the last rows are the baselines on all resolved questions",
    )
    for column in ("source", "kind", "questions", "Brier", "log", "time-avg Brier"):
        table.add_column(column, justify="left" if column in ("source", "kind") else "right")
    if values:
        table.add_column("CRPS", justify="right")
    for score in result.sources:
        _score_row(table, score, score.source, values)
        for baseline in score.baselines:
            _score_row(table, baseline, f"  └ {baseline.source}", values)
        table.add_section()
    for baseline in result.baselines:
        _score_row(table, baseline, baseline.source, values)
    console.print(table)
    for note in result.notes:
        console.print(f"note: {note}", markup=False)
    if not result.sources:
        console.print("no stored forecasts of the resolved questions yet", markup=False)
        return
    for score in result.sources:
        for loss in score.losses():
            n = loss["questions"]
            console.print(
                f"{score.source} loses to {loss['baseline']} on {loss['score']}: "
                f"{loss['value']:.3f} against {loss['theirs']:.3f} on the same "
                f"{n} question{'s' * (n != 1)}",
                markup=False,
            )
    calibration = Table(title="calibration (CORP): forecast → calibrated probability (count)")
    for column in ("source", "reliability", "MCB", "DSC", "UNC"):
        calibration.add_column(column, overflow="fold")
    for score in result.sources:
        cal = score.calibration
        if cal is None:
            continue
        points = ", ".join(f"{f:.2f}→{c:.2f} ({n})" for f, c, n in cal.points)
        calibration.add_row(
            Text(score.source), Text(points), _number(cal.mcb), _number(cal.dsc), _number(cal.unc)
        )
    console.print(calibration)


def register(app: typer.Typer) -> None:
    """Add the ``forecast`` group to ``app``."""
    app.add_typer(forecast_app)

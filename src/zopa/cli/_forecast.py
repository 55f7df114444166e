"""``zopa forecast import-prices|scores``: crowd and market prices in, scores out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import console, err_console, state, store_of

__all__ = ["register"]

MAX_LISTED_PROBLEMS = 50
"""Bad rows printed one per line before the rest are only counted."""

forecast_app = typer.Typer(
    name="forecast",
    help="Import crowd and market prices and score the stored forecasts.",
    no_args_is_help=True,
)


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


@forecast_app.command("scores")
def scores(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Brier and log scores of every source on the resolved questions, beside baselines."""
    from zopa.forecast import list_forecasts, score_forecasts
    from zopa.scenario import load_scenario

    scenario = load_scenario(scenario_file)
    result = score_forecasts(scenario, list_forecasts(store_of(ctx), scenario.id))
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
        return
    if not result.resolved:
        console.print(f"{scenario.id}: no resolved event questions to score yet", markup=False)
        return
    table = Table(
        title=Text(
            f"{scenario.title} — scores on {result.resolved} resolved question(s), "
            f"base rate {_number(result.base_rate, 2)} (lower is better)"
        )
    )
    for column in ("source", "kind", "questions", "Brier", "log", "time-avg Brier"):
        table.add_column(column, justify="left" if column in ("source", "kind") else "right")
    for score in [*result.sources, *result.baselines]:
        table.add_row(
            Text(score.source),
            Text(score.source_kind),
            str(len(score.questions)),
            _number(score.brier),
            _number(score.log),
            _number(score.brier_time_avg),
        )
    console.print(table)
    if not result.sources:
        console.print("no stored forecasts of the resolved questions yet", markup=False)
        return
    calibration = Table(title="calibration (CORP): forecast → calibrated probability (count)")
    for column in ("source", "reliability", "MCB", "DSC", "UNC"):
        calibration.add_column(column, overflow="fold")
    for score in result.sources:
        cal = score.calibration
        points = ", ".join(f"{f:.2f}→{c:.2f} ({n})" for f, c, n in cal.points)
        calibration.add_row(
            Text(score.source), Text(points), _number(cal.mcb), _number(cal.dsc), _number(cal.unc)
        )
    console.print(calibration)


def register(app: typer.Typer) -> None:
    """Add the ``forecast`` group to ``app``."""
    app.add_typer(forecast_app)

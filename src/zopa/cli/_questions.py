"""``zopa questions``: a scenario's questions, their status and latest forecasts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import console, iso_date_option, store_of

__all__ = ["register"]


def _outcome(question: dict[str, Any]) -> str:
    outcome = question["outcome"]
    if outcome is None:
        return "—"
    if isinstance(outcome, bool):
        return "yes" if outcome else "no"
    return f"{outcome:g}"


def forecast_cell(forecast: dict[str, Any]) -> str:
    """``source p [low–high] (as_of)`` for a forecast in the public layout."""
    point = forecast["probability"] if forecast["probability"] is not None else forecast["value"]
    text = f"{point:.2f}" if forecast["probability"] is not None else f"{point:.0f}"
    if forecast["low"] is not None and forecast["high"] is not None:
        text += f" [{forecast['low']:.2f}–{forecast['high']:.2f}]"
    cell = f"{forecast['source']} {text} ({forecast['as_of']})"
    paths = (forecast.get("parameters") or {}).get("paths")
    if paths:  # the simulation's: how its runs ended, so a 0 or a 1 has its reason
        from zopa.simulate._results import how_runs_ended

        cell += f"\n  {how_runs_ended(paths, forecast['parameters'].get('conceded'))}"
    return cell


def questions(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Status and forecasts as known on this date, YYYY-MM-DD (default: today).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """List a scenario's questions with their status and latest forecasts."""
    from zopa.forecast import list_forecasts, questions_overview
    from zopa.scenario import load_scenario

    day = iso_date_option(as_of, "--as-of") or date.today()
    scenario = load_scenario(scenario_file)
    records = list_forecasts(store_of(ctx), scenario.id, as_of=day)
    overview = questions_overview(scenario, records, day)
    if as_json:
        result = {"scenario": scenario.id, "as_of": day.isoformat(), "questions": overview}
        typer.echo(json.dumps(result))
        return
    if not overview:
        console.print(f"{scenario_file}: the scenario has no questions", markup=False)
        return
    table = Table(title=Text(f"{scenario.title} — questions as of {day}"), show_lines=True)
    for column in ("question", "asks", "resolves", "status", "outcome", "latest forecasts"):
        table.add_column(column, overflow="fold")
    for q in overview:
        forecasts = "\n".join(forecast_cell(f) for f in q["forecasts"]) or "none yet"
        table.add_row(
            Text(f"{q['id']}\n{q['text']}"),
            Text(q["asks"]),
            Text(q["resolution_date"]),
            Text(q["status"]),
            Text(_outcome(q)),
            Text(forecasts),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``questions`` to ``app``."""
    app.command("questions")(questions)

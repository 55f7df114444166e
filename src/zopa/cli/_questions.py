"""``zopa questions``: a scenario's questions, their status, latest forecasts and the stored
events that may resolve them; ``zopa questions resolve`` records an outcome in the file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import DefaultCommandGroup, console, err_console, iso_date_option, store_of
from zopa.simulation_paths import how_runs_ended

__all__ = ["forecast_cell", "register"]


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
        cell += f"\n  {how_runs_ended(paths, forecast['parameters'].get('conceded'))}"
    return cell


def list_questions(
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
    """List a scenario's questions with their status and latest forecasts, and the stored
    events that may resolve the open ones (with the command that would)."""
    from zopa.forecast import (
        list_forecasts,
        questions_overview,
        resolving_events,
        with_may_resolve,
    )
    from zopa.scenario import load_scenario

    day = iso_date_option(as_of, "--as-of") or date.today()
    scenario = load_scenario(scenario_file)
    records = list_forecasts(store_of(ctx), scenario.id, as_of=day)
    overview = questions_overview(scenario, records, day)
    resolving = resolving_events(store_of(ctx), scenario, day)
    if as_json:
        overview = with_may_resolve(overview, resolving)
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
    for found in (r for rs in resolving.values() for r in rs):
        console.print(
            f"{found.question}: {found.describe()} may resolve it; if the article bears it "
            f"out: {found.command(str(scenario_file))}",
            markup=False,
        )


def resolve(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    question: Annotated[str, typer.Argument(help="The question's id.", show_default=False)],
    outcome: Annotated[
        str,
        typer.Option(
            "--outcome",
            help="yes or no (event question), or a number on the issue's 0-100 scale (value).",
            show_default=False,
        ),
    ],
    on: Annotated[
        str,
        typer.Option(
            "--on", help="The day the outcome became known, YYYY-MM-DD.", show_default=False
        ),
    ],
    event: Annotated[
        int | None,
        typer.Option("--event", min=1, help="Cite this stored event as where it is documented."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Cite a note of yours as the evidence.")
    ] = None,
) -> None:
    """Record a question's outcome in the scenario file (comments and layout kept), so
    `zopa forecast scores` scores it; the file is checked before it is written."""
    from zopa.scenario import loads_scenario, resolve_question

    day = iso_date_option(on, "--on")
    assert day is not None  # a required option
    value = _outcome_value(outcome)
    evidence = [_event_citation(ctx, event)] if event is not None else []
    if note:
        evidence.append({"note": note})
    text = scenario_file.read_text(encoding="utf-8")
    edited = resolve_question(
        text, question, outcome=value, resolved_on=day, evidence=evidence, source=str(scenario_file)
    )
    loads_scenario(edited, source=str(scenario_file))  # refuse to write what would not load
    scenario_file.write_text(edited, encoding="utf-8")
    said = value if not isinstance(value, bool) else ("yes" if value else "no")
    err_console.print(
        f"{scenario_file}: {question} resolved {said} on {day}; "
        f"`zopa forecast scores {scenario_file}` scores it",
        markup=False,
    )


def _outcome_value(text: str) -> bool | float:
    words = {"yes": True, "no": False, "true": True, "false": False}
    if text.strip().lower() in words:
        return words[text.strip().lower()]
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not 0 <= number <= 100:
        raise typer.BadParameter(
            f"{text!r} is neither yes/no nor a number from 0 to 100", param_hint="--outcome"
        )
    return number


def _event_citation(ctx: typer.Context, event_id: int) -> dict[str, Any]:
    from zopa.evidence import EvidenceFilter, list_items
    from zopa.scenario import text_digest
    from zopa.store import Document

    found = list_items(store_of(ctx), "events", EvidenceFilter(), item_ids=[event_id])
    if not found:
        raise typer.BadParameter(
            f"no stored event {event_id} (see `zopa events`)", param_hint="--event"
        )
    item = found[0].item
    with store_of(ctx).session() as session:
        document = session.get(Document, item["document_id"])
        assert document is not None  # an event's document is never deleted before it
        span = document.text[item["start"] : item["end"]]
    return {
        "document": str(item["document_id"]),
        "start": item["start"],
        "end": item["end"],
        "digest": text_digest(span),
        "note": f"event {event_id}: {item['type']} {item['status']} {item['date'] or ''}".strip(),
    }


class _QuestionsGroup(DefaultCommandGroup):
    default_command = "list"


questions_app = typer.Typer(
    cls=_QuestionsGroup,
    name="questions",
    help=(
        "A scenario's questions (`zopa questions SCENARIO` is `zopa questions list SCENARIO`), "
        "and recording their outcomes."
    ),
    no_args_is_help=True,
    subcommand_metavar="SCENARIO [OPTIONS] | COMMAND [ARGS]...",
)
questions_app.command("list")(list_questions)
questions_app.command("resolve")(resolve)


def register(app: typer.Typer) -> None:
    """Add the ``questions`` group to ``app``."""
    app.add_typer(questions_app)

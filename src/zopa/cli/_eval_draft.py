"""``zopa eval draft GOLD_DIR``: draft each gold negotiation from a fresh store and score it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from zopa.cli._app import console, err_console, state
from zopa.cli._eval import eval_app
from zopa.files import display_path

if TYPE_CHECKING:
    from zopa.scenario._evaluate import DraftEvaluation

__all__ = ["draft"]

_ROWS = (
    ("actors_resolved", "actors resolved correctly", "≥ 0.90"),
    ("parties_found", "parties found", "≥ 0.90"),
    ("commentators_as_parties", "commentators made parties", "0"),
    ("mediators_as_parties", "mediators made parties", ""),
    ("mediators_found", "mediators found", ""),
    ("claims_matched", "gold claims matched (recall)", ""),
    ("claims_right_actor", "claims to the right actor (of all gold claims)", "≥ 0.85"),
    ("claims_attributed", "claims to the right actor (of those matched)", "≥ 0.85"),
    ("positions_right_side", "positions on the right side", "≥ 0.80"),
    ("positions_mae", "positions: mean absolute error", "≤ 20"),
)


def _value(name: str, value: Any) -> str:
    if value is None:
        return "n/a"
    if name in ("commentators_as_parties", "mediators_as_parties"):
        return str(value)
    if name == "positions_mae":
        return f"{value:.1f}"
    return f"{value:.2f}"


def _table(title: str, measures: Mapping[str, Any], met: Mapping[str, bool | None]) -> Table:
    table = Table(title=title)
    for column in ("measure", "value", "target", "met"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name, label, target in _ROWS:
        ok = met.get(name)
        mark = "" if name not in met else "n/a" if ok is None else "yes" if ok else "NO"
        table.add_row(label, _value(name, measures[name]), target, mark)
    return table


def render_draft_evaluation(report: DraftEvaluation) -> None:
    """One table per negotiation, with counts and what went wrong, then the overall table."""
    data = report.as_dict()
    for name, scores in data["negotiations"].items():
        console.print(_table(name, scores["measures"], scores["targets_met"]))
        actors, claims = scores["actors"], scores["claims"]
        positions, parties = scores["positions"], scores["parties"]
        console.print(
            f"  entities {actors['correct']}/{actors['total']}, "
            f"parties {parties['found']['correct']}/{parties['found']['total']}, "
            f"claims right {claims['right_actor']['correct']}/{claims['right_actor']['total']} "
            f"(matched {claims['matched']['correct']}), "
            f"positions right {positions['right_side']['correct']}/"
            f"{positions['right_side']['total']}"
        )
        for label, items in (
            ("parties not found", parties["missing"]),
            ("commentators made parties", parties["commentators_as_parties"]),
            ("mediators made parties", parties["mediators_as_parties"]),
            ("scales flipped to the gold's", positions["flipped"]),
            (
                "gold issue → drafted issue (found by)",
                [f"{k} → {v}" for k, v in positions["mapped"].items()],
            ),
            (
                "issues with no drafted claim and no lexicon id (not scored)",
                positions["no_lexicon"],
            ),
            ("issues not drafted", positions["not_drafted"]),
            ("notes", scores["notes"]),
        ):
            if items:
                console.print(f"  {label}: {', '.join(map(str, items))}", markup=False)
    overall = data["overall"]
    console.print(_table("overall (micro-averaged)", overall["measures"], overall["targets_met"]))


def _arrows(mapped: dict[str, str]) -> list[str]:
    return [f"{gold} → {drafted}" for gold, drafted in mapped.items()]


@eval_app.command("draft")
def draft(
    ctx: typer.Context,
    gold_dir: Annotated[
        Path,
        typer.Argument(help="A folder with gold.yaml, or a folder of such folders."),
    ],
    gazetteer: Annotated[
        list[Path] | None,
        typer.Option("--gazetteer", help="A YAML gazetteer added to the shipped one (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Draft each gold negotiation in a fresh store and score the draft against its gold."""
    from zopa.scenario._evaluate_run import evaluate_draft_dir

    report = evaluate_draft_dir(
        gold_dir,
        gazetteers=gazetteer or (),
        max_file_bytes=state(ctx).settings.max_file_bytes,
        on_negotiation=lambda folder: err_console.print(
            f"drafting {display_path(folder)} in a fresh store", markup=False
        ),
    )
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
        return
    render_draft_evaluation(report)

"""``zopa eval extraction GOLD_DIR CORPUS_DIR``: precision, recall and F1 per item kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from zopa.cli._app import console
from zopa.cli._eval import eval_app

__all__ = ["extraction"]


@eval_app.command("extraction")
def extraction(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <document>.<kind>.yaml gold files.")],
    corpus_dir: Annotated[Path, typer.Argument(help="Folder of the <document>.txt texts.")],
    gazetteer: Annotated[
        list[Path] | None,
        typer.Option("--gazetteer", help="A YAML gazetteer added to the shipped one (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score extraction against gold annotations: precision, recall, F1 per item kind."""
    from zopa.extract import build_pipeline
    from zopa.extract._evaluate import evaluate_extraction

    report = evaluate_extraction(build_pipeline(gazetteer or ()), gold_dir, corpus_dir)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
        return
    table = Table(title=f"extraction vs gold ({len(report.documents)} documents)")
    for column in ("measure", "precision", "recall", "F1", "matched", "predicted", "gold", "notes"):
        table.add_column(column, justify="left" if column in ("measure", "notes") else "right")
    for name, score in sorted(report.totals.items()):
        notes = ", ".join(f"{k} {rate:.2f}" for k, (rate, _) in score.extras.items())
        table.add_row(
            name,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            str(score.true_positives),
            str(score.predicted),
            str(score.gold),
            notes,
        )
    console.print(table)

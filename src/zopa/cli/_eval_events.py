"""``zopa eval events SENTENCES.yaml``: events scored sentence by sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from zopa.cli._app import console
from zopa.cli._eval import eval_app

__all__ = ["events"]

#: The components an event needs: actors to name its sides, quotes to skip speakers.
_COMPONENTS = ("zopa_actors", "zopa_quotes", "zopa_events")


@eval_app.command("events")
def events(
    sentences: Annotated[
        Path, typer.Argument(help="YAML list of sentences with their main event (see docs).")
    ],
    gazetteer: Annotated[
        list[Path] | None,
        typer.Option("--gazetteer", help="A YAML gazetteer added to the shipped one (repeatable)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object (with the misses).")
    ] = False,
) -> None:
    """Score events per sentence: coverage, type accuracy, type+source+target F1, status,
    confusion per type, beside a keyword baseline."""
    from zopa.extract import build_pipeline
    from zopa.extract._sentence_scoring import evaluate_sentences, load_sentences

    gold = load_sentences(sentences)
    report = evaluate_sentences(build_pipeline(gazetteer or (), components=_COMPONENTS), gold)
    figures = report.as_dict()
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    table = Table(title=f"events vs {sentences.name} ({report.sentences} sentences)")
    table.add_column("measure")
    table.add_column("zopa", justify="right")
    table.add_column("keyword baseline", justify="right")
    triple = figures["type_source_target"]
    table.add_row(
        "coverage", f"{figures['coverage']:.3f}", f"{figures['baseline']['coverage']:.3f}"
    )
    table.add_row(
        "type accuracy",
        f"{figures['type_accuracy']:.3f}",
        f"{figures['baseline']['type_accuracy']:.3f}",
    )
    table.add_row(
        "type+source+target P / R / F1",
        f"{triple['precision']:.3f} / {triple['recall']:.3f} / {triple['f1']:.3f}",
        "",
    )
    table.add_row(
        f"status accuracy (of {figures['status_over']} typed right)",
        f"{figures['status_accuracy']:.3f}",
        "",
    )
    console.print(table)
    per_type = Table(title="per gold type: accuracy and main predicted types")
    for column in ("gold type", "sentences", "accuracy", "predicted"):
        per_type.add_column(column, justify="left" if column != "accuracy" else "right")
    for gold_type, row in figures["confusion"].items():
        counts = ", ".join(f"{t} {n}" for t, n in sorted(row.items(), key=lambda kv: -kv[1]))
        stats = figures["per_type"][gold_type]
        per_type.add_row(
            gold_type, str(stats["sentences"]), f"{stats['type_accuracy']:.2f}", counts
        )
    console.print(per_type)

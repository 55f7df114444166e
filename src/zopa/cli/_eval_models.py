"""``zopa eval models``: score the bargaining models on decisions with known outcomes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from zopa.cli._app import console
from zopa.cli._eval import eval_app
from zopa.errors import ConfigError, quoted

__all__ = ["eval_models"]


@eval_app.command("models")
def eval_models(
    dataset: Annotated[
        Path, typer.Argument(help="DEU .tsv file or plain CSV (see docs/models.md).")
    ],
    fmt: Annotated[str, typer.Option("--format", help="deu or csv.")] = "deu",
    capability: Annotated[
        str, typer.Option("--capability", help="DEU only: equal, gdp or council.")
    ] = "equal",
    model: Annotated[
        list[str] | None,
        typer.Option("--model", "-m", help="Registry name to score (repeatable; default: all)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the bootstrap.")] = 0,
    replicates: Annotated[
        int, typer.Option("--replicates", min=1, help="Bootstrap replicates.")
    ] = 2000,
    default_salience: Annotated[
        float,
        typer.Option("--default-salience", min=0, max=100, help="Salience (0-100) when missing."),
    ] = 50.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Mean/median absolute error, RMSE, hit rates and bootstrap intervals per model."""
    from zopa.models import evaluate, load_csv, load_deu

    if fmt == "deu":
        data = load_deu(dataset, capability=capability, default_salience=default_salience)
    elif fmt == "csv":
        data = load_csv(dataset, default_salience=default_salience)
    else:
        raise ConfigError(f"unknown --format {quoted(fmt)}; use deu or csv")
    report = evaluate(data, model or None, rng=seed, replicates=replicates)
    if as_json:
        console.print_json(json.dumps(report))
        return
    table = Table(title=f"{report['dataset']} — capability: {report['capability']}")
    for column in (
        "model",
        "n",
        "MAE",
        "median AE",
        "RMSE",
        "≤5",
        "≤10",
        "≤20",
        "ΔMAE vs compromise [95% CI]",
    ):
        table.add_column(column, justify="left" if column == "model" else "right", no_wrap=True)
    for row in report["results"]:
        low, high = row["ci95"]
        table.add_row(
            row["name"],
            str(row["n"]),
            f"{row['mae']:.2f}",
            f"{row['median_ae']:.2f}",
            f"{row['rmse']:.2f}",
            f"{row['within_5']:.0%}",
            f"{row['within_10']:.0%}",
            f"{row['within_20']:.0%}",
            f"{row['mae_diff_vs_compromise']:+.2f} [{low:+.2f}, {high:+.2f}]",
        )
    console.print(table)
    console.print(
        f"issues scored: {report['issues_scored']} of {report['issues_total']} "
        f"({report['groups_scored']} proposals); rule: {report['rule']}"
    )
    boot = report["bootstrap"]
    console.print(
        f"bootstrap: {boot['replicates']} replicates resampling {boot['resampled']}, "
        f"seed {report['seed']}"
    )
    for note in report["notes"]:
        console.print(f"note: {note}")

"""``zopa eval models``: score the bargaining models on decisions with known outcomes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from zopa.cli._app import console
from zopa.cli._eval import eval_app
from zopa.errors import ConfigError, quoted

__all__ = ["eval_models", "parse_params"]


def parse_params(values: list[str]) -> dict[str, dict[str, Any]]:
    """``["zopa.expected_utility.v1:rounds=8"]`` → ``{"zopa.expected_utility.v1": {"rounds": 8}}``.

    A value is read as JSON (``8``, ``0.5``, ``true``, ``["a", "b"]``, a list becoming
    a tuple) and otherwise taken as a string (``update=sequential``).
    """
    params: dict[str, dict[str, Any]] = {}
    for text in values:
        model, _, setting = text.partition(":")
        name, equals, raw = setting.partition("=")
        if not (model.strip() and name.strip() and equals):
            raise ConfigError(
                f"--param {quoted(text)} is not MODEL:NAME=VALUE; "
                "write e.g. --param zopa.expected_utility.v1:rounds=8"
            )
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        params.setdefault(model.strip(), {})[name.strip()] = (
            tuple(value) if isinstance(value, list) else value
        )
    return params


@eval_app.command("models")
def eval_models(
    dataset: Annotated[
        Path, typer.Argument(help="DEU .tsv file or plain CSV (see docs/models.md).")
    ],
    fmt: Annotated[str, typer.Option("--format", help="deu or csv.")] = "deu",
    capability: Annotated[
        str, typer.Option("--capability", help="DEU only: equal, gdp or council.")
    ] = "equal",
    scale: Annotated[
        str,
        typer.Option(
            "--scale",
            help="CSV only: scale of an issue without scale_min/scale_max: auto (0-100 unless "
            "values fall outside, then their range) or actors (the actors' range of positions).",
        ),
    ] = "auto",
    model: Annotated[
        list[str] | None,
        typer.Option("--model", "-m", help="Registry name to score (repeatable; default: all)."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            help="A model parameter other than its default, MODEL:NAME=VALUE (repeatable).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the bootstrap.")] = 0,
    replicates: Annotated[
        int, typer.Option("--replicates", min=1, help="Bootstrap replicates.")
    ] = 2000,
    default_salience: Annotated[
        float,
        typer.Option("--default-salience", min=0, max=100, help="Salience (0-100) when missing."),
    ] = 50.0,
    predictions: Annotated[
        bool, typer.Option("--predictions", help="Also print every scored issue's predictions.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Mean/median absolute error, RMSE, hit rates and bootstrap intervals per model."""
    from zopa.models import evaluate, load_csv, load_deu

    if fmt == "deu":
        if scale != "auto":
            raise ConfigError("--scale applies to --format csv only (DEU issues are 0-100)")
        data = load_deu(dataset, capability=capability, default_salience=default_salience)
    elif fmt == "csv":
        data = load_csv(dataset, default_salience=default_salience, scale=scale)
    else:
        raise ConfigError(f"unknown --format {quoted(fmt)}; use deu or csv")
    report = evaluate(
        data, model or None, rng=seed, replicates=replicates, params=parse_params(param or [])
    )
    if as_json:
        console.print_json(json.dumps(report))
        return
    _print_report(report)
    if predictions:
        _print_predictions(report)


def _print_report(report: dict[str, Any]) -> None:
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
        settings = ", ".join(f"{k}={v}" for k, v in row["params"].items())
        diff = _number(row["mae_diff_vs_compromise"], "+.2f")
        table.add_row(
            row["name"] + (f" ({settings})" if settings else ""),
            str(row["n"]),
            *(_number(row[key], ".2f") for key in ("mae", "median_ae", "rmse")),
            *(_number(row[f"within_{k}"], ".0%") for k in (5, 10, 20)),
            diff if diff == "—" else f"{diff} [{low:+.2f}, {high:+.2f}]",
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


def _number(value: float | None, spec: str) -> str:
    """``value`` formatted, or a dash where there is none (``None`` or ``nan``)."""
    return "—" if value is None or value != value else format(value, spec)


def _short(name: str) -> str:
    """``zopa.expected_utility.v1`` → ``expected_utility``; baselines keep their kind."""
    return name.removeprefix("zopa.").rsplit(".v", 1)[0].replace("baseline.", "base: ")


def _print_predictions(report: dict[str, Any]) -> None:
    names = [row["name"] for row in report["results"]]
    table = Table(title="predictions per scored issue")
    table.add_column("issue")
    for column in ("outcome", *map(_short, names)):
        table.add_column(column, justify="right")
    for issue in report["issues"]:
        label = issue["issue"] if issue["group"] == issue["issue"] else "{group}: {issue}"
        table.add_row(
            label.format(**issue),
            _number(issue["outcome"], ".2f"),
            *(_number(issue["predicted"][name], ".2f") for name in names),
        )
    console.print(table)

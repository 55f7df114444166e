"""``zopa report``: the self-contained HTML report of a scenario over the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli._app import console, iso_date_option, out_folder, state
from zopa.cli._placeholders import AllowPlaceholdersOption, load_computable, print_banner

__all__ = ["register"]


def report(
    ctx: typer.Context,
    scenario_file: Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)],
    out: Annotated[
        Path,
        typer.Option(
            "-o",
            "--out",
            help="Folder to write SCENARIO_ID.html into (made if missing; its parent must exist).",
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Evidence published and forecasts made by this date, YYYY-MM-DD "
            "(default: every stored document; forecasts as of the scenario's date).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Monte Carlo seed of the intervals.")] = 2025,
    allow_placeholders: AllowPlaceholdersOption = False,
) -> None:
    """Write one self-contained HTML file: the scenario, the models and ZOPA, the
    forecasts and scores, the timeline and every piece of evidence, linked to its
    highlighted sentence. Opens offline; the same inputs give the same bytes."""
    from zopa.report import drawing, solving, write_report

    day = iso_date_option(as_of, "--as-of")
    out_folder(out)
    # The drawer starts first (vl-convert's start-up), the solve once the scenario is read:
    # both run while this process reads the scenario, opens the store and imports the rest.
    with drawing() as draw:
        scenario = load_computable(scenario_file, allow_placeholders)
        print_banner(scenario)
        with solving(scenario, seed) as solved:
            store = state(ctx).store()
            path = write_report(store, scenario, out, as_of=day, seed=seed, helpers=(solved, draw))
    console.print(f"wrote {path}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``report`` to ``app``."""
    app.command("report")(report)

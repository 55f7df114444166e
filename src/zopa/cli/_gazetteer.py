"""``zopa gazetteer``: review what extraction could not resolve for sure."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli._app import err_console, store_of

__all__ = ["register"]

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="Review the actor gazetteer against the evidence in the store.",
    no_args_is_help=True,
)


@gazetteer_app.command("suggest")
def suggest(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the YAML here (default: stdout).")
    ] = None,
    gazetteer: Annotated[
        list[Path] | None,
        typer.Option("--gazetteer", help="A YAML gazetteer added to the shipped one (repeatable)."),
    ] = None,
    min_mentions: Annotated[
        int,
        typer.Option("--min-mentions", min=1, help="Mentions an unknown name needs to be listed."),
    ] = 2,
) -> None:
    """Write the gazetteer entries to confirm: unknown names, titled people, unsure choices."""
    from zopa.extract import load_gazetteer
    from zopa.extract._suggest import suggest_gazetteer

    text = suggest_gazetteer(
        store_of(ctx), gazetteer=load_gazetteer(gazetteer or ()), min_mentions=min_mentions
    )
    if out is None:
        typer.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    err_console.print(
        f"wrote {out}; review it, then run `zopa extract --gazetteer {out}`", markup=False
    )


def register(app: typer.Typer) -> None:
    """Add ``gazetteer suggest`` to ``app``."""
    app.add_typer(gazetteer_app)

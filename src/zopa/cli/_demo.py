"""``zopa demo``: the main job on the bundled example corpus, stage by stage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli._app import console, state
from zopa.cli._docs import documents_table
from zopa.cli._ingest import render_report
from zopa.ingest import ingest_paths
from zopa.store import list_documents

__all__ = ["register"]


def demo(
    ctx: typer.Context,
    corpus: Annotated[
        Path, typer.Argument(help="Folder of articles to run on.", show_default=True)
    ] = Path("examples/corpus"),
) -> None:
    """Run the pipeline on the example corpus and print what each stage found."""
    cli = state(ctx)
    if not corpus.is_dir():
        raise typer.BadParameter(f"{corpus} is not a folder", param_hint="CORPUS")
    store = cli.store()
    console.rule(f"[bold]1. ingest[/] {corpus} → {store.display_url}")
    report = ingest_paths(store, [corpus], max_file_bytes=cli.settings.max_file_bytes)
    render_report(report)
    console.print(documents_table(list_documents(store), title="stored documents"))


def register(app: typer.Typer) -> None:
    """Add ``demo`` to ``app``."""
    app.command("demo")(demo)

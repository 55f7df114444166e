"""``zopa ingest PATH...``: read articles into the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from zopa.cli._app import console, err_console, progress_bar, state
from zopa.files import MAX_FILE_BYTES

if TYPE_CHECKING:
    from zopa.ingest import IngestReport

__all__ = ["register", "render_report"]

_PROGRESS_MIN_FILES = 6


def _line(label: str, message: str) -> None:
    """One line on stderr, whatever white space the message holds."""
    err_console.print(f"{label}: {' '.join(message.split())}", markup=False)


def render_report(report: IngestReport) -> None:
    """Print failures and warnings (stderr, one line each) and the summary table."""
    for outcome in report.outcomes:
        if outcome.status == "failed":
            _line("error", outcome.message or outcome.source)
        elif outcome.status == "duplicate":
            _line("duplicate", f"{outcome.source}: {outcome.message}")
        for warning in outcome.warnings:
            _line("warning", warning)
    table = Table(title="ingest summary")
    for column in ("ingested", "duplicates", "failed"):
        table.add_column(column, justify="right")
    table.add_row(
        str(report.count("ingested")), str(report.count("duplicate")), str(report.count("failed"))
    )
    console.print(table)


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes", min=1, max=MAX_FILE_BYTES, help="Largest file accepted (default 10 MB)."
        ),
    ] = None,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links",
            help="Read symbolic links that lead out of a folder (refused by default).",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=256,
            help="Processes reading the files while this one writes them (default: the "
            "machine's CPUs, at most 4); the store ends the same whatever their number.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ingest article files (.txt, .md, .html, .jsonl) and folders of them."""
    from zopa.ingest import Preparers, collect_files, default_workers, ingest_paths

    cli = state(ctx)
    limit = max_bytes or cli.settings.max_file_bytes
    files, missing = collect_files(paths, follow_links=follow_links)
    # The workers are forked before the store is opened and the progress bar's thread
    # starts, so they copy neither (see zopa.ingest.Preparers).
    with Preparers(workers or default_workers(), len(files)) as preparers:
        store = cli.store()
        if len(files) >= _PROGRESS_MIN_FILES:
            with progress_bar("ingesting") as progress:
                task = progress.add_task("ingest", total=len(files))
                report = ingest_paths(
                    store,
                    paths,
                    max_file_bytes=limit,
                    files=files,
                    on_file_done=lambda _path: progress.advance(task),
                    workers=preparers,
                )
        else:
            report = ingest_paths(
                store, paths, max_file_bytes=limit, files=files, workers=preparers
            )
    report.outcomes[:0] = missing
    render_report(report)
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``ingest`` to ``app``."""
    app.command("ingest")(ingest)

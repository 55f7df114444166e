"""``zopa docs``: list and show stored documents."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from zopa.cli._app import console, iso_date_option, parse_id, store_of
from zopa.cli._console import styled

if TYPE_CHECKING:
    from zopa.store import DocumentRecord

__all__ = ["register"]

docs_app = typer.Typer(help="List and show stored documents.", no_args_is_help=True)


def documents_table(docs: list[DocumentRecord], title: str = "documents") -> Table:
    """A rich table of documents: id, date, outlet, title, words, language."""
    table = Table(title=title)
    table.add_column("id", justify="right", min_width=3, no_wrap=True)
    table.add_column("date", min_width=10, no_wrap=True)
    table.add_column("outlet", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("title", overflow="fold")
    table.add_column("words", justify="right", min_width=5, no_wrap=True)
    table.add_column("lang", min_width=4, no_wrap=True)
    for doc in docs:
        table.add_row(
            str(doc.id),
            doc.published_at.isoformat() if doc.published_at else "—",
            doc.outlet or "—",
            doc.title or "",
            str(doc.word_count),
            styled(doc.language, "" if doc.language == "en" else "yellow"),
        )
    return table


@docs_app.command("list")
def list_command(
    ctx: typer.Context,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    since: Annotated[
        str | None, typer.Option("--from", help="Published on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Published on or before (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON array.")] = False,
) -> None:
    """List stored documents."""
    from zopa.store import DocumentFilter, list_documents

    filters = DocumentFilter(
        outlet=outlet,
        language=language,
        published_from=iso_date_option(since, "--from"),
        published_to=iso_date_option(until, "--to"),
    )
    docs = list_documents(store_of(ctx), filters)
    if as_json:
        typer.echo(json.dumps([d.summary() for d in docs], ensure_ascii=False, indent=2))
    else:
        console.print(documents_table(docs))


# "-1" is a bad id, not an unknown option.
@docs_app.command("show", context_settings={"ignore_unknown_options": True})
def show_command(
    ctx: typer.Context,
    document_id: Annotated[
        int,
        typer.Argument(parser=parse_id, help="Document id (see `zopa docs list`)."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Show one document with its text."""
    from zopa.store import get_document

    doc = get_document(store_of(ctx), document_id)
    if as_json:
        typer.echo(json.dumps(doc.summary() | {"text": doc.text}, ensure_ascii=False, indent=2))
        return
    console.print(documents_table([doc], title=f"document {doc.id}"))
    console.print(f"source: {doc.source}")
    console.print(doc.text)


def register(app: typer.Typer) -> None:
    """Add the ``docs`` group to ``app``."""
    app.add_typer(docs_app, name="docs")

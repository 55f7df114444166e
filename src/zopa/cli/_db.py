"""``zopa db``: store maintenance."""

from __future__ import annotations

import typer

from zopa.cli._app import console, state

__all__ = ["register"]

db_app = typer.Typer(help="Store maintenance.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Migrate the store to the newest schema (also done automatically on first use)."""
    store = state(ctx).store()
    console.print(f"store at {store.display_url} is up to date")


def register(app: typer.Typer) -> None:
    """Add the ``db`` group to ``app``."""
    app.add_typer(db_app, name="db")

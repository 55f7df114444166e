"""``zopa serve``: the dashboard and the JSON API over the store, on uvicorn."""

from __future__ import annotations

import gc
import os
from typing import Annotated

import typer

from zopa.cli._app import err_console, state

__all__ = ["register"]

DEFAULT_PORT = 8000


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on. Anything but loopback needs $ZOPA_API_TOKEN "
            "(writes then need it as a bearer token).",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = DEFAULT_PORT,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Refuse every write (uploads, questions, prices).")
    ] = False,
) -> None:
    """Serve the dashboard and the JSON API (/api/v1, described at /openapi.json).

    Listens on loopback by default. With $ZOPA_API_TOKEN set, every write needs
    the header 'Authorization: Bearer TOKEN'. Ctrl-C stops it at once.
    """
    import uvicorn

    from zopa.web import ServeConfig, create_app
    from zopa.web._security import TOKEN_VARIABLE, check_bind

    token = os.environ.get(TOKEN_VARIABLE) or None
    check_bind(host, token)
    cli = state(ctx)
    config = ServeConfig(cli.settings.database_url, read_only=read_only, token=token)
    app = create_app(config, store=cli.store())
    where = f"[{host}]" if ":" in host else host
    err_console.print(
        f"serving {cli.store().display_url} on http://{where}:{port}/"
        + (" (read-only)" if read_only else "")
        + (" — writes need the bearer token" if token and not read_only else ""),
        markup=False,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    # Stopped (Ctrl-C). Leave the heap as it is: the interpreter's last full garbage
    # collection, over the hundreds of thousands of objects the dashboard's libraries
    # hold, took seconds on a busy machine before the prompt came back. Exit handlers
    # still run and the store is closed as after any command.
    gc.freeze()


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)

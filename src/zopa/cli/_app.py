"""The root ``zopa`` command: global options and the store every command shares."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zopa.errors import ZopaError
from zopa.settings import Settings
from zopa.store import Store, open_store

__all__ = [
    "CliState",
    "app",
    "console",
    "err_console",
    "iso_date_option",
    "progress_bar",
    "state",
    "store_of",
]

# Tables written to a pipe or file get a fixed, comfortable width instead of rich's 80.
_PIPE_WIDTH = 132
console = Console(width=None if sys.stdout.isatty() else _PIPE_WIDTH)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class CliState:
    """What the root callback parsed, shared with every command through ``ctx.obj``."""

    settings: Settings
    debug: bool = False
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        """Open (and migrate) the configured store once per invocation."""
        if self._store is None:
            self._store = open_store(self.settings.database_url)
        return self._store


def _one_line(message: str) -> str:
    return " ".join(message.split())


class _ZopaGroup(typer.core.TyperGroup):
    """Answers every user error with one line on stderr and a non-zero exit status.

    A :class:`ZopaError` exits 1 (``--debug`` shows its traceback); a bad
    command-line value exits 2 with click's message on one line.
    """

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            if not standalone_mode:
                raise
            err_console.print("error: interrupted; every document stored so far is whole")
            sys.exit(130)
        except Exception as exc:
            # Usage errors: typer vendors click, so match click's exception by its interface.
            if standalone_mode and hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
                command = getattr(getattr(exc, "ctx", None), "command_path", None)
                where = f" (see `{command} --help`)" if command else ""
                message = _one_line(exc.format_message())
                err_console.print(f"error: {message}{where}", markup=False)
                sys.exit(exc.exit_code)
            raise
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ZopaError as exc:
            obj = ctx.obj
            if isinstance(obj, CliState) and obj.debug:
                raise
            err_console.print(f"error: {_one_line(str(exc))}", markup=False)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_ZopaGroup,
    name="zopa",
    help="Turn news coverage of a negotiation into an evidence-linked model of the talks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLAlchemy database URL (default: $ZOPA_DATABASE_URL or sqlite:///zopa.db).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """zopa: negotiations from the news, as evidence-linked data and models."""
    settings = Settings()
    if db is not None:
        settings = settings.model_copy(update={"database_url": db})
    ctx.obj = CliState(settings=settings, debug=debug)


def state(ctx: typer.Context) -> CliState:
    """The :class:`CliState` of this invocation."""
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj


def store_of(ctx: typer.Context) -> Store:
    """The store of this invocation, opened and migrated on first use."""
    return state(ctx).store()


def progress_bar(label: str) -> Progress:
    """A transient progress bar on stderr: ``label``, bar, done/total, elapsed time."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def iso_date_option(value: str | None, option: str) -> date | None:
    """Parse a YYYY-MM-DD command-line value; a bad one is a usage error naming ``option``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=option) from None

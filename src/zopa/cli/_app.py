"""The root ``zopa`` command: global options and the store every command shares."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zopa.cli._console import console, err_console
from zopa.errors import ConfigError, ZopaError, one_line, quoted
from zopa.files import display_path

if TYPE_CHECKING:  # the settings need pydantic-settings, the store SQLAlchemy: import on use
    from zopa.settings import Settings
    from zopa.store import Store

__all__ = [
    "INTERRUPTED",
    "MAX_ID",
    "CliState",
    "app",
    "chart_base",
    "console",
    "err_console",
    "iso_date_option",
    "parse_id",
    "progress_bar",
    "state",
    "store_of",
]

INTERRUPTED = "error: interrupted; every document stored so far is whole"
MAX_ID = 2**31 - 1
"""The largest row id: the store's ids are SQL ``INTEGER``, 32 bits on PostgreSQL."""


@dataclass
class CliState:
    """What the root callback parsed, shared with every command through ``ctx.obj``."""

    database_url: str | None = None
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        """The environment's settings and ``--db``, read when a command first needs them.

        So a bad ``ZOPA_*`` variable is one error line from the commands that use the
        settings, and ``--help`` or ``zopa solve`` still work.
        """
        if self._settings is None:
            from zopa.settings import load_settings

            settings = load_settings()
            if self.database_url is not None:
                settings = settings.model_copy(update={"database_url": self.database_url})
            self._settings = settings
        return self._settings

    def store(self) -> Store:
        """Open (and migrate) the configured store once per invocation."""
        if self._store is None:
            from zopa.store import open_store

            self._store = open_store(self.settings.database_url)
        return self._store

    def existing_store(self) -> Store | None:
        """The store when ``--db`` names one or the configured one exists; never creates one.

        Without ``--db`` only the store's URL is read from the environment (another
        setting that is wrong does not matter here), and the store is opened only
        when it is there.
        """
        if self._store is None:
            from zopa.settings import configured_database_url, store_exists

            url = self.database_url or configured_database_url()
            if self.database_url is None and not store_exists(url):
                return None
            from zopa.store import open_store

            self._store = open_store(url)
        return self._store


class _ZopaGroup(typer.core.TyperGroup):
    """Answers every user error with one line on stderr and a non-zero exit status.

    A :class:`ZopaError` exits 1 (``--debug`` shows its traceback); a bad
    command-line value exits 2 with click's message on one line; Ctrl-C exits
    130 with :data:`INTERRUPTED`. Every message is cut to a line by
    :func:`zopa.errors.one_line`.
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
            err_console.print(INTERRUPTED)
            sys.exit(130)
        except Exception as exc:
            # Usage errors: typer vendors click, so match click's exception by its interface.
            if standalone_mode and hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
                command = getattr(getattr(exc, "ctx", None), "command_path", None)
                where = f" (see `{command} --help`)" if command else ""
                err_console.print(one_line(f"error: {exc.format_message()}{where}"))
                sys.exit(exc.exit_code)
            raise
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # typer would turn it into a silent exit 130; abort, so main() says why.
            raise typer.Abort() from None
        except (ZopaError, OSError) as exc:
            obj = ctx.obj
            if isinstance(obj, CliState) and obj.debug:
                raise
            err_console.print(one_line(f"error: {_describe(exc)}"))
            raise typer.Exit(1) from None


def _describe(exc: ZopaError | OSError) -> str:
    """A user error's message; for an operating-system error, the file and the reason.

    OS errors reach here from paths the user gave that no reader checked first (a
    name too long for the file system, a folder that vanished): the user's to fix,
    so they get one line, not a traceback.
    """
    if isinstance(exc, ZopaError):
        return str(exc)
    reason = exc.strerror or type(exc).__name__
    return f"{display_path(exc.filename)}: {reason}" if exc.filename else reason


app = typer.Typer(
    cls=_ZopaGroup,
    name="zopa",
    help="Turn news coverage of a negotiation into an evidence-linked model of the talks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    epilog=(
        "Exit status: 0 done; 1 an error, told on one line on stderr; 2 a malformed command "
        "line; 130 interrupted (Ctrl-C), every document stored so far being whole."
    ),
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
    ctx.obj = CliState(database_url=db, debug=debug)


def state(ctx: typer.Context) -> CliState:
    """The :class:`CliState` of this invocation."""
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj


def store_of(ctx: typer.Context) -> Store:
    """The store of this invocation, opened and migrated on first use."""
    return state(ctx).store()


def progress_bar(label: str) -> Progress:
    """A transient progress bar on stderr: ``label``, bar, done/total, elapsed time.

    Shown on a terminal only: piped or redirected, stderr keeps only its message lines.
    """
    return Progress(
        TextColumn(label, markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


def iso_date_option(value: str | None, option: str) -> date | None:
    """Parse a YYYY-MM-DD command-line value; a bad one is a usage error naming ``option``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{quoted(value)} is not a date YYYY-MM-DD", param_hint=option
        ) from None


class DefaultCommandGroup(typer.core.TyperGroup):
    """A group whose unknown first argument goes to its ``default_command`` ("zopa forecast
    SCENARIO" is "zopa forecast run SCENARIO")."""

    default_command = "run"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [self.default_command, *args]
        return list(super().parse_args(ctx, args))


def _not_a_folder(option: str, path: Path, folder: Path) -> None:
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ConfigError(f"{option} {path}: the folder {folder} {what}; create it first")


def chart_base(chart: Path) -> Path:
    """Refuse, before any work, a ``--chart`` path whose folder does not exist."""
    _not_a_folder("--chart", chart, chart.parent)
    return chart


def out_folder(out: Path, option: str = "-o") -> Path:
    """Refuse, before any work, an output folder that is a file or whose parent does not
    exist: zopa makes the last folder only, so a mistyped path writes nothing anywhere."""
    _not_a_folder(option, out, out if out.exists() else out.parent)
    return out


def parse_id(value: str) -> int:
    """A row id from the command line (``parser=`` of an id option or argument).

    A usage error unless ``value`` is a whole number from 1 to :data:`MAX_ID`:
    a larger one could not be stored, and would crash the database driver.
    """
    try:
        number = int(value)
    except ValueError:  # not a number, or more digits than int() accepts
        number = 0
    if not 1 <= number <= MAX_ID:
        raise typer.BadParameter(f"ids are whole numbers from 1 to {MAX_ID}, not {quoted(value)}")
    return number

"""Generate ``docs/cli.md`` from the commands' own ``--help`` texts.

Run ``python -m zopa.cli._reference > docs/cli.md`` (``make docs``); a test fails when the
file is out of date, so the reference always matches the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

__all__ = ["render_reference"]


def _walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    yield path, command
    for name in sorted(getattr(command, "commands", {}) or {}):
        sub = command.commands[name]
        if not getattr(sub, "hidden", False):
            yield from _walk(sub, [*path, name])


def render_reference() -> str:
    """The CLI reference in Markdown: one section per command with its help text."""
    from zopa.cli import app

    root = typer.main.get_command(app)
    lines = [
        "# Command-line reference",
        "",
        "Generated from the commands' `--help` by `python -m zopa.cli._reference`; do not edit.",
        "",
    ]
    for path, command in _walk(root, ["zopa"]):
        ctx = typer.Context(
            command, info_name=" ".join(path), terminal_width=100, max_content_width=100
        )
        lines += [f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_reference(), end="")

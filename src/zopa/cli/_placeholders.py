"""``--allow-placeholders``: the option and banner of the commands that compute from a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zopa.cli._console import console

if TYPE_CHECKING:
    from zopa.scenario import Scenario

__all__ = ["AllowPlaceholdersOption", "load_computable", "print_banner"]

AllowPlaceholdersOption = Annotated[
    bool,
    typer.Option(
        "--allow-placeholders",
        help="Compute even if values are still `placeholder: true` (a draft's stand-ins); "
        "every output then says so. Without it such a scenario is refused.",
    ),
]


def load_computable(path: Path, allow_placeholders: bool) -> Scenario:
    """The scenario at ``path``, placeholders refused unless allowed (``load_for_models``)."""
    from zopa.scenario import load_for_models

    return load_for_models(path, allow_placeholders=allow_placeholders)


def print_banner(scenario: Scenario) -> None:
    """Print the placeholder banner as the first line of a text output (nothing without any)."""
    from zopa.scenario import placeholder_banner

    banner = placeholder_banner(scenario)
    if banner is not None:
        console.print(banner, style="bold red")

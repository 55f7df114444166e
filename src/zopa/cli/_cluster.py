"""The ``--ray ADDRESS|local`` option of ``zopa extract``, ``forecast`` and ``backtest``."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["RayOption"]

RayOption = Annotated[
    str | None,
    typer.Option(
        "--ray",
        metavar="ADDRESS|local",
        help="Run on a Ray cluster: 'local' starts one on this machine, an address "
        "(HOST:6379) joins a running one. Needs pip install 'zopa[ray]'.",
        show_default=False,
    ),
]

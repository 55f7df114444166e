"""The ``zopa`` command line: thin commands over the library API.

Each module registers its commands on the root :data:`app`; none holds business logic.
"""

from __future__ import annotations

import sys

from zopa.cli import (
    _db,
    _demo,
    _docs,
    _eval,
    _extract,
    _forecast,
    _ingest,
    _questions,
    _scenario,
)
from zopa.cli._app import app

__all__ = ["app", "main"]

for _module in (_db, _ingest, _docs, _extract, _scenario, _questions, _forecast, _eval, _demo):
    _module.register(app)


def main() -> None:
    """Entry point of the ``zopa`` console script."""
    sys.exit(app(standalone_mode=True))

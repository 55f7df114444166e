"""The ``zopa`` command line: thin commands over the library API.

Each module registers its commands on the root :data:`app`; none holds business logic.
"""

from __future__ import annotations

import os
import sys

# zopa spreads its own array work over the cores (Monte Carlo refits, kernels); BLAS
# threads on top of that oversubscribe them: OpenBLAS's threaded path for 100 × 100
# systems and up then runs 10–40 times slower. One BLAS thread, unless the user says
# otherwise. Set before numpy is first imported, which reads it once.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from zopa.cli import (
    _backtest,
    _db,
    _demo,
    _docs,
    _eval,
    _extract,
    _forecast,
    _gazetteer,
    _ingest,
    _questions,
    _report,
    _scenario,
    _serve,
    _simulate,
)
from zopa.cli._app import app

__all__ = ["app", "main"]

for _module in (
    _db,
    _ingest,
    _docs,
    _extract,
    _gazetteer,
    _scenario,
    _simulate,
    _questions,
    _forecast,
    _backtest,
    _report,
    _eval,
    _serve,
    _demo,
):
    _module.register(app)


def main() -> None:
    """Entry point of the ``zopa`` console script."""
    sys.exit(app(standalone_mode=True))

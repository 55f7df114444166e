"""Defaults and bounds of the work a solve may ask for, importable without numpy.

The command line shows them in ``zopa solve --help``, and typer builds every
command's options on each run, so they live apart from the models that enforce
them: any command, ``--help`` included, would otherwise import numpy and the
models first. The modules that use them import them from here.
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_LOOP_DRAWS",
    "MAX_DRAWS",
    "MAX_LOOP_DRAWS",
    "MAX_RUNS",
    "MIB",
    "MIN_MEMORY_BUDGET",
    "MIN_REFITS",
    "REFIT_SECONDS",
]

MIB = 1024 * 1024
MIN_MEMORY_BUDGET = 64 * MIB
"""Smallest budget accepted; below it even small scenarios would be refused."""

DEFAULT_DRAWS = 2000
DEFAULT_LOOP_DRAWS = 200
MAX_DRAWS = 1_000_000
"""Most Monte Carlo draws accepted (checked before anything is allocated)."""
MAX_RUNS = 1_000_000
"""Most runs one simulation accepts (``zopa simulate --runs``)."""
MAX_LOOP_DRAWS = 10_000
"""Most draws a model without a vectorised kernel is refitted on (one full fit each)."""
REFIT_SECONDS = 20.0
"""Default refit budget: estimated seconds (one core) of Monte Carlo refits per model."""
MIN_REFITS = 10
"""Fewest draws a model is refitted on under a refit budget, however slow its fits."""

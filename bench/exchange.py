"""Speed and memory of the exchange model (not a test): `.venv/bin/python bench/exchange.py`.

Target (zopa issue 8): 100 actors x 50 issues in a few seconds, memory within
``zopa.models._exchange.MEMORY_BUDGET`` whatever the size. Times are the best of
three fits; the peak is the traced peak of numpy and Python allocations in a
separate fit (tracing slows it down).
"""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

import numpy as np

from zopa.models import BargainingProblem, ExchangeModel

CASES: tuple[tuple[int, int, dict[str, Any]], ...] = (
    (100, 50, {"variant": "equal_gain"}),
    (100, 50, {"variant": "random_rate"}),
    (40, 12, {"update": "sequential"}),
)


def problem(n: int, m: int, rng: np.random.Generator) -> BargainingProblem:
    return BargainingProblem(
        actors=tuple(f"a{i}" for i in range(n)),
        issues=tuple(f"i{j}" for j in range(m)),
        positions=rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], (n, m)),
        salience=rng.uniform(0.1, 1.0, (n, m)),
        capability=rng.uniform(1, 30, n),
        reference=np.full(m, np.nan),
    )


def main() -> None:
    rng = np.random.default_rng(0)
    for n, m, params in CASES:
        p = problem(n, m, rng)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            fitted = ExchangeModel(**params).fit(p)
            best = min(best, time.perf_counter() - start)
        tracemalloc.start()
        ExchangeModel(**params).fit(p)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        made = len(fitted.prediction_.details["exchanges"])
        label = ", ".join(f"{k}={v}" for k, v in params.items())
        print(
            f"{n:4d} actors x {m:3d} issues ({label}): {best:6.2f} s, "
            f"{made} exchanges, traced peak {peak / 2**20:.0f} MiB"
        )


if __name__ == "__main__":
    main()

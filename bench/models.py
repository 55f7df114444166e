"""Speed of zopa's bargaining models (not a test): `.venv/bin/python bench/models.py`.

Targets: every static model on 300 issues × 15 actors in under 1 s, and at least
1,000,000 Monte Carlo draws per second for the compromise and median kernels on a
15-actor issue (2 cores). The 300 issues come as 100 proposals of 3 issues, the
shape of DEU (the exchange model trades across the issues of one proposal).
"""

from __future__ import annotations

import time

import numpy as np

from zopa.models import BargainingProblem, compromise_outcome, weighted_median_outcome
from zopa.registry import models

ACTORS, PROPOSALS, ISSUES_EACH, DRAWS = 15, 100, 3, 1_000_000


def proposals(rng: np.random.Generator) -> list[BargainingProblem]:
    out = []
    for p in range(PROPOSALS):
        out.append(
            BargainingProblem(
                actors=tuple(f"a{i}" for i in range(ACTORS)),
                issues=tuple(f"p{p}i{j}" for j in range(ISSUES_EACH)),
                positions=rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], (ACTORS, ISSUES_EACH)),
                salience=rng.uniform(0.1, 1.0, (ACTORS, ISSUES_EACH)),
                capability=rng.uniform(1, 30, ACTORS),
                reference=rng.choice([0.0, 100.0], ISSUES_EACH),
            )
        )
    return out


def best_of(times: int, work: object) -> float:
    assert callable(work)
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    rng = np.random.default_rng(0)
    problems = proposals(rng)
    print(f"static models, {PROPOSALS * ISSUES_EACH} issues x {ACTORS} actors (best of 3):")
    total = 0.0
    for name in models.names():
        if not name.startswith("zopa."):
            continue
        model = models.get(name)()
        seconds = best_of(3, lambda m=model: [m.fit(p) for p in problems])
        total += seconds
        print(f"  {name:28s} {seconds:7.3f} s")
    print(f"  {'all models':28s} {total:7.3f} s")
    x = rng.uniform(0, 100, (DRAWS, ACTORS))
    w = rng.uniform(0, 1, (DRAWS, ACTORS))
    print(f"Monte Carlo kernels, {DRAWS:,} draws x {ACTORS} actors (best of 3):")
    for kernel in (compromise_outcome, weighted_median_outcome):
        seconds = best_of(3, lambda k=kernel: k(x, w))
        print(f"  {kernel.__name__:28s} {DRAWS / seconds:13,.0f} draws/s")


if __name__ == "__main__":
    main()

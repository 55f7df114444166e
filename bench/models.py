"""Speed of zopa's bargaining models (not a test): `.venv/bin/python bench/models.py`.

Targets: every static model on 300 issues × 15 actors in under 1 s, and at least
1,000,000 Monte Carlo draws per second for the compromise and median kernels on a
15-actor issue (2 cores). The 300 issues come as 100 proposals of 3 issues, the
shape of DEU (the exchange model trades across the issues of one proposal).

Then ``zopa solve`` end to end on a generated 100 actors × 50 issues scenario
(seed 0) with default draws: target under 60 s and under 2 GB on 2 cores, with
every model, and again without the exchange model (and the ensemble, which
averages it in). Each solve runs as a subprocess; its wall time, CPU time and
peak resident memory come from the operating system (``os.wait4``).
``--solve-only`` skips the first two parts; ``--timeout S`` bounds each solve.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

from zopa.models import BargainingProblem, compromise_outcome, weighted_median_outcome
from zopa.registry import models
from zopa.scenario import synthetic_scenario

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


def solve(path: Path, names: list[str], timeout: float) -> str:
    """Run ``zopa solve`` on ``path`` with ``names``: wall and CPU time, peak RSS, as text."""
    args = [sys.executable, "-m", "zopa", "solve", str(path), "--json", "--seed", "0"]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [*args, "--models", ",".join(names)], stdout=subprocess.DEVNULL, stderr=errors
        )
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        while not pid:
            if time.perf_counter() - start > timeout:
                child.kill()
                child.wait()
                return f"over {timeout:.0f} s (stopped)"
            time.sleep(0.1)
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            return f"failed: {errors.read().decode(errors='replace').strip().splitlines()[-1]}"
    cpu = usage.ru_utime + usage.ru_stime
    return f"{wall:6.1f} s wall, {cpu:6.1f} s CPU, {usage.ru_maxrss / 1024:5.0f} MB peak RSS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--solve-only", action="store_true", help="only the solve case")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per solve")
    options = parser.parse_args()
    if not options.solve_only:
        static_and_kernels()
    names = [name for name in models.names() if name.startswith("zopa.")]
    without = [n for n in names if n not in ("zopa.exchange.v1", "zopa.ensemble.v1")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic-100x50.yaml"
        path.write_text(yaml.safe_dump(synthetic_scenario(100, 50, seed=0)), encoding="utf-8")
        print("zopa solve, 100 actors x 50 issues, default draws (2,000; 200 refits):")
        for label, chosen in (("every model", names), ("without exchange, ensemble", without)):
            print(f"  {label:28s} {solve(path, chosen, options.timeout)}")


def static_and_kernels() -> None:
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

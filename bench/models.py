"""Speed of zopa's bargaining models (not a test): `.venv/bin/python bench/models.py`.

Targets: every static model on 300 issues × 15 actors in under 1 s, and at least
1,000,000 Monte Carlo draws per second for the compromise and median kernels on a
15-actor issue (2 cores). The 300 issues come as 100 proposals of 3 issues, the
shape of DEU (the exchange model trades across the issues of one proposal).

Then ``zopa solve`` end to end on a generated 100 actors × 50 issues scenario
(seed 0) with default draws: target under 60 s and under 2 GB on 2 cores, with
every model, again without the exchange model (and the ensemble, which
averages it in), and with every model refitted on all 200 loop draws
(``--refit-budget 0``; by default the refit budget refits slow models on fewer,
and the line says how many each got). Each solve runs as a subprocess; its wall
time, and the CPU time and peak memory (PSS) of it and its worker processes, read
from ``/proc`` (Linux).
Before the solve, one fit of each model refitted per draw (no vectorised kernel)
on that scenario's problem, best of five, wall and CPU time: 200 of them per
model make the solve's refits. ``--solve-only`` skips the first two parts;
``--timeout S`` bounds each solve.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

from zopa.models import BargainingProblem, compromise_outcome, weighted_median_outcome
from zopa.models._montecarlo import VECTORISED
from zopa.registry import models
from zopa.scenario import loads_scenario, synthetic_scenario, to_problem

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


def solve(path: Path, names: list[str], timeout: float, *extra: str) -> str:
    """Run ``zopa solve`` on ``path`` with ``names``: wall time, CPU time and peak memory.

    The solve's worker processes count too: every 0.1 s the process tree is read
    from ``/proc`` (Linux), its CPU time summed and its memory summed as PSS
    (shared pages split between the processes sharing them).
    """
    args = [sys.executable, "-m", "zopa", "solve", str(path), "--json", "--seed", "0"]
    start = time.perf_counter()
    cpu: dict[int, float] = {}
    peak = 0
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        child = subprocess.Popen(
            [*args, "--models", ",".join(names), *extra], stdout=output, stderr=errors
        )
        while child.poll() is None:
            if time.perf_counter() - start > timeout:
                child.kill()
                child.wait()
                return f"over {timeout:.0f} s (stopped)"
            memory = 0
            for pid in _tree(child.pid):
                seconds, pss = _usage(pid)
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
                memory += pss
            peak = max(peak, memory)
            time.sleep(0.1)
        wall = time.perf_counter() - start
        if child.returncode:
            errors.seek(0)
            return f"failed: {errors.read().decode(errors='replace').strip().splitlines()[-1]}"
        output.seek(0)
        refitted = [m for m in json.loads(output.read())["models"] if not m["vectorised"]]
    total, mb = sum(cpu.values()), peak / 2**20
    draws = ", ".join(f"{m['name'].split('.')[1]} {m['draws']}" for m in refitted)
    return (
        f"{wall:6.1f} s wall, {total:6.1f} s CPU, {mb:5.0f} MB peak PSS (all processes); "
        f"refits: {draws}"
    )


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it, from ``/proc``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


def _usage(pid: int) -> tuple[float, int]:
    """CPU seconds and proportional set size (bytes) of ``pid``; zeros once it is gone."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        rollup = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0.0, 0
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    pss = next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return seconds, pss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--solve-only", action="store_true", help="only the solve case")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per solve")
    options = parser.parse_args()
    if not options.solve_only:
        static_and_kernels()
    names = [name for name in models.names() if name.startswith("zopa.")]
    without = [n for n in names if n not in ("zopa.exchange.v1", "zopa.ensemble.v1")]
    text = yaml.safe_dump(synthetic_scenario(100, 50, seed=0))
    refits(to_problem(loads_scenario(text)), names)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic-100x50.yaml"
        path.write_text(text, encoding="utf-8")
        print("zopa solve, 100 actors x 50 issues, default draws (2,000; up to 200 refits):")
        for label, chosen, extra in (
            ("every model", names, ()),
            ("without exchange, ensemble", without, ()),
            ("every model, --refit-budget 0", names, ("--refit-budget", "0")),
        ):
            print(f"  {label:30s} {solve(path, chosen, options.timeout, *extra)}")


def refits(problem: BargainingProblem, names: list[str]) -> None:
    """One fit of each model refitted per draw, best of five (wall and CPU seconds)."""
    print("one fit on the 100 actors x 50 issues scenario (refitted per draw; best of 5):")
    for name in names:
        if name in VECTORISED:
            continue
        model = models.get(name)()
        wall = cpu = float("inf")
        for _ in range(5):
            start, start_cpu = time.perf_counter(), time.process_time()
            model.predict(problem)
            wall = min(wall, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
        print(f"  {name:28s} {wall:7.3f} s wall {cpu:7.3f} s CPU")


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

"""The fixed costs every command pays: start-up, and parsing a large scenario file.

Usage::

    .venv/bin/python bench/startup.py [--runs 3]

Prints the best wall and CPU time (user + system) of ``zopa --help`` and of
``zopa scenario check`` on the shipped example and on a generated scenario of
100 actors × 50 issues, each in a fresh interpreter; then the CPU time of
parsing that scenario's YAML with libyaml and with PyYAML's pure-Python parser.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from zopa.scenario import synthetic_scenario
from zopa.scenario._loader import _parse_text, _SafeLoader, parse_text

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "russia-ukraine-2025.yaml"
)


def best_run(args: list[str], runs: int) -> tuple[float, float]:
    """Best wall and CPU seconds of ``python -m zopa ARGS`` over ``runs`` runs."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "zopa", *args], env=env, capture_output=True, check=True
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(walls), min(cpus)


def parse_cpu(text: str, libyaml: bool, runs: int) -> float:
    """Best CPU seconds of parsing and validating ``text`` with either parser."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        parsed = parse_text(text) if libyaml else _parse_text(text, "<bench>", _SafeLoader)
        best = min(best, time.process_time() - start)
        assert parsed.scenario is not None, parsed.problems
    return best


def main() -> None:
    """Parse arguments, time each command, print one line each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="Runs of each; the best is kept.")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "large.yaml"
        text = yaml.safe_dump(synthetic_scenario(100, 50, seed=0))
        large.write_text(text, encoding="utf-8")
        commands = {
            "zopa --help": ["--help"],
            "zopa scenario check (example)": ["scenario", "check", str(EXAMPLE)],
            "zopa scenario check (100 actors x 50 issues)": ["scenario", "check", str(large)],
        }
        for label, args in commands.items():
            wall, cpu = best_run(args, runs)
            print(f"{label:<46} wall {wall:5.2f} s  cpu {cpu:5.2f} s")
    size = len(text.encode("utf-8")) // 1024
    if yaml.__with_libyaml__:
        print(f"parse + validate {size} KiB, libyaml: cpu {parse_cpu(text, True, runs):5.2f} s")
    print(f"parse + validate {size} KiB, pure Python: cpu {parse_cpu(text, False, runs):5.2f} s")


if __name__ == "__main__":
    main()

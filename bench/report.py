"""CPU and wall time of ``zopa report``, summed over every process it starts (Linux).

Usage::

    .venv/bin/python bench/report.py STORE_URL [--runs 3] [--scenario FILE] [--src A --src B]

Runs ``python -m zopa --db STORE_URL report SCENARIO -o TMP`` ``--runs`` times (after one
untimed run that fills Python's bytecode cache) and prints, for each run, the wall time, the
CPU time (user + system) of the whole process tree, the load average, and the CPU time of
each process of the tree (the report, its solver and its drawer, the forkserver). With two
or more ``--src`` folders (the ``src`` of two worktrees), the runs alternate between them,
so a shared machine's load weighs on each alike, and each file written is compared with
the first one's bytes.

The CPU of the whole tree is exact: this process becomes the tree's child subreaper
(``PR_SET_CHILD_SUBREAPER``), so every descendant, even one whose parent exits first, is
reaped here and its CPU time counted by ``getrusage(RUSAGE_CHILDREN)``. The per-process
figures are read from ``/proc`` every 20 ms while the tree runs: each may miss its last
20 ms. Start-up of the interpreter and every import are counted, as a user pays them.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "russia-ukraine-2025.yaml"
)
_PR_SET_CHILD_SUBREAPER = 36
_TICK = os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> Iterator[int]:
    """The ids of ``root``'s living descendants (and of orphans reparented to this process)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if pid not in tree and (parent in tree or parent == os.getpid()):
                tree.add(pid)
                grew = True
    yield from tree


def _cpu_and_name(pid: int) -> tuple[float, str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK, cmdline.strip()


def _role(cmdline: str, pid: int, root: int) -> str:
    if pid == root:
        return "report"
    if "forkserver" in cmdline:
        return "forkserver/worker"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    return cmdline[:40]


@dataclass(frozen=True)
class Run:
    """One timed report: wall and tree CPU seconds, load average, CPU seconds by process role."""

    wall: float
    cpu: float
    load: float
    processes: dict[str, list[float]]


def run_once(python: str, src: str, store: str, scenario: Path, out: Path) -> Run:
    """One timed report (:class:`Run`)."""
    env = {**os.environ, "PYTHONPATH": src}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    args = [python, "-m", "zopa", "--db", store, "report", str(scenario), "-o", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    seen: dict[int, tuple[float, str]] = {}
    while child.poll() is None:
        for pid in _descendants(child.pid):
            found = _cpu_and_name(pid)
            if found is not None:  # a zombie's command line is empty: keep the first one read
                role = seen[pid][1] if pid in seen else _role(found[1], pid, child.pid)
                seen[pid] = (found[0], role)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    while True:  # reap the orphans left behind (the forkserver's), so their CPU is counted
        try:
            pid, _status = os.waitpid(-1, 0)
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        raise SystemExit(f"zopa report failed with exit code {child.returncode}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    by_role: dict[str, list[float]] = {}
    for seconds, role in seen.values():
        by_role.setdefault(role, []).append(seconds)
    return Run(wall, cpu, load, by_role)


def main() -> None:
    """Parse the options, run, print one line per run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store", help="the store's URL, e.g. sqlite:////tmp/demo.db")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scenario", type=Path, default=EXAMPLE)
    parser.add_argument("--src", action="append", help="a worktree's src folder (repeatable)")
    options = parser.parse_args()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit("cannot become the child subreaper (Linux only)")
    sources = options.src or [os.environ.get("PYTHONPATH", "src")]
    with tempfile.TemporaryDirectory() as tmp:
        outputs: dict[str, bytes] = {}
        for src in sources:  # one untimed run each: the bytecode cache
            out = Path(tmp) / f"warm-{len(outputs)}"
            run_once(sys.executable, src, options.store, options.scenario, out)
            outputs[src] = next(out.glob("*.html")).read_bytes()
        first = outputs[sources[0]]
        for src, data in outputs.items():
            print(f"{src}: {'same bytes as' if data == first else 'DIFFERS from'} {sources[0]}")
        for k in range(options.runs):
            for src in sources:
                out = Path(tmp) / f"run-{k}"
                result = run_once(sys.executable, src, options.store, options.scenario, out)
                parts = ", ".join(
                    f"{role} {'+'.join(f'{s:.2f}' for s in sorted(times, reverse=True))}"
                    for role, times in sorted(result.processes.items())
                )
                print(
                    f"{src}: wall {result.wall:.2f} s, CPU {result.cpu:.2f} s "
                    f"(load {result.load:.1f}; {parts})",
                    flush=True,
                )


if __name__ == "__main__":
    main()

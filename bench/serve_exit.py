"""How long ``zopa serve`` takes to exit after Ctrl-C, once it has answered a page.

Usage::

    .venv/bin/python bench/serve_exit.py [--runs 5] [--json]

Starts ``python -m zopa --db sqlite:///TMP/z.db serve`` on a free loopback port (the
code on ``PYTHONPATH``, so another tree can be measured the same way), waits until it
answers ``/``, sends SIGINT and times the exit: the seconds from the signal to the end
of the process, each run and their median. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
            return True
    except OSError:
        return False


def exit_seconds(db: Path) -> float:
    """Start the server, read ``/`` once, Ctrl-C it: the seconds it took to exit."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "zopa", "--db", f"sqlite:///{db}", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not _answers(f"http://127.0.0.1:{port}/"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("zopa serve did not start")
            time.sleep(0.2)
        started = time.perf_counter()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=120)
        return time.perf_counter() - started
    finally:
        if process.poll() is None:
            process.kill()


def main() -> None:
    """Parse arguments, time the exits, print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        times = [exit_seconds(Path(tmp) / "z.db") for _ in range(args.runs)]
    figures = {"runs": [round(t, 2) for t in times], "median_seconds": statistics.median(times)}
    if args.json:
        print(json.dumps(figures))
    else:
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"Ctrl-C to exit: median {figures['median_seconds']:.2f} s ({shown})")


if __name__ == "__main__":
    main()

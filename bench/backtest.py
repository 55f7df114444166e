"""A weekly backtest of the shipped Russia–Ukraine scenario over 2019–2025, timed.

Usage::

    .venv/bin/python bench/backtest.py [--from 2019-07-01] [--to 2025-12-31] [--step 7d]
                                       [--runs 2000] [--json]

Ingests and extracts ``examples/corpus`` into a fresh SQLite store (not timed),
then runs ``zopa backtest`` on ``examples/scenarios/russia-ukraine-2025.yaml`` as a
subprocess and times it (wall clock, the whole command: start-up, every source
at every date, storing, scoring). Prints the seconds, the dates, the forecasts
stored and each source's Brier and log scores beside the baselines; ``--json``
prints them as one object (``backtest_seconds``, ``dates``, ``stored``,
``scores``). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SCENARIO = REPO / "examples" / "scenarios" / "russia-ukraine-2025.yaml"
CORPUS = REPO / "examples" / "corpus"


def zopa(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m zopa --db URL ARGS``; raise with its stderr if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "zopa", "--db", url, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"zopa {' '.join(args[:2])} failed: {done.stderr.strip()}")
    return done


def main() -> None:
    """Parse arguments, build the store, time the backtest, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--from", dest="start", default="2019-07-01")
    parser.add_argument("--to", dest="end", default="2025-12-31")
    parser.add_argument("--step", default="7d")
    parser.add_argument("--runs", default="2000")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        zopa(url, "ingest", str(CORPUS))
        zopa(url, "extract")
        started = time.perf_counter()
        done = zopa(
            url, "backtest", str(SCENARIO), "--from", args.start, "--to", args.end,
            "--step", args.step, "--runs", args.runs, "--json",
        )  # fmt: skip
        seconds = time.perf_counter() - started
    result = json.loads(done.stdout)
    scores = [
        {
            "source": s["source"],
            "questions": s["questions"],
            "brier": s["brier"],
            "log": s["log"],
            # the baselines on exactly this source's questions (README's "on the same")
            "same": {b["source"]: [b["brier"], b["log"]] for b in s.get("baselines", [])},
        }
        for s in [*result["scores"]["sources"], *result["scores"]["baselines"]]
    ]
    figures: dict[str, Any] = {
        "backtest_seconds": round(seconds, 2),
        "dates": len(result["dates"]),
        "stored": len(result["forecasts"]),
        "sources": result["sources"],
        "resolved_questions": result["scores"]["resolved_questions"],
        "scores": scores,
    }
    if args.json:
        print(json.dumps(figures))
        return
    print(
        f"backtest {args.start} to {args.end} every {args.step}: {figures['dates']} dates, "
        f"{figures['stored']} forecasts, {seconds:.1f} s"
    )
    print(f"scores on {figures['resolved_questions']} resolved questions (lower is better):")
    for s in scores:
        if s["brier"] is None:  # a value-question baseline: scored by CRPS only
            continue
        brier, log = s["brier"], s["log"]
        same = "".join(
            f"; {name} on the same {pair[0]:.3f} / {pair[1]:.3f}"
            for name, pair in s["same"].items()
            if pair[0] is not None
        )
        print(f"  {s['source']:<24} {s['questions']:>3}  Brier {brier:.3f}  log {log:.3f}{same}")


if __name__ == "__main__":
    main()

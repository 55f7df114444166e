"""Speed of zopa's simulator (not a test): `.venv/bin/python bench/simulate.py [--json]`.

(a) Bilateral negotiations — 3 issues × 11 values, 50 steps, two time-based
aspiration negotiators — run by zopa (:func:`zopa.simulate.alternating_offers`)
and, in the same run, by negmas 0.16's ``SAOMechanism`` with two
``AspirationNegotiator`` s on the same utility functions and reserved values.
negmas is AGPL and never a zopa dependency: this script installs it into its
own virtual environment (``bench/.venv-negmas``, git-ignored; ``python -m venv``
then ``pip install "negmas>=0.16,<0.17"`` from the package index) and runs
``bench/negmas_side.py`` there as a subprocess. Both tools' agreement rates and
mean steps are printed, with the share of negotiations where both reach the
same end (same agreed outcome, or both none) at the same step. Target: zopa at
least 100× as many negotiations per second, rates and steps within a few per cent.

(b) The shipped Russia–Ukraine scenario: 10,000 runs of ``zopa.talks.v1`` over
a 180-day horizon (daily rounds, no sensitivity analysis). Target: under 2 s.

Utility functions (seeded): per side, issue weights from a flat Dirichlet and,
per issue, 11 values drawn uniformly and sorted ascending for side 0,
descending for side 1 (opposed interests); reserved values uniform on
[0.2, 0.6]. Aspiration: negmas's ``"boulware"`` (exponent 4, ``--exponent``),
which is zopa's ``beta = 0.25`` (``docs/simulation.md``, the exponent convention).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
import venv
from pathlib import Path

import numpy as np

from zopa.scenario import load_scenario
from zopa.simulate import TalksSimulator, alternating_offers

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NEGMAS_VENV = HERE / ".venv-negmas"
NEGMAS_SPEC = "negmas>=0.16,<0.17"
ISSUES, VALUES, STEPS = 3, 11, 50
SCENARIO = REPO / "examples" / "scenarios" / "russia-ukraine-2025.yaml"


def negmas_python() -> Path:
    """The benchmark venv's python, with negmas installed (created on first use)."""
    python = NEGMAS_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {NEGMAS_VENV} and installing {NEGMAS_SPEC} ...", file=sys.stderr)
        venv.create(NEGMAS_VENV, with_pip=True)
    probe = subprocess.run(
        [str(python), "-c", "import negmas; print(negmas.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0 or not probe.stdout.startswith("0.16"):
        subprocess.run([str(python), "-m", "pip", "install", "-q", NEGMAS_SPEC], check=True)
    return python


def cases(n: int, seed: int) -> dict[str, np.ndarray]:
    """``n`` negotiations: weights ``(n, 2, I)``, tables ``(n, 2, I, V)``, reserved ``(n, 2)``."""
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(ISSUES), size=(n, 2))
    tables = np.sort(rng.random((n, 2, ISSUES, VALUES)), axis=-1)
    tables[:, 1] = tables[:, 1, :, ::-1]
    reserved = rng.uniform(0.2, 0.6, size=(n, 2))
    return {"weights": weights, "tables": tables, "reserved": reserved}


def utilities(c: dict[str, np.ndarray]) -> np.ndarray:
    """``(n, 2, V**I)`` utility of every outcome, outcomes in lexicographic (negmas's) order."""
    weighted = c["tables"] * c["weights"][..., None]  # (n, 2, I, V)
    total = np.zeros((*weighted.shape[:2], *(VALUES,) * ISSUES))
    for j in range(ISSUES):
        shape = [1] * ISSUES
        shape[j] = VALUES
        total += weighted[:, :, j].reshape(*weighted.shape[:2], *shape)
    return total.reshape(*weighted.shape[:2], -1)


def run_zopa(c: dict[str, np.ndarray], exponent: float) -> tuple[dict[str, np.ndarray], float]:
    start = time.perf_counter()
    u = utilities(c)
    beta = np.full(c["reserved"].shape, 1.0 / exponent)
    result = alternating_offers(u, c["reserved"], beta, STEPS)
    seconds = time.perf_counter() - start
    return {
        "agreements": result.agreed,
        "steps": result.steps,
        "outcomes": result.outcome,
    }, seconds


def run_negmas(c: dict[str, np.ndarray], exponent: float) -> tuple[dict[str, np.ndarray], float]:
    spec = {
        "issues": ISSUES,
        "values": VALUES,
        "steps": STEPS,
        "exponent": exponent,
        "cases": [
            {
                "weights": c["weights"][r].tolist(),
                "tables": c["tables"][r].tolist(),
                "reserved": c["reserved"][r].tolist(),
            }
            for r in range(len(c["reserved"]))
        ],
    }
    done = subprocess.run(
        [str(negmas_python()), str(HERE / "negmas_side.py")],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(done.stdout)
    index = np.array(
        [
            -1 if o is None else int(np.ravel_multi_index(o, (VALUES,) * ISSUES))
            for o in out["outcomes"]
        ]
    )
    return {
        "agreements": np.array(out["agreements"], dtype=bool),
        "steps": np.array(out["steps"]),
        "outcomes": index,
    }, float(out["seconds"])


def bench_scenario(runs: int, horizon: int) -> float:
    scenario = load_scenario(SCENARIO)
    simulator = TalksSimulator(sensitivity_trajectories=0)
    as_of = scenario.as_of or dt.date(2025, 8, 7)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        simulator.simulate(scenario, as_of=as_of, runs=runs, seed=0, horizon_days=horizon)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--cases", type=int, default=300, help="negotiations run by both tools")
    parser.add_argument("--zopa-cases", type=int, default=20_000, help="negotiations timed in zopa")
    parser.add_argument("--runs", type=int, default=10_000, help="runs of the shipped scenario")
    parser.add_argument("--horizon", type=int, default=180, help="days of the shipped scenario")
    parser.add_argument(
        "--exponent", type=float, default=4.0, help="negmas aspiration exponent (4: boulware)"
    )
    args = parser.parse_args()

    shared = cases(args.cases, seed=0)
    negmas_out, negmas_seconds = run_negmas(shared, args.exponent)
    zopa_out, _ = run_zopa(shared, args.exponent)
    _, zopa_seconds = run_zopa(cases(args.zopa_cases, seed=1), args.exponent)
    same = (zopa_out["outcomes"] == negmas_out["outcomes"]) & (
        zopa_out["steps"] == negmas_out["steps"]
    )
    figures = {
        "steps": STEPS,
        "exponent": args.exponent,
        "outcomes": VALUES**ISSUES,
        "negmas_cases": args.cases,
        "zopa_cases": args.zopa_cases,
        "zopa_per_s": args.zopa_cases / zopa_seconds,
        "negmas_per_s": args.cases / negmas_seconds,
        "zopa_agreement_rate": float(zopa_out["agreements"].mean()),
        "negmas_agreement_rate": float(negmas_out["agreements"].mean()),
        "zopa_mean_steps": float(zopa_out["steps"].mean()),
        "negmas_mean_steps": float(negmas_out["steps"].mean()),
        "same_end_share": float(same.mean()),
        "scenario_runs": args.runs,
        "scenario_horizon_days": args.horizon,
        "scenario_seconds": bench_scenario(args.runs, args.horizon),
    }
    figures["speedup"] = figures["zopa_per_s"] / figures["negmas_per_s"]
    if args.json:
        print(json.dumps(figures))
        return
    print(f"(a) {args.cases} bilateral negotiations, 3 issues x 11 values, {STEPS} steps")
    print(f"    zopa   {figures['zopa_per_s']:>12,.0f} negotiations/s ({args.zopa_cases:,} timed)")
    print(f"    negmas {figures['negmas_per_s']:>12,.1f} negotiations/s")
    print(f"    speedup {figures['speedup']:,.0f}x")
    print(
        f"    agreement rate: zopa {figures['zopa_agreement_rate']:.3f}, "
        f"negmas {figures['negmas_agreement_rate']:.3f}; mean steps: zopa "
        f"{figures['zopa_mean_steps']:.2f}, negmas {figures['negmas_mean_steps']:.2f}; "
        f"same end {figures['same_end_share']:.1%}"
    )
    print(
        f"(b) shipped scenario: {args.runs:,} runs over {args.horizon} days in "
        f"{figures['scenario_seconds']:.2f} s (target < 2 s)"
    )


if __name__ == "__main__":
    main()

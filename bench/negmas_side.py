"""The negmas side of ``bench/simulate.py``: run only inside the benchmark's own venv.

negmas is AGPL and never a zopa dependency: this script is run by
``bench/simulate.py`` as a subprocess of ``bench/.venv-negmas/bin/python`` and
imports nothing from zopa. It reads the negotiations (weights, value tables,
reserved values, steps, aspiration exponent) as JSON on stdin, runs each with
negmas's ``SAOMechanism`` and two ``AspirationNegotiator`` s, and prints JSON:
agreements, steps, the agreed outcome indices and the wall time.
"""

from __future__ import annotations

import json
import sys
import time

# negmas lives in the benchmark's own venv only, out of mypy's sight.
from negmas import SAOMechanism, make_issue  # type: ignore[import-not-found]
from negmas.preferences import LinearAdditiveUtilityFunction  # type: ignore[import-not-found]
from negmas.sao import AspirationNegotiator  # type: ignore[import-not-found]


def main() -> None:
    spec = json.load(sys.stdin)
    n_values = spec["values"]
    issues = [make_issue(n_values, f"i{j}") for j in range(spec["issues"])]
    agreements, steps, outcomes = [], [], []
    start = time.perf_counter()
    for case in spec["cases"]:
        mechanism = SAOMechanism(issues=issues, n_steps=spec["steps"])
        for side in range(2):
            ufun = LinearAdditiveUtilityFunction(
                values=[dict(enumerate(case["tables"][side][j])) for j in range(spec["issues"])],
                weights=case["weights"][side],
                issues=issues,
                reserved_value=case["reserved"][side],
            )
            negotiator = AspirationNegotiator(aspiration_type=spec["exponent"])
            mechanism.add(negotiator, ufun=ufun)
        state = mechanism.run()
        agreements.append(state.agreement is not None)
        steps.append(state.step)
        outcomes.append(None if state.agreement is None else list(state.agreement))
    elapsed = time.perf_counter() - start
    json.dump(
        {"agreements": agreements, "steps": steps, "outcomes": outcomes, "seconds": elapsed},
        sys.stdout,
    )


if __name__ == "__main__":
    main()

"""Generated scenarios of any size, for benchmarks and for tests of bounded work.

:func:`synthetic_scenario` builds a valid scenario as YAML-ready data: ``actors``
states with random capabilities, each taking a stance on every issue or on a
share of them (random position and salience, a range of uncertainty on some
positions, a red line on the position's own side on some). The same seed gives the same
data. It stands in for a large scenario written by hand, so ``zopa solve`` can
be timed and its memory bounded on, e.g., 100 actors × 50 issues.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["synthetic_scenario"]


def synthetic_scenario(
    actors: int,
    issues: int,
    *,
    seed: int = 0,
    stances: float = 1.0,
    uncertain: float = 0.3,
    red_lines: float = 0.3,
) -> dict[str, Any]:
    """A valid scenario of ``actors`` × ``issues`` as plain data (dump it with PyYAML).

    Parameters
    ----------
    actors, issues:
        How many actors and issues.
    seed:
        Seed of the generator; the same seed gives the same scenario.
    stances:
        Share of the issues each actor takes a stance on (at least one; 1.0: all).
    uncertain:
        Share of stances whose position has a uniform range of uncertainty.
    red_lines:
        Share of stances with a red line (on the position's own side, 10–30 points away).
    """
    rng = np.random.default_rng(seed)
    position = np.round(rng.uniform(0, 100, (actors, issues)), 1)
    salience = np.round(rng.uniform(5, 100, (actors, issues)), 1)
    has_range = rng.random((actors, issues)) < uncertain
    has_red = rng.random((actors, issues)) < red_lines
    gap = np.round(rng.uniform(10, 30, (actors, issues)), 1)
    takes = rng.random((actors, issues)) < stances
    takes[np.arange(actors), rng.integers(0, issues, actors)] = True
    out_actors = []
    for a in range(actors):
        taken: dict[str, Any] = {}
        for j in np.flatnonzero(takes[a]):
            x = float(position[a, j])
            stance: dict[str, Any] = {"position": x, "salience": float(salience[a, j])}
            if has_range[a, j]:
                stance["uncertainty"] = [max(0.0, x - 10), min(100.0, x + 10)]
            if has_red[a, j]:
                side = "below" if x < 50 else "above"
                red = x + gap[a, j] if side == "below" else x - gap[a, j]
                stance["red_line"] = round(float(np.clip(red, 0, 100)), 1)
                stance["accepts"] = side
            taken[f"i{j}"] = stance
        out_actors.append(
            {
                "id": f"a{a}",
                "name": f"Actor {a}",
                "kind": "state",
                "capability": round(float(rng.uniform(1, 100)), 1),
                "positions": taken,
            }
        )
    return {
        "zopa_scenario": 1,
        "id": f"synthetic-{actors}x{issues}",
        "title": f"Synthetic scenario, {actors} actors x {issues} issues (seed {seed})",
        "issues": [
            {
                "id": f"i{j}",
                "label": f"Issue {j}",
                "anchors": {0: "none", 100: "all"},
                "status_quo": float(np.round(rng.uniform(0, 100), 1)),
            }
            for j in range(issues)
        ],
        "actors": out_actors,
    }

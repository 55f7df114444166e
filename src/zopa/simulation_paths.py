"""How the runs of a simulated agreement question ended: the words every surface shows.

Kept apart from :mod:`zopa.simulate` (numpy, SALib) so the command line, the report and
the dashboard can explain a simulation's 0 or 1 without importing the simulator
(docs/simulation.md, "How the runs ended").
"""

from __future__ import annotations

__all__ = ["PATHS", "how_runs_ended"]

PATHS: dict[str, str] = {
    "agreed": "signed by the date",
    "voided": "closed the gap, but a ratifier voided the deal",
    "walked": "a side walked away when its deadline passed",
    "apart": "still apart at the date",
}
"""How a run of an agreement question ends by its resolution date, in this order of
precedence: each run is counted once, under the first that applies."""


def how_runs_ended(paths: dict[str, int], conceded: float | None) -> str:
    """One line on how the runs of an agreement question ended, for a table or a report:
    "500 still apart at the date (by then … a median 3% …)"."""
    ended = ", ".join(f"{n:,} {PATHS[path]}" for path, n in paths.items() if n and path in PATHS)
    if paths.get("apart") and conceded is not None:
        ended += (
            f" (by then the sides had conceded a median {conceded:.0%} of the way from their "
            "ideals to their red lines: the scenario's `simulation:` settings `talks_began`, "
            "`concession_days` and `beta` set that pace)"
        )
    return f"of {sum(paths.values()):,} runs, {ended}"

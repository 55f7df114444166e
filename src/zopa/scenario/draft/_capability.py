"""Capability from documented public facts: a state's population, log-scaled.

Population is the one size measure a maintained package ships for every state
(:mod:`countryinfo`, field ``population``); it is one face of clout, so the
confidence is modest and the note says what to weigh in (economy, military).
An actor the package does not cover gets a low default flagged as a placeholder.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from zopa.scenario.draft._parties import Unit

__all__ = ["NON_STATE_DEFAULT", "capability", "population_score"]

#: Capability given to an actor without a documented figure (a placeholder).
NON_STATE_DEFAULT = 20
# Log scale: a population of 100 thousand scores 5, 1.5 billion scores 100.
_LOW, _HIGH = 1e5, 1.5e9


@lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    from countryinfo import all_countries

    out: dict[str, int] = {}
    for entry in all_countries():
        info = entry.info()
        code = (info.get("ISO") or {}).get("alpha3")
        population = info.get("population")
        if code and isinstance(population, int) and population > 0:
            out.setdefault(code, population)
    return out


def population_score(population: float) -> int:
    """``population`` on a 5–100 log scale (100 thousand → 5, 1.5 billion → 100), clipped."""
    share = (math.log10(population) - math.log10(_LOW)) / (math.log10(_HIGH) - math.log10(_LOW))
    return round(min(100.0, max(5.0, 5 + 95 * share)))


def capability(unit: Unit) -> dict[str, Any]:
    """The drafted ``capability`` of ``unit``, with its source or a placeholder note."""
    population = _populations().get(unit.country or "")
    if unit.kind == "state" and population is not None:
        return {
            "value": population_score(population),
            "confidence": 0.4,
            "evidence": [
                {
                    "note": f"population {population:,} (countryinfo package, field "
                    "`population`), log-scaled: 100 thousand → 5, 1.5 billion → 100; "
                    "weigh in economy and military strength"
                }
            ],
        }
    what = (
        "a state the countryinfo package does not cover"
        if unit.kind == "state"
        else ("a non-state actor")
    )
    return {
        "value": NON_STATE_DEFAULT,
        "confidence": 0.1,
        "placeholder": True,
        "evidence": [
            {
                "note": f"default for {what}: no documented public figure; set from its "
                "forces, territory, backing and resources, then delete `placeholder`"
            }
        ],
    }

"""Small negotiations built in code: two sides on one issue, and the pieces tests add."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from zopa.scenario import Scenario, loads_scenario

AS_OF = dt.date(2025, 1, 1)


def side(actor: str, position: float, red_line: float, **extra: Any) -> dict[str, Any]:
    """A state with one stance on ``land``; ``extra`` goes into the stance."""
    return {
        "id": actor,
        "name": actor.upper(),
        "kind": "state",
        "capability": 50,
        "positions": {
            "land": {"position": position, "salience": 80, "red_line": red_line, **extra}
        },
    }


def agreement_question(days: int = 200, question: str = "deal") -> dict[str, Any]:
    """Will A and B sign an agreement on land within ``days`` of the as-of date?"""
    return {
        "id": question,
        "text": "Will A and B agree on land?",
        "what": {"type": "agreement_signed", "issues": ["land"], "parties": ["a", "b"]},
        "resolution_date": (AS_OF + dt.timedelta(days=days)).isoformat(),
    }


def talks(a_red: float = 40, b_red: float = 60, **parts: Any) -> dict[str, Any]:
    """A (wants 100, accepts at least ``a_red``) and B (wants 0, accepts at most ``b_red``).

    Their red lines overlap when ``a_red <= b_red``. ``parts`` replace or add
    top-level sections (``actors`` extends the two sides).
    """
    data: dict[str, Any] = {
        "id": "duo",
        "title": "Duo",
        "as_of": AS_OF.isoformat(),
        "issues": [
            {"id": "land", "label": "Land", "anchors": {0: "B's", 100: "A's"}, "status_quo": 50}
        ],
        "actors": [side("a", 100, a_red), side("b", 0, b_red)],
        "questions": [agreement_question()],
    }
    extra_actors = parts.pop("actors", [])
    data["actors"] += extra_actors
    data.update(parts)
    return data


def scenario(data: dict[str, Any]) -> Scenario:
    """``data`` loaded and checked as a scenario file would be."""
    return loads_scenario(yaml.safe_dump(data, sort_keys=False))

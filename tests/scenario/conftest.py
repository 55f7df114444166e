"""Small scenarios built in code, written as YAML files for the loader to read."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import zopa.models  # noqa: F401  (registers the built-in models)

Writer = Callable[..., Path]


def two_sided() -> dict[str, Any]:
    """Two states on one issue: A accepts at least 40, B at most 55, so the ZOPA is [40, 55]."""
    return {
        "id": "tiny",
        "title": "Tiny",
        "issues": [
            {
                "id": "land",
                "label": "Land",
                "anchors": {0: "B keeps all", 100: "A gets all"},
                "status_quo": 50,
            },
        ],
        "actors": [
            {
                "id": "a",
                "name": "A",
                "kind": "state",
                "capability": 1,
                "positions": {"land": {"position": 90, "salience": 50, "red_line": 40}},
            },
            {
                "id": "b",
                "name": "B",
                "kind": "state",
                "capability": 1,
                "positions": {"land": {"position": 10, "salience": 50, "red_line": 55}},
            },
        ],
    }


@pytest.fixture
def scenario_data() -> dict[str, Any]:
    return copy.deepcopy(two_sided())


@pytest.fixture
def write_scenario(tmp_path: Path) -> Writer:
    """Write a dict (as YAML) or text to a file and return its path."""
    counter = iter(range(10_000))

    def write(content: dict[str, Any] | str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"s{next(counter)}.yaml")
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write

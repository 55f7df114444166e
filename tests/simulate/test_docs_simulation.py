"""docs/simulation.md documents every simulator, every parameter and every sensitivity range."""

from __future__ import annotations

import dataclasses

from tests.conftest import REPO
from zopa.registry import simulators
from zopa.simulate import SENSITIVITY_BOUNDS, TalksParams

TEXT = (REPO / "docs" / "simulation.md").read_text(encoding="utf-8")


def test_every_simulator_and_parameter_is_documented() -> None:
    assert [name for name in simulators.names() if f"`{name}`" not in TEXT] == []
    fields = [f.name for f in dataclasses.fields(TalksParams)]
    assert [name for name in fields if f"`{name}`" not in TEXT] == []
    assert [name for name in SENSITIVITY_BOUNDS if f"| `{name}` |" not in TEXT] == []


def test_the_exponent_convention_is_stated() -> None:
    assert "negmas uses the opposite one" in TEXT and "β = 1/e" in TEXT

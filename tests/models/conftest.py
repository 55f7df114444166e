"""Shared fixtures of the model tests: small problems and the shared DEU data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from zopa.models import BargainingProblem

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "deu"


def make_problem(
    positions: list[list[float]],
    salience: list[list[float]] | None = None,
    capability: list[float] | None = None,
    reference: list[float] | None = None,
) -> BargainingProblem:
    """A problem from nested lists (actors × issues), defaults filled in."""
    x = np.array(positions, dtype=float)
    n, m = x.shape
    s = np.full((n, m), 0.5) if salience is None else np.array(salience, dtype=float)
    s = np.where(np.isnan(x), np.nan, s)
    return BargainingProblem(
        actors=tuple(f"a{i}" for i in range(n)),
        issues=tuple(f"i{j}" for j in range(m)),
        positions=x,
        salience=s,
        capability=np.ones(n) if capability is None else np.array(capability, dtype=float),
        reference=np.full(m, np.nan) if reference is None else np.array(reference, dtype=float),
    )


@pytest.fixture
def problem() -> object:
    """The :func:`make_problem` factory."""
    return make_problem


@pytest.fixture
def deu_dev() -> Path:
    path = DATA / "deu_dev.tsv"
    if not path.exists():
        pytest.skip("../shared/data/deu/deu_dev.tsv is not available")
    return path


@pytest.fixture
def emissions() -> BargainingProblem:
    """Bueno de Mesquita's (1994) 10-actor EC emission-standards example."""
    import csv

    path = DATA / "bdm1994_ec_emissions.csv"
    if not path.exists():
        pytest.skip("../shared/data/deu/bdm1994_ec_emissions.csv is not available")
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    x = np.array([[float(r["Position"])] for r in rows])
    return BargainingProblem(
        actors=tuple(r["Actor"] for r in rows),
        issues=("emission standards date",),
        positions=x,
        salience=np.array([[float(r["Salience"])] for r in rows]),
        capability=np.array([float(r["Capability"]) for r in rows]),
        reference=np.array([np.nan]),
        scale=np.array([[x.min(), x.max()]]),
    )

"""The docs' EC emission-standards check, reproduced through ``zopa eval models``.

``examples/decisions/bdm1994_ec_emissions.csv`` is Bueno de Mesquita's (1994)
Table 1 in the plain CSV layout (positions in years, 4-10; outcome 8.83). Scholz,
Calbert & Smith (2011) scale distances by the actors' range, so the command needs
``--scale actors`` (or ``scale_min``/``scale_max`` in the file); on the default
0-100 scale the expected-utility path is a different one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from zopa.cli import app

EC = EXAMPLES / "decisions" / "bdm1994_ec_emissions.csv"
EU = "zopa.expected_utility.v1"
# docs/models.md: zopa's median after each of 8 rounds, and Scholz et al.'s Table 2.
ZOPA_PATH = [8.43, 9.62, 9.96, 9.96, 9.96, 7.52, 8.87, 9.70]
SCHOLZ_TABLE_2 = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]


def _predicted(dataset: Path, *args: str) -> dict[str, float]:
    result = CliRunner().invoke(
        app,
        ["eval", "models", str(dataset), "--format", "csv", "--replicates", "1", "--json", *args],
    )
    assert result.exit_code == 0, result.output
    (issue,) = json.loads(result.output)["issues"]
    assert issue["outcome"] == 8.83
    return issue["predicted"]


def _eu_path(dataset: Path, *args: str) -> list[float]:
    return [
        _predicted(dataset, *args, "-m", EU, "--param", f"{EU}:rounds={r}")[EU] for r in range(1, 9)
    ]


def test_table_2_from_the_command_line() -> None:
    path = _eu_path(EC, "--scale", "actors")
    assert path == pytest.approx(ZOPA_PATH, abs=0.005)
    assert path == pytest.approx(SCHOLZ_TABLE_2, abs=0.3)


def test_declared_scale_gives_the_same_path(tmp_path: Path) -> None:
    rows = EC.read_text().splitlines()
    declared = tmp_path / "ec.csv"
    declared.write_text(
        "\n".join([rows[0] + ",scale_min,scale_max"] + [r + ",4,10" for r in rows[1:]]) + "\n"
    )
    assert _eu_path(declared) == pytest.approx(ZOPA_PATH, abs=0.005)


def test_the_0_to_100_scale_is_not_scholz() -> None:
    # Distances on 0-100 are small, so every offer looks cheap: the median runs to 10.
    assert max(abs(a - b) for a, b in zip(_eu_path(EC), SCHOLZ_TABLE_2, strict=True)) > 1


def test_compromise_and_median_of_the_docs() -> None:
    predicted = _predicted(EC, "--scale", "actors", "-m", "zopa.median.v1")
    assert predicted["zopa.compromise.v1"] == pytest.approx(7.39, abs=0.005)
    assert predicted["zopa.median.v1"] == 7.0

"""``zopa demo`` runs every stage on the bundled example corpus (the Mesa-style worked example)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from zopa.cli import app
from zopa.scenario import check_file


@pytest.mark.slow
def test_demo_runs_every_stage(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "--db",
            f"sqlite:///{tmp_path / 'demo.db'}",
            "demo",
            str(EXAMPLES / "corpus"),
            "--scenario",
            str(EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    stages = ("1. ingest", "2. extract", "3. scenario", "4. solve")
    for stage in (*stages, "5. backtest", "6. forecast", "7. scores", "8. report"):
        assert stage in result.stdout
    for table in (
        "stored documents",
        "most mentioned actors",
        "key events",
        "top quotes",
        "claims per actor and issue",
        "probability estimates",
        "package ZOPA",
        "forecasts from 2019-07-01",  # the backtest's moves
        "forecasts as of 2025-08-07",  # the run
        "scores on 14 resolved event question(s)",
    ):
        assert table in result.stdout, table
    assert "duplicate:" in result.stderr  # the corpus holds one deliberate duplicate
    draft = out / "draft-scenario.yaml"
    report = check_file(draft)
    assert report.errors == [], [p.format() for p in report.errors]
    for chart in ("solve", "backtest", "reliability"):
        for suffix in (".png", ".svg"):
            assert (out / f"{chart}{suffix}").stat().st_size > 1000, chart
    assert (out / "solve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = out / "russia-ukraine-2025.html"
    assert f"report: {html.resolve()}" in " ".join(result.stdout.split())
    assert f"zopa --db sqlite:///{tmp_path / 'demo.db'} serve" in result.stdout
    assert "<svg" in html.read_text(encoding="utf-8")

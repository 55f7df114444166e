"""The solve chart: PNG and SVG files written, non-empty, one panel per issue."""

from __future__ import annotations

from pathlib import Path

import zopa.models  # noqa: F401  (registers the built-in models)
from zopa.report import solve_figure, write_solve_chart
from zopa.scenario import load_scenario, solve_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


def _result() -> dict[str, object]:
    scenario = load_scenario(EXAMPLES / "armenia-azerbaijan-2025.yaml")
    return solve_scenario(
        scenario, models=["zopa.compromise.v1", "zopa.median.v1"], draws=200, rng=0
    )


def test_chart_files_are_written(tmp_path: Path) -> None:
    written = write_solve_chart(_result(), tmp_path / "sub" / "chart")
    assert [p.name for p in written] == ["chart.png", "chart.svg"]
    png, svg = (p.read_bytes() for p in written)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg


def test_one_panel_per_issue_with_every_model() -> None:
    result = _result()
    figure = solve_figure(result)
    axes = figure.get_axes()
    assert len(axes) == 4
    labels = [t.get_text() for t in axes[0].get_yticklabels()]
    assert "compromise" in labels and "median" in labels
    assert axes[0].get_title(loc="left").startswith("Armenia's constitutional preamble")


def test_suffix_given_is_replaced(tmp_path: Path) -> None:
    written = write_solve_chart(_result(), tmp_path / "c.png")
    assert sorted(p.name for p in written) == ["c.png", "c.svg"]


def test_dollar_signs_in_scenario_text_are_text_not_tex(tmp_path: Path) -> None:
    # Titles and labels come from scenario files: "$" must never reach the TeX parser.
    result = _result()
    tex = r"Cost $\frac{1$ talks"
    result["scenario"] = {**result["scenario"], "title": tex}
    result["issues"][0]["label"] = tex
    result["issues"][0]["positions"][0]["actor"] = "$x^"
    written = write_solve_chart(result, tmp_path / "chart")
    assert all(p.stat().st_size > 0 for p in written)
    figure = solve_figure(result)
    assert figure.get_axes()[0].get_title(loc="left").startswith(tex)

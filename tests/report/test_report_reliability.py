"""The CORP reliability chart: valid PNG and SVG files, one panel per source, text kept as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib.image

from tests.forecast.conftest import record, scenario_data
from zopa.forecast import Scores, score_forecasts
from zopa.report import reliability_figure, write_reliability_chart
from zopa.scenario import Scenario

MARKUP = '<script>alert("x")</script> & $\\frac{1$ ]]>'


def _scores(market: str = "market") -> Scores:
    data = scenario_data()
    data["questions"].append({**data["questions"][1], "id": "deal2"})  # yes, no, no
    records = [
        record("meet", market, "2025-01-02", 0.7, row=1),
        record("deal", market, "2025-01-02", 0.2, row=2),
        record("deal2", market, "2025-01-02", 0.8, row=3),
        record("meet", "pundit", "2025-01-02", 0.9, row=4, kind="experts"),
    ]
    return score_forecasts(Scenario.model_validate(data), records)


def test_chart_files_are_valid_png_and_svg(tmp_path: Path) -> None:
    written = write_reliability_chart(_scores(), tmp_path / "sub" / "reliability.svg")
    assert [p.name for p in written] == ["reliability.png", "reliability.svg"]
    png, svg = written
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert matplotlib.image.imread(png).ndim == 3  # decodes as an image
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_one_panel_per_source_with_its_pav_fit() -> None:
    figure = reliability_figure(_scores(), "Tiny talks")
    titled = [ax for ax in figure.get_axes() if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left").split(" (")[0] for ax in titled] == ["market", "pundit"]
    line = titled[0].get_lines()[1]  # after the diagonal: the CORP fit
    assert list(line.get_xdata()) == [0.2, 0.7, 0.8]
    assert list(line.get_ydata()) == [0.0, 0.5, 0.5]  # 0.7 (yes) and 0.8 (no) pooled


def test_markup_in_a_source_name_and_title_is_text(tmp_path: Path) -> None:
    scores = _scores(market=MARKUP)
    written = write_reliability_chart(scores, tmp_path / "chart", title=MARKUP)
    png, svg = written
    assert png.stat().st_size > 1000
    root = ET.parse(svg).getroot()  # still well-formed XML
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    figure = reliability_figure(scores, MARKUP)
    assert figure.get_suptitle().startswith(MARKUP)
    assert any(ax.get_title(loc="left").startswith(MARKUP) for ax in figure.get_axes())


def test_no_scored_sources_still_draws_an_empty_chart(tmp_path: Path) -> None:
    scenario = Scenario.model_validate(scenario_data())
    written = write_reliability_chart(score_forecasts(scenario, []), tmp_path / "empty")
    assert all(p.stat().st_size > 0 for p in written)

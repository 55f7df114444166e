"""Chart specs (Vega-Lite, written with Altair) and their rendering to inline SVG."""

from zopa.report._svg import Figure, figure, render_svg
from zopa.report.specs._charts import (
    calibration_spec,
    map_spec,
    models_spec,
    paths_spec,
    timeline_spec,
)

__all__ = [
    "Figure",
    "calibration_spec",
    "figure",
    "map_spec",
    "models_spec",
    "paths_spec",
    "render_svg",
    "timeline_spec",
]

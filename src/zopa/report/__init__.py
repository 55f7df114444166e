"""Reports and charts (pipeline stage 7)."""

from zopa.report._backtest_chart import backtest_figure, write_backtest_chart
from zopa.report._charts import (
    CHART_FORMATS,
    new_figure,
    solve_figure,
    write_figure,
    write_solve_chart,
)
from zopa.report._digest import Digest, evidence_digest
from zopa.report._helpers import Helpers, drawing, solving
from zopa.report._html import REPORT_SEED, render_report, report_path, write_report
from zopa.report._reliability import reliability_figure, write_reliability_chart
from zopa.report._templates import report_csp

__all__ = [
    "CHART_FORMATS",
    "REPORT_SEED",
    "Digest",
    "Helpers",
    "backtest_figure",
    "drawing",
    "evidence_digest",
    "new_figure",
    "reliability_figure",
    "render_report",
    "report_csp",
    "report_path",
    "solve_figure",
    "solving",
    "write_backtest_chart",
    "write_figure",
    "write_reliability_chart",
    "write_report",
    "write_solve_chart",
]

"""Reports and charts (pipeline stage 7)."""

from zopa.report._backtest_chart import backtest_figure, write_backtest_chart
from zopa.report._charts import solve_figure, write_figure, write_solve_chart
from zopa.report._digest import Digest, evidence_digest

__all__ = [
    "Digest",
    "backtest_figure",
    "evidence_digest",
    "solve_figure",
    "write_backtest_chart",
    "write_figure",
    "write_solve_chart",
]

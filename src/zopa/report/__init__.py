"""Reports and charts (pipeline stage 7)."""

from zopa.report._charts import solve_figure, write_solve_chart

__all__ = ["solve_figure", "write_solve_chart"]

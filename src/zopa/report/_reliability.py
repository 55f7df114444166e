"""The CORP reliability diagram of each forecast source (Dimitriadis, Gneiting & Jordan 2021).

One panel per source, over the final forecasts of the resolved event questions
it forecast: the forecast probability on x, the CORP-calibrated probability (the
pool-adjacent-violators fit of :func:`zopa.forecast.corp_calibration`) on y,
joined by straight lines, one marker per distinct forecast value with its area
by the number of questions; the diagonal is perfect calibration; a rug shows
where the forecasts lie; the title gives the mean Brier score and its
decomposition MCB − DSC + UNC. Written with the conventions of
:mod:`zopa.report._charts`.

References
----------
Dimitriadis, T., Gneiting, T., & Jordan, A. I. (2021). Stable reliability diagrams
for probabilistic classifiers. *PNAS*, 118(8), e2016191118.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from zopa.report._charts import new_figure, write_figure

if TYPE_CHECKING:  # the forecast stage is imported only by those who score; matplotlib
    from matplotlib.figure import Figure  # by new_figure, when a chart is drawn

    from zopa.forecast import Scores

__all__ = ["reliability_figure", "write_reliability_chart"]

_COLUMNS = 3


def reliability_figure(scores: Scores, title: str | None = None) -> Figure:
    """A figure with the CORP reliability diagram of every source with scored event forecasts.

    Parameters
    ----------
    scores:
        What :func:`zopa.forecast.score_forecasts` returned.
    title:
        The figure's title (default: the scenario id).
    """
    sources = [s for s in scores.sources if s.calibration is not None]
    columns = max(1, min(_COLUMNS, len(sources)))
    rows = max(1, math.ceil(len(sources) / columns))
    figure = new_figure(3.4 * columns, 3.4 * rows + 0.5)
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    for ax, source in zip(axes, sources, strict=False):
        cal = source.calibration
        assert cal is not None
        forecast = [f for f, _, _ in cal.points]
        calibrated = [c for _, c, _ in cal.points]
        counts = [n for _, _, n in cal.points]
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
        ax.plot(forecast, calibrated, color="tab:red", linewidth=1.5)
        ax.scatter(forecast, calibrated, s=[18 * n for n in counts], color="tab:red", zorder=3)
        ax.plot(forecast, [-0.03] * len(forecast), "|", color="black", markersize=8)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.06, 1.02)
        ax.set_aspect("equal")
        ax.set_xlabel("forecast probability", fontsize=8)
        ax.set_ylabel("CORP calibrated probability", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        ax.set_title(
            f"{source.source} ({len(source.questions)} q.)\n"
            f"Brier {cal.brier:.3f} = MCB {cal.mcb:.3f} − DSC {cal.dsc:.3f} + UNC {cal.unc:.3f}",
            fontsize=8,
            loc="left",
            parse_math=False,  # a source's name is text, never TeX
        )
    for ax in axes[len(sources) :]:
        ax.set_axis_off()
    if not sources:
        axes[0].text(0.5, 0.5, "no scored event forecasts", ha="center", va="center")
    figure.suptitle(
        f"{title or scores.scenario}: CORP reliability diagrams "
        f"({scores.resolved} resolved event questions)",
        fontsize=9,
        parse_math=False,
    )
    return figure


def write_reliability_chart(
    scores: Scores, path: str | Path, title: str | None = None
) -> list[Path]:
    """Write the reliability diagrams as ``path``.png and ``path``.svg; the files written."""
    return write_figure(reliability_figure(scores, title), path)

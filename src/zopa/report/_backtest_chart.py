"""The backtest chart: each question's probability paths by source, outcomes marked.

One panel per event question open at some date of the backtest (small
multiples, three across, one shared time axis): a step line per source over the
dates the question was open — each forecast holds until the next date, as the
time-averaged Brier score counts it — on a 0–1 axis, the question's resolution
date as a dashed line, and its outcome, once known, as a star at 1 (yes) or 0
(no) on the day it was resolved.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from zopa.report._charts import write_figure

__all__ = ["backtest_figure", "write_backtest_chart"]

_ACROSS = 3


def backtest_figure(
    title: str,
    questions: Sequence[Mapping[str, Any]],
    forecasts: Sequence[Mapping[str, Any]],
    dates: tuple[date, date],
) -> Figure:
    """A figure of a backtest.

    Parameters
    ----------
    title:
        The scenario's title.
    questions:
        Each event question as ``{"id", "text", "opens", "resolution_date",
        "resolved_on", "outcome"}`` (dates as ISO strings or ``None``; ``outcome``
        ``True``/``False``/``None``).
    forecasts:
        The backtest's forecasts in the public layout (``question``, ``source``,
        ``as_of``, ``probability``).
    dates:
        The backtest's first and last as-of dates.
    """
    first, last = dates
    questions = [q for q in questions if _open_between(q, first, last)]
    sources = sorted({f["source"] for f in forecasts})
    colours = {name: f"C{k % 10}" for k, name in enumerate(sources)}
    rows = max(1, math.ceil(len(questions) / _ACROSS))
    figure = Figure(figsize=(4.2 * _ACROSS, 1.2 + 2.6 * rows), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(rows, _ACROSS, squeeze=False, sharex=True, sharey=True).ravel()
    for ax, question in zip(axes, questions, strict=False):
        opens, close = _open_period(question)
        for source in sources:
            path = sorted(
                (day, f["probability"])
                for f in forecasts
                if f["question"] == question["id"]
                and f["source"] == source
                and f["probability"] is not None
                and (opens is None or opens <= (day := date.fromisoformat(f["as_of"])))
                and day < close
            )
            if path:
                days, probabilities = zip(*path, strict=True)
                ax.step(
                    days,
                    probabilities,
                    where="post",
                    marker=".",
                    markersize=3,
                    color=colours[source],
                    label=source,
                )
        ax.axvline(date.fromisoformat(question["resolution_date"]), color="grey", ls="--", lw=1)
        if (
            question["outcome"] is not None
            and question["resolved_on"] is not None
            and first <= date.fromisoformat(question["resolved_on"]) <= last
        ):
            ax.scatter(
                [date.fromisoformat(question["resolved_on"])],
                [1.0 if question["outcome"] else 0.0],
                marker="*",
                s=120,
                color="black",
                zorder=4,
            )
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlim(first, last)
        ax.set_title(_cut(question["text"]), fontsize=8, loc="left", parse_math=False)
        ax.tick_params(axis="x", labelsize=7, labelrotation=30)
        ax.grid(alpha=0.3)
    for ax in axes[len(questions) :]:
        ax.set_axis_off()
    handles: dict[str, Artist] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    if handles:
        figure.legend(
            handles=list(handles.values()),
            labels=list(handles),
            loc="outside lower center",
            ncols=4,
            fontsize=8,
        )
    figure.suptitle(
        f"{title}: probability by source over time (★ outcome, dashed: resolution date)",
        fontsize=9,
        parse_math=False,  # a "$" in a title is text, not TeX
    )
    return figure


def _open_period(question: Mapping[str, Any]) -> tuple[date | None, date]:
    """``[opens, close)``: from its opening (``None``: always) to the day after its
    resolution date, or the day it was resolved if earlier (as the scores count it)."""
    opens = date.fromisoformat(question["opens"]) if question["opens"] else None
    close = date.fromisoformat(question["resolution_date"]) + timedelta(days=1)
    if question["resolved_on"]:
        close = min(close, date.fromisoformat(question["resolved_on"]))
    return opens, close


def _open_between(question: Mapping[str, Any], first: date, last: date) -> bool:
    opens, close = _open_period(question)
    return (opens is None or opens <= last) and first < close


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_backtest_chart(
    title: str,
    questions: Sequence[Mapping[str, Any]],
    forecasts: Sequence[Mapping[str, Any]],
    dates: tuple[date, date],
    path: str | Path,
) -> list[Path]:
    """Write :func:`backtest_figure` as ``path``.png and ``path``.svg; the files written."""
    return write_figure(backtest_figure(title, questions, forecasts, dates), path)

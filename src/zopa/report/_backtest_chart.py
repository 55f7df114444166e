"""The chart of a backtest: each event question's probability paths, outcomes marked.

One panel per event question with a forecast: every source's probability as a
step line over the backtest's dates (imported prices dashed), the resolution
date as a dotted line, and the outcome, once known, as a marker at 1 (yes) or
0 (no) on the day it became known.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zopa.report._charts import new_figure, write_figure

if TYPE_CHECKING:  # matplotlib is imported by whoever draws, not by the HTML report
    from matplotlib.figure import Figure

__all__ = ["backtest_figure", "write_backtest_chart"]


def backtest_figure(result: Mapping[str, Any]) -> Figure:
    """A figure of a backtest in its public layout (``Backtest.to_dict()``)."""
    paths: dict[str, dict[str, list[tuple[date, float]]]] = {}
    kinds: dict[str, str] = {}
    for f in [*result["forecasts"], *result["prices"]]:
        if f["probability"] is None:
            continue
        by_source = paths.setdefault(f["question"], {})
        by_source.setdefault(f["source"], []).append(
            (date.fromisoformat(f["as_of"]), f["probability"])
        )
        kinds[f["source"]] = f["source_kind"]
    questions = [q for q in result["questions"] if q["id"] in paths]
    rows = max(1, len(questions))
    figure = new_figure(10, 1.0 + 2.2 * rows)
    axes = figure.subplots(rows, 1, squeeze=False, sharex=True)[:, 0]
    sources = sorted(kinds)
    colour = {s: f"C{k % 10}" for k, s in enumerate(sources)}
    for ax, q in zip(axes, questions, strict=False):
        for source, points in sorted(paths[q["id"]].items()):
            days, values = zip(*sorted(points), strict=True)
            combined = kinds[source] == "combined"
            ax.step(
                days,
                values,
                where="post",
                marker=".",
                markersize=4,
                linestyle="--" if kinds[source] == "price" else "-",
                linewidth=3.0 if combined else 1.5,
                alpha=0.5 if combined else 1.0,
                color=colour[source],
                label=source,
            )
        ax.axvline(date.fromisoformat(q["resolution_date"]), color="grey", linestyle=":")
        if q["resolved_on"] is not None and isinstance(q["outcome"], bool):
            y = 1.0 if q["outcome"] else 0.0
            ax.scatter(
                [date.fromisoformat(q["resolved_on"])],
                [y],
                marker="*",
                s=140,
                color="black",
                zorder=4,
                label="outcome",
            )
        ax.set_ylim(-0.05, 1.05)
        ax.set_ylabel("P(yes)", fontsize=8)
        ax.set_title(f"{q['id']}: {q['text']}", fontsize=9, loc="left", parse_math=False)
        ax.grid(alpha=0.3)
    handles: dict[str, Any] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    if handles:
        figure.legend(
            list(handles.values()),
            list(handles),
            loc="outside lower center",
            ncols=min(4, len(handles)),
            fontsize=8,
        )
    figure.suptitle(
        f"{result['scenario']}: forecasts from {result['from']} to {result['to']} every "
        f"{result['step_days']} day(s); ★ outcome, dotted: resolution date",
        fontsize=10,
        parse_math=False,
    )
    return figure


def write_backtest_chart(result: Mapping[str, Any], path: str | Path) -> list[Path]:
    """Write the backtest chart as ``path``.png and ``path``.svg; the files written."""
    return write_figure(backtest_figure(result), path)

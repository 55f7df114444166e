"""Charts (matplotlib, no pyplot state, PNG and SVG) and the solve chart.

Every zopa chart follows the conventions kept here: a :func:`new_figure` on the
Agg canvas (no pyplot, no global state), text from outside drawn with
``parse_math=False`` (a "$" in a name is text, not TeX), and :func:`write_figure`
to write ``PATH.png`` and ``PATH.svg``.

The solve chart: one panel per issue on its 0–100 scale: each actor's position
(marker area by salience, a bar for its uncertainty interval), the status quo,
the zone of possible agreement (shaded when non-empty), and each model's
prediction with its Monte Carlo interval.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # matplotlib is imported by whoever draws, not by the HTML report
    from matplotlib.figure import Figure

__all__ = ["CHART_FORMATS", "new_figure", "solve_figure", "write_figure", "write_solve_chart"]

CHART_FORMATS = ("png", "svg")
"""The files every chart is written as."""

_DPI = 120


def new_figure(width: float, height: float) -> Figure:
    """A figure of ``width`` × ``height`` inches on the Agg canvas, constrained layout."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def write_figure(figure: Figure, path: str | Path) -> list[Path]:
    """Write ``figure`` as ``path``.png and ``path``.svg.

    Parameters
    ----------
    figure:
        The figure to write.
    path:
        The output path without suffix (a ``.png`` or ``.svg`` suffix given is replaced).

    Returns
    -------
    list of Path
        The files written.
    """
    base = Path(path)
    if base.suffix in {f".{fmt}" for fmt in CHART_FORMATS}:
        base = base.with_name(base.name.removesuffix(base.suffix))
    written = []
    for fmt in CHART_FORMATS:
        target = base.with_name(f"{base.name}.{fmt}")
        target.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(target, format=fmt, dpi=_DPI)
        written.append(target)
    return written


def _short(model: str) -> str:
    """``zopa.compromise.v1`` → ``compromise``."""
    parts = model.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == "zopa" else model


def solve_figure(result: Mapping[str, Any]) -> Figure:
    """A figure of the ``solve_scenario`` result (one row per issue)."""
    issues = result["issues"]
    models = [m["name"] for m in result["models"]]
    rows = max(1, len(issues))
    height = 1.2 + sum(0.35 * (len(i["positions"]) + len(models)) + 0.6 for i in issues)
    figure = new_figure(9, max(3.0, height))
    ratios = [len(i["positions"]) + len(models) + 1 for i in issues] or [1]
    axes = figure.subplots(rows, 1, squeeze=False, gridspec_kw={"height_ratios": ratios})[:, 0]
    colours = [f"C{k % 10}" for k in range(len(models))]
    for ax, issue in zip(axes, issues, strict=False):
        labels: list[str] = []
        y = 0
        zopa = issue["zopa"]
        if zopa["nonempty"]:
            ax.axvspan(zopa["low"], zopa["high"], color="tab:green", alpha=0.15, label="ZOPA")
        if issue["status_quo"] is not None:
            ax.axvline(issue["status_quo"], color="grey", linestyle="--", linewidth=1)
        for pos in issue["positions"]:
            ax.hlines(y, pos["low"], pos["high"], color="black", linewidth=1.5)
            size = 20 + 2.5 * (pos["salience"] or 0)
            ax.scatter([pos["position"]], [y], s=size, color="black", zorder=3)
            if pos["red_line"] is not None:
                ax.scatter([pos["red_line"]], [y], marker="|", s=160, color="tab:red", zorder=3)
            labels.append(f"{pos['actor']} (s={pos['salience']:g})")
            y += 1
        for colour, name in zip(colours, models, strict=True):
            pred = issue["predictions"][name]
            if pred["point"] is not None:
                if pred["low"] is not None and pred["high"] is not None:
                    ax.hlines(y, pred["low"], pred["high"], color=colour, linewidth=3, alpha=0.6)
                ax.scatter([pred["point"]], [y], marker="D", color=colour, zorder=3)
            labels.append(_short(name))
            y += 1
        ax.set_yticks(range(len(labels)), labels, fontsize=8, parse_math=False)
        ax.set_ylim(-0.7, max(len(labels), 1) - 0.3)
        ax.invert_yaxis()
        ax.set_xlim(-2, 102)
        verdict = f"ZOPA [{zopa['low']:g}, {zopa['high']:g}]" if zopa["nonempty"] else "no ZOPA"
        p = zopa.get("p_nonempty")
        chance = f", P(ZOPA)={p:.2f}" if p is not None else ""
        ax.set_title(
            f"{issue['label']} — {verdict}{chance}", fontsize=9, loc="left", parse_math=False
        )
        anchors = issue.get("anchors", {})
        ax.set_xticks([float(k) for k in anchors], [f"{k}" for k in anchors], fontsize=7)
        ax.grid(axis="x", alpha=0.3)
    interval = result.get("interval", 0.9)
    figure.suptitle(
        f"{result['scenario']['title']}: positions (size = salience, red | = red line), "
        f"predictions with {interval:.0%} intervals",
        fontsize=9,
        parse_math=False,  # a "$" in a scenario's title is text, not TeX
    )
    return figure


def write_solve_chart(result: Mapping[str, Any], path: str | Path) -> list[Path]:
    """Write the chart of a solve result as ``path``.png and ``path``.svg.

    Parameters
    ----------
    result:
        What :func:`zopa.scenario.solve_scenario` returned.
    path:
        The output path without suffix (a ``.png`` or ``.svg`` suffix given is replaced).

    Returns
    -------
    list of Path
        The files written.
    """
    return write_figure(solve_figure(result), path)

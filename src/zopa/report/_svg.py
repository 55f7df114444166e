"""Vega-Lite specs rendered to inline SVG at build time, with vl-convert (no browser).

vl-convert resolves every ``href`` against Vega's default loader base (the
vega-datasets site); the links zopa writes are fragments or paths on the same
server, so that base is cut off again here, and the SVG's namespace
declarations (not needed inside HTML) go too, leaving no URL in the output that
zopa did not write. Vega numbers its gradients and clip paths with a counter
that runs on for the whole process, so the ids are renamed after the figure
(``map-chart-0``): the same chart gives the same bytes whatever was drawn
before it, and two charts on one page never share an id. No data is loaded
from anywhere (``allowed_base_urls=[]``): every spec carries its data inline.

Where a chart is drawn is the caller's choice (a :data:`Drawer`): here, kept in
a small cache (the dashboard), or in another process while this one goes on
(the report, :mod:`zopa.report._helpers`). vl-convert holds the GIL while it
draws, so a thread would not run beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

__all__ = [
    "Drawer",
    "Drawing",
    "Figure",
    "draw_here",
    "figure",
    "local_svg",
    "render_svg",
    "vega_svg",
]

_VEGA_BASE = 'xlink:href="https://vega.github.io/vega-datasets/'
_NAMESPACES = re.compile(r' xmlns(?::xlink)?="[^"]*"')
_ID = re.compile(r' id="([^"]+)"')
_REFERENCE = re.compile(r'(id="|url\(#)([^")]+)([")])')

Drawing = Callable[[], str]
"""A chart being drawn: called, its SVG (waiting for it when it is drawn elsewhere)."""

Drawer = Callable[[str, str], Drawing]
"""Starts drawing a Vega-Lite spec given as JSON, its element ids prefixed with the second
argument (:func:`local_svg`)."""


@dataclass(frozen=True)
class Figure:
    """A chart ready for a template: its title, text alternative and inline SVG."""

    id: str
    title: str
    description: str
    drawing: Drawing

    @property
    def svg(self) -> Markup:
        """The chart's SVG (vega escapes its text)."""
        return Markup(self.drawing())


def vega_svg(spec: str | dict[str, Any]) -> str:
    """The SVG vl-convert draws for a Vega-Lite ``spec`` (JSON text or a dict with inline
    data), loading nothing from anywhere."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])


def local_svg(svg: str, prefix: str) -> str:
    """vl-convert's ``svg`` with its links made local and its element ids renamed
    ``{prefix}-0``, ``{prefix}-1``, ... in order of appearance."""
    svg = _NAMESPACES.sub("", svg.replace(_VEGA_BASE, 'href="'), count=2)
    names = {old: f"{prefix}-{k}" for k, old in enumerate(dict.fromkeys(_ID.findall(svg)))}
    return _REFERENCE.sub(
        lambda m: m[1] + names.get(m[2], m[2]) + m[3] if m[2] in names else m[0], svg
    )


def render_svg(spec: str | dict[str, Any], prefix: str) -> str:
    """The inline SVG of a Vega-Lite ``spec``: :func:`vega_svg`, then :func:`local_svg`."""
    return local_svg(vega_svg(spec), prefix)


@lru_cache(maxsize=64)
def _rendered(spec: str, prefix: str) -> str:
    """:func:`render_svg` of a spec in JSON, the last 64 kept: a dashboard page asked
    again over unchanged data is not drawn again."""
    return render_svg(spec, prefix)


def draw_here(spec: str, prefix: str) -> Drawing:
    """The :data:`Drawer` of this process: draws at once (cached by spec and prefix)."""
    svg = _rendered(spec, prefix)
    return lambda: svg


def figure(
    id: str,
    title: str,
    description: str,
    spec: dict[str, Any] | None,
    draw: Drawer = draw_here,
) -> Figure | None:
    """The :class:`Figure` of ``spec`` drawn by ``draw`` (``None`` when there is no chart).

    ``description`` is the chart's text alternative: the template shows it as
    the figure's caption and labels the SVG with it.
    """
    if spec is None:
        return None
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return Figure(id, title, description, draw(text, id))

"""Vega-Lite specs rendered to inline SVG at build time, with vl-convert (no browser).

vl-convert resolves every ``href`` against Vega's default loader base (the
vega-datasets site); the links zopa writes are fragments or paths on the same
server, so that base is cut off again here, and the SVG's namespace
declarations (not needed inside HTML) go too, leaving no URL in the output that
zopa did not write. No data is loaded from anywhere (``allowed_base_urls=[]``):
every spec carries its data inline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

__all__ = ["Figure", "figure", "render_svg"]

_VEGA_BASE = 'xlink:href="https://vega.github.io/vega-datasets/'
_NAMESPACES = re.compile(r' xmlns(?::xlink)?="[^"]*"')


@dataclass(frozen=True)
class Figure:
    """A chart ready for a template: its title, text alternative and inline SVG."""

    id: str
    title: str
    description: str
    svg: Markup


def render_svg(spec: dict[str, Any]) -> str:
    """The SVG of a Vega-Lite ``spec`` (a dict with inline data), links made local."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
    svg = svg.replace(_VEGA_BASE, 'href="')
    return _NAMESPACES.sub("", svg, count=2)


def figure(id: str, title: str, description: str, spec: dict[str, Any] | None) -> Figure | None:
    """The :class:`Figure` of ``spec`` (``None`` when there is no chart to draw).

    ``description`` is the chart's text alternative: the template shows it as
    the figure's caption and labels the SVG with it.
    """
    if spec is None:
        return None
    return Figure(id, title, description, Markup(render_svg(spec)))  # vega escapes its text

"""The Jinja2 environment shared by the report and the dashboard: autoescape, strict."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined

__all__ = ["STYLESHEET", "environment", "stylesheet"]

STYLESHEET = "zopa.css"
"""The stylesheet in ``zopa/report/static/``: inlined in the report, served by the dashboard."""


@cache
def environment() -> Environment:
    """The environment over ``zopa/report/templates``: every value escaped, undefined an error."""
    return Environment(
        loader=PackageLoader("zopa.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def stylesheet() -> str:
    """The text of the shared stylesheet."""
    return (files("zopa.report") / "static" / STYLESHEET).read_text(encoding="utf-8")

"""The Jinja2 environment shared by the report and the dashboard: autoescape, strict."""

from __future__ import annotations

import base64
import contextlib
import hashlib
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
)
from jinja2.bccache import Bucket

__all__ = ["STYLESHEET", "environment", "report_csp", "stylesheet"]

STYLESHEET = "zopa.css"
"""The stylesheet in ``zopa/report/static/``: inlined in the report, served by the dashboard."""


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, with ``view.key`` on a plain dict (every view model is one)
    looked up as Jinja does, the attribute first and then the key, but without raising
    and catching an :class:`AttributeError` on the way: a fifth to a third of a page's
    CPU went there. A plain dict has no attribute but those of its type."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute`` in a template."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache in its default folder; a template it cannot write there
    (a full disk) stays compiled in memory only."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write ``bucket``'s bytecode, or nothing when the folder cannot be written."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> BytecodeCache | None:
    """The bytecode cache, or none where Jinja finds no safe folder for it (one another
    user made, a read-only temporary folder): the templates are then compiled each time."""
    try:
        return _BytecodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def environment() -> Environment:
    """The environment over ``zopa/report/templates``: every value escaped, undefined an error.

    Compiled templates are kept in Jinja's bytecode cache (its default folder, private to
    the user, each keyed by the template's source): a new process, such as each ``zopa
    report``, loads them instead of compiling the twenty again (a tenth of a second)."""
    return _Environment(
        loader=PackageLoader("zopa.report", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def stylesheet() -> str:
    """The text of the shared stylesheet."""
    return (files("zopa.report") / "static" / STYLESHEET).read_text(encoding="utf-8")


def report_csp(css: str) -> str:
    """The report's Content-Security-Policy: no script, no fetch of any kind, no style but
    the report's own stylesheet ``css``, allowed by its SHA-256 (a CSP Level 2 hash source)."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )

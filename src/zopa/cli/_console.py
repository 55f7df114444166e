"""The CLI's consoles: every string they print is data, never markup.

Text from outside — article titles and outlets, quotes, actor names, scenario
titles, file names, and error messages quoting any of them — reaches the
terminal only through :data:`console` (stdout) and :data:`err_console`
(stderr). Both are :class:`DataConsole`\\ s: a string printed directly, in a
table cell or as a title is shown as it is, with no rich markup (``[/b]``),
emoji codes (``:smile:``) or highlighting, and every control character shown
as its escape by :func:`printable` (a terminal escape such as ``\\x1b[31m`` in
a title could recolour, retitle or clear the user's terminal). Styling is
added by zopa itself, as :class:`rich.text.Text` built by :func:`styled`.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from rich.console import Console
from rich.style import Style
from rich.text import Text

__all__ = ["DataConsole", "console", "err_console", "printable", "styled"]

# C0 controls but newline and tab, DEL, and C1 controls (U+0080–U+009F: 8-bit escapes).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Tables written to a pipe or file get a fixed, comfortable width instead of rich's 80.
_PIPE_WIDTH = 132


def printable(text: str) -> str:
    r"""``text`` with every control character but newline and tab shown as its escape.

    ``"\x1b[31mred"`` becomes ``"\\x1b[31mred"``: the user sees the escape
    instead of their terminal obeying it.
    """
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def styled(text: str, style: str | Style = "") -> Text:
    """``text`` from outside as a :class:`~rich.text.Text` in zopa's own ``style``."""
    return Text(printable(text), style=style)


class DataConsole(Console):
    """A rich console that prints strings as data.

    Markup, emoji codes and highlighting are off, and :meth:`render_str` (which
    rich calls for every string it prints: lines, table cells, titles) passes
    the string through :func:`printable` first.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **options)

    def render_str(self, text: str, **options: Any) -> Text:
        """The string as a :class:`~rich.text.Text`, its control characters made visible."""
        return super().render_str(printable(text), **options)


console = DataConsole(width=None if sys.stdout.isatty() else _PIPE_WIDTH)
err_console = DataConsole(stderr=True, soft_wrap=True)

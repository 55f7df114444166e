"""A problem found in a scenario file, with the place it was found and a hint for the fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Path", "Problem"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One error or warning about a scenario file.

    Attributes
    ----------
    file:
        The file name as given (``<string>`` for text parsed directly).
    line:
        1-based line of the offending value (0 when the file has no lines to point at).
    message:
        What is wrong, with the bad value.
    hint:
        How to fix it, or ``None``.
    severity:
        ``"error"`` makes the file invalid; ``"warning"`` is worth a look but loads.
    path:
        Where in the document, e.g. ``("actors", 0, "positions", "territory")``.
    """

    file: str
    line: int
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"
    path: Path = ()

    def format(self) -> str:
        """The one-line form ``file:line: message (hint: ...)``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        where_in = f" at {dotted(self.path)}" if self.path else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}: {self.message}{where_in}{hint}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "path": dotted(self.path),
        }


def dotted(path: Path) -> str:
    """``("actors", 0, "name")`` → ``actors[0].name``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out

"""Sets of store ids written as ranges (``"1-5,8,10-12"``): what a draft read.

A scenario drafted from the store records the documents it read
(``drafted_from``), so that ``scenario draft --base`` can tell evidence the
analyst has already been shown (and may have deleted on purpose) from evidence
in documents ingested since. Ranges keep the field one short line however many
documents a store holds, since ids are given in ingest order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

__all__ = ["RANGES_PATTERN", "IdRanges"]

#: A comma-separated list of ids and ``first-last`` ranges.
RANGES_PATTERN = r"^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$"
_PART = re.compile(r"([0-9]+)(?:-([0-9]+))?")


class IdRanges:
    """An immutable set of ids, held as sorted, disjoint ``(first, last)`` ranges."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._ranges = _coalesce(ranges)
        self._firsts = [first for first, _ in self._ranges]

    @classmethod
    def of(cls, ids: Iterable[int]) -> IdRanges:
        """The set of ``ids``."""
        return cls((i, i) for i in ids)

    @classmethod
    def parse(cls, text: str) -> IdRanges:
        """The set ``text`` writes (``"1-5,8"``); a reversed range (``5-1``) is read as ``1-5``."""
        bounds = []
        for match in _PART.finditer(text):
            first = int(match.group(1))
            last = int(match.group(2)) if match.group(2) else first
            bounds.append((min(first, last), max(first, last)))
        return cls(bounds)

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, int):
            return False
        at = bisect.bisect_right(self._firsts, item) - 1
        return at >= 0 and self._ranges[at][1] >= item

    def __or__(self, other: IdRanges) -> IdRanges:
        return IdRanges([*self._ranges, *other._ranges])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IdRanges) and self._ranges == other._ranges

    def __hash__(self) -> int:
        return hash(tuple(self._ranges))

    def __bool__(self) -> bool:
        return bool(self._ranges)

    def __str__(self) -> str:
        return ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in self._ranges)

    def __repr__(self) -> str:
        return f"IdRanges({str(self)!r})"


def _coalesce(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges covering the same ids (touching ranges joined)."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out

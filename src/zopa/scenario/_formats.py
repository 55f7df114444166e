"""Which negotiation formats can take place, given the preconditions actors set.

A format is *blocked* when one of its participants or mediators refuses it, or
refuses its venue, or requires a signatory who is not at the table; it is
*conditional* when it may take place only after another format (the Kremlin's
rule that leaders meet only on terms their delegations agreed first), and then
it is reachable only if that format is. A chain of ``after_format``
preconditions that loops back on itself can never start: it is a *cycle*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from zopa.scenario._schema import FormatSpec, Scenario

__all__ = ["FormatStatus", "format_reachability"]


@dataclass(frozen=True)
class FormatStatus:
    """Whether a format can take place and why not.

    ``status`` is ``open`` (no precondition stands in the way), ``conditional``
    (it needs other formats first, all reachable: ``after``), ``blocked``
    (``reasons`` say who blocks it) or ``cycle``.
    """

    format: str
    status: Literal["open", "conditional", "blocked", "cycle"]
    after: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def reachable(self) -> bool:
        """Whether the format can take place at all."""
        return self.status in ("open", "conditional")


def _own_blocks(fmt: FormatSpec) -> list[str]:
    at_table = {*fmt.participants, *fmt.mediators}
    reasons = []
    for pre in fmt.preconditions:
        if pre.kind == "refuses":
            reasons.append(f"{pre.actor} refuses this format")
        elif pre.kind == "refuses_venue" and (
            fmt.venue is not None
            and pre.venue is not None
            and pre.venue.casefold() == fmt.venue.casefold()
        ):
            reasons.append(f"{pre.actor} refuses the venue {fmt.venue}")
        elif pre.kind == "signatory" and pre.signatory not in at_table:
            reasons.append(f"{pre.actor} requires {pre.signatory} at the table")
    return reasons


def format_reachability(scenario: Scenario) -> dict[str, FormatStatus]:
    """The :class:`FormatStatus` of every format of ``scenario``, by format id.

    Unknown format ids in ``after_format`` are left to the checker; here they
    count as blocking (the format they guard cannot be shown reachable).
    """
    formats = {f.id: f for f in scenario.formats}
    result: dict[str, FormatStatus] = {}
    visiting: set[str] = set()

    def status(format_id: str) -> FormatStatus:
        if format_id in result:
            return result[format_id]
        if format_id in visiting:
            return FormatStatus(format_id, "cycle", reasons=(f"{format_id} needs itself first",))
        fmt = formats[format_id]
        visiting.add(format_id)
        reasons = _own_blocks(fmt)
        after = tuple(
            dict.fromkeys(
                p.format for p in fmt.preconditions if p.kind == "after_format" and p.format
            )
        )
        cycle = False
        for other in after:
            if other not in formats:
                reasons.append(f"needs the unknown format {other}")
                continue
            before = status(other)
            if before.status == "cycle":
                cycle = True
            elif before.status == "blocked":
                reasons.append(
                    f"needs {other} first, which is blocked ({'; '.join(before.reasons)})"
                )
        visiting.discard(format_id)
        if cycle:
            out = FormatStatus(
                format_id,
                "cycle",
                after,
                (f"{format_id} waits on formats that wait on each other",),
            )
        elif reasons:
            out = FormatStatus(format_id, "blocked", after, tuple(reasons))
        else:
            out = FormatStatus(format_id, "conditional" if after else "open", after)
        result[format_id] = out
        return out

    for format_id in formats:
        status(format_id)
    return result

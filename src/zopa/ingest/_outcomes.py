"""What an ingest did: one outcome per article (or unreadable file), in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["IngestOutcome", "IngestReport", "Status"]

Status = Literal["ingested", "duplicate", "failed"]


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one article (or one file that could not be read)."""

    source: str
    status: Status
    document_id: int | None = None
    message: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class IngestReport:
    """Every outcome of a run, in order, with counts by status."""

    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many outcomes have ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return self.count("failed") == 0

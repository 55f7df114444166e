"""The article view: a document's text cut into segments, each extracted span marked by kind.

Spans overlap (a claim inside a quote inside an event's sentence), so the text
is cut at every span boundary; each segment lists the spans covering it,
outermost first, and a template wraps it in one ``<mark>`` per span. The first
segment of a span carries its anchor (``claim-12``), so a link to the span
scrolls to where it starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from zopa.report.views._links import span_anchor

__all__ = ["SPAN_KINDS", "Span", "article_view", "segments"]

SPAN_KINDS = ("mention", "event", "quote", "claim", "estimate")
"""The kinds of extracted span an article view marks (also their CSS classes)."""


@dataclass(frozen=True)
class Span:
    """One extracted span: its kind, row id (``None`` for actor mentions), offsets, label."""

    kind: str
    id: int | None
    start: int
    end: int
    label: str


def _order(span: Span) -> tuple[int, int, int, int]:
    return (span.start, -span.end, SPAN_KINDS.index(span.kind), span.id or 0)


def segments(text: str, spans: Iterable[Span]) -> list[dict[str, Any]]:
    """``text`` cut at every boundary of ``spans``, each piece with the spans covering it.

    Returns a list of ``{"text", "marks"}``; ``marks`` are ``{"kind", "anchor",
    "label"}`` dictionaries, outermost span first, ``anchor`` set only on the
    first segment of a span with an id. Spans outside the text are clipped;
    empty spans are left out. Linear in the text plus spans × segments covered.
    """
    size = len(text)
    clipped = sorted(
        (
            Span(s.kind, s.id, max(0, s.start), min(size, s.end), s.label)
            for s in spans
            if max(0, s.start) < min(size, s.end)
        ),
        key=_order,
    )
    cuts = sorted({0, size, *(s.start for s in clipped), *(s.end for s in clipped)})
    out: list[dict[str, Any]] = []
    for a, b in pairwise(cuts):
        marks = [
            {
                "kind": s.kind,
                "anchor": span_anchor(s.kind, s.id) if s.id is not None and s.start == a else None,
                "label": s.label,
            }
            for s in clipped
            if s.start <= a and s.end >= b
        ]
        out.append({"text": text[a:b], "marks": marks})
    return out


def article_view(document: dict[str, Any], spans: Iterable[Span]) -> dict[str, Any]:
    """A document (``id``, ``title``, ``outlet``, ``published``, ``source``, ``language``,
    ``url``, ``text``) as an article view: its fields, segments and span counts by kind."""
    held = list(spans)
    counts = {kind: sum(1 for s in held if s.kind == kind) for kind in SPAN_KINDS}
    fields = {k: v for k, v in document.items() if k != "text"}
    return {**fields, "segments": segments(document["text"], held), "counts": counts}

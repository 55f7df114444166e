"""A short digest of the evidence in a store: what `make demo` prints after extraction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zopa.store import Store

__all__ = ["Digest", "evidence_digest"]

_EVENT_PRIORITY = ("happened", "planned", "refused", "hypothetical")


@dataclass(frozen=True)
class Digest:
    """Plain data summarising the evidence: top actors, key events, quotes, claims, estimates.

    Every listed item keeps its public dictionary (document id, source, span), so
    each line of the digest can be traced to its sentence.
    """

    actors: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    claims_by_actor_issue: dict[tuple[str, str], int]
    estimates: list[dict[str, Any]]
    counts: dict[str, int] = field(default_factory=dict)


def _event_rank(event: dict[str, Any]) -> tuple[int, str]:
    status = event.get("status") or "hypothetical"
    order = _EVENT_PRIORITY.index(status) if status in _EVENT_PRIORITY else len(_EVENT_PRIORITY)
    return order, str(event.get("date") or "9999")


def evidence_digest(store: Store, *, top: int = 8) -> Digest:
    """Summarise the evidence in ``store``.

    Parameters
    ----------
    top:
        How many actors, events, quotes and estimates to keep.

    Notes
    -----
    Actors are ranked by mentions; events with both a source and a target actor
    are preferred, happened before planned before refused before hypothetical,
    then by date; quotes are direct quotes with a resolved speaker first; claims
    are counted per (actor, issue); estimates are listed in document order.
    """
    from zopa.evidence import list_actors, list_items

    actors = [listing.item for listing in list_actors(store)]
    events = [listing.item for listing in list_items(store, "events")]
    quotes = [listing.item for listing in list_items(store, "quotes")]
    claims = [listing.item for listing in list_items(store, "claims")]
    estimates = [listing.item for listing in list_items(store, "estimates")]
    paired = [e for e in events if e.get("source_actor") and e.get("target_actor")]
    key_events = sorted(paired, key=_event_rank)[:top]
    spoken = sorted(
        quotes,
        key=lambda q: (q.get("kind") != "direct", q.get("speaker_actor") is None, q["id"]),
    )
    claim_counts = Counter(
        (str(c.get("actor") or "(unattributed)"), str(c.get("issue"))) for c in claims
    )
    return Digest(
        actors=actors[:top],
        events=key_events,
        quotes=spoken[:top],
        claims_by_actor_issue=dict(claim_counts),
        estimates=estimates[:top],
        counts={
            "actors": len(actors),
            "events": len(events),
            "quotes": len(quotes),
            "claims": len(claims),
            "estimates": len(estimates),
        },
    )

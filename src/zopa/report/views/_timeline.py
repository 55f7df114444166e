"""The timeline of extracted events, filtered by actor, type and status."""

from __future__ import annotations

from typing import Any

from zopa.report.views._evidence import Evidence
from zopa.report.views._links import Links

__all__ = ["timeline"]


def _involves(event: dict[str, Any], actor: str) -> bool:
    wanted = actor.casefold()
    return any(
        name is not None and wanted in name.casefold()
        for name in (event["source_actor"], event["target_actor"])
    )


def timeline(
    evidence: Evidence,
    links: Links,
    *,
    actor: str | None = None,
    type: str | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """The events by date, each with the link to its sentence, and the filters' choices.

    An undated event stands at its article's publication date (``dated_by``
    says which); events with neither are left out and counted in ``undated``.
    ``actor`` matches a source or target actor's name in part, case-insensitively;
    ``type`` and ``status`` match exactly. ``choices`` lists the values present
    before filtering, for the filter controls; ``total`` is how many are shown.
    """
    events = evidence.items.get("events", [])
    rows, undated = [], 0
    for event in events:
        if actor and not _involves(event, actor):
            continue
        if (type and event["type"] != type) or (status and event["status"] != status):
            continue
        published = evidence.documents.get(event["document_id"], {}).get("published")
        when = event["date"] or published
        if when is None:
            undated += 1
            continue
        rows.append(
            {
                **event,
                "when": when,
                "dated_by": "event" if event["date"] else "article",
                "href": links.span("event", event["id"], event["document_id"]),
                "document_href": links.document(event["document_id"]),
            }
        )
    rows.sort(key=lambda r: (r["when"], r["document_id"], r["start"], r["id"]))
    actors = {a for e in events for a in (e["source_actor"], e["target_actor"]) if a}
    return {
        "events": rows,
        "total": len(rows),
        "undated": undated,
        "filters": {"actor": actor, "type": type, "status": status},
        "choices": {
            "actor": sorted(actors),
            "type": sorted({e["type"] for e in events}),
            "status": sorted({e["status"] for e in events}),
        },
    }

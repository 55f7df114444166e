"""The scenario summary: what it covers, as of when, and how much evidence stands behind it."""

from __future__ import annotations

from datetime import date
from typing import Any

from zopa.scenario import Scenario

__all__ = ["scenario_summary"]


def scenario_summary(
    scenario: Scenario, counts: dict[str, int], as_of: date | None
) -> dict[str, Any]:
    """Title, description, date, issues (label, anchors, status quo), actors, formats (kind,
    participants, mediators, venue, status), deadlines (date, who set them, to whom, what)
    and ``counts`` of the evidence shown (:func:`~zopa.report.views.count_evidence`); actors
    are named by their names."""
    names = {a.id: a.name for a in scenario.actors}
    return {
        "id": scenario.id,
        "title": scenario.title,
        "description": scenario.description,
        "scenario_as_of": scenario.as_of.isoformat() if scenario.as_of else None,
        "as_of": as_of.isoformat() if as_of else None,
        "issues": [
            {
                "id": i.id,
                "label": i.label,
                "anchors": [{"at": f"{k:g}", "text": v} for k, v in sorted(i.anchors.items())],
                "status_quo": i.status_quo.value if i.status_quo else None,
            }
            for i in scenario.issues
        ],
        "actors": [
            {"id": a.id, "name": a.name, "kind": a.kind, "capability": a.capability.value}
            for a in scenario.actors
        ],
        "formats": [
            {
                "id": f.id,
                "label": f.label,
                "kind": f.kind.replace("_", " "),
                "participants": [names.get(a, a) for a in f.participants],
                "mediators": [names.get(a, a) for a in f.mediators],
                "venue": f.venue,
                "status": f.status,
            }
            for f in scenario.formats
        ],
        "deadlines": [
            {
                "id": d.id,
                "date": d.date.isoformat(),
                "set_by": names.get(d.set_by, d.set_by),
                "applies_to": [names.get(a, a) for a in d.applies_to],
                "description": d.description,
            }
            for d in scenario.deadlines
        ],
        "counts": dict(counts),
    }

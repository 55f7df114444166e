"""A store holding one hostile article and evidence quoting it, and a hostile scenario.

Rows are written directly (no extraction) so the tests are quick; every string a
page or the report shows from outside carries markup that would run if it were
not escaped: ``<script>``, event-handler attributes, ``javascript:`` URLs and
broken markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.conftest import plain_document
from zopa.scenario import Scenario
from zopa.store import Actor, Claim, Estimate, Event, Mention, Quote, Store, add_document

__all__ = ["PAYLOADS", "add_hostile_article", "hostile_scenario"]

PAYLOADS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">x</a>',
    '</textarea></title><div class="x <!--',
)
_ALL = " ".join(PAYLOADS)


def add_hostile_article(store: Store) -> int:
    """Store the hostile article and one row of every kind over it; its document id."""
    text = f"Kyiv said {_ALL} it would talk. Moscow refused {_ALL} again."
    doc = plain_document("hostile", text).model_copy(
        update={
            "title": f"Title {_ALL}",
            "outlet": f"Outlet {_ALL}",
            "url": "javascript:alert(4)",
            "published_at": date(2025, 6, 1),
            "date_source": "metadata",
        }
    )
    first = text.index(". ") + 1
    span: dict[str, Any] = {"start": 0, "end": first, "sentence_start": 0, "sentence_end": first}
    span["text"] = text[:first]
    with store.write() as session:
        document_id = add_document(session, doc)
        actor = Actor(key=f"x{_ALL}", name=f"Kyiv {_ALL}", kind="state", resolved=True)
        session.add(actor)
        session.flush()
        common = {**span, "document_id": document_id, "extractor": "test"}
        session.add(Mention(**{**common, "end": 4, "text": "Kyiv"}, actor_id=actor.id))
        session.add(
            Event(
                **common,
                type=f"MEET{_ALL}"[:40],
                status="happened",
                source_actor_id=actor.id,
                date=date(2025, 6, 1),
                place=_ALL[:200],
            )
        )
        session.add(Quote(**common, kind="direct", speaker_actor_id=actor.id, speaker_text=_ALL))
        session.add(
            Claim(**common, actor_id=actor.id, issue="land", stance="demand", attribution="own")
        )
        session.add(
            Estimate(
                **common,
                holder_actor_id=actor.id,
                holder_text=_ALL,
                phrase=f"likely {_ALL}"[:200],
                probability=0.7,
                low=0.6,
                high=0.8,
                about=_ALL,
            )
        )
    return document_id


def hostile_scenario() -> Scenario:
    """A small computable scenario whose every free-text field carries the payloads."""
    return Scenario.model_validate(
        {
            "id": "hostile",
            "title": f"Talks {_ALL}",
            "description": _ALL,
            "as_of": "2025-06-02",
            "issues": [
                {
                    "id": "land",
                    "label": f"Land {_ALL}",
                    "anchors": {0: f"none {_ALL}", 100: "all"},
                    "status_quo": 50,
                }
            ],
            "actors": [
                {
                    "id": "kyiv",
                    "name": f"Kyiv {_ALL}",
                    "kind": "state",
                    "capability": 50,
                    "positions": {
                        "land": {
                            "position": {"value": 10, "evidence": [{"claim": 1}, _ALL]},
                            "salience": 80,
                            "red_line": 40,
                        }
                    },
                },
                {
                    "id": "moscow",
                    "name": "Moscow",
                    "kind": "state",
                    "capability": 50,
                    "positions": {"land": {"position": 90, "salience": 60, "red_line": 30}},
                },
            ],
            "questions": [
                {
                    "id": "meet",
                    "text": f"Will they meet? {_ALL}",
                    "what": {"type": "format_held", "participants": ["kyiv", "moscow"]},
                    "resolution_date": "2025-12-31",
                }
            ],
        }
    )

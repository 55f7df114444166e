"""What the pages read: each page's evidence, narrowed in the database to what it shows.

The report reads the whole store once (:func:`zopa.report.views.load_evidence`);
a page is read again on every request, so it reads only its own rows, along the
store's indexes: the newest articles, the items a scenario cites, the first
claims of each cell of the actor × issue map, the estimates a question's
forecasts pooled. What no index answers at once (counts of every row, the
grouping of the claims by actor and issue) is computed once per
:func:`~zopa.evidence.extraction_version` (or the newest forecast) and kept by the
caller.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from zopa.evidence import ClaimPair, first_claim_ids, list_items
from zopa.report.views import Evidence, issue_matches
from zopa.scenario import Scenario
from zopa.store import Document, Store

__all__ = [
    "MAP_CLAIMS",
    "SourceNames",
    "cited_entries",
    "cited_names",
    "document_count",
    "map_evidence",
    "newest_documents",
    "newest_forecast",
    "newest_published",
    "statement_evidence",
]

MAP_CLAIMS = 20
"""Stored claims a cell of the dashboard's map lists (its count says how many there are)."""

_HEADER = (
    Document.id,
    Document.title,
    Document.outlet,
    Document.published_at,
    Document.source,
    Document.language,
    Document.url,
)


def _header(row: Any, text: str = "") -> dict[str, Any]:
    """A document as the views take it (:class:`~zopa.report.views.Evidence`), from a row
    of :data:`_HEADER` (unpacked by position: a row's named access costs more)."""
    number, title, outlet, published, source, language, url = row[: len(_HEADER)]
    return {
        "id": number,
        "title": title,
        "outlet": outlet,
        "published": published.isoformat() if published else None,
        "source": source,
        "language": language,
        "url": url,
        "text": text,
    }


def document_count(store: Store) -> int:
    """How many documents the store holds (counted along an index)."""
    with store.session() as session:
        return session.scalar(select(func.count(Document.id))) or 0


def newest_published(store: Store) -> date | None:
    """The newest publication date of a stored document (one index look-up)."""
    with store.session() as session:
        return session.scalar(select(func.max(Document.published_at)))


def newest_forecast(store: Store) -> int | None:
    """The id of the newest stored forecast: forecasts are only ever added, so it changes
    whenever one is (one index look-up)."""
    from zopa.store import Forecast

    with store.session() as session:
        return session.scalar(select(func.max(Forecast.id)))


def newest_documents(store: Store, limit: int) -> list[dict[str, Any]]:
    """The ``limit`` most recently published documents, newest first, undated ones last
    (without their texts): the dated ones read along ``ix_documents_published_at``."""
    dated = (
        select(*_HEADER)
        .where(Document.published_at.is_not(None))
        .order_by(Document.published_at.desc(), Document.id.desc())
        .limit(limit)
    )
    undated = select(*_HEADER).where(Document.published_at.is_(None)).order_by(Document.id.desc())
    with store.session() as session:
        found = [_header(row) for row in session.execute(dated)]
        if len(found) < limit:
            found += [_header(row) for row in session.execute(undated.limit(limit - len(found)))]
    return found


def cited_entries(scenario: Scenario) -> list[Any]:
    """Every ``evidence:`` entry of the scenario's stances (what the map cites)."""
    return [
        entry
        for actor in scenario.actors
        for stance in actor.positions.values()
        for entry in (*stance.position.evidence, *stance.salience.evidence, *stance.evidence)
    ]


def _named(source: str, name: str) -> bool:
    """Whether a document's ``source`` is file ``name`` (as :class:`SourceNames` reads it)."""
    return source == name or source.endswith(f"/{name}")


@dataclass
class SourceNames:
    """Which document each of ``names`` (file names a scenario cites) names: the newest
    document whose source is that name or ends in ``/`` and that name (as the report's
    map reads it).

    Read once, then from the documents stored since only: documents are only ever
    added, with growing ids, so a newer one can only be among them (a store whose
    newest id went down is read whole again). One statement, along the primary key.
    """

    names: frozenset[str]
    seen: int = 0
    newest: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def resolve(self, store: Store) -> dict[str, int]:
        """The id of the newest document of each name that names one."""
        with self.lock, store.session() as session:
            top = session.scalar(select(func.max(Document.id))) or 0
            if top < self.seen:
                self.seen, self.newest = 0, {}
            if top > self.seen and self.names:
                wanted = sorted(self.names)
                query = (
                    select(Document.id, Document.source)
                    .where(Document.id > self.seen, Document.id <= top)
                    .where(
                        or_(
                            Document.source.in_(wanted),
                            *(Document.source.endswith(f"/{n}", autoescape=True) for n in wanted),
                        )
                    )
                    .order_by(Document.id)
                )
                for row_id, source in session.execute(query):
                    for name in wanted:
                        if source == name or source.endswith(f"/{name}"):
                            self.newest[name] = row_id
            self.seen = top
            return dict(self.newest)


def cited_names(scenario: Scenario) -> frozenset[str]:
    """The file names (not ids) of the documents the scenario's evidence cites."""
    return frozenset(
        e.document for e in cited_entries(scenario) if e.document and not e.document.isdigit()
    )


def _cited_documents(
    store: Store, refs: Iterable[str], names: SourceNames
) -> dict[int, dict[str, Any]]:
    """The documents cited by id or by source file name (:class:`SourceNames` of the names
    among ``refs``), with their texts."""
    ids = {int(r) for r in refs if r.isdigit()} | set(names.resolve(store).values())
    query = select(*_HEADER, Document.text).where(Document.id.in_(sorted(ids)))
    with store.session() as session:
        return {row.id: _header(row, row.text) for row in session.execute(query)}


def _items(store: Store, kind: str, ids: Iterable[int]) -> list[dict[str, Any]]:
    wanted = set(ids)
    if not wanted:
        return []
    return [listing.item for listing in list_items(store, kind, item_ids=wanted)]


def map_evidence(
    store: Store,
    scenario: Scenario,
    pairs: Mapping[ClaimPair, tuple[str, int]],
    names: SourceNames,
    *,
    limit: int = MAP_CLAIMS,
) -> tuple[Evidence, dict[tuple[str, str], int]]:
    """The evidence the actor × issue map of ``scenario`` shows, and each cell's number of
    stored claims.

    ``pairs`` are the stored claims grouped by (actor row id, issue), with the
    actor's name and their number (:func:`~zopa.evidence.claim_pairs`). A
    cell's claims are those of the pairs whose actor goes by a name of the cell's
    actor (:func:`~zopa.forecast._matching.name_matcher`) and whose issue speaks to
    the cell's issue (as the report's map matches them); the first ``limit`` of each
    pair are read, with the items and documents the scenario cites (a file name names
    the document ``names`` says), so a cell's first ``limit`` claims are among them.
    """
    from zopa.forecast._matching import name_matcher

    goes_by = name_matcher(scenario)
    totals: dict[tuple[str, str], int] = {}
    shown: set[ClaimPair] = set()
    for actor in scenario.actors:
        for issue in scenario.issues:
            if issue.id not in actor.positions:
                continue
            mine = [
                pair
                for pair, (name, _) in pairs.items()
                if goes_by(actor.id, name) and issue_matches(issue, pair[1])
            ]
            shown.update(mine)
            totals[(actor.id, issue.id)] = sum(pairs[pair][1] for pair in mine)
    entries = cited_entries(scenario)
    cited = {
        kind: {getattr(e, kind) for e in entries if getattr(e, kind) is not None}
        for kind in ("claim", "quote", "estimate")
    }
    claim_ids = set(first_claim_ids(store, shown, limit=limit)) | cited["claim"]
    items = {
        "claims": _items(store, "claims", claim_ids),
        "quotes": _items(store, "quotes", cited["quote"]),
        "estimates": _items(store, "estimates", cited["estimate"]),
    }
    documents = _cited_documents(
        store, (e.document for e in entries if e.document is not None), names
    )
    return Evidence(documents, items), totals


def statement_evidence(store: Store, records: Iterable[Any]) -> Evidence:
    """The estimates the experts' forecasts of ``records`` pooled (what a question page
    links to), without documents."""
    ids = {
        statement.get("estimate")
        for record in records
        for statement in record.parameters.get("statements", [])
    }
    return Evidence({}, {"estimates": _items(store, "estimates", {i for i in ids if i})})

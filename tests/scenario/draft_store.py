"""Store rows for draft tests: team-written texts, actors, claims, events, estimates.

Each helper writes real ORM rows in one transaction; spans are found by the
quoted words, so a test reads as the sentence it rests on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from zopa.store import Actor, Claim, Document, Estimate, Event, Mention, Store


@dataclass
class Doc:
    """A team-written text, its rows written to the store when :func:`write` runs."""

    text: str
    published: dt.date | None = None
    outlet: str | None = None
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def span(self, needle: str) -> dict[str, Any]:
        """Evidence columns for the first occurrence of ``needle``."""
        start = self.text.index(needle)
        return {
            "start": start,
            "end": start + len(needle),
            "text": needle,
            "sentence_start": start,
            "sentence_end": start + len(needle),
            "extractor": "test",
        }

    def claim(
        self, actor: str, needle: str, issue: str, stance: str, cue: str | None = None
    ) -> Doc:
        """A claim by ``actor`` (key); every actor key named inside ``needle`` gets a mention."""
        self.rows.append(
            (
                "claim",
                {"actor": actor, "needle": needle, "issue": issue, "stance": stance, "cue": cue},
            )
        )
        return self

    def mention(self, actor: str, needle: str) -> Doc:
        """A mention of ``actor`` at ``needle``."""
        self.rows.append(("mention", {"actor": actor, "needle": needle}))
        return self

    def event(
        self,
        actor: str,
        needle: str,
        mode: str,
        cameo: str,
        target: str | None = None,
        status: str = "happened",
    ) -> Doc:
        """A CONSULT event done by ``actor`` (mediate 045, host 043), on ``target`` if given,
        with its ``status`` ("planned": an offer or a proposal)."""
        spec = {"actor": actor, "needle": needle, "mode": mode, "cameo": cameo}
        self.rows.append(("event", {**spec, "target": target, "status": status}))
        return self

    def meeting(self, actor: str, target: str, needle: str, place: str | None = None) -> Doc:
        """A meeting (CAMEO 040) of ``actor`` with ``target``, held at ``place``."""
        self.rows.append(
            ("meeting", {"actor": actor, "target": target, "needle": needle, "place": place})
        )
        return self

    def hostile(self, actor: str, target: str, needle: str, kind: str, cameo: str) -> Doc:
        """An event of PLOVER type ``kind`` (REJECT, ACCUSE, THREATEN...) by ``actor`` on
        ``target``; a rejection is stored "refused", as the extractor codes it."""
        self.rows.append(
            (
                "hostile",
                {"actor": actor, "target": target, "needle": needle, "kind": kind, "cameo": cameo},
            )
        )
        return self

    def estimate(
        self,
        holder: str,
        needle: str,
        probability: float,
        by: str | None = None,
        interval: tuple[float, float] | None = None,
    ) -> Doc:
        """A probability estimate held by ``holder`` (text), resolved to actor ``by`` (key),
        with its ``interval`` (``probability`` ∓ 0.05 by default)."""
        low, high = interval or (probability - 0.05, probability + 0.05)
        spec = {"holder": holder, "needle": needle, "p": probability, "by": by}
        self.rows.append(("estimate", {**spec, "low": low, "high": high}))
        return self


def actor(
    key: str,
    name: str,
    kind: str,
    *,
    country: str | None = None,
    sector: str | None = None,
    role: str | None = None,
    affiliation: str | None = None,
) -> Actor:
    """An actor row as the actor resolver stores it."""
    return Actor(
        key=key,
        name=name,
        kind=kind,
        country=country,
        sector=sector,
        role=role,
        affiliation=affiliation,
    )


def state(code: str, name: str) -> Actor:
    """A state row (key and country are the ISO code)."""
    return actor(code, name, "state", country=code, sector="GOV")


def write(store: Store, actors: list[Actor], docs: list[Doc]) -> None:
    """Write the actors and documents with all their rows (actors already stored may be cited)."""
    with store.write() as session:
        session.add_all(actors)
        session.flush()
        actors = list(session.scalars(select(Actor)))
        ids = {a.key: a.id for a in actors}
        first = session.scalar(select(func.count(Document.id))) or 0
        for n, doc in enumerate(docs, start=first):
            row = Document(
                sha256=f"{n:064d}",
                source=f"doc{n}.txt",
                outlet=doc.outlet,
                published_at=doc.published,
                date_source="metadata" if doc.published else "none",
                language="en",
                text=doc.text,
                word_count=len(doc.text.split()),
                ingested_at=dt.datetime.now(dt.UTC),
            )
            session.add(row)
            session.flush()
            for kind, spec in doc.rows:
                span = doc.span(spec["needle"])
                if kind == "claim":
                    session.add(
                        Claim(
                            document_id=row.id,
                            actor_id=ids[spec["actor"]],
                            issue=spec["issue"],
                            stance=spec["stance"],
                            salience_cue=spec["cue"],
                            attribution="own",
                            **span,
                        )
                    )
                    for a in actors:
                        if a.name in spec["needle"]:
                            where = doc.span(spec["needle"])
                            start = where["start"] + spec["needle"].index(a.name)
                            session.add(
                                Mention(
                                    document_id=row.id,
                                    actor_id=a.id,
                                    **{
                                        **where,
                                        "start": start,
                                        "end": start + len(a.name),
                                        "text": a.name,
                                    },
                                )
                            )
                elif kind == "mention":
                    session.add(Mention(document_id=row.id, actor_id=ids[spec["actor"]], **span))
                elif kind == "meeting":
                    session.add(
                        Event(
                            document_id=row.id,
                            type="CONSULT",
                            cameo="040",
                            source_actor_id=ids[spec["actor"]],
                            target_actor_id=ids[spec["target"]],
                            place=spec["place"],
                            status="happened",
                            **span,
                        )
                    )
                elif kind == "hostile":
                    session.add(
                        Event(
                            document_id=row.id,
                            type=spec["kind"],
                            cameo=spec["cameo"],
                            source_actor_id=ids[spec["actor"]],
                            target_actor_id=ids[spec["target"]],
                            status="refused" if spec["kind"] == "REJECT" else "happened",
                            **span,
                        )
                    )
                elif kind == "event":
                    session.add(
                        Event(
                            document_id=row.id,
                            type="CONSULT",
                            mode=spec["mode"],
                            cameo=spec["cameo"],
                            source_actor_id=ids[spec["actor"]],
                            target_actor_id=ids[spec["target"]] if spec["target"] else None,
                            status=spec["status"],
                            **span,
                        )
                    )
                else:
                    session.add(
                        Estimate(
                            document_id=row.id,
                            holder_text=spec["holder"],
                            holder_actor_id=ids[spec["by"]] if spec["by"] else None,
                            phrase=spec["needle"],
                            probability=spec["p"],
                            low=spec["low"],
                            high=spec["high"],
                            about="a deal this year",
                            **span,
                        )
                    )

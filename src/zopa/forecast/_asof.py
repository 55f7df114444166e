"""What the store knew on a date: dated statements, undated documents, hindsight in a scenario.

A forecast as of ``D`` may use only documents published on or before ``D`` and
what was extracted from them. Documents without a publication date cannot be
placed in time, so they are left out and counted. A scenario value whose cited
evidence (a stored document, claim, estimate or quote) was published after ``D``
is *hindsight*: :func:`hindsight` lists each one with the value that cites it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, or_, select

from zopa.scenario import Evidence, Scenario
from zopa.store import Actor, Claim, Document, Estimate, Quote, Store

__all__ = [
    "DocumentCounts",
    "Hindsight",
    "Statement",
    "document_counts",
    "document_reader",
    "hindsight",
    "statements_as_of",
    "unknown_pins",
]


@dataclass(frozen=True)
class Statement:
    """An extracted probability statement (an ``estimates`` row) with its document's date."""

    id: int
    document_id: int
    source: str
    published: date
    probability: float
    low: float
    high: float
    phrase: str
    holder: str | None
    about: str | None
    sentence: str
    title: str | None = None
    holder_actor: str | None = None
    """The name of the stored actor extraction resolved the holder to (``None``: unresolved)."""
    holder_key: str | None = None
    """That actor's store key (``person:chipo-mutasa``, ``MOZ``)."""
    holder_kind: str | None = None
    """That actor's kind (``person``, ``organisation``, ``state``, ``group``)."""
    start: int = 0
    """Where the probability's words start in the document."""
    end: int = 0
    """Where they end in the document."""
    phrase_at: int = 0
    """Where the probability's words start in ``sentence``."""
    quote: str | None = None
    """The longest stored quote holding the statement, when extraction found no ``about``:
    the quote a sentence without the event's words belongs to ("We expect a deal by June.
    I'd put it at 30%")."""
    quote_phrase_at: int = 0
    """Where the probability's words start in ``quote``."""

    @property
    def direction_only(self) -> bool:
        """Whether it gives a direction and no level ("more likely": the interval [0, 1])."""
        return self.low <= 0.0 and self.high >= 1.0

    def public(self) -> dict[str, Any]:
        """What a forecast lists of the statement it rests on: ``holder`` is the resolved
        actor's name (``None`` when extraction resolved none), ``holder_text`` the words
        of the article ("she")."""
        return {
            "estimate": self.id,
            "document": self.document_id,
            "published": self.published.isoformat(),
            "phrase": self.phrase,
            "holder": self.holder_actor,
            "holder_text": self.holder,
            "probability": self.probability,
        }


def statements_as_of(store: Store, as_of: date) -> list[Statement]:
    """Every stored estimate from a document published on or before ``as_of``, by id,
    but retrospective ones (about an outcome already known when it was said). Those that
    give a direction and no level are kept (:attr:`Statement.direction_only`), for the
    experts source to list as misses."""
    sentence = func.substr(
        Document.text, Estimate.sentence_start + 1, Estimate.sentence_end - Estimate.sentence_start
    )
    query = (
        select(
            Estimate,
            Document.source,
            Document.published_at,
            sentence,
            Document.title,
            Actor.name,
            Actor.key,
            Actor.kind,
        )
        .join(Document, Document.id == Estimate.document_id)
        .outerjoin(Actor, Actor.id == Estimate.holder_actor_id)
        .where(
            Document.published_at.is_not(None),
            Document.published_at <= as_of,
            Estimate.retrospective.is_(False),
        )
        .order_by(Estimate.id)
    )
    with store.session() as session:
        statements = [
            Statement(
                id=row.id,
                document_id=row.document_id,
                source=source,
                published=published,
                probability=row.probability,
                low=row.low,
                high=row.high,
                phrase=row.phrase,
                holder=row.holder_text,
                about=row.about,
                sentence=text or row.text,
                title=title,
                holder_actor=name,
                holder_key=key,
                holder_kind=kind,
                start=row.start,
                end=row.end,
                phrase_at=max(0, row.start - row.sentence_start) if text else 0,
            )
            for row, source, published, text, title, name, key, kind in session.execute(query)
        ]
        return _with_quotes(session, statements)


_QUOTED_IN = 500
"""The most documents whose quotes one query reads (bound parameters stay few)."""


def _with_quotes(session: Any, statements: list[Statement]) -> list[Statement]:
    """``statements`` with, for each one without an ``about``, the longest stored quote of
    its document whose span holds its probability's words (:attr:`Statement.quote`)."""
    wanted = sorted({s.document_id for s in statements if not s.about})
    quotes: dict[int, list[tuple[int, int, str]]] = {}
    for at in range(0, len(wanted), _QUOTED_IN):
        query = select(Quote.document_id, Quote.start, Quote.end, Quote.text).where(
            Quote.document_id.in_(wanted[at : at + _QUOTED_IN])
        )
        for document_id, start, end, text in session.execute(query.order_by(Quote.id)):
            quotes.setdefault(document_id, []).append((start, end, text))
    out = []
    for s in statements:
        holding = [
            q for q in quotes.get(s.document_id, []) if not s.about and q[0] <= s.start < q[1]
        ]
        if holding:
            start, _, text = max(holding, key=lambda q: (q[1] - q[0], -q[0]))
            s = replace(s, quote=text, quote_phrase_at=s.start - start)
        out.append(s)
    return out


def document_reader(store: Store) -> Callable[[int], str]:
    """A function giving a stored document's text by id (``""`` if missing), each read once."""
    texts: dict[int, str] = {}

    def text(document_id: int) -> str:
        if document_id not in texts:
            with store.session() as session:
                found = session.scalar(select(Document.text).where(Document.id == document_id))
            texts[document_id] = found or ""
        return texts[document_id]

    return text


@dataclass(frozen=True)
class DocumentCounts:
    """How many stored documents are undated, and how many are dated on or before the date."""

    undated: int
    usable: int


def document_counts(store: Store, as_of: date) -> DocumentCounts:
    """Count the undated documents and those published on or before ``as_of``.

    Documents published later are not counted, so adding them changes nothing.
    """
    with store.session() as session:
        undated = session.scalar(
            select(func.count()).select_from(Document).where(Document.published_at.is_(None))
        )
        usable = session.scalar(
            select(func.count()).select_from(Document).where(Document.published_at <= as_of)
        )
    return DocumentCounts(int(undated or 0), int(usable or 0))


@dataclass(frozen=True)
class Hindsight:
    """A scenario value citing evidence published after the as-of date."""

    value: str
    evidence: str
    published: date

    def public(self) -> dict[str, Any]:
        """The JSON layout of a hindsight flag."""
        return {"value": self.value, "evidence": self.evidence, "published": str(self.published)}

    def format(self) -> str:
        """One line naming the value and the evidence."""
        return f"{self.value} cites {self.evidence}, published {self.published}"


def _cited(node: Any, path: str) -> Iterator[tuple[str, Evidence]]:
    """Every (path of the value, evidence item) in a scenario tree, in file order."""
    if isinstance(node, Evidence):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            child = getattr(node, name)
            if name == "evidence":
                yield from ((path or "scenario", e) for e in child)
            elif child is not None:
                yield from _cited(child, f"{path}.{name}" if path else name)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            key = getattr(item, "id", None) or getattr(item, "actor", None) or index
            yield from _cited(item, f"{path}[{key}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _cited(item, f"{path}.{key}")


def _label(evidence: Evidence) -> str:
    for kind in ("estimate", "claim", "quote", "document"):
        value = getattr(evidence, kind)
        if value is not None:
            return f"{kind} {value}"
    return "a note"  # pragma: no cover - notes are never looked up


def hindsight(scenario: Scenario, store: Store, as_of: date) -> list[Hindsight]:
    """Scenario values whose stored evidence was published after ``as_of``, in file order.

    The questions are left out: their outcome and resolution evidence are what
    a forecast is scored against, not an input to it. A ``document:`` is looked
    up by id (digits) or by source file name; evidence not in the store, and
    undated documents, are not flagged.
    """
    cited = [
        (path, e)
        for path, e in _cited(scenario.model_copy(update={"questions": []}), "")
        if any((e.document, e.claim, e.estimate, e.quote))
    ]
    if not cited:
        return []
    dates = _evidence_dates(store, [e for _, e in cited])
    out = []
    for path, evidence in cited:
        published = dates.get(_label(evidence))
        if published is not None and published > as_of:
            out.append(Hindsight(path, _label(evidence), published))
    return out


def unknown_pins(scenario: Scenario, store: Store) -> list[str]:
    """One warning per estimate a question pins or drops that the store does not hold.

    A pinned id that matches nothing would otherwise leave the question to the
    matcher without a word (an id typed wrong, or a store rebuilt since).
    """
    cited = [(q.id, e) for q in scenario.questions for e in q.evidence if e.estimate is not None]
    if not cited:
        return []
    with store.session() as session:
        ids = {e.estimate for _, e in cited}
        held = set(session.scalars(select(Estimate.id).where(Estimate.id.in_(ids))))
    return [
        f"questions[{question}].evidence {'drops' if e.drop else 'pins'} estimate {e.estimate}, "
        "which is not in the store; check the id with `zopa estimates`"
        for question, e in cited
        if e.estimate not in held
    ]


def _evidence_dates(store: Store, items: list[Evidence]) -> dict[str, date]:
    """The publication date of each cited item's document, keyed by :func:`_label`."""
    out: dict[str, date] = {}
    tables: dict[str, Any] = {"estimate": Estimate, "claim": Claim, "quote": Quote}
    with store.session() as session:
        for kind, table in tables.items():
            ids = {getattr(e, kind) for e in items if getattr(e, kind) is not None}
            if ids:
                query = (
                    select(table.id, Document.published_at)
                    .join(Document, Document.id == table.document_id)
                    .where(table.id.in_(ids), Document.published_at.is_not(None))
                )
                out.update({f"{kind} {i}": day for i, day in session.execute(query)})
        names = {e.document for e in items if e.document is not None}
        ids = {int(n) for n in names if n.isdigit() and int(n) < 2**31}
        if names:
            query = select(Document.id, Document.source, Document.published_at).where(
                Document.published_at.is_not(None),
                or_(Document.id.in_(ids), *(Document.source.contains(n) for n in names)),
            )
            for doc_id, source, day in session.execute(query):
                for name in names:
                    key = f"document {name}"
                    if (name == str(doc_id) or _names(source, name)) and day is not None:
                        # A file of several records (JSONL) counts from its earliest.
                        out[key] = min(day, out.get(key, day))
    return out


def _names(source: str, name: str) -> bool:
    """Whether a document's ``source`` (``path`` or ``path:LINE``) is the file ``name``."""
    path = source.rsplit(":", 1)[0] if ":" in source else source
    return name in (source, path) or path.endswith("/" + name) or source.endswith("/" + name)

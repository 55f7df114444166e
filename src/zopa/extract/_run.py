"""Running extraction over the store: incremental, idempotent, one transaction per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import chain
from typing import Any, Literal

from spacy.language import Language
from spacy.tokens import Doc, Span
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from zopa.cluster import ray_cluster
from zopa.errors import StoreError, ZopaError
from zopa.extract._actors import get_gazetteer
from zopa.extract._doc import ACTOR_INFO, ACTORS, CLAIMS, ESTIMATES, EVENTS, FIELDS, QUOTES
from zopa.extract._gazetteer import ActorInfo, Gazetteer, role_as_of
from zopa.extract._name_forms import short_forms
from zopa.extract._parties import PARTY_SECTOR
from zopa.extract._pipeline import pipeline_version, settings_of
from zopa.extract._ray import read_on_ray
from zopa.extract._settings import remember_settings, remembered_settings
from zopa.extract._workers import dying_with_parent
from zopa.store import (
    Actor,
    Claim,
    Document,
    DocumentExtraction,
    Estimate,
    Event,
    Mention,
    Quote,
    Store,
)

__all__ = [
    "DocumentOutcome",
    "ExtractionPlan",
    "ExtractionReport",
    "extract_documents",
    "plan_extraction",
]

Status = Literal["extracted", "current", "skipped", "failed"]

_ITEM_TABLES: tuple[tuple[str, type[Any]], ...] = (
    (EVENTS, Event),
    (QUOTES, Quote),
    (CLAIMS, Claim),
    (ESTIMATES, Estimate),
)


@dataclass(frozen=True)
class DocumentOutcome:
    """What extraction did with one document."""

    document_id: int
    source: str
    status: Status
    message: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class ExtractionReport:
    """Every document's outcome, with counts by status and items by kind."""

    pipeline_version: str
    outcomes: list[DocumentOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many documents have ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    def items(self) -> dict[str, int]:
        """Items stored in this run, by kind (actors = mentions)."""
        totals: dict[str, int] = {}
        for outcome in self.outcomes:
            for kind, n in outcome.counts.items():
                totals[kind] = totals.get(kind, 0) + n
        return totals

    @property
    def ok(self) -> bool:
        """True when no document failed."""
        return self.count("failed") == 0


@dataclass(frozen=True)
class _Todo:
    id: int
    source: str
    published: date | None
    extracted_before: bool


@dataclass(frozen=True)
class ExtractionPlan:
    """What a run of extraction would do: documents new to it, to read again, up to date."""

    new: int
    reread: int
    current: int


def plan_extraction(store: Store, nlp: Language, *, rebuild: bool = False) -> ExtractionPlan:
    """How many English documents :func:`extract_documents` would read for the first time,
    read again (extracted before with another pipeline version or settings), or leave."""
    new = reread = current = 0
    for todo, done in _plan(store, pipeline_version(nlp), rebuild):
        reread += sum(t.extracted_before for t in todo)
        new += sum(not t.extracted_before for t in todo)
        current += sum(o.status == "current" for o in done)
    return ExtractionPlan(new, reread, current)


PLAN_CHUNK = 1000
"""Documents the plan of a run reads per query, in id order (keyset pagination): a run
holds one chunk of its plan, however many documents are pending."""


def _plan(
    store: Store, version: str, rebuild: bool
) -> Iterator[tuple[list[_Todo], list[DocumentOutcome]]]:
    """The plan, :data:`PLAN_CHUNK` documents at a time in id order: those to read, those
    settled (not English, or current)."""
    query = (
        select(
            Document.id,
            Document.source,
            Document.language,
            Document.published_at,
            DocumentExtraction.pipeline_version,
        )
        .outerjoin(DocumentExtraction, DocumentExtraction.document_id == Document.id)
        .order_by(Document.id)
        .limit(PLAN_CHUNK)
    )
    after = 0
    while True:
        with store.session() as session:
            rows = session.execute(query.where(Document.id > after)).all()
        todo: list[_Todo] = []
        done: list[DocumentOutcome] = []
        for doc_id, source, language, published, stored in rows:
            if language != "en":
                message = f"document {doc_id}: language {language!r}; zopa extracts English only"
                done.append(DocumentOutcome(doc_id, source, "skipped", message))
            elif not rebuild and stored == version:
                done.append(DocumentOutcome(doc_id, source, "current"))
            else:
                todo.append(_Todo(doc_id, source, published, stored is not None))
        yield todo, done
        if len(rows) < PLAN_CHUNK:
            return
        after = rows[-1][0]


def _docs(
    store: Store, nlp: Language, todo: Iterable[_Todo], failed: dict[int, str]
) -> Iterator[tuple[Doc, int]]:
    for item in todo:
        with store.session() as session:
            text = session.scalar(select(Document.text).where(Document.id == item.id)) or ""
        try:
            doc = nlp.make_doc(text)
        except ValueError as exc:  # longer than nlp.max_length
            failed[item.id] = f"document {item.id}: {' '.join(str(exc).split())[:300]}"
            continue
        doc._.zopa_published = item.published
        yield doc, item.id


class _Sentences:
    """Character bounds of each token's sentence, without surrounding white space (one pass)."""

    def __init__(self, doc: Doc) -> None:
        self.bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space] or list(sent)
            bound = (words[0].idx, words[-1].idx + len(words[-1].text))
            for i in range(sent.start, sent.end):
                self.bounds[i] = bound

    def of(self, span: Span) -> tuple[int, int]:
        """The bounds of the sentence(s) holding ``span``."""
        if not len(span):
            return span.start_char, span.end_char
        start = self.bounds[span.start][0]
        end = self.bounds[span.end - 1][1]
        return min(start, span.start_char), max(end, span.end_char)


_INSERTS: dict[str, Callable[[type[Actor]], sqlite.Insert | postgresql.Insert]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}


def _actor_rows(
    session: Session,
    gazetteer: Gazetteer,
    wanted: dict[str, tuple[str, str]],
    context: dict[str, dict[str, str]],
    published: date | None = None,
) -> dict[str, int]:
    """Ids of the actors with these keys, inserting or refreshing them (key → (name, kind)).

    A gazetteer person whose entry dates the role (``from``, ``to``) gets the role as of
    the latest publication date among this document (``published``) and the documents
    already mentioning them (:func:`~zopa.extract._gazetteer.role_as_of`): "former prime
    minister" once the store holds an article from after the ``to`` date, the office
    itself while every article predates it.

    An actor the gazetteer does not know takes what the document says of it
    (``context``: country, role, affiliation, sector, kind from titles and appositions),
    filling only fields still empty, so the first document that says it wins. A lone
    word naming no stored actor is the one person stored under a full name ending in it
    (:func:`_named_before`).

    Another process may be inserting the same actor at the same moment: the
    insert then waits for it and does nothing (``ON CONFLICT DO NOTHING``).
    Keys are taken in one order, so two writers never wait on each other in a
    circle.
    """
    insert = _INSERTS[session.get_bind().dialect.name]
    ids: dict[str, int] = {}
    for key in sorted(wanted):
        name, kind = wanted[key]
        info = gazetteer.actor(key)
        said = context.get(key, {}) if info is None else {}
        party = _party_link(gazetteer, info, context.get(key, {}))
        values = {
            "name": info.name if info else name,
            "kind": info.kind if info else said.get("kind", kind),
            "country": info.country if info else said.get("country"),
            "sector": info.sector if info else said.get("sector"),
            "role": _role(session, key, info, published) if info else said.get("role"),
            "affiliation": party or (info.affiliation if info else said.get("affiliation")),
            "resolved": info is not None,
        }
        query = select(Actor).where(Actor.key == key)
        row = session.scalar(query)
        if row is None and info is None:
            row = _named_before(session, key, name)
        if row is None:
            new = insert(Actor).values(key=key, **values)
            session.execute(new.on_conflict_do_nothing(index_elements=[Actor.key]))
            row = session.scalars(query).one()
        elif info is not None:
            kept = row.affiliation not in (None, info.affiliation)  # a document's party link
            for column, value in values.items():
                if not (column == "affiliation" and party is None and kept):
                    setattr(row, column, value)
        else:
            for column in ("country", "sector", "role", "affiliation"):
                if getattr(row, column) is None and values[column] is not None:
                    setattr(row, column, values[column])
        ids[key] = row.id
    return ids


def _role(session: Session, key: str, info: ActorInfo, published: date | None) -> str | None:
    """A gazetteer actor's role as of the latest date it is mentioned on (``published``,
    or an earlier-stored document's)."""
    if info.since is None and info.until is None:
        return info.role
    stored = session.scalar(
        select(func.max(Document.published_at))
        .join(Mention, Mention.document_id == Document.id)
        .join(Actor, Actor.id == Mention.actor_id)
        .where(Actor.key == key)
    )
    dates = [d for d in (published, stored) if d is not None]
    return role_as_of(info, max(dates) if dates else None)


def _named_before(session: Session, key: str, name: str) -> Actor | None:
    """The one person stored under a full name ending in ``name`` (a suffix such as "Jr."
    aside), when ``name`` is a lone word the gazetteer does not know ("Esken" in a later
    article → "Saskia Esken", "Marcos" → "Ferdinand Marcos Jr."): a short form used across
    documents, whatever the NER called it; else None."""
    if not key.startswith("unresolved:") or len(name.split()) != 1 or len(name) < 3:
        return None
    people = session.scalars(
        select(Actor).where(Actor.kind == "person", Actor.name.like(f"% {name}%"))
    ).all()
    # The last word, a generational suffix aside ("Marcos" → "Ferdinand Marcos Jr.").
    found = [p for p in people if short_forms(p.name)[:1] == [name]]
    return found[0] if len(found) == 1 else None


def _party_link(gazetteer: Gazetteer, info: ActorInfo | None, said: dict[str, str]) -> str | None:
    """The party a document links a gazetteer person to ("X, whose CDU won"), if any.

    The gazetteer's entry is the analyst's word, but where it names only the state a
    leader serves, the document's link to a party (sector PTY) is kept for party talks.
    """
    if info is None or info.kind != "person" or said.get("sector") != PARTY_SECTOR:
        return None
    state = gazetteer.actor(info.country) if info.country else None
    if info.affiliation not in (None, info.country, state.name if state else None):
        return None
    return said.get("affiliation")


def _actor_keys(doc: Doc, gazetteer: Gazetteer) -> dict[str, tuple[str, str]]:
    wanted: dict[str, tuple[str, str]] = {}
    for span in doc.spans.get(ACTORS, []):
        wanted.setdefault(span.kb_id_, (" ".join(span.text.split()), span.label_))
    for group, _table in _ITEM_TABLES:
        for span in doc.spans.get(group, []):
            for name, value in (span._.get(FIELDS) or {}).items():
                if isinstance(value, str) and (name.endswith("_actor") or name == "actor"):
                    info = gazetteer.actor(value)
                    fallback = value.split(":", 1)[-1].replace("-", " ")
                    wanted.setdefault(value, (info.name if info else fallback, "group"))
    return wanted


def _item_row(
    table: type[Any],
    span: Span,
    sentences: _Sentences,
    extractor: str,
    doc_id: int,
    actor_ids: dict[str, int],
) -> Any:
    columns = table.__table__.columns
    start, end = sentences.of(span)
    values: dict[str, Any] = {
        "document_id": doc_id,
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "sentence_start": start,
        "sentence_end": end,
        "extractor": extractor,
    }
    for name, value in (span._.get(FIELDS) or {}).items():
        if f"{name}_id" in columns:
            values[f"{name}_id"] = actor_ids.get(value) if isinstance(value, str) else None
        elif name in columns and name not in values:
            if isinstance(value, str) and columns[name].type.python_type is date:
                value = date.fromisoformat(value)
            values[name] = value
    return table(**values)


def _columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key != "id"}


def _keep_ids(session: Session, table: type[Any], doc_id: int, rows: list[Any]) -> None:
    """Store ``rows`` as the document's items of ``table``, keeping the ids of unchanged spans.

    An item stored before at the same span (start, end) keeps its row and id,
    its other columns updated; the rest of the new items are inserted and the
    stored items no new one matches are deleted. Where several items share a
    span, an identical one is matched first, then the others in order.
    """
    old = session.scalars(select(table).where(table.document_id == doc_id).order_by(table.id))
    by_span: dict[tuple[int, int], list[Any]] = {}
    for row in old:
        by_span.setdefault((row.start, row.end), []).append(row)
    pending: list[tuple[Any, dict[str, Any]]] = []
    for row in rows:
        values = _columns(row)
        same = by_span.get((row.start, row.end), [])
        match = next((o for o in same if _columns(o) == values), None)
        if match is not None:
            same.remove(match)
        else:
            pending.append((row, values))
    for row, values in pending:
        same = by_span.get((row.start, row.end), [])
        if same:
            match = same.pop(0)
            for key, value in values.items():
                setattr(match, key, value)
        else:
            session.add(row)
    for rest in by_span.values():
        for row in rest:
            session.delete(row)


def _store_doc(
    store: Store, nlp: Language, gazetteer: Gazetteer, doc: Doc, doc_id: int, version: str
) -> dict[str, int]:
    extractors = {
        name: f"{name}={getattr(component, 'version', '0')}" for name, component in nlp.pipeline
    }
    counts: dict[str, int] = {}
    sentences = _Sentences(doc)
    with store.write() as session:
        # Another process extracting this document waits here until this one has
        # committed, then replaces its evidence (PostgreSQL; on SQLite the write
        # lock already lets one writer in at a time).
        session.execute(select(Document.id).where(Document.id == doc_id).with_for_update())
        actor_ids = _actor_rows(
            session,
            gazetteer,
            _actor_keys(doc, gazetteer),
            doc._.get(ACTOR_INFO),
            doc._.zopa_published,
        )
        mentions = doc.spans.get(ACTORS, [])
        rows: list[Any] = []
        for span in mentions:
            start, end = sentences.of(span)
            rows.append(
                Mention(
                    document_id=doc_id,
                    actor_id=actor_ids[span.kb_id_],
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    sentence_start=start,
                    sentence_end=end,
                    extractor=extractors.get(ACTORS, ACTORS),
                    unsure=(span._.get(FIELDS) or {}).get("unsure"),
                )
            )
        _keep_ids(session, Mention, doc_id, rows)
        counts["actors"] = len(mentions)
        for group, table in _ITEM_TABLES:
            spans = doc.spans.get(group, [])
            rows = [
                _item_row(table, span, sentences, extractors.get(group, group), doc_id, actor_ids)
                for span in spans
            ]
            _keep_ids(session, table, doc_id, rows)
            counts[group.removeprefix("zopa_")] = len(spans)
        session.merge(
            DocumentExtraction(
                document_id=doc_id, pipeline_version=version, extracted_at=datetime.now(UTC)
            )
        )
    return counts


def extract_documents(
    store: Store,
    nlp: Language,
    *,
    rebuild: bool = False,
    workers: int | None = None,
    batch_size: int = 8,
    on_progress: Callable[[DocumentOutcome, int], None] | None = None,
    ray: str | None = None,
) -> ExtractionReport:
    """Extract evidence from every stored document that needs it and store it.

    A document is (re-)extracted when it has never been, when the pipeline's
    version string (model, components, their versions, the settings' digest)
    has changed since, or always with ``rebuild``. The pipeline's extraction
    settings (gazetteer files, issue and event lexicons) become the store's
    remembered ones. Each document's old evidence is replaced in one write
    transaction, so a failure or an interruption leaves every document either
    as it was or fully re-extracted; an item whose span is unchanged keeps its
    id, so citations of it stay good. Non-English documents are skipped with a
    note. A document that fails is reported with its id and the run goes on.

    Parameters
    ----------
    workers:
        Processes for ``nlp.pipe(n_process=workers)`` (default 1); they die with
        this process, even when it is killed. With ``ray="local"``: the CPUs of
        the local Ray cluster (default: the machine's).
    ray:
        Read the documents on a Ray cluster (``"local"``: one started on this
        machine; else the address of a running one), one pipeline per worker CPU
        (:mod:`zopa.extract._ray`); this process stores what they read, in the
        same order and transactions as without Ray, so the store is the same.
    on_progress:
        Called with each document's outcome as it is settled and the number of
        documents in the store (for a progress bar).
    """
    version = pipeline_version(nlp)
    gazetteer = get_gazetteer(nlp)
    settings = settings_of(nlp)
    if settings is not None:
        remembered = remembered_settings(store)
        if remembered is None or remembered.to_json() != settings.to_json():
            remember_settings(store, settings)
    report = ExtractionReport(version)
    with store.session() as session:
        total = session.scalar(select(func.count()).select_from(Document)) or 0

    def record(outcome: DocumentOutcome) -> None:
        report.outcomes.append(outcome)
        if on_progress is not None:
            on_progress(outcome, total)

    unsettled: dict[int, _Todo] = {}  # read from the plan, not settled yet
    failed: dict[int, str] = {}

    def planned() -> Iterator[_Todo]:
        """The documents to read, the plan read a chunk at a time; the rest settled."""
        for todo, settled in _plan(store, version, rebuild):
            for outcome in settled:
                record(outcome)
            for item in todo:
                unsettled[item.id] = item
                yield item

    plan: Iterator[_Todo] = planned()

    def settle(doc: Doc, doc_id: int) -> None:
        source = unsettled.pop(doc_id).source
        try:
            counts = _store_doc(store, nlp, gazetteer, doc, doc_id, version)
        except StoreError:  # the store itself is unusable (locked, read-only, full): stop
            raise
        except Exception as exc:  # one bad document must not stop the run
            record(DocumentOutcome(doc_id, source, "failed", _message(doc_id, exc)))
            return
        record(DocumentOutcome(doc_id, source, "extracted", counts=counts))

    try:
        with ExitStack() as stack:
            stream: Iterator[tuple[Doc, int]] = iter(())
            first = next(plan, None)  # reads the plan's first chunk
            plan = chain([first] if first is not None else [], plan)
            if ray is not None and first is not None:  # no cluster started for nothing to read
                cluster = stack.enter_context(ray_cluster(ray, num_cpus=workers))
                ids = (t.id for t in plan)
                reads = read_on_ray(cluster, nlp, store, ids, failed, batch_size=batch_size)
                stream = stack.enter_context(closing(reads))  # its actors end before Ray
            elif ray is None:
                stack.enter_context(dying_with_parent())
                stream = nlp.pipe(
                    _docs(store, nlp, plan, failed),
                    as_tuples=True,
                    n_process=max(1, workers or 1),
                    batch_size=batch_size,
                )
            for doc, doc_id in stream:
                settle(doc, doc_id)
    except ZopaError:  # the store is unusable, the cluster cannot be reached: stop
        raise
    except Exception:
        # One by one: the documents read but not settled, then the rest of the plan.
        read = [t for t in unsettled.values() if t.id not in failed]
        for doc, doc_id in _docs(store, nlp, chain(read, plan), failed):
            try:
                processed = nlp(doc)
            except Exception as exc:
                item = unsettled.pop(doc_id)
                record(DocumentOutcome(doc_id, item.source, "failed", _failure(doc_id, exc)))
                continue
            settle(processed, doc_id)
    for item in list(unsettled.values()):
        message = failed.get(item.id, f"document {item.id}: extraction failed in a worker")
        record(DocumentOutcome(item.id, item.source, "failed", message))
    return report


def _failure(doc_id: int, exc: Exception) -> str:
    return f"document {doc_id}: extraction failed ({' '.join(str(exc).split())[:300]})"


def _message(doc_id: int, exc: Exception) -> str:
    return f"document {doc_id}: cannot store its evidence ({' '.join(str(exc).split())[:300]})"

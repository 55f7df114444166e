"""Citations of the store's evidence in a scenario: writing them, checking them against the store.

A citation names what it cites: the kind and id of an extracted item
(``claim: 38``, ``estimate: 4``, ``quote: 12``), the document and span it sits
in, and a **digest** of the cited text, so a later check can tell whether the
store still holds the same thing under that id.

The digest rule
---------------
``digest`` is the first :data:`DIGEST_CHARS` (12) hexadecimal digits, lower
case, of the SHA-256 of the cited text encoded as UTF-8. The cited text is the
item's ``text`` column — the document's text from ``start`` to ``end``,
exactly as stored (no white-space folding) — or, for a citation of a span
without an item, that span of the document. A longer prefix (up to the whole
64 digits) is accepted and compared as written. The digest covers the words
only: a claim whose sentence is unchanged but whose issue or actor the
extractor now reads differently keeps its digest. A claim's citation therefore
also records the claim's ``issue`` when it was cited.

Checking
--------
:func:`check_citations` reads every citation of a scenario and warns, with the
file and line, when the cited item

* is **gone**: no item of that kind has that id (the hint names the item of the
  same kind now at the cited span, if any);
* is of **another kind**: the item is gone or elsewhere, and the cited span now
  holds an item of another kind (or the other kind's item with that id has the
  cited digest) — e.g. ``claim: 38`` where the span is now estimate 38's;
* **no longer says the same thing**: the id now names an item whose text has
  another digest, or that sits at another document or span than the citation
  says (the id went to another item);
* is a claim now read as on **another issue** than the citation's ``issue``
  (re-extraction kept its id and words but moved it: the value it supports
  may rest on a stance about something else). An open issue's claim that a
  lexicon term now names (``open_port`` → ``ports``: a word in common) is the
  same subject and no warning.

A citation without a digest is checked for existence (and place, when given)
only; a document citation for the document's existence and the span's bounds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel
from yaml.nodes import Node

from zopa.issue_keys import is_open, key_words
from zopa.scenario._loader import line_of
from zopa.scenario._problems import Path, Problem
from zopa.scenario._schema import Evidence, Scenario

if TYPE_CHECKING:  # the store needs SQLAlchemy: imported when a check runs
    from zopa.store import Store

__all__ = ["CITABLE", "DIGEST_CHARS", "check_citations", "cite", "text_digest"]

Kind = Literal["claim", "estimate", "quote"]
CITABLE: tuple[Kind, ...] = ("claim", "estimate", "quote")
"""The kinds of stored item a scenario's evidence may cite by id."""

DIGEST_CHARS = 12
"""Hex digits of SHA-256 a citation's digest keeps."""


class Row(Protocol):
    """What a citation needs of a stored item: a claim, estimate or quote row."""

    id: int
    document_id: int
    start: int
    end: int
    text: str


def text_digest(text: str) -> str:
    """The citation digest of ``text`` (see the module's rule)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def cite(kind: Kind, row: Row) -> dict[str, Any]:
    """The evidence mapping that cites ``row``, an item of ``kind``: id, document, span, digest.

    A claim's citation also records its issue.
    """
    out: dict[str, Any] = {
        kind: row.id,
        "document": str(row.document_id),
        "start": row.start,
        "end": row.end,
        "digest": text_digest(row.text),
    }
    if kind == "claim" and getattr(row, "issue", None):
        out["issue"] = row.issue  # type: ignore[attr-defined]
    return out


# --- checking -------------------------------------------------------------------------------


def _walk(value: object, path: Path) -> Iterator[tuple[Path, Evidence]]:
    if isinstance(value, Evidence):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _walk(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))


def citations(scenario: Scenario) -> list[tuple[Path, Evidence]]:
    """Every evidence entry of ``scenario`` that cites the store, with its path in the file."""
    return [
        (path, evidence)
        for path, evidence in _walk(scenario, ())
        if evidence.document is not None or any(getattr(evidence, k) for k in CITABLE)
    ]


@dataclass(frozen=True)
class _Item:
    kind: Kind
    id: int
    document_id: int
    start: int
    end: int
    digest: str
    #: a claim's issue (None for other kinds)
    issue: str | None = None

    def where(self) -> str:
        return f"document {self.document_id} [{self.start}, {self.end})"


class _Lookup:
    """The store's items and documents, read on demand and kept for the whole check."""

    def __init__(self, store: Store) -> None:
        from zopa.store import Claim, Document, Estimate, Quote

        self.store = store
        self.tables: dict[Kind, Any] = {"claim": Claim, "estimate": Estimate, "quote": Quote}
        self.document_table = Document
        self._items: dict[tuple[Kind, int], _Item | None] = {}
        self._documents: dict[str, list[tuple[int, str]]] = {}

    def _item(self, kind: Kind, row: Any) -> _Item:
        issue = row.issue if kind == "claim" else None
        return _Item(
            kind, row.id, row.document_id, row.start, row.end, text_digest(row.text), issue
        )

    def item(self, kind: Kind, item_id: int) -> _Item | None:
        if (kind, item_id) not in self._items:
            with self.store.session() as session:
                row = session.get(self.tables[kind], item_id)
                self._items[(kind, item_id)] = self._item(kind, row) if row else None
        return self._items[(kind, item_id)]

    def at(self, kind: Kind, document_ids: list[int], start: int, end: int) -> list[_Item]:
        from sqlalchemy import select

        table = self.tables[kind]
        query = (
            select(table)
            .where(table.document_id.in_(document_ids), table.start == start, table.end == end)
            .order_by(table.id)
        )
        with self.store.session() as session:
            return [self._item(kind, row) for row in session.scalars(query)]

    def documents(self, reference: str) -> list[tuple[int, str]]:
        """(id, text) of the documents a citation's ``document`` names: an id or a source name."""
        from sqlalchemy import or_, select

        if reference not in self._documents:
            table = self.document_table
            query = select(table.id, table.text)
            if reference.isdigit():
                query = query.where(table.id == int(reference))
            else:
                query = query.where(
                    or_(table.source == reference, table.source.endswith("/" + reference))
                )
            with self.store.session() as session:
                self._documents[reference] = [(i, t) for i, t in session.execute(query)]
        return self._documents[reference]


class _Checker:
    def __init__(self, store: Store, file: str, node: Node | None) -> None:
        self.lookup = _Lookup(store)
        self.file, self.node = file, node
        self.problems: list[Problem] = []

    def warn(self, path: Path, message: str, hint: str) -> None:
        line = line_of(self.node, path)
        self.problems.append(Problem(self.file, line, message, hint, "warning", path))

    def check(self, path: Path, evidence: Evidence) -> None:
        documents = (
            self.lookup.documents(evidence.document) if evidence.document is not None else None
        )
        kinds = [k for k in CITABLE if getattr(evidence, k) is not None]
        for kind in kinds:
            self.check_item(path, evidence, kind, documents)
        if kinds or documents is None:
            return
        cited = f"document {evidence.document!r}"
        if not documents:
            self.warn(
                (*path, "document"),
                f"{cited} is not in the store",
                "cite a document id (see `zopa documents`) or the source file name",
            )
            return
        if evidence.start is None or evidence.end is None:
            return
        texts = [text[evidence.start : evidence.end] for _, text in documents]
        if all(evidence.end > len(text) for _, text in documents):
            self.warn(
                (*path, "end"),
                f"the span [{evidence.start}, {evidence.end}) is past the end of {cited}",
                "fix the span's start and end",
            )
        elif evidence.digest and not any(text_digest(t).startswith(evidence.digest) for t in texts):
            self.warn(
                (*path, "digest"),
                f"{cited} [{evidence.start}, {evidence.end}) no longer says the same thing "
                f"(digest {text_digest(texts[0])}, cited {evidence.digest})",
                "check the span against the document and update it and its digest",
            )

    def check_item(
        self, path: Path, evidence: Evidence, kind: Kind, documents: list[tuple[int, str]] | None
    ) -> None:
        item_id: int = getattr(evidence, kind)
        item = self.lookup.item(kind, item_id)
        document_ids = [d for d, _ in documents] if documents is not None else None
        span = (
            (evidence.start, evidence.end)
            if evidence.start is not None and evidence.end is not None
            else None
        )
        here = (
            item is not None
            and (document_ids is None or item.document_id in document_ids)
            and (span is None or (item.start, item.end) == span)
        )
        cited = f"{kind} {item_id}"
        at = (*path, kind)
        if item is not None and here:
            if evidence.digest and not item.digest.startswith(evidence.digest):
                self.warn(
                    (*path, "digest"),
                    f"{cited} no longer says the same thing (its text's digest is "
                    f"{item.digest}, the citation's {evidence.digest})",
                    f"read it again (`zopa {kind}s --document {item.document_id} --sentences`) "
                    "and update the value and the digest",
                )
            elif (
                evidence.issue is not None
                and item.issue is not None
                and not _same_subject(evidence.issue, item.issue)
            ):
                self.warn(
                    (*path, "issue"),
                    f"{cited} was on {evidence.issue!r} when cited; the store now reads it as "
                    f"on {item.issue!r}",
                    f"read it again (`zopa claims --document {item.document_id} --sentences`), "
                    "check the value it supports, then update `issue:`",
                )
            return
        others = self.other_kinds(kind, item_id, evidence, document_ids, span)
        place = f"document {evidence.document} [{span[0]}, {span[1]})" if span else None
        if others:
            other = others[0]
            status = "is gone" if item is None else f"is now at {item.where()}"
            found = (
                f"{place} now holds {other.kind} {other.id}"
                if place and (other.start, other.end) == span
                else f"{other.kind} {other.id} has the cited text"
            )
            self.warn(
                at,
                f"{cited} {status}; {found}: the citation is of another kind",
                f"cite `{other.kind}: {other.id}` if that is what you meant",
            )
        elif item is not None:
            self.warn(
                at,
                f"{cited} no longer says the same thing: it is now at {item.where()}, "
                f"not {place or 'document ' + str(evidence.document)} as cited",
                "the id now names another item; cite the item at the cited span instead",
            )
        else:
            same = self.lookup.at(kind, document_ids, *span) if document_ids and span else []
            self.warn(
                at,
                f"{cited} is not in the store",
                f"{kind} {same[0].id} is now at {same[0].where()}: cite it instead"
                if same
                else f"cite another {kind} (`zopa {kind}s`), or drop the citation",
            )

    def other_kinds(
        self,
        kind: Kind,
        item_id: int,
        evidence: Evidence,
        document_ids: list[int] | None,
        span: tuple[int, int] | None,
    ) -> list[_Item]:
        """Items of other kinds at the cited span, or with the cited id and digest."""
        found: list[_Item] = []
        for other in CITABLE:
            if other == kind:
                continue
            if document_ids and span is not None:
                found += self.lookup.at(other, document_ids, *span)
            same_id = self.lookup.item(other, item_id)
            if (
                evidence.digest
                and same_id is not None
                and same_id.digest.startswith(evidence.digest)
                and same_id not in found
            ):
                found.append(same_id)
        return found


def _same_subject(cited: str, now: str) -> bool:
    """Whether a claim's issue ``now`` is still what its citation's issue ``cited`` named.

    The same key, or keys sharing a word (a plural ``s`` aside): an open issue a new
    lexicon term now names (``open_port`` → ``ports``) is the same subject under a
    better name.
    """

    def words(issue: str) -> set[str]:
        parts = key_words(issue) if is_open(issue) else tuple(issue.split("_"))
        return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in parts}

    return cited == now or bool(words(cited) & words(now))


def check_citations(
    scenario: Scenario, store: Store, *, file: str = "<scenario>", node: Node | None = None
) -> list[Problem]:
    """Warnings for every citation of ``scenario`` the store no longer backs (see the module).

    Parameters
    ----------
    scenario:
        A scenario that passed schema validation.
    store:
        The store its evidence was drafted from.
    file, node:
        The file name and the YAML node tree, to give each warning its line.
    """
    checker = _Checker(store, file, node)
    for path, evidence in citations(scenario):
        checker.check(path, evidence)
    checker.problems.sort(key=lambda p: p.line)
    return checker.problems

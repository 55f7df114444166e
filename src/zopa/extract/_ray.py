"""Extraction's reading on a Ray cluster: one actor per worker CPU, documents in batches.

Each actor (:class:`Reader`) builds the pipeline once from the driver's recipe
(:class:`Recipe`: the extraction settings, the components, the model) and checks
that it gets the driver's pipeline version, so a node with another zopa, model or
lexicon cannot store different evidence unnoticed. The driver sends batches of
documents (id, text, publication date) and gets back each processed ``Doc`` as
bytes (``Doc.to_bytes`` without the model's tensor, as spaCy's own
``nlp.pipe(n_process=N)`` sends documents between processes), or the reason it
failed; it writes them to the store itself, in document order, one
transaction per document (:mod:`zopa.extract._run`).

Why the driver writes: the store's actor rows are order-dependent (the first
document that gives an unknown actor's country or role sets it, a lone surname
resolves to the one person stored before it), so only writes in document order
give a store identical, row for row and id for id, to a run without Ray. The
cost: ``bench/scale.py`` measures a 400-word article's reading at about 134 ms of
one core and the driver's part at about 30 ms, so one driver keeps four to five
worker cores busy (``docs/cluster.md`` has the cost model and what to do past that).

Faults: an actor whose process dies is restarted (its pipeline loaded again) and
its batch retried by Ray, up to :data:`RETRIES` times; a batch that still fails
has its documents reported as failed and the run goes on. At most
:data:`IN_FLIGHT` batches per actor are pending, so the driver holds a bounded
number of texts however many documents wait.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import select

from zopa.errors import ExtractionError
from zopa.extract._pipeline import pipeline_for, pipeline_version, settings_of
from zopa.extract._settings import ExtractionSettings
from zopa.extract._workers import release_free_memory
from zopa.store import Document, Store

__all__ = ["IN_FLIGHT", "RETRIES", "Reader", "Recipe", "read_on_ray"]

RETRIES = 2
"""Times Ray retries a batch whose worker died (the actor is restarted each time)."""

IN_FLIGHT = 2
"""Batches pending per actor: one being read, one waiting, so no actor idles."""

Batch = list[tuple[int, str, date | None]]
"""Documents to read: (id, text, publication date)."""

Read = tuple[int, bytes | None, str | None]
"""A document read: (id, the processed Doc's bytes or None, the failure or None)."""


@dataclass(frozen=True)
class Recipe:
    """How a worker builds the driver's pipeline: settings, zopa components, model."""

    settings: str
    components: tuple[str, ...]
    model: str
    max_length: int
    version: str

    @classmethod
    def of(cls, nlp: Language) -> Recipe:
        """The recipe of a pipeline built by :func:`zopa.extract.pipeline_for`."""
        settings = settings_of(nlp)
        if settings is None:
            raise ExtractionError(
                "--ray needs a pipeline built by zopa (zopa.extract.pipeline_for or "
                "build_pipeline), whose settings its workers can rebuild"
            )
        components = tuple(
            name
            for name in nlp.pipe_names
            if name.startswith("zopa_") and name != "zopa_paragraphs"
        )
        model = f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'core_web_sm')}"
        return cls(settings.to_json(), components, model, nlp.max_length, pipeline_version(nlp))

    def build(self) -> Language:
        """The pipeline; an :class:`ExtractionError` if it is not the driver's version."""
        settings = ExtractionSettings.from_json(self.settings)
        nlp = pipeline_for(settings, components=self.components, model=self.model)
        nlp.max_length = self.max_length
        built = pipeline_version(nlp)
        if built != self.version:
            raise ExtractionError(
                f"a Ray worker built the pipeline {built!r}, not the driver's {self.version!r}; "
                "install the same zopa, spaCy model and extraction packages on every node"
            )
        return nlp


def _sent(doc: Doc) -> bytes:
    """What the driver needs of a processed document: all but the model's tensor (which
    stores nothing and is most of the bytes)."""
    return bytes(doc.to_bytes(exclude=["tensor"]))


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


class Reader:
    """A Ray actor's state: the pipeline, loaded once; reads batches of documents."""

    def __init__(self, recipe: Recipe) -> None:
        self.nlp = recipe.build()

    def pid(self) -> int:
        """This worker's process id."""
        return os.getpid()

    def read(self, batch: Batch) -> list[Read]:
        """Each document processed, as ``Doc`` bytes, or the reason it could not be.

        The batch goes through ``nlp.pipe``; if a component fails on one of its
        documents, each is read alone so only that one fails.
        """
        # Inside a memory zone, the words and strings new to the vocabulary that these
        # documents bring are freed when the batch is done (spaCy 3.8's
        # ``Language.memory_zone``), so an actor's vocabulary does not grow with every
        # name and number of the documents it reads; each Doc leaves the zone as bytes.
        with self.nlp.memory_zone():
            reads = self._read(batch)
        release_free_memory()
        return reads

    def _read(self, batch: Batch) -> list[Read]:
        made: list[tuple[int, Doc]] = []
        out: dict[int, Read] = {}
        for doc_id, text, published in batch:
            try:
                doc = self.nlp.make_doc(text)
            except ValueError as exc:  # longer than nlp.max_length
                out[doc_id] = (doc_id, None, f"document {doc_id}: {_short(exc)}")
                continue
            doc._.zopa_published = published
            made.append((doc_id, doc))
        try:
            docs = list(self.nlp.pipe([d for _, d in made]))
            for (doc_id, _), doc in zip(made, docs, strict=True):
                out[doc_id] = (doc_id, _sent(doc), None)
        except Exception:
            for doc_id, doc in made:
                try:
                    out[doc_id] = (doc_id, _sent(self.nlp(doc)), None)
                except Exception as exc:
                    failure = f"document {doc_id}: extraction failed ({_short(exc)})"
                    out[doc_id] = (doc_id, None, failure)
        return [out[doc_id] for doc_id, _, _ in batch]


def _batches(store: Store, ids: Iterable[int], size: int) -> Iterator[Batch]:
    """The documents' texts, read from the store one batch at a time."""
    it = iter(ids)
    while chunk := list(islice(it, size)):
        query = select(Document.id, Document.text, Document.published_at).where(
            Document.id.in_(chunk)
        )
        with store.session() as session:
            rows = {row[0]: (row[0], row[1] or "", row[2]) for row in session.execute(query)}
        yield [rows[i] for i in chunk if i in rows]


def read_on_ray(
    ray: Any,
    nlp: Language,
    store: Store,
    ids: Iterable[int],
    failed: dict[int, str],
    *,
    batch_size: int = 8,
) -> Generator[tuple[Doc, int], None, None]:
    """Each document of ``ids`` read on the cluster, in order, as (Doc, id).

    A document that cannot be read is left out and its reason put in ``failed``.
    ``ray`` is the connected ``ray`` module (:func:`zopa.cluster.ray_cluster`).
    """
    if not ids:
        return
    recipe = Recipe.of(nlp)
    actors = max(1, int(ray.cluster_resources().get("CPU", 1)))
    remote = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=RETRIES)(Reader)
    readers = [remote.remote(recipe) for _ in range(actors)]
    try:
        try:
            ray.get([r.pid.remote() for r in readers])
        except ray.exceptions.RayActorError as exc:
            cause = exc.__cause__ or exc
            raise ExtractionError(
                f"the Ray workers cannot build the pipeline: {_short(cause)}"
            ) from None
        # Each actor runs its calls in turn; results are taken in the order sent.
        queue: deque[tuple[Batch, Any, Any]] = deque()
        batches = _batches(store, ids, batch_size)

        def submit(reader: Any, batch: Batch) -> None:
            queue.append((batch, reader, reader.read.remote(batch)))

        for k, batch in enumerate(islice(batches, IN_FLIGHT * actors)):
            submit(readers[k % actors], batch)
        while queue:
            batch, reader, result = queue.popleft()
            try:
                reads: list[Read] = ray.get(result)
            except ray.exceptions.RayError as exc:
                reason = f"its Ray worker failed {RETRIES + 1} times ({_short(exc)[:120]})"
                reads = [(i, None, f"document {i}: {reason}") for i, _, _ in batch]
            for following in islice(batches, 1):
                submit(reader, following)
            for doc_id, data, failure in reads:
                if data is None:
                    failed[doc_id] = failure or f"document {doc_id}: extraction failed"
                else:
                    # The strings the document brings are the driver's until it is stored
                    # (the caller stores it before asking for the next one), then freed.
                    with nlp.memory_zone():
                        yield Doc(nlp.vocab).from_bytes(data), doc_id
            release_free_memory()
    finally:
        for reader in readers:
            ray.kill(reader)

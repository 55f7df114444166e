"""Run zopa on each gold negotiation in a fresh store, then score the draft against the gold.

For every folder with a ``gold.yaml``: a new temporary SQLite store, ingest of the
folder's articles (or of the ``corpus:`` folder the gold names), extraction with the
shipped settings (plus any gazetteer given), :func:`~zopa.scenario.draft_scenario` with
its defaults, and the scores of :mod:`zopa.scenario._evaluate`.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zopa.errors import ScenarioError
from zopa.files import display_path
from zopa.scenario._draft_gold import FORMAT_HINT, DraftGold, load_draft_gold
from zopa.scenario._evaluate import (
    ActorRecord,
    ClaimRecord,
    DraftEvaluation,
    MentionRecord,
    NegotiationScore,
    score_negotiation,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from zopa.store import Actor, Store

__all__ = ["GOLD_FILE", "document_stem", "evaluate_draft_dir", "gold_folders"]

GOLD_FILE = "gold.yaml"


def gold_folders(gold_dir: Path) -> list[Path]:
    """``gold_dir`` itself when it holds a ``gold.yaml``, else its sub-folders that do.

    Raises
    ------
    ScenarioError
        ``gold_dir`` is not a folder, or no ``gold.yaml`` is found.
    """
    if not gold_dir.is_dir():
        raise ScenarioError(f"{display_path(gold_dir)}: no such folder; pass a folder of gold")
    if (gold_dir / GOLD_FILE).is_file():
        return [gold_dir]
    folders = sorted(p for p in gold_dir.iterdir() if (p / GOLD_FILE).is_file())
    if not folders:
        raise ScenarioError(
            f"{display_path(gold_dir)}: no {GOLD_FILE} in it or in its sub-folders; {FORMAT_HINT}"
        )
    return folders


def _corpus(folder: Path, gold: DraftGold) -> Path:
    """The articles' folder: the gold's own, or its ``corpus:`` from the first folder above."""
    if gold.corpus is None:
        return folder
    for base in (folder, *folder.resolve().parents):
        if (base / gold.corpus).is_dir():
            return base / gold.corpus
    raise ScenarioError(
        f"{display_path(folder / GOLD_FILE)}: corpus {gold.corpus} is not a folder under "
        "the gold's folder or any folder above it; fix `corpus:`"
    )


def document_stem(source: str) -> str:
    """The name a gold file gives a stored document: its file name without the suffix.

    A JSON Lines record keeps its line: ``wire.jsonl:3`` → ``wire:3``.
    """
    name = Path(source).name
    return re.sub(r"\.[A-Za-z0-9]+(:\d+)?$", r"\1", name)


def _actor(actor: Actor) -> ActorRecord:
    return ActorRecord(
        key=actor.key,
        name=actor.name,
        kind=actor.kind,
        country=actor.country,
        affiliation=actor.affiliation,
        sector=actor.sector,
    )


def _evidence(store: Store) -> tuple[list[MentionRecord], list[ClaimRecord], dict[str, str]]:
    """The store's mentions and claims as plain records, and its texts by file stem."""
    from sqlalchemy import select

    from zopa.store import Actor, Claim, Document, Mention

    with store.session() as session:
        documents = {
            doc_id: (document_stem(source), text)
            for doc_id, source, text in session.execute(
                select(Document.id, Document.source, Document.text)
            )
        }
        mentions = [
            MentionRecord(documents[m.document_id][0], m.start, m.end, _actor(a))
            for m, a in session.execute(
                select(Mention, Actor).join(Actor, Mention.actor_id == Actor.id)
            )
        ]
        claims = []
        for claim, actor in session.execute(
            select(Claim, Actor).outerjoin(Actor, Claim.actor_id == Actor.id)
        ):
            stem, text = documents[claim.document_id]
            sentence = text[claim.sentence_start : claim.sentence_end]
            claims.append(
                ClaimRecord(stem, sentence, _actor(actor) if actor else None, claim.issue, claim.id)
            )
    return mentions, claims, dict(documents.values())


def _run_one(
    folder: Path, gold: DraftGold, nlp: Language, *, max_file_bytes: int
) -> NegotiationScore:
    from zopa.extract import extract_documents
    from zopa.ingest import ingest_paths
    from zopa.scenario.draft import draft_scenario
    from zopa.store import open_store

    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="zopa-eval-draft-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'store.db'}")
        try:
            report = ingest_paths(store, [_corpus(folder, gold)], max_file_bytes=max_file_bytes)
            notes += [o.message or o.source for o in report.outcomes if o.status == "failed"]
            extraction = extract_documents(store, nlp)
            notes += [
                f"{o.source}: extraction failed: {o.message}"
                for o in extraction.outcomes
                if o.status == "failed"
            ]
            scenario: dict[str, Any]
            try:
                scenario = draft_scenario(store, scenario_id=folder.name, title=gold.negotiation)
            except ScenarioError as exc:
                notes.append(f"no draft: {exc}")
                scenario = {"actors": [], "issues": []}
            mentions, claims, texts = _evidence(store)
        finally:
            store.close()
    return score_negotiation(
        folder.name,
        gold,
        mentions=mentions,
        claims=claims,
        texts=texts,
        scenario=scenario,
        notes=notes,
    )


def evaluate_draft_dir(
    gold_dir: Path,
    *,
    gazetteers: Sequence[Path] = (),
    max_file_bytes: int,
    on_negotiation: Callable[[Path], None] | None = None,
) -> DraftEvaluation:
    """Draft a scenario for every gold negotiation under ``gold_dir`` and score it.

    Parameters
    ----------
    gazetteers:
        Gazetteer files added to the shipped one for extraction (nothing else is
        changed from the shipped settings).
    max_file_bytes:
        The largest article file ingestion reads.
    on_negotiation:
        Called with each negotiation's folder before it is run (for progress).

    Raises
    ------
    ScenarioError
        No gold is found, or a ``gold.yaml`` is invalid (all are read before any run).
    """
    from zopa.extract import build_pipeline

    golds = [(folder, load_draft_gold(folder / GOLD_FILE)) for folder in gold_folders(gold_dir)]
    nlp = build_pipeline(gazetteers)
    scores = []
    for folder, gold in golds:
        if on_negotiation is not None:
            on_negotiation(folder)
        scores.append(_run_one(folder, gold, nlp, max_file_bytes=max_file_bytes))
    return DraftEvaluation(scores)

"""Training the claim-sentence classifier (:mod:`zopa.extract._claim_classifier`).

The corpus is the team's own gold with claims:

- the drafted-scenario sets ``tests/gold/drafts/`` to ``drafts-5/`` (:data:`DRAFT_SETS`):
  each negotiation's articles and its ``gold.yaml``, whose ``claims`` quote a substring of
  the sentence that states them;
- the extraction sets ``tests/gold/texts/`` and ``tests/gold/blind/`` (:data:`SPAN_SETS`):
  ``NAME.txt`` and its ``NAME.claims.yaml`` (character offsets into the normalised text).

Each article is read as ingestion reads it and parsed by zopa's pipeline with the claim
rules alone. A sentence holding a gold claim is a positive, labelled with the strongest of
its claims' stances (the rules' order: red_line > reject > condition > demand > accept >
offer > goal > position); a sentence holding none is ``NONE`` — **unless the rules find a
claim in it**: gold lists the claims on the issues its author modelled, and a sentence
where the cue rules see a stance may well state one on an issue the gold left out, so it
is left out rather than taught as a negative. (At run time the classifier adds claims only
to sentences the rules found nothing in, so those are the negatives it must learn.)

``tests/gold/seeds/`` (third-party texts) is never trained on (:data:`HELD_OUT`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from zopa.errors import ExtractionError
from zopa.extract._claim_classifier import LABELS, NONE, ClaimClassifier, claim_view
from zopa.extract._claim_cues import STANCE_RANK
from zopa.extract._doc import CLAIMS
from zopa.extract._textcat import TrainingSettings, save_textcat, train_textcat
from zopa.files import MAX_DATA_FILE_BYTES
from zopa.ingest import normalise_text, prepare, read_file

__all__ = [
    "DRAFT_SETS",
    "HELD_OUT",
    "SPAN_SETS",
    "ClaimSentence",
    "label_sentences",
    "labelled_corpus",
    "rules_pipeline",
    "save_claim_classifier",
    "train_claim_classifier",
    "training_sources",
]

#: The drafted-scenario gold sets trained on, under ``tests/gold``.
DRAFT_SETS = ("drafts", "drafts-2", "drafts-3", "drafts-4", "drafts-5")

#: The extraction gold sets with claims trained on, under ``tests/gold``.
SPAN_SETS = ("texts", "blind")

#: Folders never trained on: third-party texts.
HELD_OUT = ("seeds",)

_GOLD = Path("tests") / "gold"


@dataclass(frozen=True)
class ClaimSentence:
    """One sentence of the corpus: its text, the classifier's view of it, its label, its
    set (``drafts-3``, ``texts`` ...) and whether the rules found a claim in it."""

    text: str
    view: list[str]
    label: str
    group: str
    rules_claim: bool


def training_sources(root: Path) -> list[Path]:
    """Every file the corpus is read from under a project ``root``, sorted: the draft sets'
    ``gold.yaml`` and articles, the span sets' texts and ``.claims.yaml``."""
    files: list[Path] = []
    for name in DRAFT_SETS:
        for gold in sorted((root / _GOLD / name).glob("*/gold.yaml")):
            if _draft_claims(gold):
                files += [gold, *sorted(gold.parent.glob("*.md"))]
    for name in SPAN_SETS:
        for claims in sorted((root / _GOLD / name).glob("*.claims.yaml")):
            files += [claims, claims.with_name(claims.name.replace(".claims.yaml", ".txt"))]
    return files


def _draft_claims(gold: Path) -> list[dict[str, str]]:
    data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
    claims = data.get("claims") or []
    return [c for c in claims if isinstance(c, dict)]


def rules_pipeline() -> Language:
    """zopa's English pipeline with the claim rules alone (no classifier)."""
    from zopa.extract._pipeline import COMPONENTS, build_pipeline

    nlp = build_pipeline(components=[c for c in COMPONENTS if c != "zopa_claims"])
    nlp.add_pipe("zopa_claims", config={"classify": False})
    return nlp


def _squeezed(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def label_sentences(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> Iterator[tuple[Span, str]]:
    """Each sentence of ``doc`` with its label: the strongest stance of the gold claims
    (``(start, end, stance)`` character spans) it overlaps, else :data:`NONE`."""
    spans = list(spans)
    for sent in doc.sents:
        stances = [s for a, b, s in spans if a < sent.end_char and b > sent.start_char]
        yield sent, max(stances, key=STANCE_RANK.__getitem__) if stances else NONE


def _draft_documents(gold: Path) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """The texts of a negotiation's articles with their gold claims' character spans."""
    claims = _draft_claims(gold)
    for path in sorted(gold.parent.glob("*.md")):
        for raw in read_file(path, MAX_DATA_FILE_BYTES):
            if isinstance(raw, Exception):
                raise ExtractionError(f"{path}: cannot be read ({raw})")
            text = prepare(raw)[0].text
            spans = []
            for claim in claims:
                if claim.get("document") != path.stem:
                    continue
                found = re.search(_squeezed(str(claim["text"])), text)
                if found is None:
                    raise ExtractionError(
                        f"{gold}: claim text {str(claim['text'])[:40]!r} is not in "
                        f"{path.name}; fix the gold"
                    )
                spans.append((found.start(), found.end(), str(claim["stance"])))
            yield text, spans


def _span_documents(claims: Path) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    text_path = claims.with_name(claims.name.replace(".claims.yaml", ".txt"))
    text = normalise_text(text_path.read_text(encoding="utf-8"))
    items = yaml.safe_load(claims.read_text(encoding="utf-8")) or []
    yield text, [(int(i["start"]), int(i["end"]), str(i["stance"])) for i in items]


def _documents(root: Path, group: str) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    if group in HELD_OUT:
        raise ExtractionError(f"tests/gold/{group} is held out and never trained on")
    if group in SPAN_SETS:
        for claims in sorted((root / _GOLD / group).glob("*.claims.yaml")):
            yield from _span_documents(claims)
        return
    for gold in sorted((root / _GOLD / group).glob("*/gold.yaml")):
        yield from _draft_documents(gold)


def labelled_corpus(
    root: Path, nlp: Language, groups: Sequence[str] = DRAFT_SETS + SPAN_SETS
) -> list[ClaimSentence]:
    """The labelled sentences of the gold ``groups`` under a project ``root``, parsed by
    ``nlp`` (:func:`rules_pipeline`)."""
    out: list[ClaimSentence] = []
    for group in groups:
        for text, spans in _documents(root, group):
            doc = nlp(text)
            claimed = {nlp_span.sent.start for nlp_span in doc.spans.get(CLAIMS, [])}
            for sent, label in label_sentences(doc, spans):
                out.append(
                    ClaimSentence(sent.text, claim_view(sent), label, group, sent.start in claimed)
                )
    return out


def train_claim_classifier(
    views: Sequence[list[str]],
    labels: Sequence[str],
    settings: TrainingSettings = TrainingSettings(),
) -> ClaimClassifier:
    """A classifier over :data:`LABELS` trained on sentence ``views`` and their ``labels``
    (the same inputs give the same weights)."""
    return ClaimClassifier(train_textcat(views, labels, LABELS, settings, ClaimClassifier.WHAT))


def save_claim_classifier(
    classifier: ClaimClassifier, path: Path, sources: Sequence[Path], settings: TrainingSettings
) -> None:
    """Write the trained model to ``path`` with what it was trained on in its meta."""
    save_textcat(classifier.nlp, path, "zopa_claim_sentences", sources, settings)

"""Training the claim-sentence classifier (:mod:`zopa.extract._claim_classifier`).

The corpus is the team's own gold with claims:

- the drafted-scenario sets ``tests/gold/drafts/`` to ``drafts-5/`` (:data:`DRAFT_SETS`):
  each negotiation's articles and its ``gold.yaml``, whose ``claims`` quote a substring of
  the sentence that states them;
- the extraction sets ``tests/gold/texts/`` and ``tests/gold/blind/`` (:data:`SPAN_SETS`):
  ``NAME.txt`` and its ``NAME.claims.yaml`` (character offsets into the normalised text);
- the team corpus ``training/claims/*.yaml`` (:data:`CORPUS_DIR`): single sentences written
  for training, each with its label. A file is a YAML list of items::

      - id: a001                        # unique in the file
        text: The union's price is a 9% rise over two years.
        stance: demand                  # one of zopa.evidence.STANCES, or NONE
        holder: The union's             # optional: the holder's words, as in the text
        issues: [rise]                  # optional: issue words, as in the text

  ``NONE`` marks a sentence that states no party's stance (narrated acts, background,
  analysts' views, probability statements, fears and hopes, events); ``holder`` and
  ``issues`` document the annotation and are checked to stand in the text.

Each article is read as ingestion reads it and parsed by zopa's pipeline with the claim
rules alone. A sentence holding a gold claim is a positive, labelled with the strongest of
its claims' stances (the rules' order: red_line > reject > condition > demand > accept >
offer > goal > position); a sentence holding none is ``NONE`` — **unless the rules find a
claim in it**: gold lists the claims on the issues its author modelled, and a sentence
where the cue rules see a stance may well state one on an issue the gold left out, so it
is left out rather than taught as a negative. (At run time the classifier adds claims only
to sentences the rules found nothing in, so those are the negatives it must learn.) A team
corpus sentence is always taught with its label: its author judged the whole sentence.

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

from zopa.errors import ExtractionError, quoted
from zopa.extract._claim_classifier import LABELS, NONE, ClaimClassifier, claim_view
from zopa.extract._claim_cues import STANCE_RANK
from zopa.extract._doc import CLAIMS
from zopa.extract._textcat import TrainingSettings, save_textcat, train_textcat
from zopa.files import MAX_DATA_FILE_BYTES
from zopa.ingest import normalise_text, prepare, read_file

__all__ = [
    "CORPUS_DIR",
    "DRAFT_SETS",
    "HELD_OUT",
    "SPAN_SETS",
    "ClaimSentence",
    "CorpusItem",
    "corpus_files",
    "corpus_items",
    "label_sentences",
    "labelled_corpus",
    "rules_pipeline",
    "save_claim_classifier",
    "team_corpus",
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

#: The team corpus of labelled claim sentences, under the project root.
CORPUS_DIR = Path("training") / "claims"


@dataclass(frozen=True)
class ClaimSentence:
    """One sentence of the corpus: its text, the classifier's view of it, its label, its
    set (``drafts-3``, ``texts`` ...) and whether the rules found a claim in it."""

    text: str
    view: list[str]
    label: str
    group: str
    rules_claim: bool


@dataclass(frozen=True)
class CorpusItem:
    """One sentence of the team corpus (see the module docstring)."""

    id: str
    text: str
    stance: str


def corpus_files(root: Path) -> list[Path]:
    """The team corpus files under a project ``root``, sorted."""
    return sorted((root / CORPUS_DIR).glob("*.yaml"))


def _corpus_error(path: Path, where: str, problem: str) -> ExtractionError:
    return ExtractionError(f"{path}: {where}: {problem}")


def corpus_items(path: Path) -> list[CorpusItem]:
    """The items of a team corpus file, checked.

    Raises
    ------
    ExtractionError
        The file is not a YAML list of items with ``id``, ``text`` and a known ``stance``,
        an ``id`` repeats, or a ``holder`` or issue word is not in its text (one line naming
        the file, the item and the fix).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else "YAML"
        raise _corpus_error(path, line, "not valid YAML; fix the syntax") from None
    if not isinstance(data, list):
        raise _corpus_error(path, "top level", "must be a list of items (- id: ..., text: ...)")
    items: list[CorpusItem] = []
    seen: set[str] = set()
    for number, raw in enumerate(data, 1):
        where = f"item {number}"
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
            raise _corpus_error(path, where, "needs an id and a text")
        item_id, text = str(raw["id"]), str(raw["text"])
        where = f"item {quoted(item_id)}"
        if item_id in seen:
            raise _corpus_error(path, where, "id used twice; give each item its own id")
        seen.add(item_id)
        stance = str(raw.get("stance"))
        if stance not in LABELS:
            raise _corpus_error(
                path, where, f"stance {quoted(stance)} unknown; use one of {', '.join(LABELS)}"
            )
        words = [raw["holder"]] if raw.get("holder") else []
        words += list(raw.get("issues") or [])
        for word in words:
            if str(word) not in text:
                raise _corpus_error(
                    path, where, f"{quoted(str(word))} is not in its text; copy it as written"
                )
        items.append(CorpusItem(item_id, text, stance))
    return items


def training_sources(root: Path) -> list[Path]:
    """Every file the corpus is read from under a project ``root``: the team corpus, the
    draft sets' ``gold.yaml`` and articles, the span sets' texts and ``.claims.yaml``."""
    files: list[Path] = corpus_files(root)
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


def team_corpus(root: Path, nlp: Language) -> list[ClaimSentence]:
    """The team corpus sentences under a project ``root``, parsed by ``nlp``; each file's
    stem is its group (``corpus-a``), and each is taught with its label whatever the rules
    find in it."""
    out: list[ClaimSentence] = []
    for path in corpus_files(root):
        for item in corpus_items(path):
            doc = nlp(item.text)
            sent = max(doc.sents, key=len)  # an item is one sentence; the parser may split it
            claimed = bool(doc.spans.get(CLAIMS, []))
            out.append(ClaimSentence(item.text, claim_view(sent), item.stance, path.stem, claimed))
    return out


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

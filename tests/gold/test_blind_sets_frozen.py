"""The issue-12 blind gold sets stay as written, and every item in them is well formed.

`tests/gold/ontology/`, `tests/gold/ontology-2/` and `tests/gold/ontology-3/` (PLOVER
sentences), `tests/gold/blind-2/`, `tests/gold/blind-3/`, `tests/gold/blind-4/` and
`tests/gold/blind-5/`, `tests/gold/blind-6/`, `tests/gold/blind-7/`, `tests/gold/blind-8/`
(articles) were written before any extraction ran on them; `FROZEN.sha256` in each records
every file's SHA-256. These checks read the gold only: they never run extraction on it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from zopa.ingest import normalise_text

GOLD = Path(__file__).resolve().parent
ONTOLOGY = GOLD / "ontology"
ONTOLOGY_2 = GOLD / "ontology-2"
ONTOLOGY_3 = GOLD / "ontology-3"
# Sentence sets and the fewest sentences (in all, per type) their README promises.
SENTENCE_SETS = {ONTOLOGY: (320, 20), ONTOLOGY_2: (320, 20), ONTOLOGY_3: (240, 15)}
ARTICLES = GOLD / "blind-2"
ARTICLES_3 = GOLD / "blind-3"
ARTICLES_4 = GOLD / "blind-4"
ARTICLES_5 = GOLD / "blind-5"
ARTICLES_6 = GOLD / "blind-6"
ARTICLES_7 = GOLD / "blind-7"
ARTICLES_8 = GOLD / "blind-8"
# Article sets and the length (in words) their README promises for each article.
ARTICLE_SETS = {
    ARTICLES: (450, 800),
    ARTICLES_3: (600, 1000),
    ARTICLES_4: (600, 900),
    ARTICLES_5: (600, 900),
    ARTICLES_6: (600, 900),
    ARTICLES_7: (600, 900),
    ARTICLES_8: (600, 900),
}
# How many articles each set's README promises (blind-4 was cut to five by its time limit;
# blind-5 and blind-6, and blind-7 and blind-8, were asked for four each, written at once by
# pairs of writers).
FEWEST_ARTICLES = {
    ARTICLES: 8,
    ARTICLES_3: 8,
    ARTICLES_4: 5,
    ARTICLES_5: 4,
    ARTICLES_6: 4,
    ARTICLES_7: 4,
    ARTICLES_8: 4,
}
FROZEN = "FROZEN.sha256"

# PLOVER event types (Halterman et al. 2023) and the statuses the gold uses.
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
STATUSES = frozenset({"happened", "planned", "refused", "hypothetical"})
KINDS = ("actors", "quotes", "events", "estimates")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _recorded(folder: Path) -> dict[str, str]:
    digests = {}
    for line in (folder / FROZEN).read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        digests[name.lstrip("*")] = digest
    return digests


@pytest.mark.parametrize("folder", [*SENTENCE_SETS, *ARTICLE_SETS], ids=lambda p: p.name)
def test_every_file_matches_its_frozen_digest(folder: Path) -> None:
    recorded = _recorded(folder)
    present = {
        p.name
        for p in folder.iterdir()
        if p.is_file() and p.name != FROZEN and not p.name.startswith("run-")  # run records
    }
    assert set(recorded) == present
    for name, digest in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("folder", list(SENTENCE_SETS), ids=lambda p: p.name)
def test_sentences_are_well_formed(folder: Path) -> None:
    fewest, fewest_per_type = SENTENCE_SETS[folder]
    sentences = _load(folder / "sentences.yaml")
    assert len(sentences) >= fewest
    assert len({s["id"] for s in sentences}) == len(sentences)
    for s in sentences:
        assert s["trigger"] in s["text"], s["id"]
        assert s["type"] in PLOVER_TYPES, s["id"]
        assert s["status"] in STATUSES, s["id"]
        assert str(s["cameo"]).isdigit(), s["id"]
        assert len(s["text"].split()) <= 60, s["id"]
    per_type = {t: sum(s["type"] == t for s in sentences) for t in PLOVER_TYPES}
    assert min(per_type.values()) >= fewest_per_type, per_type


def _articles(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.txt"))


@pytest.mark.parametrize("folder", list(ARTICLE_SETS), ids=lambda p: p.name)
def test_there_are_enough_articles_with_every_kind(folder: Path) -> None:
    stems = _articles(folder)
    assert len(stems) >= FEWEST_ARTICLES[folder]
    for stem in stems:
        for kind in KINDS:
            assert (folder / f"{stem}.{kind}.yaml").is_file(), (stem, kind)


@pytest.mark.parametrize(
    ("folder", "stem"),
    [(folder, stem) for folder in ARTICLE_SETS for stem in _articles(folder)],
    ids=lambda x: x.name if isinstance(x, Path) else x,
)
def test_every_span_starts_with_its_hint(folder: Path, stem: str) -> None:
    text = normalise_text((folder / f"{stem}.txt").read_text(encoding="utf-8"))
    fewest, most = ARTICLE_SETS[folder]
    assert fewest <= len(text.split()) <= most
    for kind in KINDS:
        for item in _load(folder / f"{stem}.{kind}.yaml") or []:
            where = (stem, kind, item["start"])
            assert 0 <= item["start"] < item["end"] <= len(text), where
            assert text[item["start"] : item["end"]].startswith(item["hint"]), where
            if kind == "quotes" and item["speaker_start"] is not None:
                speaker = text[item["speaker_start"] : item["speaker_end"]]
                assert speaker.startswith(item["speaker_hint"]), where
            if kind == "events":
                assert item["type"] in PLOVER_TYPES, where
                assert item["status"] in STATUSES, where
            if kind == "estimates":
                assert item["value"] is None or 0 <= item["value"] <= 1, where
                assert isinstance(item["retrospective"], bool), where
                assert item["about"] in text, where

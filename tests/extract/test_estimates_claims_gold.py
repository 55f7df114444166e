"""Claims and estimates against the team's gold on the seeds and on the other-negotiation texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from zopa.extract import build_pipeline
from zopa.extract._claim_scoring import Score, score_claims
from zopa.extract._estimate_scoring import EstimateScore, score_estimates
from zopa.extract._open_issues import is_open
from zopa.ingest import normalise_text

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "gold"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(
        components=("zopa_actors", "zopa_quotes", "zopa_claims", "zopa_estimates")
    )


def _score(nlp: Language, gold_dir: Path, text_dir: Path, kind: str) -> Score | EstimateScore:
    """Predictions against the gold. Claims on open issues (no lexicon word) are left out:
    these golds were annotated on the lexicon's issues and cannot hold them."""
    predicted: list[dict[str, Any]] = []
    gold: list[dict[str, Any]] = []
    for number, path in enumerate(sorted(text_dir.glob("*.txt"))):
        gold_file = gold_dir / f"{path.stem}.{kind}.yaml"
        if not gold_file.exists():
            continue
        shift = number * 10**7  # keeps offsets of different documents apart
        doc = nlp(normalise_text(path.read_text(encoding="utf-8")))
        predicted += [
            dict(span._.zopa_fields, start=span.start_char + shift, end=span.end_char + shift)
            for span in doc.spans[f"zopa_{kind}"]
            if kind != "claims" or not is_open(span._.zopa_fields["issue"])
        ]
        gold += [
            dict(item, start=item["start"] + shift, end=item["end"] + shift)
            for item in yaml.safe_load(gold_file.read_text(encoding="utf-8")) or []
        ]
    return score_claims(predicted, gold) if kind == "claims" else score_estimates(predicted, gold)


def test_gold_files_never_hold_long_runs_of_text() -> None:
    # Third-party text (the seeds) never enters the repository: gold about texts kept
    # elsewhere (a folder with no texts of its own) may quote at most eleven words in a row.
    # Gold about the team's own texts, stored beside them, may quote them at any length.
    outside = [
        folder for folder in GOLD.iterdir() if folder.is_dir() and not any(folder.glob("*.txt"))
    ]
    assert GOLD / "seeds" in outside
    paths = [
        p
        for folder in outside
        for p in (*folder.glob("*.claims.yaml"), *folder.glob("*.estimates.yaml"))
    ]
    assert paths
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for value in item.values():
                assert not isinstance(value, str) or len(value.split()) < 12, path


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_estimates_on_the_seeds_meet_the_target(nlp: Language) -> None:
    score = _score(nlp, GOLD / "seeds", SEEDS, "estimates")
    assert score.precision >= 0.9
    assert score.recall >= 0.9
    assert score.extras["within_iqr"][0] == 1.0


def test_estimates_on_the_other_negotiations(nlp: Language) -> None:
    score = _score(nlp, GOLD / "texts", GOLD / "texts", "estimates")
    assert score.precision >= 0.9
    assert score.recall >= 0.9


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_claims_on_the_seeds_meet_the_target(nlp: Language) -> None:
    # The issue's target is F1 >= 0.75; measured P 0.92 / R 0.84 / F1 0.88 (68 gold claims).
    score = _score(nlp, GOLD / "seeds", SEEDS, "claims")
    assert score.precision >= 0.9
    assert score.f1 >= 0.85
    assert score.extras["salience_agreement"] >= 0.9


def test_claims_on_the_other_negotiations(nlp: Language) -> None:
    # Measured P 0.93 / R 0.88 / F1 0.90 (43 gold claims): the honest figure (unchanged by
    # the codebook issue families of issue 10).
    score = _score(nlp, GOLD / "texts", GOLD / "texts", "claims")
    assert score.f1 >= 0.85
    assert score.extras["salience_agreement"] >= 0.9

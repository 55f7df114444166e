"""The frozen draft-gold sets: each ``gold.yaml`` loads, and ``FROZEN.sha256`` still holds.

Only the gold loader runs here, never extraction or drafting: a blind set stays blind until
its one run (``zopa eval draft``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from zopa.scenario._draft_gold import load_draft_gold

GOLD = Path(__file__).parents[1] / "gold"
SETS = (
    "drafts",
    "drafts-2",
    "drafts-3",
    "drafts-4",
    "drafts-5",
    "drafts-6",
    "drafts-7",
    "drafts-8",
)


def _frozen(folder: Path) -> dict[str, str]:
    """The ``sha256sum`` lines of ``FROZEN.sha256``: relative path → hex digest."""
    lines = (folder / "FROZEN.sha256").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


@pytest.mark.parametrize("name", SETS)
def test_every_gold_of_a_set_loads(name: str) -> None:
    golds = sorted((GOLD / name).glob("*/gold.yaml"))
    assert golds, f"no gold.yaml under tests/gold/{name}"
    for path in golds:
        gold = load_draft_gold(path)
        stems = {p.stem for p in path.parent.glob("*.md")}
        assert {entity.document for entity in gold.entities} <= stems, path
        assert {claim.document for claim in gold.claims} <= stems, path


@pytest.mark.parametrize("name", SETS)
def test_a_set_is_frozen_over_every_gold_and_text_file(name: str) -> None:
    folder = GOLD / name
    frozen = _frozen(folder)
    files = {
        p.relative_to(folder).as_posix() for p in folder.glob("*/*") if p.suffix in {".md", ".yaml"}
    }
    assert set(frozen) == files
    for relative, digest in frozen.items():
        assert hashlib.sha256((folder / relative).read_bytes()).hexdigest() == digest, relative

"""``zopa extract`` and the evidence listings through the real CLI app: the public JSON layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from zopa.cli import app
from zopa.extract import ACTOR_FIELDS, ITEM_FIELDS, KIND_FIELDS, MENTION_FIELDS
from zopa.extract._open_issues import is_open

runner = CliRunner()
ARTICLE = (
    "Moscow rejects ceasefire terms as talks stall\n\n"
    "GENEVA, June 3, 2025 — Kremlin spokesman Dmitry Peskov said on Tuesday that Russia "
    "would not accept a ceasefire before its demands were met, including permanent "
    "neutrality for Ukraine. “We see no reason to hurry,” Peskov told reporters.\n\n"
    "Ukrainian President Volodymyr Zelensky said Kyiv was ready to meet Vladimir Putin. "
    "The chance of a breakthrough this month is very small, a senior European diplomat said."
)

# JSON types every key may take (None where the value is optional).
ITEM_TYPES: dict[str, tuple[type, ...]] = {
    "id": (int,),
    "document_id": (int,),
    "source": (str,),
    "start": (int,),
    "end": (int,),
    "text": (str,),
    "sentence": (str,),
    "type": (str,),
    "mode": (str, type(None)),
    "cameo": (str, type(None)),
    "source_actor": (str, type(None)),
    "target_actor": (str, type(None)),
    "date": (str, type(None)),
    "date_precision": (str, type(None)),
    "place": (str, type(None)),
    "status": (str,),
    "kind": (str,),
    "speaker_actor": (str, type(None)),
    "speaker_text": (str, type(None)),
    "speaker_start": (int, type(None)),
    "speaker_end": (int, type(None)),
    "cue": (str, type(None)),
    "actor": (str, type(None)),
    "issue": (str,),
    "stance": (str,),
    "salience_cue": (str, type(None)),
    "attribution": (str,),
    "holder_actor": (str, type(None)),
    "holder_text": (str, type(None)),
    "phrase": (str,),
    "probability": (float, int),
    "low": (float, int),
    "high": (float, int),
    "about": (str, type(None)),
    "retrospective": (bool,),
}


def zopa(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the article ingested and extracted once for the module."""
    folder = tmp_path_factory.mktemp("cli")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    url = f"sqlite:///{folder / 'zopa.db'}"
    code, _, err = zopa(url, "ingest", str(folder / "article.txt"))
    assert code == 0, err
    code, out, err = zopa(url, "extract")
    assert code == 0, err
    assert "extraction summary" in out
    return url


def listing(url: str, command: str, *args: str) -> list[dict[str, Any]]:
    code, out, err = zopa(url, command, "--json", *args)
    assert code == 0, err
    items = json.loads(out)
    assert isinstance(items, list)
    return items


def test_actor_items_have_exactly_the_public_layout(url: str) -> None:
    actors = listing(url, "actors")
    assert actors
    for actor in actors:
        assert tuple(actor) == ACTOR_FIELDS
        assert isinstance(actor["id"], str) and isinstance(actor["name"], str)
        assert actor["kind"] in {"state", "person", "organisation", "group"}
        assert all(isinstance(a, str) for a in actor["aliases"])
        for mention in actor["mentions"]:
            assert tuple(mention) == MENTION_FIELDS
            assert ARTICLE.find(mention["text"]) >= 0
    peskov = next(a for a in actors if a["id"] == "person:dmitry-peskov")
    assert (peskov["country"], peskov["role"], peskov["affiliation"]) == (
        "RUS",
        "spokesman",
        "Russia",
    )
    assert set(peskov["aliases"]) == {"Dmitry Peskov", "Peskov"}


@pytest.mark.parametrize("kind", list(KIND_FIELDS))
def test_item_listings_have_exactly_the_public_layout(url: str, kind: str) -> None:
    items = listing(url, kind)
    for item in items:
        assert tuple(item) == ITEM_FIELDS + KIND_FIELDS[kind]
        for key, value in item.items():
            assert isinstance(value, ITEM_TYPES[key]), (kind, key, value)
        assert item["text"] in item["sentence"]


def test_quotes_carry_speaker_names_and_offsets(url: str) -> None:
    quotes = listing(url, "quotes", "--type", "direct")
    assert [q["text"] for q in quotes] == ["We see no reason to hurry"]
    quote = quotes[0]
    assert quote["speaker_actor"] == "Dmitry Peskov"
    assert quote["speaker_text"] == "Peskov"
    assert quote["speaker_end"] - quote["speaker_start"] == len("Peskov")


def test_filters_narrow_the_listings(url: str) -> None:
    assert listing(url, "quotes", "--actor", "Zelensky")
    assert all(
        q["speaker_actor"] == "Volodymyr Zelensky"
        for q in listing(url, "quotes", "--actor", "Zelensky")
    )
    assert listing(url, "actors", "--from", "2030-01-01") == []
    assert listing(url, "actors", "--document", "999") == []
    code, _, err = zopa(url, "estimates", "--type", "x")
    assert code == 1 and err.count("\n") == 1


def test_sentences_show_each_span_in_its_sentence(url: str) -> None:
    code, out, _ = zopa(url, "quotes", "--sentences")
    assert code == 0
    assert "reporters" in out  # the rest of the quote's sentence


def test_a_second_run_is_up_to_date(url: str) -> None:
    code, out, _ = zopa(url, "extract", "--workers", "1")
    assert code == 0
    assert "up to date" in out


def test_a_broken_user_gazetteer_is_one_line_and_stores_nothing(url: str, tmp_path: Path) -> None:
    before = listing(url, "quotes")
    broken = tmp_path / "broken.yaml"
    broken.write_text("people:\n  - {name: X Y\n", encoding="utf-8")
    code, _, err = zopa(url, "extract", "--rebuild", "--gazetteer", str(broken))
    assert code == 1
    assert err.count("\n") == 1 and str(broken) in err and "invalid YAML" in err
    assert listing(url, "quotes") == before


def test_a_user_issue_lexicon_replaces_the_shipped_one(url: str, tmp_path: Path) -> None:
    lexicon = tmp_path / "issues.yaml"
    lexicon.write_text(
        "version: 1\nissues:\n"
        "  - id: alliance_status\n    label: Alliance status\n    terms: [neutrality]\n",
        encoding="utf-8",
    )
    # No --rebuild: a different lexicon changes the pipeline version, so the document is redone.
    code, _, err = zopa(url, "extract", "--issues", str(lexicon))
    assert code == 0, err
    # the other stances are claims on open issues (no word of the user's lexicon names them)
    issues = {claim["issue"] for claim in listing(url, "claims") if not is_open(claim["issue"])}
    assert issues == {"alliance_status"}
    code, _, err = zopa(url, "extract")  # the store remembers the user's lexicon
    assert code == 0 and "0 documents to re-read" in err
    kept = {claim["issue"] for claim in listing(url, "claims") if not is_open(claim["issue"])}
    assert kept == {"alliance_status"}
    code, _, err = zopa(url, "extract", "--shipped")  # back to the shipped lexicon
    assert code == 0 and "1 document will be re-read" in err
    assert "alliance_status" not in {claim["issue"] for claim in listing(url, "claims")}


def test_a_broken_issue_lexicon_is_one_line(url: str, tmp_path: Path) -> None:
    broken = tmp_path / "issues.yaml"
    broken.write_text("issues:\n  - id: [unclosed\n", encoding="utf-8")
    code, _, err = zopa(url, "extract", "--rebuild", "--issues", str(broken))
    assert code == 1
    assert err.count("\n") == 1
    assert str(broken) in err


def test_an_unknown_claim_stance_is_one_line_naming_the_choices(url: str) -> None:
    code, _, err = zopa(url, "claims", "--type", "agreed")
    assert code == 1 and err.count("\n") == 1
    assert "--type" in err and "'agreed'" in err and "accept" in err and "red_line" in err
    assert zopa(url, "claims", "--type", "reject")[0] == 0

"""Reviewing resolutions: ``zopa actors --unsure`` and ``zopa gazetteer suggest`` round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from zopa.cli import app
from zopa.extract import (
    UNSURE_FIELDS,
    build_pipeline,
    extract_documents,
    list_actors,
    list_unsure,
    load_gazetteer,
)
from zopa.extract._suggest import suggest_gazetteer
from zopa.ingest import RawArticle, prepare
from zopa.store import Store, add_document

runner = CliRunner()
ARTICLES = {
    "a.txt": (
        "Congo talks stall\n\n"
        "Congo said on Friday that Brazzaville would host a regional summit. "
        "Congolese Foreign Minister Thérèse Kayikwamba Wagner said the talks would go on. "
        "The Kivu Freedom Front said it would attend."
    ),
    "b.txt": (
        "Rebels weigh offer\n\n"
        "The Kivu Freedom Front rejected the offer, its spokesman said. "
        "Amani Bahati, an analyst at the Lakes Policy Forum, expected a long wait."
    ),
}


def zopa(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("review")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{folder / 'zopa.db'}"
    for name in ARTICLES:
        code, _, err = zopa(url, "ingest", str(folder / name))
        assert code == 0, err
    code, _, err = zopa(url, "extract")
    assert code == 0, err
    return url


def test_actors_unsure_lists_each_unsure_resolution_with_its_reason(url: str) -> None:
    code, out, err = zopa(url, "actors", "--unsure", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert items and all(tuple(item) == UNSURE_FIELDS for item in items)
    congo = next(item for item in items if item["text"] == "Congo")
    assert congo["actor"] == "COG"
    assert congo["reason"].startswith("'Congo' could be COD or COG; chose COG from 'Brazzaville'")
    code, out, err = zopa(url, "actors", "--unsure")
    assert code == 0, err
    assert "unsure resolutions" in out and "Brazzaville" in out


def test_gazetteer_suggest_writes_a_file_extract_loads(url: str, tmp_path: Path) -> None:
    path = tmp_path / "suggested.yaml"
    code, _, err = zopa(url, "gazetteer", "suggest", "-o", str(path))
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    # The unsure choice, as the alias of the state chosen, with its reason in a comment.
    assert {"country": "COG", "names": ["Congo"]} in data["states"]
    assert "# unsure (2 mentions): 'Congo' could be COD or COG" in text
    # A person with the country and role their title gave, though seen once.
    people = {p["name"]: p for p in data["people"]}
    wagner = people["Thérèse Kayikwamba Wagner"]
    assert (wagner["role"], wagner["sector"]) == ("foreign minister", "GOV")
    assert wagner["country"] in {"COD", "COG"}
    # An unknown name seen in two documents.
    assert any(o["name"] == "Kivu Freedom Front" for o in data.get("groups", []))
    # It loads as a gazetteer, and extraction runs with it.
    gazetteer = load_gazetteer([path])
    assert gazetteer.resolve("Congo") is not None and "Congo" not in gazetteer.ambiguous
    code, _, err = zopa(url, "extract", "--gazetteer", str(path))
    assert code == 0, err
    code, out, err = zopa(url, "actors", "--json", "--actor", "Kivu Freedom Front")
    assert code == 0, err
    assert json.loads(out)[0]["id"] == "group:kivu-freedom-front"


def test_gazetteer_suggest_without_an_output_prints_the_yaml(url: str) -> None:
    code, out, err = zopa(url, "gazetteer", "suggest")
    assert code == 0, err
    assert yaml.safe_load(out)["version"] == 1


def test_unsure_choices_and_what_titles_say_are_stored_on_each_backend(store: Store) -> None:
    for name, text in ARTICLES.items():
        document, _ = prepare(RawArticle(source=name, text=text, published="2025-02-14"))
        with store.write() as session:
            add_document(session, document)
    nlp = build_pipeline(components=("zopa_actors",))
    assert extract_documents(store, nlp).ok
    reasons = {item["text"]: item["reason"] for item in list_unsure(store)}
    assert reasons["Congo"].startswith("'Congo' could be COD or COG; chose COG")
    actors = {listing.item["id"]: listing.item for listing in list_actors(store)}
    wagner = actors["unresolved:therese-kayikwamba-wagner"]
    assert (wagner["role"], wagner["sector"], wagner["kind"]) == (
        "foreign minister",
        "GOV",
        "person",
    )
    bahati = actors["unresolved:amani-bahati"]
    assert (bahati["role"], bahati["sector"]) == ("analyst", "EDU")
    assert "{country: COG, names: [Congo]}" in suggest_gazetteer(store)


def test_gazetteer_suggest_proposes_each_unknown_actor_once(tmp_path: Path) -> None:
    article = tmp_path / "port.txt"
    article.write_text(
        "Port talks resume\n\nTransport Minister Rui Tembe met the operator and an envoy "
        "from Botswana on Monday. Tembe said the talks would go on.",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'zopa.db'}"
    for args in (("ingest", str(article)), ("extract",)):
        code, _, err = zopa(url, *args)
        assert code == 0, err
    code, out, err = zopa(url, "gazetteer", "suggest")
    assert code == 0, err
    people = [entry["name"] for entry in yaml.safe_load(out)["people"]]
    assert people.count("Rui Tembe") == 1, people
    # The unsure reading of his country goes into the one entry's comment.
    comment = next(line for line in out.splitlines() if "unresolved:rui-tembe" in line)
    assert "unsure (1 mention): 'minister' read as BWA's" in comment, comment

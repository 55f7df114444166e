"""The pages read only what they show: each narrow read gives what the report's whole read
gives for the same view (the actor × issue map, the newest articles, a stored scenario)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import plain_document
from tests.report.hostile_store import hostile_scenario
from tests.web.demo_store import SCENARIO
from zopa.evidence import claim_pairs
from zopa.report.views import Links, actor_issue_map, load_evidence
from zopa.scenario import dump_scenario, get_scenario, save_scenario
from zopa.store import Store, add_document, open_store
from zopa.web.pages._reads import SourceNames, cited_names, map_evidence, newest_documents


@pytest.fixture(scope="module")
def store(demo_db: str) -> Iterator[Store]:
    opened = open_store(demo_db)
    yield opened
    opened.close()


def _cells(view: dict[str, object]) -> dict[tuple[str, str], dict[str, object]]:
    return {
        (c["actor"], c["issue"]): c
        for row in view["rows"]  # type: ignore[attr-defined]
        for c in row["cells"]
        if c is not None
    }


@pytest.mark.parametrize("limit", [1, 3])
def test_map_cells_read_their_first_claims_and_count_them_all(store: Store, limit: int) -> None:
    scenario = get_scenario(store, SCENARIO).load()
    links = Links(standalone=False, scenario=SCENARIO)
    whole = _cells(actor_issue_map(scenario, load_evidence(store), links))
    names = SourceNames(cited_names(scenario))
    evidence, totals = map_evidence(store, scenario, claim_pairs(store), names, limit=limit)
    narrow = _cells(actor_issue_map(scenario, evidence, links))
    assert narrow.keys() == whole.keys() == totals.keys()
    assert any(len(c["claims"]) > limit for c in whole.values()), "no cell to cut"
    for cell, full in whole.items():
        assert totals[cell] == len(full["claims"]), cell
        assert narrow[cell]["claims"][:limit] == full["claims"][:limit], cell
        assert narrow[cell]["cited"] == full["cited"], cell


def test_the_newest_articles_are_the_overviews_of_the_whole_store(store: Store) -> None:
    headers = load_evidence(store, kinds=(), mentions=False, texts=False).documents
    ordered = sorted(headers.values(), key=lambda d: (d["published"] or "", d["id"]))
    assert newest_documents(store, 5) == ordered[-5:][::-1]
    assert newest_documents(store, 10_000) == ordered[::-1]


def test_a_stored_scenario_is_parsed_once_per_version_of_its_text(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'z.db'}")
    data = hostile_scenario().model_dump(mode="json", exclude_none=True)
    save_scenario(store, "one", dump_scenario({**data, "title": "First version"}))
    first = get_scenario(store, "one").load()
    assert get_scenario(store, "one").load() is first  # not parsed again
    save_scenario(store, "one", dump_scenario({**data, "title": "Second version"}))
    assert get_scenario(store, "one").load().title == "Second version"
    store.close()


def _add(store: Store, source: str) -> int:
    with store.write() as session:
        document = plain_document(source, f"Text of {source}.")
        return add_document(session, document.model_copy(update={"source": source}))


def test_cited_file_names_name_the_newest_document_also_after_new_ones(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'names.db'}")
    names = SourceNames(frozenset({"talks.txt", "a_b%.md", "never.txt"}))
    first = _add(store, "/corpus/2024/talks.txt")
    _add(store, "/corpus/old-talks.txt")  # ends so, but not in "/talks.txt"
    odd = _add(store, "a_b%.md")  # a LIKE wildcard in the name is a plain character
    _add(store, "/corpus/aXb%.md")
    assert names.resolve(store) == {"talks.txt": first, "a_b%.md": odd}
    newer = _add(store, "/elsewhere/talks.txt")
    assert names.resolve(store) == {"talks.txt": newer, "a_b%.md": odd}  # read at once
    assert names.resolve(store) == {"talks.txt": newer, "a_b%.md": odd}
    store.close()

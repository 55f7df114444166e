"""The evidence listings of the API: the CLI's ``--json`` layout, page by page, filtered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import client_of
from zopa.cli import app
from zopa.web.api import MAX_PAGE_SIZE
from zopa.web.api._evidence import MENTIONS_SHOWN


def _cli_json(url: str, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", url, *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _walk(api: TestClient, path: str, **params: Any) -> tuple[list[Any], int]:
    """Every item of a listing, following ``next_url``; and the number of pages read."""
    items: list[Any] = []
    response = api.get(path, params=params)
    pages = 0
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        pages += 1
        items += body["items"]
        assert len(body["items"]) <= body["limit"]
        if body["next_url"] is None:
            assert body["next"] is None
            return items, pages
        assert f"next={body['next']}" in body["next_url"]
        response = api.get(body["next_url"])


@pytest.mark.parametrize("kind", ["events", "quotes", "claims", "estimates", "actors"])
def test_pages_hold_exactly_the_cli_listing(api: TestClient, demo_db: str, kind: str) -> None:
    expected = _cli_json(demo_db, kind)
    assert expected, f"the demo store has no {kind}"
    items, pages = _walk(api, f"/api/v1/{kind}", limit=7)
    if kind == "actors":  # same actors, each as the CLI gives it with its first mentions
        key = lambda a: a["id"]  # noqa: E731
        assert sorted(map(_without_links, items), key=key) == sorted(
            map(_first_mentions, expected), key=key
        )
    else:
        assert items == expected
    assert pages == -(-len(expected) // 7)


def _first_mentions(actor: dict[str, Any]) -> dict[str, Any]:
    """A CLI actor as an API actor item holds it: its first mentions and their number."""
    return actor | {
        "mentions": actor["mentions"][:MENTIONS_SHOWN],
        "mentions_total": len(actor["mentions"]),
    }


def _without_links(actor: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in actor.items() if k != "mentions_url"}


def test_an_actor_item_carries_its_first_mentions_and_links_to_all(
    api: TestClient, demo_db: str
) -> None:
    everyone = {a["id"]: a for a in _cli_json(demo_db, "actors")}
    busiest = max(everyone.values(), key=lambda a: len(a["mentions"]))
    assert len(busiest["mentions"]) > MENTIONS_SHOWN, "the demo store needs a busy actor"
    first = api.get("/api/v1/actors", params={"limit": 1}).json()["items"][0]
    assert first["id"] == busiest["id"]
    assert first["mentions"] == busiest["mentions"][:MENTIONS_SHOWN]
    assert first["mentions_total"] == len(busiest["mentions"])
    assert first["mentions_url"].endswith(f"/api/v1/actors/{busiest['id']}/mentions")
    mentions, pages = _walk(api, first["mentions_url"], limit=50)
    assert mentions == busiest["mentions"]
    assert pages == -(-len(mentions) // 50)


def test_an_actors_mentions_keep_the_document_filters(api: TestClient, demo_db: str) -> None:
    doc = api.get("/api/v1/events").json()["items"][0]["document_id"]
    expected = _cli_json(demo_db, "actors", "--document", str(doc))
    found = api.get("/api/v1/actors", params={"document": doc, "limit": 1}).json()["items"][0]
    assert found["mentions_url"].endswith(f"/mentions?document={doc}")
    body = api.get(found["mentions_url"]).json()  # the URL as given, its filter in it
    assert body["next"] is None
    mentions = body["items"]
    assert mentions == next(a for a in expected if a["id"] == found["id"])["mentions"]


def test_the_mentions_of_no_actor_are_a_404_problem(api: TestClient) -> None:
    response = api.get("/api/v1/actors/nobody-at-all/mentions")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "nobody-at-all" in response.json()["detail"]


def test_documents_match_docs_list(api: TestClient, demo_db: str) -> None:
    items, _ = _walk(api, "/api/v1/documents", limit=5)
    assert items == _cli_json(demo_db, "docs", "list")
    one = api.get(f"/api/v1/documents/{items[0]['id']}").json()
    assert one == _cli_json(demo_db, "docs", "show", str(items[0]["id"]))


def test_filters_are_the_cli_filters(api: TestClient, demo_db: str) -> None:
    events = api.get(
        "/api/v1/events",
        params={"date_from": "2025-05-01", "date_to": "2025-06-30", "limit": MAX_PAGE_SIZE},
    ).json()["items"]
    assert events == _cli_json(demo_db, "events", "--from", "2025-05-01", "--to", "2025-06-30")
    claims = api.get("/api/v1/claims", params={"type": "demand", "limit": MAX_PAGE_SIZE}).json()
    assert claims["items"] == _cli_json(demo_db, "claims", "--type", "demand")
    people = api.get("/api/v1/actors", params={"type": "person", "limit": MAX_PAGE_SIZE}).json()
    key = lambda a: a["id"]  # noqa: E731
    expected = _cli_json(demo_db, "actors", "--type", "person")
    assert sorted(map(_without_links, people["items"]), key=key) == sorted(
        map(_first_mentions, expected), key=key
    )
    doc = events[0]["document_id"]
    quotes = api.get("/api/v1/quotes", params={"document": doc, "limit": MAX_PAGE_SIZE}).json()
    assert quotes["items"] == _cli_json(demo_db, "quotes", "--document", str(doc))


def test_event_status_filter(api: TestClient) -> None:
    everything, _ = _walk(api, "/api/v1/events", limit=MAX_PAGE_SIZE)
    statuses = {e["status"] for e in everything}
    assert len(statuses) > 1
    for status in statuses:
        chosen, _ = _walk(api, "/api/v1/events", status=status, limit=MAX_PAGE_SIZE)
        assert chosen == [e for e in everything if e["status"] == status]


def test_documents_search_title_and_text(api: TestClient) -> None:
    everything, _ = _walk(api, "/api/v1/documents", limit=MAX_PAGE_SIZE)
    by_title = api.get("/api/v1/documents", params={"q": "ALASKA"}).json()["items"]
    assert by_title
    texts = {
        d["id"]: api.get(f"/api/v1/documents/{d['id']}").json()["text"].lower() for d in everything
    }
    hits = {d["id"] for d in by_title}
    assert hits == {
        d["id"]
        for d in everything
        if "alaska" in (d["title"] or "").lower() or "alaska" in texts[d["id"]]
    }
    none = api.get("/api/v1/documents", params={"q": "100%_sure"}).json()["items"]
    assert none == []  # % and _ are literal characters, not wildcards


def test_documents_filters_and_undated_last(api: TestClient) -> None:
    everything, _ = _walk(api, "/api/v1/documents", limit=3)
    dated = [d["published_at"] for d in everything if d["published_at"]]
    assert dated == sorted(dated)
    assert all(d["published_at"] is None for d in everything[len(dated) :])
    window = api.get(
        "/api/v1/documents",
        params={"published_from": "2025-08-01", "published_to": "2025-08-31", "limit": 100},
    ).json()["items"]
    assert window and all("2025-08-01" <= d["published_at"] <= "2025-08-31" for d in window)
    outlet = next(d["outlet"] for d in everything if d["outlet"])
    chosen = api.get("/api/v1/documents", params={"outlet": outlet}).json()["items"]
    assert chosen == [d for d in everything if d["outlet"] == outlet]


@pytest.mark.slow
def test_page_boundary_is_stable_when_rows_are_added_before_it(demo_copy: str) -> None:
    """Keyset, not offsets: a document stored before the page boundary shifts nothing after it."""
    with client_of(demo_copy) as client:
        before, _ = _walk(client, "/api/v1/documents", limit=MAX_PAGE_SIZE)
        first = client.get("/api/v1/documents", params={"limit": 2}).json()
        upload = client.post(
            "/api/v1/documents",
            files={"file": ("early.md", b"---\npublished: 2001-01-01\n---\nAn early note.\n")},
        )
        assert upload.status_code == 201, upload.text
        second = client.get(first["next_url"]).json()
        fresh = client.get("/api/v1/documents", params={"limit": 1}).json()["items"]
    assert fresh[0]["published_at"] == "2001-01-01"
    assert second["items"] == before[2:4]


def test_kept_actor_counts_follow_new_evidence(demo_copy: str, tmp_path: Path) -> None:
    article = tmp_path / "more.txt"
    article.write_text(
        "Ukraine and Russia met in Istanbul on Monday. Ukraine asked Russia for a ceasefire, "
        "and Russia refused, officials in Ukraine said.\n",
        encoding="utf-8",
    )
    with client_of(demo_copy) as client:

        def count(key: str) -> int:
            items = client.get("/api/v1/actors", params={"limit": MAX_PAGE_SIZE}).json()["items"]
            return next(a["mentions_total"] for a in items if a["id"] == key)

        before = count("UKR")
        assert count("UKR") == before  # kept, and the same
        runner = CliRunner()
        for args in (["ingest", str(article)], ["extract"]):
            result = runner.invoke(app, ["--db", demo_copy, *args])
            assert result.exit_code == 0, result.stderr
        assert count("UKR") == before + 3

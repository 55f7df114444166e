"""The evidence listings of the API: the CLI's ``--json`` layout, page by page, filtered."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import client_of
from zopa.cli import app
from zopa.web.api import MAX_PAGE_SIZE


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
    if kind == "actors":  # same actors, each exactly as the CLI gives it
        key = lambda a: a["id"]  # noqa: E731
        assert sorted(items, key=key) == sorted(expected, key=key)
    else:
        assert items == expected
    assert pages == -(-len(expected) // 7)


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
    assert sorted(people["items"], key=key) == sorted(expected, key=key)
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

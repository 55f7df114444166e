"""Every error of the API is an RFC 9457 problem naming what is wrong, never a traceback."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import client_of
from tests.web.demo_store import SCENARIO
from zopa.web._security import CSP, MAX_UPLOAD_BYTES


def problem(response: httpx.Response, status: int, name: str | None = None) -> dict[str, Any]:
    """The problem body of ``response``, checked: status, media type, members, one line."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["type"] == "about:blank" and body["title"]
    assert "\n" not in body["detail"] and "Traceback" not in response.text
    if name is not None:
        assert name in body["detail"], body["detail"]
        assert name in [e["name"] for e in body["errors"]], body
    return body


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/documents?limit=abc", "limit"),
        ("/api/v1/documents?limit=0", "limit"),
        ("/api/v1/events?limit=201", "limit"),
        ("/api/v1/documents?published_from=2025-13-45", "published_from"),
        ("/api/v1/events?date_to=yesterday", "date_to"),
        ("/api/v1/events?status=exploded", "status"),
        ("/api/v1/claims?type=wish", "type"),
        ("/api/v1/events?type=consult", "type"),  # PLOVER types are upper case
        ("/api/v1/quotes?type=paraphrase", "type"),
        ("/api/v1/actors?type=company", "type"),
        ("/api/v1/quotes?document=-1", "document"),
        ("/api/v1/quotes?document=99999999999", "document"),
        ("/api/v1/documents?outlet=a%00b", "outlet"),
        ("/api/v1/documents?q=" + "x" * 201, "q"),
        ("/api/v1/documents?language=English", "language"),
        ("/api/v1/documents/abc", "document_id"),
        ("/api/v1/documents/0", "document_id"),
        ("/api/v1/documents/4294967296", "document_id"),
        ("/api/v1/scenarios/Not%20An%20Id", "name"),
        (f"/api/v1/scenarios/{SCENARIO}/predictions?draws=0", "draws"),
        (f"/api/v1/scenarios/{SCENARIO}/predictions?seed=-3", "seed"),
        (f"/api/v1/scenarios/{SCENARIO}/predictions?models=zopa.nothing.v1", "models"),
        (f"/api/v1/scenarios/{SCENARIO}/questions?as_of=2025-02-30", "as_of"),
        ("/api/v1/events?next=not-a-token", "next"),
        ("/api/v1/events?next=", "next"),  # found by schemathesis: an empty token was no token
        ("/api/v1/actors?published_to=0", "published_to"),  # found by schemathesis: 1970-01-01
        ("/api/v1/events?date_to=20250101", "date_to"),
        ("/api/v1/documents?colour=red", "colour"),
        ("/api/v1/events?issue=territory", "issue"),  # issue filters claims only
    ],
)
def test_bad_parameter_is_a_400_naming_it(api: TestClient, path: str, name: str) -> None:
    problem(api.get(path), 400, name)


def test_token_of_another_listing_is_refused(api: TestClient) -> None:
    token = api.get("/api/v1/quotes", params={"limit": 1}).json()["next"]
    assert token
    problem(api.get("/api/v1/claims", params={"next": token}), 400, "next")


def test_missing_rows_are_404(api: TestClient) -> None:
    assert (
        "no document with id 999999" in problem(api.get("/api/v1/documents/999999"), 404)["detail"]
    )
    missing = problem(api.get("/api/v1/scenarios/no-such-talks"), 404)["detail"]
    # the command that stores one, not a Python function (newcomer's tryout)
    assert "`zopa scenario store FILE`" in missing and "save_scenario" not in missing
    problem(api.get(f"/api/v1/scenarios/{SCENARIO}/questions/no-such-question"), 404)
    problem(api.get("/api/v1/no/such/route"), 404)


def test_wrong_method_is_405_with_allow(api: TestClient) -> None:
    response = api.delete("/api/v1/events")
    body = problem(response, 405)
    assert response.headers["allow"] == "GET" and "DELETE" in body["detail"]


def test_json_body_field_errors_are_422_naming_the_field(demo_copy: str) -> None:
    with client_of(demo_copy) as client:
        url = f"/api/v1/scenarios/{SCENARIO}/questions"
        problem(client.post(url, json={"id": "q1", "text": "Will it?"}), 422, "resolution_date")
        problem(
            client.post(url, content=b"{not json", headers={"content-type": "application/json"}),
            422,
        )
        bad = {"id": "q-new", "text": "Will it?", "resolution_date": "2026-01-01", "kind": "maybe"}
        body = problem(client.post(url, json=bad), 422)
        assert "scenario russia-ukraine-2025" in body["detail"] and "kind" in body["detail"]
        resolution = f"{url}/no-such-question/resolution"
        problem(client.post(resolution, json={"outcome": True}), 422, "resolved_on")
        problem(client.post(resolution, json={"outcome": True, "resolved_on": "2025-08-01"}), 404)


def test_deeply_nested_body_is_a_422_not_a_crash(demo_copy: str) -> None:
    """Regression: a question nested 500 deep crashed the YAML writer (500)."""
    nested = "[" * 500 + "]" * 500
    body = f'{{"id": "q1", "text": "x", "resolution_date": "2026-01-01", "what": {nested}}}'
    evidence = f'{{"outcome": true, "resolved_on": "2026-01-01", "evidence": [{{"a": {nested}}}]}}'
    json_type = {"content-type": "application/json"}
    url = f"/api/v1/scenarios/{SCENARIO}/questions"
    with client_of(demo_copy) as client:
        added = client.post(url, content=body.encode(), headers=json_type)
        resolved = client.post(f"{url}/q1/resolution", content=evidence.encode(), headers=json_type)
    assert "nested deeper than 32 levels" in problem(added, 422)["detail"]
    assert "nested deeper than 32 levels" in problem(resolved, 422)["detail"]


def test_form_field_errors_name_the_field(demo_copy: str) -> None:
    with client_of(demo_copy) as client:
        response = client.post(
            "/api/v1/scenarios",
            files={"file": ("s.yaml", b"id: x\n")},
            data={"name": "Bad Name"},
        )
        problem(response, 422, "name")
        problem(
            client.post("/api/v1/documents", data={"other": "x"}, files={"x": ("a.txt", b"a")}),
            422,
            "file",
        )


def test_uploads_of_the_wrong_type_are_415(demo_copy: str) -> None:
    with client_of(demo_copy) as client:
        body = problem(
            client.post(
                "/api/v1/documents", content=b"text", headers={"content-type": "text/plain"}
            ),
            415,
        )
        assert "multipart/form-data" in body["detail"]
        problem(client.post("/api/v1/documents", files={"file": ("a.exe", b"MZ")}), 415, "file")
        problem(client.post("/api/v1/scenarios", files={"file": ("s.txt", b"id: x")}), 415, "file")
        problem(
            client.post(f"/api/v1/scenarios/{SCENARIO}/questions", data={"id": "x"}),
            415,
        )


def test_oversized_body_is_413_before_it_is_read(demo_copy: str) -> None:
    big = b"a" * (MAX_UPLOAD_BYTES + 1)
    with client_of(demo_copy) as client:
        body = problem(client.post("/api/v1/documents", files={"file": ("big.txt", big)}), 413)
        assert f"{MAX_UPLOAD_BYTES:,}-byte limit" in body["detail"]

        def chunks() -> Any:  # no Content-Length: counted as it arrives
            for _ in range(5):
                yield b"b" * (MAX_UPLOAD_BYTES // 4)

        problem(
            client.post(
                "/api/v1/documents",
                content=chunks(),
                headers={"content-type": "multipart/form-data; boundary=x"},
            ),
            413,
        )
        scenario = b"#" * (2 * 1024 * 1024 + 1)
        problem(
            client.post("/api/v1/scenarios/validate", files={"file": ("s.yaml", scenario)}), 413
        )


def test_an_unexpected_exception_is_a_bare_500_with_the_headers(demo_db: str) -> None:
    with client_of(demo_db) as client:

        def boom() -> None:
            raise RuntimeError("secret internals /etc/passwd")

        client.app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
        response = client.get("/boom")
    body = problem(response, 500)
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert body["detail"].startswith("internal error")


@pytest.mark.slow
def test_store_that_cannot_be_written_is_503(tmp_path: Any, demo_copy: str) -> None:
    """A locked store is the server's state, not the client's fault: 503 with Retry-After."""
    import sqlite3

    path = demo_copy.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        from zopa.store import open_store
        from zopa.web import ServeConfig, create_app

        store = open_store(demo_copy, lock_timeout=0.5)
        with TestClient(create_app(ServeConfig(demo_copy), store=store)) as client:
            response = client.post("/api/v1/documents", files={"file": ("n.txt", b"A note.")})
        store.close()
    finally:
        holder.rollback()
        holder.close()
    body = problem(response, 503)
    assert response.headers["retry-after"] == "5" and "locked" in body["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/documents",
        "/api/v1/actors",
        "/api/v1/actors/UKR/mentions",
        "/api/v1/events",
        "/api/v1/quotes",
        "/api/v1/claims",
        "/api/v1/estimates",
    ],
)
def test_an_unknown_parameter_of_a_listing_is_a_400_naming_what_it_takes(
    api: TestClient, path: str
) -> None:
    template = path.replace("/UKR/", "/{actor_id}/")
    operation = api.get("/openapi.json").json()["paths"][template]["get"]
    takes = sorted(p["name"] for p in operation["parameters"] if p["in"] == "query")
    assert {"limit", "next", "published_from", "published_to"} <= set(takes)
    body = problem(api.get(path, params={"colour": "red"}), 400, "colour")
    assert body["detail"].endswith(f"this endpoint takes: {', '.join(takes)}")
    assert api.get(path, params=dict.fromkeys(takes[:1], "")).status_code == 400  # empty: bad
    assert api.get(path, params={"limit": 1}).status_code == 200

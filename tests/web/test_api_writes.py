"""Writes over HTTP: the token and read-only rules, and each write doing what the CLI does."""

from __future__ import annotations

import yaml
from fastapi.testclient import TestClient

from tests.scenario.conftest import two_sided
from tests.web.conftest import client_of
from tests.web.demo_store import SCENARIO, SCENARIO_FILE
from tests.web.test_api_errors import problem

TOKEN = "s3cret-token"
ARTICLE = ("note.md", b"---\ntitle: A note\npublished: 2025-09-01\n---\nThe talks resumed.\n")


def _writes(client: TestClient) -> list[tuple[str, dict[str, object]]]:
    """One request of every write endpoint (each valid on the demo store)."""
    tiny = yaml.safe_dump(two_sided()).encode()
    return [
        ("/api/v1/documents", {"files": {"file": ARTICLE}}),
        ("/api/v1/scenarios", {"files": {"file": ("tiny.yaml", tiny)}}),
        (
            f"/api/v1/scenarios/{SCENARIO}/questions",
            {
                "json": {
                    "id": "q-api",
                    "text": "Will it?",
                    "resolution_date": "2026-06-30",
                    "what": {"type": "format_held", "format": "istanbul_delegations"},
                }
            },
        ),
        (
            f"/api/v1/scenarios/{SCENARIO}/questions/q-api/resolution",
            {"json": {"outcome": False, "resolved_on": "2026-06-30"}},
        ),
        (
            f"/api/v1/scenarios/{SCENARIO}/prices",
            {"files": {"file": ("p.csv", b"question,source,date,probability\n")}},
        ),
    ]


def test_read_only_server_refuses_every_write_and_stores_nothing(demo_copy: str) -> None:
    with client_of(demo_copy, read_only=True) as client:
        before = client.get("/api/v1/documents", params={"limit": 200}).json()["items"]
        for url, request in _writes(client):
            body = problem(client.post(url, **request), 403)  # type: ignore[arg-type]
            assert "read-only" in body["detail"]
        assert client.get("/api/v1/documents", params={"limit": 200}).json()["items"] == before
        assert client.get("/api/v1/events", params={"limit": 1}).status_code == 200
        check = client.post(
            "/api/v1/scenarios/validate", files={"file": ("s.yaml", SCENARIO_FILE.read_bytes())}
        )
        assert check.status_code == 200 and check.json()["valid"] is True


def test_token_is_needed_for_writes_only(demo_copy: str) -> None:
    with client_of(demo_copy, token=TOKEN) as client:
        assert client.get("/api/v1/documents").status_code == 200
        for url, request in _writes(client):
            response = client.post(url, **request)  # type: ignore[arg-type]
            problem(response, 401)
            assert response.headers["www-authenticate"].startswith("Bearer")
            wrong = client.post(url, headers={"Authorization": "Bearer nope"}, **request)  # type: ignore[arg-type]
            problem(wrong, 401)
            assert 'error="invalid_token"' in wrong.headers["www-authenticate"]
            basic = client.post(url, headers={"Authorization": f"Basic {TOKEN}"}, **request)  # type: ignore[arg-type]
            problem(basic, 401)
        good = {"Authorization": f"Bearer {TOKEN}"}
        statuses = [
            client.post(url, headers=good, **request).status_code  # type: ignore[arg-type]
            for url, request in _writes(client)
        ]
    assert statuses == [201, 201, 201, 200, 422], statuses  # an empty price file has no rows


def test_uploaded_article_is_ingested_like_the_cli(demo_copy: str) -> None:
    with client_of(demo_copy) as client:
        first = client.post("/api/v1/documents", files={"file": ARTICLE})
        again = client.post("/api/v1/documents", files={"file": ARTICLE})
        broken = client.post("/api/v1/documents", files={"file": ("x.jsonl", b"{broken\n")})
        binary = client.post("/api/v1/documents", files={"file": ("x.txt", b"\x00\x01")})
        stored = first.json()["outcomes"][0]["document_id"]
        doc = client.get(f"/api/v1/documents/{stored}").json()
    assert first.status_code == 201 and first.json()["ingested"] == 1
    assert again.status_code == 200 and again.json()["duplicates"] == 1
    assert broken.status_code == 200 and broken.json()["failed"] == 1
    assert "x.jsonl:1" in broken.json()["outcomes"][0]["message"]
    assert binary.json()["failed"] == 1
    assert doc["title"] == "A note" and doc["published_at"] == "2025-09-01"
    assert doc["source"] == "note.md"


def test_uploaded_file_name_cannot_climb_out_or_inject(demo_copy: str) -> None:
    with client_of(demo_copy) as client:
        response = client.post(
            "/api/v1/documents", files={"file": ("../../etc/\x1b[31mevil.txt", b"Plain words.")}
        )
    outcome = response.json()["outcomes"][0]
    assert outcome["source"] == "[31mevil.txt"


def test_scenario_upload_is_validated_by_the_scenario_loader(demo_copy: str) -> None:
    with client_of(demo_copy) as client:
        bad = yaml.safe_dump(two_sided() | {"issues": "none"}).encode()
        refused = client.post("/api/v1/scenarios", files={"file": ("bad.yaml", bad)})
        tagged = client.post(
            "/api/v1/scenarios",
            files={"file": ("t.yaml", b"id: x\ntitle: !!python/object/apply:os.system ['id']\n")},
        )
        latin1 = client.post(
            "/api/v1/scenarios", files={"file": ("l.yaml", b"id: x\ntitle: caf\xe9\n")}
        )
        bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n".encode()
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        bombed = client.post("/api/v1/scenarios", files={"file": ("b.yaml", bomb)})
        named = client.post(
            "/api/v1/scenarios",
            files={"file": ("tiny.yml", yaml.safe_dump(two_sided()).encode())},
            data={"name": "my-tiny"},
        )
        listed = client.get("/api/v1/scenarios").json()["items"]
        check = client.post("/api/v1/scenarios/validate", files={"file": ("bad.yaml", bad)})
    assert problem(refused, 422)["detail"].startswith("bad.yaml:")
    assert "not allowed" in problem(tagged, 422)["detail"]
    assert problem(latin1, 422)["detail"].startswith("l.yaml:2: not UTF-8")
    problem(bombed, 422)
    assert named.status_code == 201 and named.json()["name"] == "my-tiny"
    assert [s["name"] for s in listed] == ["my-tiny", SCENARIO]
    assert check.status_code == 200 and check.json()["valid"] is False
    assert check.json()["problems"][0]["file"] == "bad.yaml"


def test_question_added_then_resolved_is_scored(demo_copy: str) -> None:
    question = {
        "id": "q-api",
        "text": "Will the Istanbul format meet again by the end of 2025?",
        "opens": "2025-08-01",
        "resolution_date": "2025-12-31",
        "what": {"type": "format_held", "format": "istanbul_delegations"},
    }
    with client_of(demo_copy) as client:
        before = client.get(f"/api/v1/scenarios/{SCENARIO}").json()
        added = client.post(f"/api/v1/scenarios/{SCENARIO}/questions", json=question)
        twice = client.post(f"/api/v1/scenarios/{SCENARIO}/questions", json=question)
        prices = b"question,source,date,probability\nq-api,crowd,2025-08-05,0.3\n"
        imported = client.post(
            f"/api/v1/scenarios/{SCENARIO}/prices", files={"file": ("p.csv", prices)}
        )
        resolved = client.post(
            f"/api/v1/scenarios/{SCENARIO}/questions/q-api/resolution",
            json={"outcome": False, "resolved_on": "2025-12-31"},
        )
        after = client.get(f"/api/v1/scenarios/{SCENARIO}").json()
        scores = client.get(f"/api/v1/scenarios/{SCENARIO}/scores").json()
    assert added.status_code == 201 and added.json()["status"] in {"open", "due", "resolved"}
    assert "exists already" in problem(twice, 422)["detail"]
    assert imported.status_code == 201 and imported.json()["stored"] == 1
    assert resolved.status_code == 200 and resolved.json()["outcome"] is False
    assert [f["source"] for f in resolved.json()["history"]] == ["crowd"]
    assert after["sha256"] != before["sha256"]
    assert "# " in after["text"] and after["text"].startswith(before["text"][:200])  # comments kept
    crowd = next(s for s in scores["sources"] if s["source"] == "crowd")
    assert crowd["questions"] == 1

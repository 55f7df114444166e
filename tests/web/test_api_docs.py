"""docs/api.md documents every endpoint and every query parameter the API takes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import REPO


def test_every_endpoint_and_parameter_is_documented(api: TestClient) -> None:
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    schema = api.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            row = next(
                (line for line in text.splitlines() if f"`{method.upper()} {path}`" in line), None
            )
            assert row is not None, f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    assert f"`{parameter['name']}`" in row, (path, parameter["name"])

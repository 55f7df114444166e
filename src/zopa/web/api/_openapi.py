"""The OpenAPI schema, said truly: every error an operation can answer, as a problem.

FastAPI documents only a 422 of its own shape; the API answers every error as
an RFC 9457 problem (``application/problem+json``). This rewrites each operation's
error responses to that schema and lists the statuses it may answer: 400, 404,
422, 500 and 503 everywhere; 401, 403, 413 and 415 on writes.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from zopa.web._problems import PROBLEM_JSON, Problem

__all__ = ["problem_openapi"]

_READ_ERRORS = (400, 404, 422, 500, 503)
_WRITE_ERRORS = (401, 403, 413, 415)
_REF = "#/components/schemas/Problem"


def _problem_response(status: int) -> dict[str, Any]:
    return {
        "description": f"{HTTPStatus(status).phrase} (RFC 9457 problem details)",
        "content": {PROBLEM_JSON: {"schema": {"$ref": _REF}}},
    }


def problem_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI schema of ``app`` with every operation's errors as problems (cached)."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(
        by_alias=True, ref_template="#/components/schemas/{model}"
    )
    for name, sub in components["Problem"].pop("$defs", {}).items():
        components[name] = sub
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            statuses = list(_READ_ERRORS)
            if method != "get" and not path.endswith("/validate"):
                statuses += _WRITE_ERRORS
            if method != "get" and path.endswith("/validate"):
                statuses += [413, 415]
            for status in statuses:
                responses[str(status)] = _problem_response(status)
            ok = [code for code in responses if code.startswith("2")]
            for code in ok:  # a write answers 200 when nothing new was stored
                if method != "get" and code == "201":
                    responses.setdefault("200", responses[code])
    app.openapi_schema = schema
    return schema

"""Every error as an RFC 9457 problem: one JSON shape, ``application/problem+json``, no traceback.

RFC 9457 ("Problem Details for HTTP APIs", Nottingham, Wilde and Dalal, 2023)
gives the members ``type``, ``title``, ``status``, ``detail`` and ``instance``;
zopa adds ``errors``, one entry per bad request parameter (``in``, ``name``,
``detail``), so a client can point at the field. ``detail`` is always one line
naming what is wrong and where, like the CLI's ``error:`` line.

Mapping:

* a bad query, path or header parameter, or an unknown query parameter → 400;
* a request body or upload that is well-formed but unprocessable (an invalid
  scenario, a price file with errors, a JSON body that fails validation) → 422;
* :class:`~zopa.errors.MissingError` → 404; other :class:`~zopa.errors.StoreError`
  (the store locked, unreachable, read-only) → 503;
* any other :class:`~zopa.errors.ZopaError` → 422;
* Starlette's HTTP errors (404 no such route, 405 method, 413, 415, 401, 403) keep
  their status; anything else is a bug → 500 with a generic detail, the traceback
  going to the server's log only (:class:`CatchAll`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zopa.errors import MissingError, StoreError, ZopaError, one_line, quoted

__all__ = [
    "PROBLEM_JSON",
    "CatchAll",
    "ParameterError",
    "Problem",
    "ProblemError",
    "install_problem_handlers",
    "problem_response",
]

PROBLEM_JSON = "application/problem+json"

_log = logging.getLogger("zopa.web")


class ParameterError(BaseModel):
    """One bad request parameter: where it is, its name and what is wrong with it."""

    in_: str = Field(alias="in", description="query, path, header, body or form")
    name: str = Field(description="the parameter's name (dotted for a body field)")
    detail: str = Field(description="what is wrong with it, in one line")


class Problem(BaseModel):
    """An RFC 9457 problem details object, as every error of the API is answered."""

    type: str = Field("about:blank", description="a URI naming the kind of problem")
    title: str = Field(description="the HTTP status phrase")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="what went wrong and how to fix it, in one line")
    instance: str | None = Field(None, description="the path of the request")
    errors: list[ParameterError] | None = Field(
        None, description="the bad parameters, when the problem is with the request's input"
    )


class ProblemError(Exception):
    """Raised by the API's own code to answer with a problem (status, one-line detail)."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: Sequence[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.headers = headers or {}


def problem_response(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    errors: Sequence[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    """A ``application/problem+json`` response (RFC 9457 §3) of ``status`` with ``detail``."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": one_line(detail),
    }
    if instance is not None:
        body["instance"] = instance
    if errors:
        body["errors"] = [
            {"in": e["in"], "name": e["name"], "detail": one_line(e["detail"])} for e in errors
        ]
    return Response(
        json.dumps(body, ensure_ascii=False), status, headers=headers, media_type=PROBLEM_JSON
    )


def _location(loc: Sequence[int | str]) -> tuple[str, str]:
    """``("query", "limit")`` from pydantic's error location ``("query", "limit")``."""
    where = str(loc[0]) if loc else "body"
    name = ".".join(str(part) for part in loc[1:]) or where
    return where, name


def _validation(request: Request, exc: RequestValidationError) -> Response:
    errors = []
    for error in exc.errors():
        where, name = _location(error.get("loc", ()))
        given = error.get("input")
        value = (
            f" (got {quoted(given)})"
            if where != "body" and isinstance(given, str | int | float)
            else ""
        )
        errors.append({"in": where, "name": name, "detail": f"{error['msg']}{value}"})
    body_error = any(e["in"] == "body" for e in errors)
    first = errors[0] if errors else {"in": "request", "name": "request", "detail": "invalid"}
    kind = "field" if first["in"] == "body" else f"{first['in']} parameter"
    detail = f"{kind} {first['name']!r}: {first['detail']}"
    if len(errors) > 1:
        detail += f" (and {len(errors) - 1} more, listed in `errors`)"
    return problem_response(
        422 if body_error else 400, detail, instance=request.url.path, errors=errors
    )


def _http(request: Request, exc: StarletteHTTPException) -> Response:
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and detail == "Not Found":
        detail = (
            f"no such resource {quoted(request.url.path)}; the API is described at /openapi.json"
        )
    elif detail == "There was an error parsing the body":
        detail = (
            "the request body could not be parsed; send well-formed multipart/form-data or JSON"
        )
    elif exc.status_code == 405 and detail == "Method Not Allowed":
        headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
        allowed = headers.get("allow", "the methods in /openapi.json")
        detail = f"{request.method} is not allowed on {quoted(request.url.path)}; use {allowed}"
    return problem_response(
        exc.status_code, detail, instance=request.url.path, headers=dict(exc.headers or {})
    )


def _zopa(request: Request, exc: ZopaError) -> Response:
    if isinstance(exc, MissingError):
        status = 404
    elif isinstance(exc, StoreError):
        status = 503
    else:
        status = 422
    headers = {"Retry-After": "5"} if status == 503 else None
    return problem_response(status, str(exc), instance=request.url.path, headers=headers)


def _problem(request: Request, exc: ProblemError) -> Response:
    return problem_response(
        exc.status, exc.detail, instance=request.url.path, errors=exc.errors, headers=exc.headers
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error ``app`` raises as a problem (see the module's docstring)."""
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(ZopaError, _zopa)  # type: ignore[arg-type]
    app.add_exception_handler(ProblemError, _problem)  # type: ignore[arg-type]


class CatchAll:
    """ASGI middleware: an exception no handler took becomes a 500 problem, logged, not shown.

    Sits inside the security headers (so the 500 carries them too) and outside
    everything else; Starlette's own error middleware never sees the exception,
    so no traceback reaches a client whatever the debug setting.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            _log.exception("internal error answering %s %s", scope["method"], scope["path"])
            if started:  # too late for a problem: the client sees a cut response
                return
            response = problem_response(
                500,
                "internal error; the server's log has the details",
                instance=scope["path"],
            )
            await response(scope, receive, send)

"""Safe by default: security headers on every response, the write rules, upload limits.

* Every response carries a Content-Security-Policy that allows only the app's
  own scripts, styles and images (no inline script, no plugin, no framing, no
  ``<base>``), ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy:
  no-referrer`` (:class:`SecurityHeaders`).
* Writes are refused on a read-only server (403) and, when the server has a
  token, need ``Authorization: Bearer TOKEN`` (401 otherwise; RFC 6750 §3)
  (:func:`require_writer`).
* A request body over :data:`MAX_UPLOAD_BYTES` is refused with 413 before it is
  read whole (:class:`BodyLimit`).
* Binding to an address other than loopback needs a token (:func:`check_bind`).
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zopa.errors import ConfigError, quoted
from zopa.web._problems import ProblemError, problem_response

__all__ = [
    "CSP",
    "MAX_UPLOAD_BYTES",
    "TOKEN_VARIABLE",
    "BodyLimit",
    "SecurityHeaders",
    "check_bind",
    "is_loopback",
    "require_writer",
]

CSP = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
"""The Content-Security-Policy of every response."""

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]

MAX_UPLOAD_BYTES = 4 * 1024 * 1024
"""Largest request body accepted (4 MiB): an article, a scenario (2 MiB at most) or prices."""

TOKEN_VARIABLE = "ZOPA_API_TOKEN"
"""The environment variable holding the API token."""


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in _HEADERS if name not in present
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class _TooLargeError(StarletteHTTPException):
    """The body is over the limit (an HTTP error, so the route's error handling answers it)."""

    def __init__(self, max_bytes: int, size: int | None = None) -> None:
        said = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
        super().__init__(
            413,
            f"the request body is {said}, over the {max_bytes:,}-byte limit; send a smaller file",
        )


class BodyLimit:
    """ASGI middleware refusing a request body over ``max_bytes`` with a 413 problem.

    A declared ``Content-Length`` over the limit is refused before anything is
    read; a body sent in chunks is counted as it arrives and refused when it
    passes the limit (raised where the body is read, answered by the problem
    handlers, or here when it escapes them).
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            error = _TooLargeError(self.max_bytes, int(declared))
            await problem_response(413, error.detail, instance=scope["path"])(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLargeError(self.max_bytes)
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLargeError as error:
            await problem_response(413, error.detail, instance=scope["path"])(scope, receive, send)


async def require_writer(request: Request) -> None:
    """Refuse a write on a read-only server (403) or without the server's token (401).

    A coroutine, so FastAPI checks it on the event loop rather than in a worker thread.

    The token is compared in constant time (:func:`hmac.compare_digest`).
    """
    config = request.app.state.config
    if config.read_only:
        raise ProblemError(
            403, "this server is read-only (zopa serve --read-only); writes are disabled"
        )
    if config.token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="zopa"'}
    if scheme.lower() != "bearer" or not given.strip():
        raise ProblemError(
            401,
            "this write needs the server's token: send the header "
            "'Authorization: Bearer TOKEN' (the server's $ZOPA_API_TOKEN)",
            headers=challenge,
        )
    if not hmac.compare_digest(given.strip().encode(), config.token.encode()):
        raise ProblemError(
            401,
            "the bearer token is not the server's token; send the server's $ZOPA_API_TOKEN",
            headers={"WWW-Authenticate": 'Bearer realm="zopa", error="invalid_token"'},
        )


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an IP address or ``localhost``) is a loopback address."""
    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to bind ``host`` when it is not loopback and there is no token.

    Raises
    ------
    ConfigError
        One line saying to set :data:`TOKEN_VARIABLE` or bind to 127.0.0.1.
    """
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"--host {quoted(host)} is not a loopback address: set ${TOKEN_VARIABLE} to a "
            "secret token first (writes will need it), or serve on 127.0.0.1"
        )

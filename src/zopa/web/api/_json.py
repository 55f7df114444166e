"""The API's JSON responses: compact UTF-8, no NaN (RFC 8259 has none)."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Request
from starlette.responses import JSONResponse, Response

from zopa.web._memo import memo

__all__ = ["Json", "kept_json"]


class Json(JSONResponse):
    """A JSON response of plain data (already in the public layout: no model is applied)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode("utf-8")


def kept_json(
    request: Request, kind: str, version: Hashable, make: Callable[[], dict[str, Any]]
) -> Response:
    """The JSON of ``make()``, made once per request URL and ``version`` (a value that
    changes whenever what ``make`` reads does) and sent as made after that."""
    key = (str(request.url), version)
    body = memo(request, kind, key, lambda: Json(make()).body)
    return Response(body, media_type="application/json")

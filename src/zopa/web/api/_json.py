"""The API's JSON responses: compact UTF-8, no NaN (RFC 8259 has none)."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse

__all__ = ["Json"]


class Json(JSONResponse):
    """A JSON response of plain data (already in the public layout: no model is applied)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode("utf-8")

"""Keyset pagination: an opaque ``next`` token, its ``next_url``, a stated maximum page size.

As Datasette does: a page holds at most ``limit`` items (default
:data:`DEFAULT_PAGE_SIZE`, at most :data:`MAX_PAGE_SIZE`); when more follow, the
answer carries ``next``, a token naming the last item's place in the listing's
order, and ``next_url``, the same request with that token. The next page starts
strictly after that place, so items stored meanwhile never shift a page (no
offsets). The token is URL-safe base64 of a small JSON array, tagged with the
listing it belongs to; a token that does not decode, or belongs to another
listing, is a 400 naming ``next``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import Query, Request
from pydantic import BaseModel, Field

from zopa.web._problems import ProblemError

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "Limit",
    "Next",
    "decode_key",
    "encode_key",
    "page",
    "page_in_memory",
]

MAX_PAGE_SIZE = 200
"""Most items one page holds (``limit`` above it is a 400)."""
DEFAULT_PAGE_SIZE = 50
"""Items per page when ``limit`` is not given."""

Limit = Annotated[
    int,
    Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page, 1 to {MAX_PAGE_SIZE}"),
]
Next = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=500,
        pattern=r"^[A-Za-z0-9_\-]+$",
        description="the `next` token of the previous page (opaque; from its `next_url`)",
    ),
]

T = TypeVar("T")
Key = tuple[Any, ...]


def encode_key(listing: str, key: Key) -> str:
    """The opaque token of ``key`` (a tuple of ints, strings, dates, ``None``) in ``listing``."""
    values = [v.isoformat() if isinstance(v, date) else v for v in key]
    raw = json.dumps([listing, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_key(listing: str, token: str, types: Sequence[type]) -> Key:
    """The key a token of ``listing`` holds, each value of the matching type in ``types``.

    ``date`` values come back as dates; ``None`` is allowed for a date. Raises a
    400 problem naming the ``next`` parameter when the token is not one of ours.
    """
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        if not isinstance(data, list) or data[0] != listing or len(data) != len(types) + 1:
            raise ValueError
        return tuple(_typed(v, t) for v, t in zip(data[1:], types, strict=True))
    except (ValueError, TypeError, binascii.Error, IndexError, UnicodeDecodeError):
        raise _bad_token(listing) from None


def _typed(value: Any, kind: type) -> Any:
    if kind is date:
        return None if value is None else date.fromisoformat(value)
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError
    if kind is int and not -(2**63) <= value < 2**63:
        raise ValueError
    if kind is str and not isinstance(value, str):
        raise TypeError
    return value


def _bad_token(listing: str) -> ProblemError:
    return ProblemError(
        400,
        f"query parameter 'next': not a page token of {listing}; follow the `next_url` of "
        "the previous page, or leave `next` out for the first page",
        errors=[{"in": "query", "name": "next", "detail": "not a page token of this listing"}],
    )


class PageOf(BaseModel):
    """One page of a listing (the item schema is given per endpoint)."""

    items: list[Any] = Field(description="the items of this page, in the listing's order")
    limit: int = Field(description="the page size asked for")
    next: str | None = Field(description="token of the next page; null on the last page")
    next_url: str | None = Field(description="the URL of the next page; null on the last page")


def page(
    request: Request,
    listing: str,
    items: Sequence[T],
    limit: int,
    key: Callable[[T], Key],
    public: Callable[[T], Any],
) -> dict[str, Any]:
    """The page body of ``items`` read with ``limit + 1`` rows (the extra one says "more")."""
    more = len(items) > limit
    shown = list(items[:limit])
    token = encode_key(listing, key(shown[-1])) if more and shown else None
    return {
        "items": [public(item) for item in shown],
        "limit": limit,
        "next": token,
        "next_url": str(request.url.include_query_params(next=token)) if token else None,
    }


def page_in_memory(
    request: Request,
    listing: str,
    items: Sequence[T],
    limit: int,
    after: Key | None,
    key: Callable[[T], Key],
    public: Callable[[T], Any],
) -> dict[str, Any]:
    """:func:`page` of a listing computed whole (its ``key`` order must be ascending)."""
    start = 0
    if after is not None:
        start = next((i for i, item in enumerate(items) if key(item) > after), len(items))
    return page(request, listing, items[start : start + limit + 1], limit, key, public)

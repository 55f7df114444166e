"""What every API route shares: the store, the parameter types, unknown parameters refused.

Query parameters a route does not declare are refused with a 400 naming them
(:func:`reject_unknown_parameters`), as Datasette refuses unknown ``_`` options:
a misspelt filter must not silently list everything.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, BeforeValidator

from zopa.errors import quoted
from zopa.store import Store
from zopa.web._problems import ProblemError

__all__ = [
    "MAX_ID",
    "DateParam",
    "DocumentParam",
    "IdPath",
    "IsoDate",
    "NamePath",
    "StoreDep",
    "TextParam",
    "reject_unknown_parameters",
    "store_of",
]

MAX_ID = 2**31 - 1
"""The largest row id (SQL ``INTEGER``, 32 bits on PostgreSQL)."""

_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
"""No control characters (PostgreSQL refuses NUL in text; none belongs in a filter)."""

TextParam = Annotated[
    str | None,
    Query(min_length=1, max_length=200, pattern=_PRINTABLE, description="text, 1–200 characters"),
]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """Refuse a date given otherwise than YYYY-MM-DD (pydantic would read ``0`` as 1970-01-01)."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("not a date YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date that only a YYYY-MM-DD string gives."""
DateParam = Annotated[IsoDate | None, Query(description="a date, YYYY-MM-DD")]
DocumentParam = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="only the evidence of this document id")
]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="a row id")]
NamePath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        pattern=r"^[a-z][a-z0-9_\-]*$",
        description="an id: lower-case letters, digits, _ and -",
    ),
]

_KNOWN = "_zopa_query_parameters"
"""Attribute of a route holding the query parameters it takes, set on its first request
(kept on the route itself: routes are not hashable, and ids are reused once freed)."""


def store_of(request: Request) -> Store:
    """The store the application serves."""
    store: Store = request.app.state.store
    return store


async def _store_dependency(request: Request) -> Store:
    """:func:`store_of` as a route's dependency. A coroutine: FastAPI runs it on the event
    loop, where a plain function would be handed to a worker thread and back (a round
    trip that cost more than the rest of a kept listing)."""
    return store_of(request)


StoreDep = Annotated[Store, Depends(_store_dependency)]
"""A route parameter holding the served store."""


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters of ``dependant`` and of everything it depends on (each field
    of a query parameter model, ``Annotated[Model, Query()]``, being one)."""
    names: set[str] = set()
    for field in dependant.query_params:
        model = field.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            names |= {info.alias or name for name, info in model.model_fields.items()}
        else:
            names.add(field.alias)
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _known_parameters(route: APIRoute) -> frozenset[str]:
    known: frozenset[str] | None = getattr(route, _KNOWN, None)
    if known is None:
        known = frozenset(_query_names(route.dependant))
        setattr(route, _KNOWN, known)
    return known


async def reject_unknown_parameters(request: Request) -> None:
    """Refuse a query parameter the route does not take: 400 naming it and the ones it takes
    (a coroutine, run on the event loop: no worker thread for a look-up)."""
    route: Any = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _known_parameters(route)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise ProblemError(
            400,
            f"unknown query parameter {quoted(unknown[0])}; this endpoint takes: {takes}",
            errors=[
                {"in": "query", "name": name, "detail": "unknown query parameter"}
                for name in unknown
            ],
        )

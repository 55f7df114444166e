"""The FastAPI application: one store, the JSON API and the pages, safe by default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI

from zopa import __version__
from zopa.store import Store, open_store
from zopa.web._problems import CatchAll, install_problem_handlers
from zopa.web._security import BodyLimit, SecurityHeaders
from zopa.web.api import problem_openapi
from zopa.web.api import router as api_router
from zopa.web.pages import router as pages_router

__all__ = ["ServeConfig", "create_app"]


@dataclass(frozen=True)
class ServeConfig:
    """What the application serves and how: the store, read-only mode and the API token."""

    database_url: str
    read_only: bool = False
    token: str | None = None


def create_app(config: ServeConfig, *, store: Store | None = None) -> FastAPI:
    """The application over ``config.database_url``: ``/api/v1`` and the pages.

    The store is opened (and migrated) here, so a bad URL or a store this zopa
    cannot use is one :class:`~zopa.errors.StoreError` before anything is served;
    pass ``store`` to serve one already open (it is then left open at shutdown).
    """
    opened = store if store is not None else open_store(config.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if store is None:
            opened.close()

    app = FastAPI(
        title="zopa",
        version=__version__,
        description="The evidence, scenarios, predictions and forecasts of a zopa store "
        "(docs/api.md). Every error is an RFC 9457 problem.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.store = opened
    install_problem_handlers(app)
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    app.openapi = lambda: problem_openapi(app)  # type: ignore[method-assign]
    # Outermost last: the headers go on every answer, the 500 and the 413 included.
    app.add_middleware(BodyLimit)
    app.add_middleware(CatchAll)
    app.add_middleware(SecurityHeaders)
    return app

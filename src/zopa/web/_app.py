"""The FastAPI application: one store, the JSON API and the pages."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from zopa import __version__
from zopa.web.api import router as api_router
from zopa.web.pages import router as pages_router

__all__ = ["ServeConfig", "create_app"]


@dataclass(frozen=True)
class ServeConfig:
    """What the application serves and how: the store, read-only mode and the API token."""

    database_url: str
    read_only: bool = False
    token: str | None = None


def create_app(config: ServeConfig) -> FastAPI:
    """The application over ``config.database_url``: ``/api/v1`` and the pages."""
    app = FastAPI(title="zopa", version=__version__, docs_url=None, redoc_url=None)
    app.state.config = config
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    return app

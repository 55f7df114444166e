"""Web dashboard and JSON HTTP API (pipeline stage 7).

:func:`create_app` builds the FastAPI application over one store: the JSON API
under ``/api/v1`` (:mod:`zopa.web.api`) and the server-rendered pages
(:mod:`zopa.web.pages`), which share their templates and chart specs with the
static report (:mod:`zopa.report`). ``zopa serve`` runs it on uvicorn. A route
reads the served store with :func:`store_of` (``request.app.state.store``).
"""

from zopa.web._app import ServeConfig, create_app
from zopa.web.api._params import store_of

__all__ = ["ServeConfig", "create_app", "store_of"]

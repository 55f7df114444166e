"""The dashboard's server-rendered pages, built from the report's templates and views.

``/`` overview, ``/timeline`` (filters actor, type, status), ``/map?scenario=NAME``,
``/quotes``, ``/documents/{id}`` (the article, every span marked), ``/scenarios/{name}``,
``/questions/{id}?scenario=NAME`` and ``/static/zopa.css``. No script: links and
forms only.
"""

from zopa.web.pages._routes import router

__all__ = ["router"]

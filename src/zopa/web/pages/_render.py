"""What every page needs: the store, the stored scenarios, rendering and error pages."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from zopa.report._templates import environment
from zopa.store import Store
from zopa.web._memo import memo

__all__ = ["error_page", "memo", "page", "store_of", "stored_scenario"]


def store_of(request: Request) -> Store:
    """The application's store, opened on first use and kept on ``app.state.store``."""
    state = request.app.state
    store: Store | None = getattr(state, "store", None)
    if store is None:
        from zopa.store import open_store

        store = open_store(state.config.database_url)
        state.store = store
    return store


def _scenario_names(store: Store) -> list[str]:
    """The stored scenarios' names, by name (their texts are not read: every page asks)."""
    from sqlalchemy import select

    from zopa.store import StoredScenarioRow

    with store.session() as session:
        return list(
            session.scalars(select(StoredScenarioRow.name).order_by(StoredScenarioRow.name))
        )


def page(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """``pages/{template}`` rendered with ``context`` and the site navigation."""
    html = (
        environment()
        .get_template(f"pages/{template}")
        .render({**context, "nav_scenarios": _scenario_names(store_of(request))})
    )
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    """An HTML page saying what went wrong (``message`` is one line, escaped)."""
    return page(request, "error.html", {"title": title, "message": message}, status)


def stored_scenario(request: Request, name: str) -> tuple[Any, Any]:
    """(stored scenario, validated scenario) of ``name``: read from the store on every
    request, parsed and validated once per version of its text (by its SHA-256).

    Raises :class:`~zopa.errors.MissingError` when none is stored under ``name`` and
    :class:`~zopa.errors.ScenarioError` when its text no longer validates.
    """
    from zopa.scenario import get_scenario

    stored = get_scenario(store_of(request), name)
    return stored, memo(request, "scenario", stored.sha256, stored.load)

"""What every page needs: the store, the stored scenarios, rendering and error pages."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from zopa.report._templates import environment
from zopa.store import Store

__all__ = ["error_page", "page", "solved", "store_of"]


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
    from zopa.scenario import list_scenarios

    return [s.name for s in list_scenarios(store)]


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


def solved(request: Request, name: str, sha256: str, scenario: Any) -> dict[str, Any]:
    """The solve result of a stored scenario, computed once per version of its text."""
    from zopa.report import REPORT_SEED
    from zopa.scenario import solve_scenario

    cache: dict[tuple[str, str], dict[str, Any]] = request.app.state.__dict__.setdefault(
        "solved", {}
    )
    key = (name, sha256)
    if key not in cache:
        cache[key] = solve_scenario(scenario, rng=REPORT_SEED)
    return cache[key]

"""How the API's routes are run: what a request pays for before its route's own work."""

from __future__ import annotations

import inspect

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient


def _plain_functions(dependant: Dependant) -> set[str]:
    """The dependencies of ``dependant`` (and theirs) that are plain functions."""
    found: set[str] = set()
    for sub in dependant.dependencies:
        if sub.call is not None and not inspect.iscoroutinefunction(sub.call):
            found.add(getattr(sub.call, "__qualname__", repr(sub.call)))
        found |= _plain_functions(sub)
    return found


def test_every_dependency_of_the_api_runs_on_the_event_loop(api: TestClient) -> None:
    # FastAPI hands a plain-function dependency to a worker thread and back: a round trip
    # per dependency per request, which cost more than a kept listing's own work. The
    # dependencies only look at the request, so they are coroutines.
    contexts = iter_route_contexts(api.app.routes)  # type: ignore[attr-defined]
    routes = [(c.path, c.route) for c in contexts if isinstance(c.route, APIRoute)]
    assert any(path == "/api/v1/documents" for path, _ in routes)
    plain = {f"{path}: {name}" for path, r in routes for name in _plain_functions(r.dependant)}
    assert not plain, sorted(plain)

"""The JSON API under ``/api/v1``: the CLI's ``--json`` layout, paginated, described by OpenAPI.

Listings are read page by page (:mod:`._pages`); query parameters a route does
not take are refused with 400 (:mod:`._params`); every error is an RFC 9457
problem (:mod:`zopa.web._problems`). Writes (:mod:`._writes`) need the token and
are refused on a read-only server. ``docs/api.md`` describes it for users.
"""

from fastapi import APIRouter, Depends

from zopa.web.api._evidence import router as _evidence
from zopa.web.api._openapi import problem_openapi
from zopa.web.api._pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from zopa.web.api._params import reject_unknown_parameters
from zopa.web.api._scenarios import MAX_API_DRAWS
from zopa.web.api._scenarios import router as _scenarios
from zopa.web.api._writes import router as _writes

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_API_DRAWS", "MAX_PAGE_SIZE", "problem_openapi", "router"]

router = APIRouter(dependencies=[Depends(reject_unknown_parameters)])
router.include_router(_evidence)
router.include_router(_scenarios)
router.include_router(_writes)

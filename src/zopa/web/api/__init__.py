"""The JSON API under ``/api/v1``: the CLI's ``--json`` layout, paginated, described by OpenAPI."""

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter()

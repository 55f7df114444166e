"""The dashboard's server-rendered pages, built from the report's templates."""

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter()

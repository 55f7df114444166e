"""Settings read from the environment (``ZOPA_*``) and overridden by CLI options."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_DATABASE_URL", "Settings"]

DEFAULT_DATABASE_URL = "sqlite:///zopa.db"


class Settings(BaseSettings):
    """zopa's settings.

    ``database_url`` is any SQLAlchemy URL (``sqlite:///path.db``,
    ``postgresql+psycopg://user@host/db``); ``max_file_bytes`` is the largest
    article file ingestion accepts; ``memory_budget_mb`` is the working memory (MiB)
    ``zopa solve`` keeps its models and draws within.
    """

    model_config = SettingsConfigDict(env_prefix="ZOPA_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    max_file_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    memory_budget_mb: int = Field(default=1024, ge=64)

"""Settings read from the environment (``ZOPA_*``) and overridden by CLI options."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from zopa.errors import ConfigError, quoted
from zopa.files import MAX_FILE_BYTES

__all__ = [
    "DEFAULT_DATABASE_URL",
    "MAX_FILE_BYTES",
    "Settings",
    "configured_database_url",
    "load_settings",
    "store_exists",
]

DEFAULT_DATABASE_URL = "sqlite:///zopa.db"


MAX_MEMORY_BUDGET_MB = 1 << 20
"""Upper bound of the memory budget (1 TiB in MiB)."""


class _StoreSettings(BaseSettings):
    """The store's URL alone, so a command can read it whatever the other settings hold."""

    model_config = SettingsConfigDict(env_prefix="ZOPA_", extra="ignore")

    database_url: str = Field(default=DEFAULT_DATABASE_URL, description="a SQLAlchemy URL")


class Settings(_StoreSettings):
    """zopa's settings.

    ``database_url`` is any SQLAlchemy URL (``sqlite:///path.db``,
    ``postgresql+psycopg://user@host/db``); ``max_file_bytes`` is the largest
    article file ingestion accepts; ``memory_budget_mb`` is the working memory (MiB)
    ``zopa solve`` keeps its models and draws within. Each field's description says
    what a valid value is; :func:`load_settings` quotes it when the environment is wrong.
    """

    max_file_bytes: int = Field(
        default=10 * 1024 * 1024,
        gt=0,
        le=MAX_FILE_BYTES,
        description="a whole number of bytes from 1 to 1 TiB (1,099,511,627,776)",
    )
    memory_budget_mb: int = Field(
        default=1024,
        ge=64,
        le=MAX_MEMORY_BUDGET_MB,
        description="a whole number of MiB from 64 to 1,048,576",
    )


def load_settings() -> Settings:
    """The settings from the environment.

    Raises
    ------
    ConfigError
        One line naming each bad ``ZOPA_*`` variable, its value and what is expected,
        e.g. ``ZOPA_MAX_FILE_BYTES='-1' is not valid: expected a whole number of bytes
        from 1 to 1 TiB (1,099,511,627,776)``.
    """
    try:
        return Settings()
    except ValidationError as exc:
        prefix = Settings.model_config.get("env_prefix", "")
        problems = []
        for error in exc.errors():
            name = str(error["loc"][0])
            field = Settings.model_fields.get(name)
            expected = field.description if field is not None else None
            problems.append(
                f"{prefix}{name.upper()}={quoted(error['input'])} is not valid: "
                f"expected {expected or error['msg']}"
            )
        raise ConfigError(f"{'; '.join(problems)} (set it right or unset it)") from None


def configured_database_url() -> str:
    """The store's URL from the environment (``ZOPA_DATABASE_URL``), reading no other setting."""
    return _StoreSettings().database_url


def store_exists(url: str) -> bool:
    """Whether opening ``url`` would find a store rather than create one.

    A SQLite URL names a file that exists; a server URL (PostgreSQL) is taken to
    exist (its database is made by its administrator, not by zopa); an in-memory
    SQLite database never does. Imports no database library, so a command may ask
    before deciding to open the store.
    """
    scheme, _, rest = url.partition("://")
    if not scheme.startswith("sqlite"):
        return True
    # sqlite:///relative.db, sqlite:////absolute.db: the path follows the third slash.
    path = rest[1:].split("?", 1)[0] if rest.startswith("/") else ""
    return path not in ("", ":memory:") and Path(path).expanduser().is_file()

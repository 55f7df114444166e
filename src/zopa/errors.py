"""The one exception family of zopa.

Every error a user can cause is a :class:`ZopaError`; the CLI prints its message
on one line and exits non-zero, the HTTP API answers it as one JSON shape. Other
exceptions are bugs.

::

    ZopaError
    ├── ConfigError        bad settings or command-line values
    ├── StoreError         the database cannot be reached, migrated or written
    ├── IngestError        a file or record cannot be ingested
    ├── ExtractionError    a document, gazetteer or lexicon cannot be processed
    ├── ScenarioError      a scenario file is invalid
    ├── ModelError         a model cannot be fitted or its parameters are invalid
    └── RegistryError      no entry of that name in a registry

Messages say what failed, the bad value and where (file, line, document, span),
and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ExtractionError",
    "IngestError",
    "ModelError",
    "RegistryError",
    "ScenarioError",
    "StoreError",
    "ZopaError",
]


class ZopaError(Exception):
    """Base of every error a user can cause; its message is one actionable line."""


class ConfigError(ZopaError):
    """A setting or command-line value is invalid."""


class StoreError(ZopaError):
    """The store cannot be opened, migrated, read or written."""


class IngestError(ZopaError):
    """A file or a record within a file cannot be ingested."""


class ExtractionError(ZopaError):
    """A document, gazetteer or lexicon cannot be processed by extraction."""


class ScenarioError(ZopaError):
    """A scenario file or scenario value is invalid."""


class ModelError(ZopaError):
    """A model's parameters or inputs are invalid."""


class RegistryError(ZopaError):
    """A name was looked up in a registry that has no such entry."""

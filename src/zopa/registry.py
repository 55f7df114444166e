"""Registries of named, versioned components, one per kind.

Like spaCy's ``registry`` (built on :mod:`catalogue`), every pluggable part of
zopa is found by name — ``zopa.compromise.v1``, ``zopa.actors.v1`` — so a scenario
file or a command names a model or extractor without an import path, and another
package adds its own through the entry-point group of the registry
(``zopa_models``, ``zopa_extractors``, ...).

Example
-------
>>> from zopa.registry import models
>>> @models.register("my.model.v1")
... class MyModel: ...
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from typing import Any, TypeVar

import catalogue

from zopa.errors import RegistryError

__all__ = [
    "Registry",
    "data_loaders",
    "extractors",
    "forecast_sources",
    "models",
    "renderers",
    "simulators",
]

T = TypeVar("T")


class Registry:
    """A named registry that raises :class:`RegistryError` with the known names on a miss."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._catalogue = catalogue.create("zopa", kind, entry_points=False)
        self._entry_points_loaded = False

    def _load_entry_points(self) -> None:
        """Register the entries other packages declare in group ``zopa_<kind>``, once."""
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        for entry_point in importlib.metadata.entry_points(group=f"zopa_{self.kind}"):
            if entry_point.name not in self._catalogue.get_all():
                self._catalogue.register(entry_point.name, func=entry_point.load())

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator that registers ``obj`` under ``name`` and returns it unchanged."""

        def decorate(obj: T) -> T:
            self._catalogue.register(name, func=obj)
            return obj

        return decorate

    def get(self, name: str) -> Any:
        """Return the entry registered as ``name``."""
        self._load_entry_points()
        try:
            return self._catalogue.get(name)
        except catalogue.RegistryError:
            known = ", ".join(self.names()) or "none"
            raise RegistryError(
                f"no entry named {name!r} in the {self.kind} registry; known: {known}"
            ) from None

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        self._load_entry_points()
        return sorted(self._catalogue.get_all())

    def __contains__(self, name: object) -> bool:
        self._load_entry_points()
        return isinstance(name, str) and name in self._catalogue  # one look-up, not a listing


extractors = Registry("extractors")
models = Registry("models")
simulators = Registry("simulators")
renderers = Registry("renderers")
data_loaders = Registry("data_loaders")
forecast_sources = Registry("forecast_sources")

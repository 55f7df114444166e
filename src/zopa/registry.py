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

from collections.abc import Callable
from typing import Any, TypeVar

import catalogue

from zopa.errors import RegistryError

__all__ = ["Registry", "data_loaders", "extractors", "models", "renderers", "simulators"]

T = TypeVar("T")


class Registry:
    """A named registry that raises :class:`RegistryError` with the known names on a miss."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._catalogue = catalogue.create("zopa", kind, entry_points=True)

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator that registers ``obj`` under ``name`` and returns it unchanged."""

        def decorate(obj: T) -> T:
            self._catalogue.register(name, func=obj)
            return obj

        return decorate

    def get(self, name: str) -> Any:
        """Return the entry registered as ``name``."""
        try:
            return self._catalogue.get(name)
        except catalogue.RegistryError:
            known = ", ".join(self.names()) or "none"
            raise RegistryError(
                f"no {self.kind} entry named {name!r}; known {self.kind}: {known}"
            ) from None

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        return sorted(self._catalogue.get_all())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._catalogue.get_all()


extractors = Registry("extractors")
models = Registry("models")
simulators = Registry("simulators")
renderers = Registry("renderers")
data_loaders = Registry("data_loaders")

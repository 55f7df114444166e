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
import re
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
    "short_name",
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

    def resolve(self, name: str) -> str:
        """The registered name ``name`` stands for: itself, or the newest version of a
        short name as tables print it (``compromise`` → ``zopa.compromise.v1``).

        Raises
        ------
        RegistryError
            Nothing is registered under that name or short name (the known ones listed).
        """
        self._load_entry_points()
        if name in self._catalogue:  # one look-up: listing every entry costs a file's reading
            return name
        known: list[str] = list(self._catalogue.get_all())
        versions = [(_version(n), n) for n in known if short_name(n) == name != n]
        if versions:
            return max(versions)[1]
        shorts = sorted({short_name(n) for n in known} - set(known))
        also = f" (or their short names: {', '.join(shorts)})" if shorts else ""
        raise RegistryError(
            f"no entry named {name!r} in the {self.kind} registry; "
            f"known: {', '.join(sorted(known)) or 'none'}{also}"
        )

    def get(self, name: str) -> Any:
        """Return the entry registered as ``name`` (or its short name, :meth:`resolve`)."""
        return self._catalogue.get(self.resolve(name))

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        self._load_entry_points()
        return sorted(self._catalogue.get_all())

    def __contains__(self, name: object) -> bool:
        self._load_entry_points()
        return isinstance(name, str) and name in self._catalogue  # one look-up, not a listing


_VERSION = re.compile(r"v(\d+)")


def short_name(name: str) -> str:
    """How tables print a registry name: ``zopa.compromise.v1`` → ``compromise``; a name
    not of the form ``zopa.NAME.vN`` unchanged."""
    parts = name.split(".")
    if len(parts) == 3 and parts[0] == "zopa" and _VERSION.fullmatch(parts[2]):
        return parts[1]
    return name


def _version(name: str) -> int:
    return int(name.rsplit(".v", 1)[1])


extractors = Registry("extractors")
models = Registry("models")
simulators = Registry("simulators")
renderers = Registry("renderers")
data_loaders = Registry("data_loaders")
forecast_sources = Registry("forecast_sources")

"""Registries: entries found by name, a clear error naming the known ones."""

from __future__ import annotations

import pytest

from zopa.errors import RegistryError
from zopa.registry import Registry


def test_register_get_and_list() -> None:
    registry = Registry("test_widgets")

    @registry.register("lab.widget.v1")
    def widget() -> str:
        return "made"

    assert registry.get("lab.widget.v1")() == "made"
    assert "lab.widget.v1" in registry
    assert "lab.widget.v2" not in registry
    assert registry.names() == ["lab.widget.v1"]


def test_unknown_name_lists_the_known_ones() -> None:
    registry = Registry("test_gadgets")
    registry.register("lab.gadget.v1")(object)
    expected = r"no entry named 'lab.gadget.v9' .* known: lab.gadget.v1"
    with pytest.raises(RegistryError, match=expected):
        registry.get("lab.gadget.v9")


def test_a_short_name_as_tables_print_it_is_the_newest_version() -> None:
    registry = Registry("test_tools")
    for name in ("zopa.hammer.v1", "zopa.hammer.v2", "lab.saw.v1"):
        registry.register(name)(object)
    assert registry.resolve("hammer") == "zopa.hammer.v2"
    assert registry.resolve("zopa.hammer.v1") == "zopa.hammer.v1"
    assert registry.get("hammer") is object
    with pytest.raises(RegistryError, match=r"or their short names: hammer\)$"):
        registry.resolve("saw")  # only zopa.NAME.vN names are printed short

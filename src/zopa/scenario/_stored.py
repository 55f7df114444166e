"""Scenarios kept in the store by name: saved once validated, listed, read back.

The dashboard, the report and the HTTP API read scenarios from the store's
``scenarios`` table (migration 0006) rather than from files. A scenario is
stored as the YAML text it was given, after the same loader and limits as
``zopa scenario check`` found no error in it (warnings and placeholders are
allowed: a draft may be stored, and the commands that compute refuse its
placeholders as they do a file's).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from zopa.errors import MissingError, ScenarioError, quoted
from zopa.scenario._load import check_text, loads_for_models
from zopa.scenario._loader import MAX_SCENARIO_BYTES
from zopa.scenario._schema import ID_PATTERN, Scenario

if TYPE_CHECKING:
    from zopa.store import Store

__all__ = ["StoredScenario", "edit_scenario", "get_scenario", "list_scenarios", "save_scenario"]

_NAME = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class StoredScenario:
    """A scenario as the store keeps it: its name, YAML text, the text's SHA-256, when stored."""

    name: str
    text: str
    sha256: str
    stored_at: datetime

    def load(self) -> Scenario:
        """The validated scenario (the text was valid when stored; a newer zopa may disagree).

        Raises
        ------
        ScenarioError
            The text no longer validates: one line naming the scenario and the line.
        """
        return _parsed(self.text, _source(self.name))

    def load_for_models(self, *, allow_placeholders: bool = False) -> Scenario:
        """The scenario to compute from: :meth:`load`, then the placeholder rule of
        :func:`zopa.scenario.load_for_models`."""
        return loads_for_models(
            self.text, source=_source(self.name), allow_placeholders=allow_placeholders
        )


@functools.lru_cache(maxsize=64)
def _parsed(text: str, source: str) -> Scenario:
    """The validated scenario of ``text``, parsed once per text and name: a scenario is
    immutable (frozen models), so the dashboard and the API share one per version of it
    instead of parsing its YAML on every request."""
    return check_text(text, source=source).raise_for_errors()


def _source(name: str) -> str:
    """How messages name a stored scenario (in place of a file name)."""
    return f"scenario {name}"


def save_scenario(
    store: Store, name: str | None, text: str, *, source: str | None = None
) -> StoredScenario:
    """Validate scenario YAML ``text`` and store it as ``name`` (replacing one of that name).

    Parameters
    ----------
    name:
        The name to store it under (an id: lower-case letters, digits, ``_``, ``-``, at most
        64 characters); ``None`` stores it under the scenario's own ``id``.
    source:
        How messages name the text (e.g. an uploaded file's name); by default ``scenario NAME``.

    Raises
    ------
    ScenarioError
        The name is not an id, the text is over :data:`MAX_SCENARIO_BYTES`, or the loader
        finds an error in it: one line naming the source, the line and the first error.
    StoreError
        The store cannot be written.
    """
    if name is not None and not _NAME.fullmatch(name):
        raise ScenarioError(
            f"scenario name {quoted(name)} is not an id; use 1–64 lower-case letters, digits, "
            "'_' or '-', starting with a letter"
        )
    where = source or _source(name or "text")
    scenario, sha256 = _validated(text, where)
    stored = StoredScenario(
        name=name or scenario.id, text=text, sha256=sha256, stored_at=datetime.now(UTC)
    )
    from zopa.store import put_scenario

    put_scenario(store, stored.name, stored.text, stored.sha256, stored.stored_at)
    return stored


def _validated(text: str, where: str) -> tuple[Scenario, str]:
    """The scenario of ``text`` and the SHA-256 of its UTF-8 bytes, or a ScenarioError."""
    data = text.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            f"{where}: {len(data):,} bytes, over the {MAX_SCENARIO_BYTES:,}-byte limit for "
            "scenarios; split the scenario or move long notes out of it"
        )
    scenario = check_text(text, source=where).raise_for_errors()
    return scenario, hashlib.sha256(data).hexdigest()


def edit_scenario(store: Store, name: str, edit: Callable[[str], str]) -> StoredScenario:
    """Replace the stored scenario ``name`` by ``edit(text)``, validated, in one transaction.

    Two edits at once both land, one after the other (the row is held while it is
    edited). An edit whose result is not a valid scenario changes nothing.

    Raises
    ------
    MissingError
        No scenario of that name is stored.
    ScenarioError
        The edited text is over the limit or not a valid scenario (its line named).
    """
    from zopa.store import change_scenario

    def change(text: str) -> tuple[str, str]:
        new = edit(text)
        return new, _validated(new, _source(name))[1]

    record = change_scenario(store, name, change)
    if record is None:
        raise _missing(store, name)
    return StoredScenario(*record)


def list_scenarios(store: Store) -> list[StoredScenario]:
    """Every stored scenario, by name."""
    from zopa.store import scenario_records

    return [StoredScenario(*record) for record in scenario_records(store)]


def get_scenario(store: Store, name: str) -> StoredScenario:
    """The stored scenario named ``name``.

    Raises
    ------
    MissingError
        No scenario of that name is stored (the message says how to store one).
    """
    from zopa.store import scenario_record

    record = scenario_record(store, name)
    if record is None:
        raise _missing(store, name)
    return StoredScenario(*record)


def _missing(store: Store, name: str) -> MissingError:
    return MissingError(
        f"no scenario named {quoted(name)} in {store.where}; store one with "
        "`zopa scenario store FILE` (or POST /api/v1/scenarios)"
    )

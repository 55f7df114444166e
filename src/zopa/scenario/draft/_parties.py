"""Who is who in a draft: parties, mediators and commentators, people folded into states.

A person speaks for the state or organisation they represent (``Actor.country``,
``Actor.affiliation``): "Kagame" and "Rwanda" are one party, its claims merged,
the person named in the party's evidence. Commentators (analysts, experts,
journalists, think tanks, outlets) never become parties, nor does a person
linked to no state or body who gives odds (a forecaster whose affiliation the
linker missed: "said Dr X of the Y Forum", put the chance at 30 percent);
mediators come from mediation and hosting events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zopa.store import Actor

__all__ = ["Unit", "Units", "resolve_units", "slug"]

#: Sectors (CAMEO-style) whose actors comment rather than negotiate.
COMMENTATOR_SECTORS = frozenset({"EDU", "MED", "JRN"})
#: Roles of people who comment rather than negotiate (matched as words in the role).
COMMENTATOR_ROLES = (
    "analyst",
    "expert",
    "fellow",
    "professor",
    "researcher",
    "scholar",
    "scientist",
    "research",
    "journalist",
    "columnist",
    "commentator",
    "correspondent",
    "reporter",
    "editor",
)
#: Words of a role held no longer ("former foreign minister", "ex-president" is stored so).
FORMER_ROLES = ("former",)
#: Words of an organisation's name that make it a think tank or an outlet (no sector given).
COMMENTATOR_NAMES = (
    "institute",
    "university",
    "think tank",
    "crisis group",
    "policy",
    "foundation",
    "center for",
    "centre for",
    "news",
    "times",
    "post",
    "press",
    "agency",
    "television",
    "radio",
    "broadcasting",
    "journal",
)
#: Sectors of a person who speaks for their state when no organisation is named.
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY"})


def slug(text: str, prefix: str) -> str:
    """A scenario id from ``text``: lower-case words joined by ``_``, starting with a letter."""
    value = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:60] or prefix
    return value if value[0].isalpha() else f"{prefix}_{value}"[:64]


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    from zopa.extract._gazetteer import _package_states

    return {code: info.name for code, info in _package_states()[0].items()}


@dataclass
class Unit:
    """A party or mediator of the draft: a state, an organisation, a group or a lone person."""

    key: str
    name: str
    kind: str
    country: str | None = None
    #: "Name (role)" of each person or body folded into the unit
    persons: list[str] = field(default_factory=list)
    #: names the unit goes by (its own, its people's, its store keys), case-folded
    aliases: set[str] = field(default_factory=set)
    #: the store actor keys the unit stands for: its own first (a state's ISO code, the
    #: gazetteer's key, even where no store actor has it), then its people's and bodies'
    keys: list[str] = field(default_factory=list)
    #: the roles of each person in :attr:`persons`, by name, in the order found
    _roles: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def add(self, actor: Actor) -> None:
        """Record that ``actor`` (the unit itself, or a person or body folded into it) is it."""
        self.aliases |= {_norm(actor.name), actor.key.casefold()}
        if actor.key not in self.keys:
            self.keys.append(actor.key)

    def add_person(self, name: str, role: str | None) -> None:
        """Name a person (or body) folded into the unit once, "Name (role)": a person found
        under two keys keeps the fuller of two roles where one holds the other's words
        ("treasury secretary" over "secretary"), else both ("minister; envoy")."""
        roles = self._roles.setdefault(name, [])
        words = set((role or "").casefold().split())
        if role and not any(words <= set(r.casefold().split()) for r in roles):
            roles[:] = [r for r in roles if not set(r.casefold().split()) <= words] + [role]
        self.persons = [f"{n} ({'; '.join(r)})" if r else n for n, r in self._roles.items()]

    @property
    def id(self) -> str:
        """The scenario id of the unit."""
        return slug(self.name, "a")


@dataclass
class Units:
    """Each store actor's unit (``None`` for a commentator)."""

    of_actor: dict[int, Unit | None]
    #: states no store actor stands for, added by :meth:`state` (a host named only as a venue)
    added: dict[str, Unit] = field(default_factory=dict)

    def unit(self, actor_id: int | None) -> Unit | None:
        """The unit an actor speaks for, ``None`` for a commentator or an unknown actor."""
        return self.of_actor.get(actor_id) if actor_id is not None else None

    def units(self) -> list[Unit]:
        """Every unit, once."""
        seen: dict[str, Unit] = {}
        for unit in [*self.of_actor.values(), *self.added.values()]:
            if unit is not None:
                seen.setdefault(unit.key, unit)
        return list(seen.values())

    def state(self, code: str) -> Unit:
        """The unit of the state ``code`` (ISO alpha-3), added when no store actor is it."""
        key = f"state:{code}"
        found = next((u for u in self.units() if u.key == key), None)
        if found is None:
            name = _state_names().get(code, code)
            found = self.added[key] = Unit(
                key, name, "state", code, aliases={_norm(name)}, keys=[code]
            )
        return found


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str, words: Iterable[str]) -> bool:
    lowered = _norm(text)
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words)


def is_commentator(actor: Actor, outlets: set[str]) -> bool:
    """Whether ``actor`` comments rather than negotiates (sector, role, outlet or think tank)."""
    if actor.sector in COMMENTATOR_SECTORS or _norm(actor.name) in outlets:
        return True
    if actor.kind == "person":
        role = actor.role or ""
        return _words(role, COMMENTATOR_ROLES) or (
            _words(role, FORMER_ROLES) and not _speaks_for_a_body(actor)
        )
    return (
        actor.kind == "organisation"
        and actor.sector is None
        and _words(actor.name, COMMENTATOR_NAMES)
    )


def _speaks_for_a_body(actor: Actor) -> bool:
    """Whether a person's affiliation is a body other than their state (a former minister
    who now leads a party or a delegation speaks for it; one linked only to their state
    comments)."""
    affiliation = actor.affiliation
    if affiliation is None or affiliation == actor.country:
        return False
    return affiliation != _state_names().get(actor.country or "")


def _kind(actor: Actor) -> str:
    if actor.kind == "state":
        return "state"
    if actor.kind == "group" or actor.sector == "REB":
        return "group"
    if actor.kind == "person":
        return "leader"
    return "organisation"


def _armed_group(actor: Actor) -> bool:
    """Whether ``actor`` is a rebel or armed group (kind ``group`` or sector ``REB``)."""
    return actor.kind == "group" or actor.sector == "REB"


def _unlinked(actor: Actor) -> bool:
    """A person the store links to no state, body, sector or role."""
    return actor.kind == "person" and not (
        actor.country or actor.affiliation or actor.sector or actor.role
    )


def resolve_units(
    actors: dict[int, Actor],
    outlets: set[str],
    forecasters: AbstractSet[int] = frozenset(),
    live: AbstractSet[int] | None = None,
) -> Units:
    """Map each store actor to the unit it speaks for, folding people into their state or body.

    A person or body goes to the organisation named by its ``affiliation`` (an
    actor key or name in the store; followed on, so a minister of a ministry
    ends at its state; but a government, military or intelligence official with a
    ``country`` never to an armed group: the linker took a group named near him),
    else — a government, military or intelligence official or body, or a person of
    no stated sector — to the state of ``country``;
    one with neither stays a unit of its own. A state is one unit whatever the
    names it was found under (``country`` is its ISO code). Commentators map to
    ``None``: :func:`is_commentator`, a person of a commentating body, and an
    unlinked person among ``forecasters`` (the holders of probability estimates):
    parties' people who give odds are linked to their side, analysts often are not.
    With ``live``, only those actors get a unit (and give their keys and names to it):
    the others — rows an earlier extraction left, no longer mentioned — still serve to
    look an affiliation up.
    """
    from zopa.extract._gazetteer import unresolved_key  # spaCy only when drafting

    by_key = {a.key: a for a in actors.values()}
    by_name = {_norm(a.name): a for a in actors.values() if a.kind != "person"}
    units: dict[str, Unit] = {}

    def body_named(affiliation: str) -> Actor | None:
        """The store actor an affiliation names: by key, by name, or by the key its words
        give an actor the gazetteer does not know ("ELN" names the National Liberation
        Army found as "ELN")."""
        return (
            by_key.get(affiliation)
            or by_name.get(_norm(affiliation))
            or by_key.get(unresolved_key(affiliation))
        )

    def unit_of(actor: Actor) -> Unit:
        if actor.kind == "state" and actor.country:
            code = actor.country
            name = by_key[code].name if code in by_key else _state_names().get(code, actor.name)
            unit = units.setdefault(f"state:{code}", Unit(f"state:{code}", name, "state", code))
        else:
            unit = units.setdefault(actor.key, Unit(actor.key, actor.name, _kind(actor)))
        unit.add(actor)
        return unit

    def state(code: str) -> Unit:
        if code in by_key and by_key[code].kind == "state":
            return unit_of(by_key[code])
        name = _state_names().get(code, code)
        unit = units.setdefault(f"state:{code}", Unit(f"state:{code}", name, "state", code))
        unit.aliases |= {_norm(name), code.casefold()}
        if code not in unit.keys:
            unit.keys.insert(0, code)
        return unit

    def home(actor: Actor, seen: frozenset[str] = frozenset()) -> Unit | None:
        """The unit ``actor`` speaks for, ``None`` when it speaks for itself."""
        if actor.kind == "state" or actor.key in seen:
            return None
        affiliation = actor.affiliation
        official = actor.sector in STATE_SECTORS or (actor.kind == "person" and not actor.sector)
        if affiliation:
            body = body_named(affiliation)
            if (
                body is not None
                and body.kind != "person"
                and body.key != actor.key
                and not (official and actor.country and _armed_group(body))
            ):
                return home(body, seen | {actor.key}) or unit_of(body)
            if affiliation.upper() in _state_names():
                return state(affiliation.upper())
        return state(actor.country) if actor.country and official else None

    def comments(actor: Actor) -> bool:
        body = body_named(actor.affiliation) if actor.affiliation else None
        return (
            is_commentator(actor, outlets)
            or (actor.kind == "person" and body is not None and is_commentator(body, outlets))
            or (actor.id in forecasters and _unlinked(actor))
        )

    of_actor: dict[int, Unit | None] = {}
    for actor_id, actor in sorted(actors.items()):
        if live is not None and actor_id not in live:
            continue
        if comments(actor):
            of_actor[actor_id] = None
            continue
        unit = home(actor)
        if unit is None:
            of_actor[actor_id] = unit_of(actor)
            continue
        unit.add_person(actor.name, actor.role)
        unit.add(actor)
        of_actor[actor_id] = unit
    return Units(of_actor)

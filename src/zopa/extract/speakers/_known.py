"""What the gazetteer tells that helps find a speaker: demonyms, seats, offices, outlets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from zopa.extract._bodies import STATE_FORMS
from zopa.extract._gazetteer import Gazetteer, held_role


def role_head(role: str) -> frozenset[str]:
    """The head noun of a role as written ("foreign minister" → minister, "head of
    delegation" → head)."""
    words = role.casefold().split(" of ")[0].split()
    return frozenset(words[-1:])


__all__ = ["KnownActors", "role_head"]


@dataclass(frozen=True)
class KnownActors:
    """What the gazetteer says that helps find a speaker or holder.

    ``nationalities``: state keys by the demonyms and names that can qualify a group
    ("Iranian", "US"); ``seats``: state keys by the capitals and seats standing for them
    ("Kigali", "Kremlin"); ``roles``: the office words of each person ("foreign minister");
    ``parties``: the state or organisation each person belongs to; ``outlets``: news
    outlets and agencies (sector MED), which report what others say; ``state_forms``: the
    words of each state's names that a text may call it by ("kingdom", "republic").
    """

    nationalities: Mapping[str, str] = field(default_factory=dict)
    seats: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    role_heads: Mapping[str, frozenset[str]] = field(default_factory=dict)
    parties: Mapping[str, str] = field(default_factory=dict)
    outlets: frozenset[str] = frozenset()
    state_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> KnownActors:
        """What ``gazetteer`` tells (one object per gazetteer, so the components of a
        pipeline share one resolver per document)."""
        if _KNOWN and _KNOWN[0][0] is gazetteer:
            return _KNOWN[0][1]
        known = cls._read(gazetteer)
        _KNOWN[:] = [(gazetteer, known)]
        return known

    @classmethod
    def _read(cls, gazetteer: Gazetteer) -> KnownActors:
        nationalities: dict[str, str] = {}
        seats: dict[str, str] = {}
        forms: dict[str, set[str]] = {}
        for surface, target in gazetteer.aliases.items():
            info = gazetteer.actor(target.key) if target.key else None
            if info is None or info.kind != "state":
                continue
            if target.cls in ("demonym", "name"):
                nationalities[surface] = info.key
            if target.cls == "name":
                forms.setdefault(info.key, set()).update(
                    w for w in surface.casefold().split() if w in STATE_FORMS
                )
            if target.cls == "metonym":
                seats[surface] = info.key
        people = [a for a in gazetteer.actors.values() if a.kind == "person"]
        return cls(
            nationalities=nationalities,
            seats=seats,
            roles={
                a.key: frozenset(role.casefold().split())
                for a in people
                if (role := held_role(a, None))
                and not role.casefold().startswith(("former", "ex-"))
            },
            role_heads={
                a.key: role_head(role)
                for a in people
                if (role := held_role(a, None))
                and not role.casefold().startswith(("former", "ex-"))
            },
            parties={
                a.key: party for a in people if (party := a.country or a.affiliation) is not None
            },
            outlets=frozenset(k for k, a in gazetteer.actors.items() if a.sector == "MED"),
            state_forms={key: frozenset(words) for key, words in forms.items() if words},
        )


_KNOWN: list[tuple[Gazetteer, KnownActors]] = []  # the last gazetteer read

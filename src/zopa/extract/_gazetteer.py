"""The actor gazetteer: canonical actors and the surface forms that name them.

States come from two maintained data packages joined on the ISO 3166-1 alpha-3
code: :mod:`pycountry` (the ISO 3166 standard itself: every code with its
official and common names, updated with each ISO release) and :mod:`countryinfo`
(MIT licensed: the everyday English name, alternative spellings, the demonym and
the capital, which ISO does not record). The shipped YAML
(``zopa/extract/data/gazetteer.yaml``) adds what no package knows: metonyms
(Kremlin, White House, Bankova), people with role and affiliation,
organisations, armed and political groups, and places that are never actors.
User gazetteers in the same layout are read after it and win on a shared alias.

Actor keys: ISO alpha-3 codes for states, ``person:<slug>``, ``org:<slug>``,
``group:<slug>``; names seen in text but not in the gazetteer get
``unresolved:<slug>`` (see :func:`unresolved_key`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zopa.errors import ExtractionError
from zopa.files import MAX_DATA_FILE_BYTES, display_path, read_text, yaml_error_line

__all__ = [
    "ActorInfo",
    "AliasMatch",
    "AliasTarget",
    "Gazetteer",
    "held_role",
    "load_gazetteer",
    "role_as_of",
    "slugify",
    "unresolved_key",
]

Kind = Literal["state", "person", "organisation", "group"]
AliasClass = Literal["name", "metonym", "demonym", "place"]


@dataclass(frozen=True)
class ActorInfo:
    """A canonical actor: key, display name, kind, ISO country, CAMEO-style sector, role."""

    key: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    affiliation: str | None = None
    #: the dates a person held ``role`` (a gazetteer entry's ``from`` and ``to``), if known
    since: dt.date | None = None
    until: dt.date | None = None


def role_as_of(actor: ActorInfo, day: dt.date | None) -> str | None:
    """``actor``'s role on ``day``: "former <role>" after the entry's ``to`` date, none
    before its ``from`` date, else the role (also when ``day`` or the dates are unknown)."""
    role = actor.role
    if role is None or day is None:
        return role
    if actor.until is not None and day > actor.until:
        return role if role.startswith("former ") else f"former {role}"
    if actor.since is not None and day < actor.since:
        return None
    return role


def held_role(actor: ActorInfo, day: dt.date | None) -> str | None:
    """The role ``actor`` holds on ``day`` (``None``: a day unknown), ``None`` when it
    holds none: a term that ended by then, or has an end and the day is unknown (the
    cautious reading), or starts after it."""
    if actor.until is not None and (day is None or day > actor.until):
        return None
    if actor.since is not None and day is not None and day < actor.since:
        return None
    return actor.role


@dataclass(frozen=True)
class AliasTarget:
    """What a surface form names: an actor key (empty for a place) and how it names it.

    ``cls`` is ``name`` (a proper name: always a mention), ``metonym`` (a capital or
    seat of government or of an organisation, "Brussels" for the EU: a mention unless
    used as a location, "talks in Moscow"),
    ``demonym`` (a mention only as a noun, "the Russians", never as an adjective)
    or ``place`` (never an actor).
    """

    key: str
    cls: AliasClass


@dataclass(frozen=True)
class AliasMatch:
    """An alias found in a document: tokens ``[start, end)`` and what it names."""

    start: int
    end: int
    target: AliasTarget


#: Letters Unicode decomposition gives no ASCII base, spelt as in machine-readable travel
#: documents (ICAO Doc 9303, part 3: "Næss" → "naess", "Strauß" → "strauss").
_NO_ASCII_BASE = str.maketrans(
    {"æ": "ae", "ø": "oe", "œ": "oe", "ß": "ss", "þ": "th", "ð": "d", "đ": "d", "ł": "l", "ı": "i"}
)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Volodymyr Zelensky" → "volodymyr-zelensky")."""
    spelt = text.lower().translate(_NO_ASCII_BASE)
    folded = unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def unresolved_key(text: str) -> str:
    """The key of a name the gazetteer does not know."""
    return f"unresolved:{slugify(text)}"


class Gazetteer:
    """Actors by key and the aliases that resolve to them (exact, case-sensitive surface forms).

    ``ambiguous`` maps an alias that names several actors ("Congo": the DR Congo or the
    Republic of the Congo) to its candidate keys, the default first; the alias's own
    target is the default, and the document's other evidence chooses among them
    (:mod:`zopa.extract._context`).
    """

    def __init__(
        self,
        actors: dict[str, ActorInfo],
        aliases: dict[str, AliasTarget],
        ambiguous: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.actors = actors
        self.aliases = aliases
        self.ambiguous = ambiguous or {}
        payload = json.dumps(
            [
                [asdict(a) for a in actors.values()],
                {k: asdict(v) for k, v in aliases.items()},
                self.ambiguous,
            ],
            sort_keys=True,
            ensure_ascii=False,
            default=str,  # the dates of a role
        )
        self.digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]

    def actor(self, key: str) -> ActorInfo | None:
        """The actor with this key, or None."""
        return self.actors.get(key)

    def resolve(self, surface: str) -> AliasTarget | None:
        """What the surface form (white space folded) names, or None."""
        return self.aliases.get(" ".join(surface.split()))


# --- states from the data packages -------------------------------------------------------


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def _demonym_forms(demonym: str) -> list[str]:
    # Nominal plurals: "Russian" → "Russians", "Israeli" → "Israelis"; "French" stays.
    return [demonym, demonym + "s"] if demonym.endswith(("n", "i")) else [demonym]


def _stan_demonym(name: str) -> str | None:
    """The current English demonym of a "-stan" state: "Kyrgyzstan" → "Kyrgyz".

    The package's demonyms for them are dated ("Kirghiz", "Tadzhik") or adjectival
    ("Uzbekistani"); news writes "Kyrgyz President …", "the Tajik side". A stem shorter
    than five letters ("Pak") is not one.
    """
    stem = re.sub(r"i?stan$", "", name)
    return stem if stem != name and len(stem) >= 5 else None


@lru_cache(maxsize=1)
def _package_states() -> tuple[dict[str, ActorInfo], dict[str, AliasTarget]]:
    from countryinfo import all_countries

    info: dict[str, dict[str, Any]] = {}
    for entry in all_countries():
        row: dict[str, Any] = dict(entry.info())
        code = (row.get("ISO") or {}).get("alpha3")
        if code and code not in info:
            info[code] = row
    actors: dict[str, ActorInfo] = {}
    candidates: dict[tuple[str, AliasClass], set[str]] = {}

    def add(alias: object, cls: AliasClass, code: str) -> None:
        if isinstance(alias, str) and "," not in alias and _latin(alias) and len(alias) > 3:
            candidates.setdefault((alias, cls), set()).add(code)

    for country in pycountry.countries:
        code = str(country.alpha_3)
        data = info.get(code, {})
        name = str(data.get("name") or getattr(country, "common_name", None) or country.name)
        actors[code] = ActorInfo(key=code, name=name, kind="state", country=code, sector="GOV")
        for alias in (
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
            data.get("name"),
            *(data.get("altSpellings") or []),
        ):
            add(alias, "name", code)
        capital = data.get("capital")
        for city in capital if isinstance(capital, list) else [capital]:
            add(city, "metonym", code)
        for demonym in (data.get("demonym"), _stan_demonym(name)):
            if isinstance(demonym, str) and demonym:
                for form in _demonym_forms(demonym):
                    add(form, "demonym", code)
    aliases: dict[str, AliasTarget] = {}

    def population(code: str) -> int:
        value = info.get(code, {}).get("population")
        return value if isinstance(value, int) else 0

    # Names win over metonyms over demonyms; an alias shared by several states
    # ("American": the United States and its outlying islands) names the most populous.
    for cls in ("demonym", "metonym", "name"):
        for (alias, alias_cls), codes in candidates.items():
            if alias_cls == cls:
                aliases[alias] = AliasTarget(max(sorted(codes), key=population), cls)
    return actors, aliases


# --- YAML files ----------------------------------------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _StateEntry(_Entry):
    country: str
    name: str | None = None
    names: list[str] = []
    metonyms: list[str] = []
    demonyms: list[str] = []


class _PersonEntry(_Entry):
    name: str
    key: str | None = None
    aliases: list[str] = []
    short: list[str] | None = None
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    sector: str | None = None
    since: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = Field(default=None, alias="to")


class _OrgEntry(_Entry):
    name: str
    key: str | None = None
    aliases: list[str] = []
    metonyms: list[str] = []
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    sector: str | None = None


class _AmbiguousEntry(_Entry):
    alias: str
    candidates: list[str]


class _GazetteerFile(_Entry):
    version: int = 1
    states: list[_StateEntry] = []
    people: list[_PersonEntry] = []
    organisations: list[_OrgEntry] = []
    groups: list[_OrgEntry] = []
    places: list[str] = []
    ambiguous: list[_AmbiguousEntry] = []


def _shipped_text() -> str:
    return resources.files("zopa.extract").joinpath("data/gazetteer.yaml").read_text("utf-8")


def _parse(text: str, where: str) -> _GazetteerFile:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ExtractionError(
            f"{where}{line}: invalid YAML in gazetteer ({problem}); fix the syntax there"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ExtractionError(
            f"{where}: a gazetteer must be a mapping with states/people/organisations/groups/places"
        )
    try:
        return _GazetteerFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = ".".join(str(part) for part in error["loc"])
        raise ExtractionError(
            f"{where}: gazetteer entry {loc}: {error['msg']}; see docs/extraction.md for the layout"
        ) from None


class _Builder:
    """Accumulates actors and aliases from the package states and the YAML files, in order."""

    def __init__(self) -> None:
        states, aliases = _package_states()
        self.actors: dict[str, ActorInfo] = dict(states)
        self.aliases: dict[str, AliasTarget] = dict(aliases)
        self.ambiguous: dict[str, tuple[str, ...]] = {}

    def _country(self, code: str | None, where: str) -> str | None:
        if code is None:
            return None
        if code.upper() not in self.actors or self.actors[code.upper()].kind != "state":
            raise ExtractionError(
                f"{where}: unknown ISO 3166-1 alpha-3 country code {code!r}; "
                "use a code such as RUS, UKR or USA"
            )
        return code.upper()

    def _alias(self, alias: str, target: AliasTarget) -> None:
        folded = " ".join(alias.split())
        if folded:
            self.aliases[folded] = target
            self.ambiguous.pop(folded, None)  # a file that names the actor settles it

    def _state(self, state: _StateEntry, where: str) -> str:
        """The state's code; an entry with a ``name`` adds (or renames) a state, so codes in
        common use outside ISO 3166 (XKX, Kosovo) can be described."""
        code = state.country.upper()
        if state.name is not None and re.fullmatch(r"[A-Z]{3}", code):
            self.actors[code] = ActorInfo(
                key=code, name=state.name, kind="state", country=code, sector="GOV"
            )
            self._alias(state.name, AliasTarget(code, "name"))
        checked = self._country(code, where)
        assert checked is not None
        return checked

    def add_file(self, parsed: _GazetteerFile, where: str) -> None:
        for i, state in enumerate(parsed.states):
            code = self._state(state, f"{where}: states[{i}] ({state.country!r})")
            classes: tuple[tuple[AliasClass, list[str]], ...] = (
                ("name", state.names),
                ("metonym", state.metonyms),
                ("demonym", state.demonyms),
            )
            for cls, forms in classes:
                for alias in forms:
                    self._alias(alias, AliasTarget(code, cls))
        for i, person in enumerate(parsed.people):
            key = person.key or f"person:{slugify(person.name)}"
            self.actors[key] = ActorInfo(
                key=key,
                name=person.name,
                kind="person",
                country=self._country(person.country, f"{where}: people[{i}] ({person.name!r})"),
                sector=person.sector,
                role=person.role,
                affiliation=person.affiliation,
                since=person.since,
                until=person.until,
            )
            words = person.name.split()
            short = (
                person.short if person.short is not None else words[-1:] if len(words) > 1 else []
            )
            for alias in (*short, person.name, *person.aliases):
                self._alias(alias, AliasTarget(key, "name"))
        for kind, entries in (("organisation", parsed.organisations), ("group", parsed.groups)):
            prefix = "org" if kind == "organisation" else "group"
            section = "organisations" if kind == "organisation" else "groups"
            for i, org in enumerate(entries):
                key = org.key or f"{prefix}:{slugify(org.aliases[0] if org.aliases else org.name)}"
                self.actors[key] = ActorInfo(
                    key=key,
                    name=org.name,
                    kind=kind,
                    country=self._country(org.country, f"{where}: {section}[{i}] ({org.name!r})"),
                    sector=org.sector,
                    role=org.role,
                    affiliation=org.affiliation,
                )
                for alias in (org.name, *org.aliases):
                    self._alias(alias, AliasTarget(key, "name"))
                for alias in org.metonyms:
                    self._alias(alias, AliasTarget(key, "metonym"))
        for place in parsed.places:
            self._alias(place, AliasTarget("", "place"))
        for entry in parsed.ambiguous:
            self._ambiguous(entry, where)

    def _ambiguous(self, entry: _AmbiguousEntry, where: str) -> None:
        """An alias naming several actors: the first candidate becomes its default target."""
        alias = " ".join(entry.alias.split())
        keys = tuple(k.upper() if re.fullmatch(r"[a-zA-Z]{3}", k) else k for k in entry.candidates)
        unknown = [k for k in keys if k not in self.actors]
        if unknown or len(keys) < 2:
            raise ExtractionError(
                f"{where}: ambiguous alias {alias!r} needs two or more known actor keys "
                f"(unknown: {', '.join(unknown) or 'none'}); use ISO codes or keys defined above"
            )
        old = self.aliases.get(alias)
        self.aliases[alias] = AliasTarget(keys[0], old.cls if old is not None else "name")
        self.ambiguous[alias] = keys

    def build(self) -> Gazetteer:
        # An affiliation naming an actor key is shown as that actor's name.
        actors = {
            key: ActorInfo(**{**asdict(a), "affiliation": self.actors[a.affiliation].name})
            if a.affiliation in self.actors
            else a
            for key, a in self.actors.items()
        }
        return Gazetteer(actors, self.aliases, self.ambiguous)


@lru_cache(maxsize=8)
def _load_cached(files: tuple[tuple[str, str], ...]) -> Gazetteer:
    builder = _Builder()
    builder.add_file(_parse(_shipped_text(), "zopa/extract/data/gazetteer.yaml"), "shipped")
    for where, text in files:
        builder.add_file(_parse(text, where), where)
    return builder.build()


def load_gazetteer(paths: Iterable[str | Path] | Sequence[str | Path] = ()) -> Gazetteer:
    """The shipped gazetteer extended by the YAML files at ``paths`` (later files win).

    Raises
    ------
    ExtractionError
        A file is missing, is not valid YAML (the message names the file and line),
        or has an entry of the wrong shape or an unknown country code.
    """
    files = tuple(
        (
            display_path(p),
            read_text(
                p, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what="gazetteer file"
            ),
        )
        for p in paths
    )
    return _load_cached(files)

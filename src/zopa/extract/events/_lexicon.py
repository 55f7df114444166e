"""The event lexicon: trigger entries (PLOVER type, mode, CAMEO code) read from YAML.

``data/events.yaml`` (or a user's file) lists one entry per trigger sense with its lemmas
and the conditions it needs; the word lists the frame and status rules read (light verbs,
intent verbs, reporting verbs, words of possibility) sit at its top. The format is
documented in the file's header and in docs/extraction-events.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from zopa.errors import ExtractionError
from zopa.files import MAX_DATA_FILE_BYTES, display_path, read_text, yaml_error_line

__all__ = [
    "EVENT_FIELDS",
    "PARTS_OF_SPEECH",
    "PLOVER_TYPES",
    "THIRD_PARTY_MODES",
    "EventEntry",
    "EventLexicon",
    "load_event_lexicon",
]

EVENT_FIELDS = (
    "type",
    "mode",
    "cameo",
    "source_actor",
    "target_actor",
    "date",
    "date_text",
    "place",
    "status",
)

PLOVER_TYPES = frozenset(
    "CONSULT AGREE SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)

PARTS_OF_SPEECH = {"verbs": ("VERB",), "nouns": ("NOUN", "PROPN"), "adjectives": ("ADJ",)}

_SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})

#: PLOVER CONSULT modes of a third party: a mediator (CAMEO 045) or a host (CAMEO 043) acts
#: towards the parties it brings together and is never one of them.
THIRD_PARTY_MODES = frozenset({"mediate", "host"})


@dataclass(frozen=True)
class EventEntry:
    """One trigger sense of the lexicon: a PLOVER type and mode with its CAMEO code."""

    id: str
    type: str
    cameo: str
    mode: str | None = None
    topic: str | None = None
    needs_prep: frozenset[str] = frozenset()
    needs_doer: bool = False
    objects: frozenset[str] = frozenset()
    #: entity labels whose names also count as objects ("hosted Netanyahu": PERSON)
    named_objects: frozenset[str] = frozenset()
    standalone: bool = True
    unless_amod: frozenset[str] = frozenset()
    #: an event of this entry needs a named target ("backed X"; "he supports" alone is vague)
    needs_target: bool = False
    #: the objects are instruments (troops moved, aid sent), never the event's target
    instrument_objects: bool = False
    #: modifiers a noun trigger needs ("joint exercises", "combined drills")
    needs_amod: frozenset[str] = frozenset()
    #: a noun counts only when its doer is a common noun of people ("a strike by dock
    #: workers", "the nurses' strike"; "a strike" alone may be an attack)
    people_doer: bool = False
    #: object lemmas that make a verb no event of this entry ("fight fires" is no attack)
    unless_objects: frozenset[str] = frozenset()
    complement: dict[str, dict[str, str]] = field(default_factory=dict)
    when_negated: dict[str, dict[str, str]] = field(default_factory=dict)
    kinds: tuple[str, ...] = ()
    symmetric: bool = False


@dataclass(frozen=True)
class EventLexicon:
    """The event lexicon: trigger entries plus the word lists the argument rules use."""

    entries: tuple[EventEntry, ...]
    phrases: tuple[tuple[str, str, tuple[str, ...]], ...]  # (entry id, kind, lemmas)
    light_verbs: frozenset[str]
    proxy_nouns: frozenset[str]
    intent_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    hypothetical_words: frozenset[str]
    partitive_nouns: frozenset[str] = frozenset()
    #: verbs under which an event did not take place ("refused to sign")
    refusal_verbs: frozenset[str] = frozenset()
    #: the CAMEO code of an event of each type that no entry names (the type classifier's)
    type_codes: dict[str, str] = field(default_factory=dict)

    def entry(self, entry_id: str) -> EventEntry:
        """The entry called ``entry_id``."""
        return self._by_id[entry_id]

    @cached_property
    def _by_id(self) -> dict[str, EventEntry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def third_party_verbs(self) -> frozenset[str]:
        """One-word verbs of the entries a mediator or host does ("host", "mediate")."""
        return frozenset(
            lemmas[0]
            for entry_id, kind, lemmas in self.phrases
            if kind == "verbs"
            and len(lemmas) == 1
            and self._by_id[entry_id].mode in THIRD_PARTY_MODES
        )


def _words(value: Any, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExtractionError(f"event lexicon {where}: expected a list of words, got {value!r}")
    return frozenset(v.lower() for v in value)


def _mapping(value: Any, where: str) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ExtractionError(f"event lexicon {where}: expected topic: {{cameo: ...}} mapping")
    out: dict[str, dict[str, str]] = {}
    for topic, spec in value.items():
        if not isinstance(spec, dict) or not set(spec) <= {"type", "mode", "cameo"}:
            raise ExtractionError(
                f"event lexicon {where}.{topic}: expected keys type/mode/cameo, got {spec!r}"
            )
        if "type" in spec and spec["type"] not in PLOVER_TYPES:
            raise ExtractionError(f"event lexicon {where}.{topic}: unknown type {spec['type']!r}")
        out[str(topic)] = {k: str(v) for k, v in spec.items()}
    return out


def _parse_lexicon(data: Any, source: str) -> EventLexicon:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ExtractionError(f"event lexicon {source}: expected a mapping with an 'entries' list")
    entries: list[EventEntry] = []
    phrases: list[tuple[str, str, tuple[str, ...]]] = []
    for number, raw in enumerate(data["entries"], start=1):
        where = f"{source} entry {number}"
        if not isinstance(raw, dict) or not {"id", "type", "cameo"} <= set(raw):
            raise ExtractionError(f"event lexicon {where}: needs id, type and cameo")
        if raw["type"] not in PLOVER_TYPES:
            raise ExtractionError(
                f"event lexicon {where}: unknown PLOVER type {raw['type']!r}; "
                f"use one of {', '.join(sorted(PLOVER_TYPES))}"
            )
        kinds = tuple(k for k in PARTS_OF_SPEECH if raw.get(k))
        for kind in kinds:
            for phrase in _words(raw[kind], f"{where}.{kind}"):
                phrases.append((str(raw["id"]), kind, tuple(phrase.split())))
        entries.append(
            EventEntry(
                id=str(raw["id"]),
                type=str(raw["type"]),
                cameo=str(raw["cameo"]),
                mode=raw.get("mode"),
                topic=raw.get("topic"),
                needs_prep=_words(raw.get("needs_prep"), f"{where}.needs_prep"),
                needs_doer=bool(raw.get("needs_doer", False)),
                objects=_words(raw.get("objects"), f"{where}.objects"),
                named_objects=_words(raw.get("named_objects"), f"{where}.named_objects"),
                standalone=bool(raw.get("standalone", True)) and "adjectives" not in kinds,
                unless_amod=_words(raw.get("unless_amod"), f"{where}.unless_amod"),
                needs_target=bool(raw.get("needs_target", False)),
                instrument_objects=bool(raw.get("instrument_objects", False)),
                needs_amod=_words(raw.get("needs_amod"), f"{where}.needs_amod"),
                people_doer=bool(raw.get("people_doer", False)),
                unless_objects=_words(raw.get("unless_objects"), f"{where}.unless_objects"),
                complement=_mapping(raw.get("complement"), f"{where}.complement"),
                when_negated=_mapping(raw.get("when_negated"), f"{where}.when_negated"),
                kinds=kinds,
                symmetric=bool(raw.get("symmetric", raw["type"] in _SYMMETRIC)),
            )
        )
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise ExtractionError(f"event lexicon {source}: entry ids must be unique")
    codes = data.get("type_codes") or {}
    if not isinstance(codes, dict) or not set(codes) <= PLOVER_TYPES:
        raise ExtractionError(
            f"event lexicon {source} type_codes: expected PLOVER type: CAMEO code pairs"
        )
    return EventLexicon(
        entries=tuple(entries),
        phrases=tuple(phrases),
        light_verbs=_words(data.get("light_verbs"), f"{source} light_verbs"),
        proxy_nouns=_words(data.get("proxy_nouns"), f"{source} proxy_nouns"),
        intent_verbs=_words(data.get("intent_verbs"), f"{source} intent_verbs"),
        reporting_verbs=_words(data.get("reporting_verbs"), f"{source} reporting_verbs"),
        hypothetical_words=_words(data.get("hypothetical_words"), f"{source} hypothetical_words"),
        partitive_nouns=_words(data.get("partitive_nouns"), f"{source} partitive_nouns"),
        refusal_verbs=_words(data.get("refusal_verbs"), f"{source} refusal_verbs"),
        type_codes={str(k): str(v) for k, v in codes.items()},
    )


def load_event_lexicon(path: str | Path | None = None) -> EventLexicon:
    """Read an event lexicon (the shipped ``data/events.yaml`` when ``path`` is None).

    Raises
    ------
    ExtractionError
        The file is missing, is not YAML, or an entry is malformed (the message names it).
    """
    if path is None:
        text = resources.files("zopa.extract").joinpath("data/events.yaml").read_text("utf-8")
        source = "data/events.yaml"
    else:
        source = display_path(path)
        text = read_text(
            path, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what="event lexicon"
        )
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ExtractionError(
            f"event lexicon {source}{line}: not valid YAML; fix the syntax there"
        ) from exc
    return _parse_lexicon(data, source)

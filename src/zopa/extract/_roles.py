"""Who a named person or unknown organisation stands for, read from titles and appositions.

"Rwandan President Paul Kagame", "Congolese Foreign Minister X", "M23 spokesman
Lawrence Kanyuka", "X, Qatar's minister of state", "Jane Doe, an analyst at Chatham
House": the title before a name, or the apposition after it, gives the person's
``role`` and the state or organisation they lead or represent. :func:`link_actors`
returns, for every actor the gazetteer does not know, the fields the document
gives it (the gazetteer's own entries are the analyst's word and are not changed):

``country``
    ISO 3166-1 alpha-3 code of the state the person represents (or, for someone
    speaking for an organisation, the organisation's country);
``role``
    the title in lower case ("president", "foreign minister", "spokesman");
``affiliation``
    the organisation's name when it is not a state ("M23", "Chatham House");
``sector``
    CAMEO/PLOVER actor sector: ``EDU`` for analysts, academics and think-tank
    fellows, ``MED`` for journalists, the organisation's sector for its officials
    (``REB`` for an armed group's), ``MIL`` for a state's commanders, ``GOV`` for a
    state's other officials;
``kind``
    for an unknown organisation described as an armed or rebel group, ``group``.

An unknown organisation named as the medium ("told X", "X reported") gets ``MED``;
one described as a rebel or armed group gets ``REB``; one whose name begins with a
state's name or demonym ("the Armenian Foreign Ministry") gets that state's
``country`` (and ``GOV`` for a ministry or presidency).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span

from zopa.extract._gazetteer import AliasMatch, Gazetteer

__all__ = ["ROLE_NOUNS", "link_actors"]

ROLE_NOUNS = {
    "president", "minister", "premier", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "ambassador", "diplomat", "negotiator", "official", "adviser",
    "advisor", "aide", "secretary", "leader", "chief", "head", "chairman", "chairwoman",
    "commander", "general", "governor", "mayor", "speaker", "representative", "mediator",
    "analyst", "researcher", "professor", "fellow", "scholar", "economist", "expert",
    "lecturer", "director", "journalist", "correspondent", "reporter", "editor", "king",
    "emir", "prince", "coordinator", "lawmaker", "senator", "deputy", "colonel", "officer",
}  # fmt: skip
"""Nouns that make a title or apposition a role."""

_TITLE_MODIFIERS = {
    "foreign", "defence", "defense", "interior", "finance", "prime", "vice", "deputy",
    "special", "senior", "chief", "former", "state", "national", "security", "military",
    "political", "top", "presidential", "acting", "lead", "general", "of", "for", "affairs",
    "regional", "international", "integration", "cooperation", "army", "rebel",
}  # fmt: skip
_COMMENTATORS = {
    "analyst", "researcher", "professor", "fellow", "scholar", "economist", "expert",
    "lecturer",
}  # fmt: skip
_PRESS = {"journalist", "correspondent", "reporter", "editor"}
_MILITARY = {"commander", "general", "colonel", "officer"}
_GROUP_NOUNS = {"rebels", "rebel", "militia", "insurgents", "fighters", "armed"}
_MEDIUM_VERBS = {"report", "reported", "reports"}
_GOVERNMENT_HEADS = {"Ministry", "Presidency", "Government", "Office", "Cabinet"}

_Named = tuple[int, str, str]
"""An actor named in the document: start token, actor key, surface form."""


def _role_words(doc: Doc, start: int, end: int) -> str | None:
    """The title in tokens ``[start, end)`` in lower case, if it has a role noun."""
    words = [t.lower_ for t in doc[start:end]]
    if not any(w in ROLE_NOUNS or w.removesuffix("s") in ROLE_NOUNS for w in words):
        return None
    while words and words[-1] in {"of", "for"}:
        words.pop()
    return " ".join(words) or None


def _title_before(doc: Doc, start: int) -> int:
    """Start of the run of title words ending just before token ``start``."""
    i = start
    while i > 0 and (doc[i - 1].lower_ in ROLE_NOUNS or doc[i - 1].lower_ in _TITLE_MODIFIERS):
        i -= 1
    while i < start and doc[i].lower_ in {"of", "for"}:
        i += 1
    return i


def _sector(role: str, represents: str | None, gazetteer: Gazetteer) -> str | None:
    words = set(role.split())
    if words & _COMMENTATORS:
        return "EDU"
    if words & _PRESS:
        return "MED"
    actor = gazetteer.actor(represents) if represents else None
    if actor is None:
        return None
    if actor.kind == "state":
        return "MIL" if words & _MILITARY else "GOV"
    return actor.sector


def _fields(role: str | None, represents: _Named | None, gazetteer: Gazetteer) -> dict[str, str]:
    """Fields of someone with ``role`` who represents the actor named ``represents``."""
    key = represents[1] if represents else None
    actor = gazetteer.actor(key) if key else None
    fields: dict[str, str] = {}
    if role:
        fields["role"] = role
    if represents is not None and actor is None:
        fields["affiliation"] = represents[2]  # an organisation the gazetteer does not know
    elif actor is not None:
        if actor.kind == "state":
            fields["country"] = actor.key
        else:
            fields["affiliation"] = actor.name
            if actor.country:
                fields["country"] = actor.country
    sector = _sector(role, key, gazetteer) if role else None
    if sector:
        fields["sector"] = sector
    return fields


def link_actors(
    doc: Doc,
    mentions: list[Span],
    found: list[AliasMatch],
    gazetteer: Gazetteer,
    choices: Mapping[str, tuple[str, str | None]],
) -> dict[str, dict[str, str]]:
    """The fields the document gives each actor the gazetteer does not know (key → fields).

    The first title or apposition that gives a field wins; later ones fill only what
    is still missing.
    """
    # Who each token range names: mentions, and demonyms or capitals used as modifiers.
    named: dict[int, _Named] = {}  # end token → (start token, actor key, surface form)
    for match in found:
        alias = " ".join(doc[match.start : match.end].text.split())
        key = choices.get(alias, (match.target.key, None))[0]
        if key:
            named[match.end] = (match.start, key, alias)
    for mention in mentions:
        named[mention.end] = (mention.start, mention.kb_id_, " ".join(mention.text.split()))
    info: dict[str, dict[str, str]] = {}

    def give(key: str, fields: dict[str, str]) -> None:
        current = info.setdefault(key, {})
        for name, value in fields.items():
            current.setdefault(name, value)

    for mention in mentions:
        key = mention.kb_id_
        if gazetteer.actor(key) is not None:
            continue
        if mention.label_ == "person":
            give(key, _person(doc, mention, named, gazetteer))
        elif mention.label_ in {"organisation", "group"}:
            give(key, _organisation(doc, mention, named, gazetteer, choices))
    return {key: fields for key, fields in info.items() if fields}


def _represented(named: dict[int, _Named], start: int, end: int, itself: str) -> _Named | None:
    """The first actor named in tokens ``[start, end)`` other than ``itself``."""
    hits = sorted(n for e, n in named.items() if start <= n[0] and e <= end and n[1] != itself)
    return hits[0] if hits else None


def _person(
    doc: Doc, mention: Span, named: dict[int, _Named], gazetteer: Gazetteer
) -> dict[str, str]:
    fields: dict[str, str] = {}
    title = _title_before(doc, mention.start)
    if title < mention.start:
        role = _role_words(doc, title, mention.start)
        before = named.get(title)
        if role is not None:
            fields = _fields(role, before, gazetteer)
    apposition = _apposition(doc, mention)
    if apposition is not None:
        start, end = apposition
        role = _apposition_role(doc, start, end)
        if role is not None:
            represents = _represented(named, start, end, mention.kb_id_)
            for name, value in _fields(role, represents, gazetteer).items():
                fields.setdefault(name, value)
    return fields


def _apposition(doc: Doc, mention: Span) -> tuple[int, int] | None:
    """Tokens of ", an analyst at Chatham House," right after the name, if any."""
    if mention.end >= len(doc) or doc[mention.end].text != ",":
        return None
    start = mention.end + 1
    end = start
    while end < len(doc) and end - start < 14 and doc[end].text not in {",", ".", ";", ":", "—"}:
        if doc[end].pos_ in {"VERB", "AUX"} and doc[end].lower_ not in {"based"}:
            return None  # a clause, not an apposition
        end += 1
    if end == start or doc[start].pos_ not in {"DET", "PROPN", "ADJ", "NOUN", "PRON"}:
        return None
    return start, end


def _apposition_role(doc: Doc, start: int, end: int) -> str | None:
    """The title in an apposition: the role noun with the title words around it."""
    for i in range(start, end):
        if doc[i].lower_ in ROLE_NOUNS:
            first = i
            while first > start and doc[first - 1].lower_ in _TITLE_MODIFIERS:
                first -= 1
            last = i + 1
            # "minister of state", "secretary for foreign affairs"
            while (
                last + 1 < end
                and doc[last].lower_ in {"of", "for"}
                and (doc[last + 1].lower_ in _TITLE_MODIFIERS or doc[last + 1].lower_ == "state")
            ):
                last += 2
                while last < end and doc[last].lower_ in _TITLE_MODIFIERS - {"of", "for"}:
                    last += 1
            return _role_words(doc, first, last)
    return None


def _leading_state(
    mention: Span, gazetteer: Gazetteer, choices: Mapping[str, tuple[str, str | None]]
) -> str | None:
    """The state whose name or demonym begins the name ("Malian" in "Malian Foreign Ministry")."""
    for size in (2, 1):
        if len(mention) > size:
            alias = " ".join(mention[:size].text.split())
            target = gazetteer.resolve(alias)
            if target is not None and target.cls in {"name", "demonym"}:
                key = choices.get(alias, (target.key, None))[0]
                actor = gazetteer.actor(key)
                if actor is not None and actor.kind == "state":
                    return key
    return None


def _organisation(
    doc: Doc,
    mention: Span,
    named: dict[int, _Named],
    gazetteer: Gazetteer,
    choices: Mapping[str, tuple[str, str | None]],
) -> dict[str, str]:
    fields: dict[str, str] = {}
    after = {t.lower_ for t in doc[mention.end : mention.end + 2]}
    before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
    if before in {"told", "tells", "tell"} or (
        mention.end < len(doc) and doc[mention.end].lower_ in _MEDIUM_VERBS
    ):
        fields["sector"] = "MED"
    elif after & _GROUP_NOUNS or before in {"rebel", "armed"}:
        fields.update(kind="group", sector="REB")
    # "the Armenian Foreign Ministry", "Azerbaijan's Defence Ministry".
    owner = named.get(mention.start) or named.get(mention.start - 1)
    state = _leading_state(mention, gazetteer, choices) or (owner[1] if owner else None)
    actor = gazetteer.actor(state) if state else None
    if actor is not None and actor.kind == "state":
        fields["country"] = actor.key
        if mention[-1].text in _GOVERNMENT_HEADS:
            fields.setdefault("sector", "GOV")
    return fields

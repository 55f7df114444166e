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

A titled phrase before the name ("Kenya's special envoy, X", "The government's chief
negotiator, X"), a delegation ("Chile's delegation, headed by X", "X, who leads the
Bolivian delegation") and the office given elsewhere to one state ("President X" …
"Kenya's president") link a person too; links through "the government" or an office
named elsewhere are unsure, the reason kept in the mention's fields.

An unknown organisation used as a news outlet ("told X", "X reported", "a correspondent
for X": :mod:`._outlets`) gets ``MED``;
one described as a rebel or armed group gets ``REB``; one whose name begins with a
state's name or demonym ("the Armenian Foreign Ministry") gets that state's
``country`` (and ``GOV`` for a ministry or presidency).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from spacy.tokens import Doc, Span

from zopa.extract._context import government_state
from zopa.extract._credits import first_dateline
from zopa.extract._doc import FIELDS, PUBLISHED
from zopa.extract._gazetteer import AliasMatch, Gazetteer, held_role
from zopa.extract._institutions import institution_sector, named_state
from zopa.extract._officials import (
    OFFICES,
    context_actor,
    dateline_place,
    scene_state,
    states_named_with,
)
from zopa.extract._org_nouns import body_by_noun, org_nouns
from zopa.extract._outlets import is_outlet
from zopa.extract._parties import PARTY_SECTOR, led_party, political

__all__ = ["ROLE_NOUNS", "introduced_as_person", "link_actors"]

ROLE_NOUNS = {
    "president", "minister", "premier", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "ambassador", "diplomat", "negotiator", "official", "adviser",
    "advisor", "aide", "secretary", "leader", "chief", "head", "chairman", "chairwoman",
    "commander", "general", "governor", "mayor", "speaker", "representative", "mediator",
    "analyst", "researcher", "professor", "fellow", "scholar", "economist", "expert",
    "lecturer", "director", "journalist", "correspondent", "reporter", "editor", "king",
    "emir", "prince", "coordinator", "lawmaker", "senator", "deputy", "colonel", "officer",
    "chairperson", "commissioner", "undersecretary", "delegate", "columnist", "counterpart",
    "scientist", "facilitator", "executive", "counsel", "manager", "chair", "founder", "ceo",
}  # fmt: skip
"""Nouns that make a title or apposition a role."""

_TITLE_MODIFIERS = {
    "foreign", "defence", "defense", "interior", "finance", "prime", "vice", "deputy",
    "special", "senior", "chief", "former", "state", "national", "security", "military",
    "political", "top", "presidential", "acting", "lead", "general", "of", "for", "affairs",
    "regional", "international", "integration", "cooperation", "army", "rebel", "ex",
    "managing", "executive", "operating", "financial",
}  # fmt: skip
_COMMENTATORS = {
    "analyst", "researcher", "professor", "fellow", "scholar", "economist", "expert",
    "lecturer", "scientist",
}  # fmt: skip
_PRESS = {"journalist", "correspondent", "reporter", "editor", "columnist"}
_MILITARY = {"commander", "general", "colonel", "officer"}
_GROUP_NOUNS = {
    "rebels", "rebel", "militia", "insurgents", "fighters", "armed", "guerrilla", "guerrillas",
    "militants",
}  # fmt: skip
_DELEGATIONS = {"delegation", "side", "team", "negotiators", "panel", "mission"}
"""Nouns for the people a party sends to talks ("Kenya's delegation", "the Kenyan side")."""
_LEADS = {"head", "lead", "chair", "represent", "coordinate"}
_MEMBERS = {"member", "head", "leader", "chief"}
_PORTFOLIO_NOUNS = {"relations", "affairs", "integration", "cooperation", "policy"}
"""Nouns after an actor in a title that make the actor a portfolio ("minister for EU
relations"), not what the person represents."""
_ELECTORAL = {
    "party", "bloc", "alliance", "coalition", "election", "elections", "vote", "votes",
    "seats", "parliament", "poll", "polls",
}  # fmt: skip
"""Words of a "whose" clause that make the body named a party ("whose CDU bloc won")."""
_BACKING = {"led", "backed"}
"""Words after "X-" that make X the backer of a body ("the Saudi-led coalition")."""
_LEADERS = {"president", "prime minister", "premier", "chancellor"}
"""Offices whose holder a text may call the state's "leader"."""
_GOVERNMENT_HEADS = {"Ministry", "Presidency", "Government", "Office", "Cabinet"}

_BODIES = {"organisation", "group"}
_RELATIVES = {"who", "whose", "which"}
_STATE_BODIES = {"government", "army", "military", "navy", "police", "cabinet"}
"""Common nouns of a state's own bodies ("the army chief, General X"): the state "the
government" means, when no group of the document is called so."""
_GENERIC_BODIES = {
    "group", "movement", "organisation", "organization", "rebels", "guerrilla", "guerrillas",
    "militia", "insurgents", "party", "alliance", "coalition", "bloc",
}  # fmt: skip
"""Common nouns for a body the passage has just named ("a spokesman for the group")."""
_Named = tuple[int, str, str]
"""An actor named in the document: start token, actor key, surface form."""


def _role_words(doc: Doc, start: int, end: int) -> str | None:
    """The title in tokens ``[start, end)`` in lower case, if it has a role noun."""
    words = [t.lower_ for t in doc[start:end]]
    if not any(w in ROLE_NOUNS or w.removesuffix("s") in ROLE_NOUNS for w in words):
        return None
    while words and words[-1] in {"of", "for"}:
        words.pop()
    role = " ".join(words).replace(" - ", "-")
    return re.sub(r"\bex-", "former ", role) or None  # "ex-president": a former one


def _title_before(doc: Doc, start: int) -> int:
    """Start of the run of title words ending just before token ``start``."""
    i = start
    while i > 0 and (
        doc[i - 1].lower_ in ROLE_NOUNS
        or doc[i - 1].lower_ in _TITLE_MODIFIERS
        or (doc[i - 1].text == "-" and i > 1 and doc[i - 2].lower_ in _TITLE_MODIFIERS)
    ):
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
    first: dict[str, str] = {}  # an actor's first name in the document ("the rebels" → ALF)
    for mention in sorted(mentions, key=lambda m: m.start):
        surface = first.setdefault(mention.kb_id_, " ".join(mention.text.split()))
        named[mention.end] = (mention.start, mention.kb_id_, surface)
    rebels = [
        actor.country
        for m in mentions
        if (actor := gazetteer.actor(m.kb_id_)) is not None
        and actor.sector == "REB"
        and actor.country is not None
    ]
    states = _states(doc, mentions, found, named, gazetteer)
    government = government_state(states, rebels)
    nouns = org_nouns(doc, mentions)
    bodies = {m.kb_id_ for m in mentions if m.label_ in _BODIES}
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
            linked = "country" in info.get(key, {})
            fields, unsure = _person(
                doc, mention, named, gazetteer, government, nouns, mentions, bodies
            )
            give(key, fields)
            if unsure is not None and not linked:
                mention._.set(FIELDS, {**(mention._.get(FIELDS) or {}), "unsure": unsure})
        elif mention.label_ in {"organisation", "group"}:
            give(key, _organisation(doc, mention, named, gazetteer, choices))
    _institutions(mentions, named, gazetteer, info, government)
    # The passage first (the state acting just before), then the office named elsewhere,
    # then the one state of the official's own sentence.
    home = government[0] if government else None
    _officials(doc, mentions, named, gazetteer, info, home, rule="before")
    _titled_elsewhere(doc, mentions, named, gazetteer, info)
    for rule in ("sentence", "scene", "dateline"):
        _officials(doc, mentions, named, gazetteer, info, home, rule=rule)
    # the weakest reading: the one state whose government the article names
    governing = sorted({key for key, government in states if government})
    named_home = governing[0] if len(governing) == 1 else None
    _officials(doc, mentions, named, gazetteer, info, named_home, rule="government")
    _party_members(doc, mentions, info)
    _through_bodies(mentions, info)
    return {key: fields for key, fields in info.items() if fields}


def _institutions(
    mentions: list[Span],
    named: dict[int, _Named],
    gazetteer: Gazetteer,
    info: dict[str, dict[str, str]],
    government: tuple[str, str] | None,
) -> None:
    """A state institution named bare ("the National Assembly", :mod:`._institutions`)
    is the state of the people and states its sentence names, when they name one ("Prime
    Minister X told lawmakers in the National Assembly"), else the state "the government"
    means in the document; both readings are unsure."""

    def state_of(key: str) -> str | None:
        actor = gazetteer.actor(key)
        if actor is not None:
            return actor.key if actor.kind == "state" else actor.country
        return info.get(key, {}).get("country")

    for mention in mentions:
        if gazetteer.actor(mention.kb_id_) is not None:
            continue
        fields = info.setdefault(mention.kb_id_, {})
        name = " ".join(mention.text.split())
        sector = institution_sector(name)
        if mention.label_ not in _BODIES or "country" in fields or sector is None:
            continue
        sentence = mention.sent
        states = {
            state
            for end, (start, key, _) in named.items()
            if sentence.start <= start
            and end <= sentence.end
            and key != mention.kb_id_
            and (state := state_of(key)) is not None
        }
        if len(states) == 1:
            state = states.pop()
            reason = f"{name!r} read as {state}'s institution: the only state its sentence names"
        elif government is not None:
            state, reason = government[0], f"{name!r} read as a state institution; {government[1]}"
        else:
            continue
        fields["country"] = state
        fields.setdefault("sector", sector)
        mention._.set(FIELDS, {**(mention._.get(FIELDS) or {}), "unsure": reason})


def _through_bodies(mentions: list[Span], info: dict[str, dict[str, str]]) -> None:
    """A person who serves an organisation of a state ("the chairman of the State Committee
    for National Security", "a spokesperson for the Senate") represents that state too."""
    countries: dict[str, str] = {}
    for mention in mentions:
        country = info.get(mention.kb_id_, {}).get("country")
        if mention.label_ in _BODIES and country is not None:
            countries.setdefault(" ".join(mention.text.split()), country)
    for fields in info.values():
        body = fields.get("affiliation")
        if body in countries and "country" not in fields:
            fields["country"] = countries[body]


def _party_members(doc: Doc, mentions: list[Span], info: dict[str, dict[str, str]]) -> None:
    """Sector PTY for the parties (:mod:`._parties`) and the people they title; "X of the
    Greens", "X, who became the party's leader" (the last party named before) and "X,
    whose CDU won" (the body named is a party) link X."""
    parties = {
        m.kb_id_: " ".join(m.text.split())
        for m in mentions
        if (m._.get(FIELDS) or {}).get("sector") == PARTY_SECTOR
    }
    if political(doc):  # acronyms given a leader: "SPD leader X", "leader of the CSU"
        parties |= {
            m.kb_id_: m.text
            for m in mentions
            if m.label_ in {"organisation", "group"}
            and m.kb_id_.startswith("unresolved:")
            and m.text.isupper()
            and any(led_party(doc, t.i, t.i + 1) for t in doc if t.text == m.text)
        }
        whose = {p.kb_id_: key for p in mentions if (key := _whose(doc, p, mentions))}
        parties |= {
            m.kb_id_: " ".join(m.text.split()) for m in mentions if m.kb_id_ in whose.values()
        }
    else:
        whose = {}
    if not parties:
        return
    for key in parties:
        info.setdefault(key, {}).setdefault("sector", PARTY_SECTOR)
    bodies = {m.kb_id_: " ".join(m.text.split()) for m in mentions if m.label_ in _BODIES}
    for person in (m for m in mentions if m.label_ == "person"):
        fields = info.setdefault(person.kb_id_, {})
        if "country" in fields or "affiliation" in fields:
            continue
        body = whose.get(person.kb_id_) or _party_of(doc, person, mentions, parties)
        if body is not None and body in bodies:
            fields["affiliation"] = bodies[body]
            if body in parties:
                fields["sector"] = PARTY_SECTOR
    names = set(parties.values())
    for fields in info.values():
        if fields.get("affiliation") in names:
            fields.setdefault("sector", PARTY_SECTOR)


def _whose(doc: Doc, person: Span, mentions: list[Span]) -> str | None:
    """The key of the body in "X, whose conservative CDU won the election" (a person's
    party in a document about party politics: the clause speaks of a party, a bloc or a
    vote, not "whose company Y"), else None."""
    end = person.end
    if person.label_ != "person" or doc[end : end + 2].text.lower() != ", whose":
        return None
    starts = {m.start: m.kb_id_ for m in mentions if m.label_ in _BODIES}
    for token in doc[end + 2 : end + 8]:  # "whose centre-right", "whose CDU/CSU bloc"
        if token.i in starts:
            clause = []
            for word in doc[token.i : token.i + 12]:
                if word.text in {",", ".", ";", ":"}:
                    break  # the relative clause ends
                clause.append(word.lower_)
            electoral = bool(_ELECTORAL.intersection(clause))
            return starts[token.i] if electoral else None
        verb = token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound"}
        if verb or (token.is_punct and token.text not in {"-", "/"}):
            return None
    return None


def _party_of(
    doc: Doc, person: Span, mentions: list[Span], parties: Mapping[str, str]
) -> str | None:
    """The key of the organisation of "X of the SPD", or of the party of "X, who became
    the party's leader" (the last party named before X)."""
    title = _title_before(doc, person.start)
    if 0 < title < person.start:  # "VVD leader X": the NER's title word names no mention
        by_text = {surface: key for key, surface in parties.items()}
        if doc[title - 1].text in by_text:
            return by_text[doc[title - 1].text]
    end = person.end
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        at = end + 2 if doc[end + 1].lower_ == "the" else end + 1
        return next((m.kb_id_ for m in mentions if m.start == at and m.label_ in _BODIES), None)
    words = [t.lower_ for t in doc[end : end + 10]]
    if words[:1] != [","] or "party" not in words:
        return None
    after = words[words.index("party") + 1 :]
    if after[:1] != ["'s"] or not any(w in ROLE_NOUNS for w in after):
        return None
    before = [m for m in mentions if m.end <= person.start and m.kb_id_ in parties]
    return before[-1].kb_id_ if before else None


def _titled_elsewhere(
    doc: Doc,
    mentions: list[Span],
    named: dict[int, _Named],
    gazetteer: Gazetteer,
    info: dict[str, dict[str, str]],
) -> None:
    """Link a person known only by a bare title ("President X") to the one state the
    document gives that office elsewhere ("Kenya's president", "the Kenyan president"),
    marking the person's first mention unsure with the reason. An office another person
    of that state is known to hold ("X, Oman's foreign minister") is not this person's."""
    held = {
        (fields["country"], fields["role"])
        for fields in info.values()
        if "country" in fields and "role" in fields
    }
    for key, fields in info.items():
        role = fields.get("role")
        if role is None or "country" in fields or "affiliation" in fields:
            continue
        offices = [role.split()]
        if role in _LEADERS:
            offices.append(["leader"])  # "the Kenyan leader" is its president
        states = set()
        for end, (_, state, _) in named.items():
            actor = gazetteer.actor(state)
            if actor is None or actor.kind != "state":
                continue
            at = end + 1 if end < len(doc) and doc[end].tag_ == "POS" else end
            for words in offices:
                office = [t.lower_ for t in doc[at : at + len(words)]]
                # Not the title of someone else named right after ("Kenya's president, X").
                rest = [t for t in doc[at + len(words) : at + len(words) + 2] if t.text != ","]
                taken = rest and rest[0].pos_ == "PROPN"
                if office == words and not taken and (state, role) not in held:
                    states.add(state)
        if len(states) != 1:
            continue
        state = states.pop()
        fields.update(country=state, sector=_sector(role, state, gazetteer) or "GOV")
        first = next(m for m in mentions if m.kb_id_ == key)
        reason = f"{role!r} read as {state}'s: the document names only {state}'s {role}"
        first._.set(FIELDS, {**(first._.get(FIELDS) or {}), "unsure": reason})


def _officials(
    doc: Doc,
    mentions: list[Span],
    named: dict[int, _Named],
    gazetteer: Gazetteer,
    info: dict[str, dict[str, str]],
    government: str | None,
    *,
    rule: str,
) -> None:
    """Link an official known only by a bare title ("Interior Minister X") to the state or
    organisation the passage speaks of (:mod:`._officials`, by ``rule``: ``before`` the
    subject or the one state just before, ``sentence`` the one of the official's own
    sentence, ``scene`` the seat of government the passage opens in, ``dateline`` the
    dateline's, ``government`` the state ``government`` whose government the article
    names), marking it unsure."""

    def state_of(key: str) -> str | None:
        actor = gazetteer.actor(key)
        if actor is not None:
            return actor.key if actor.kind == "state" else actor.country
        return info.get(key, {}).get("country")

    def seat_of(place: str) -> str | None:
        target = gazetteer.resolve(place)
        return target.key if target is not None and target.cls == "metonym" else None

    dateline = first_dateline(doc.text) if rule == "dateline" else None
    place = dateline_place(doc.text, dateline) if dateline else None
    bodies = {m.kb_id_ for m in mentions if m.label_ in _BODIES}

    def passage(mention: Span, held: set[str]) -> tuple[str, str, str] | None:
        if rule in {"before", "sentence"}:
            return context_actor(
                doc,
                mention,
                named,
                state_of,
                lambda key: key in bodies and state_of(key) is None,
                government,
                in_sentence=rule == "sentence",
                held=held,
            )
        if states_named_with(mention, named, state_of):
            return None
        if rule == "scene":
            found = scene_state(doc, mention, seat_of)
        elif rule == "dateline":
            state = seat_of(place) if place else None
            found = (
                (state, f"read as {state}'s: the article's dateline is {place!r}")
                if state
                else None
            )
        else:
            found = (
                (government, f"read as {government}'s: the article's government")
                if government
                else None
            )
        if found is None or found[0] in held:
            return None
        return found[0], found[0], found[1]

    for mention in mentions:
        fields = info.get(mention.kb_id_, {})
        role = set(fields.get("role", "").split())
        if (
            mention.label_ != "person"
            or not role & OFFICES
            or role & (_COMMENTATORS | _PRESS)
            or "country" in fields
            or "affiliation" in fields
        ):
            continue
        held = {
            other["country"]
            for key, other in info.items()
            if key != mention.kb_id_ and "country" in other and other.get("role") == fields["role"]
        } | _gazetteer_offices(gazetteer, doc._.get(PUBLISHED)).get(fields["role"], set())
        found = passage(mention, held)
        if found is None:
            continue
        key, surface, reason = found
        if state_of(key) == key:
            fields.update(country=key, sector=_sector(fields["role"], key, gazetteer) or "GOV")
        else:  # "The Commission says ... A spokesperson, X, said"
            fields.update(_fields(fields["role"], (0, key, surface), gazetteer))
        unsure = f"{fields['role']!r} {reason}"
        mention._.set(FIELDS, {**(mention._.get(FIELDS) or {}), "unsure": unsure})


@lru_cache(maxsize=64)
def _gazetteer_offices(gazetteer: Gazetteer, day: dt.date | None) -> dict[str, set[str]]:
    """Role → the states whose holder of that office on ``day`` the gazetteer knows (an
    entry whose role has an end date holds it only on a known day before that end)."""
    offices: dict[str, set[str]] = {}
    for actor in gazetteer.actors.values():
        role = held_role(actor, day)
        if actor.kind == "person" and role and actor.country:
            offices.setdefault(role, set()).add(actor.country)
    return offices


def _states(
    doc: Doc,
    mentions: list[Span],
    found: list[AliasMatch],
    named: dict[int, _Named],
    gazetteer: Gazetteer,
) -> list[tuple[str, bool]]:
    """The states the document names, in text order, each with whether it is named as a
    government ("the Kenyan government", "Kenya's government", "the government of Kenya")."""

    def is_state(key: str) -> bool:
        actor = gazetteer.actor(key)
        return actor is not None and actor.kind == "state"

    def of_government(start: int, end: int) -> bool:
        if doc[end - 1].lower_ == "government":
            return True  # the description "the Kenyan government"
        after = end + 1 if end < len(doc) and doc[end].tag_ == "POS" else end
        if after < len(doc) and doc[after].lower_ == "government":
            return True
        return (
            start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ == "government"
        )

    spans = [(m.start, m.end, m.kb_id_) for m in mentions if is_state(m.kb_id_)]
    spans += [
        (n[0], end, n[1])
        for end, n in named.items()
        if is_state(n[1]) and of_government(n[0], end) and not any(s == n[0] for s, _, _ in spans)
    ]
    return [(key, of_government(start, end)) for start, end, key in sorted(spans)]


def _represented(
    doc: Doc, named: dict[int, _Named], start: int, end: int, itself: str
) -> _Named | None:
    """The first actor named in tokens ``[start, end)`` other than ``itself``, a portfolio
    ("the minister for EU relations") and a place ("the Nairobi-based X") excepted; a
    backer ("the Rwanda-backed M23", "the Saudi-led coalition") only when no other actor
    is named."""

    def joined(e: int) -> str:
        return doc[e + 1].lower_ if e + 1 < len(doc) and doc[e].text == "-" else ""

    hits = sorted(
        (joined(e) in _BACKING, n)
        for e, n in named.items()
        if start <= n[0]
        and e <= end
        and n[1] != itself
        and not (e < len(doc) and doc[e].lower_ in _PORTFOLIO_NOUNS)
        and joined(e) != "based"
    )
    return hits[0][1] if hits else None


def _person(
    doc: Doc,
    mention: Span,
    named: dict[int, _Named],
    gazetteer: Gazetteer,
    government: tuple[str, str] | None,
    nouns: dict[str, _Named],
    mentions: list[Span],
    bodies: set[str],
) -> tuple[dict[str, str], str | None]:
    """The fields the words around a person's name give, and the reason when the link
    rests on "the government" (:func:`~zopa.extract._context.government_state`).
    A common noun standing for an organisation of the document ("union president X",
    "X, the association's spokesman": :mod:`._org_nouns`) links the person to it, and
    so does "X (and Y) of the Z Service" (:func:`_of_body`)."""
    fields: dict[str, str] = {}

    def owner(key: str) -> bool:
        actor = gazetteer.actor(key)
        return key in bodies or (actor is not None and actor.kind == "state")

    title = _title_before(doc, mention.start)
    if title < mention.start:
        role = _role_words(doc, title, mention.start)
        # "Rwandan President X", "Norway's Foreign Minister X"
        before = (
            named.get(title)
            or (named.get(title - 1) if doc[title - 1].tag_ == "POS" else None)
            or body_by_noun(doc, title - 1, title, nouns, mentions)  # "union president X"
        )
        if role is not None:
            fields = _fields(role, before, gazetteer)
    around = [
        (_titled_apposition(doc, title), None),
        (_delegation_before(doc, title), "delegation head"),
        (_delegation_after(doc, mention), "delegation member"),
        (_apposition(doc, mention), None),
    ]
    unsure = None
    for phrase, default_role in around:
        if phrase is None:
            continue
        start, end = phrase
        role = _apposition_role(doc, start, end) or fields.get("role") or default_role
        if role is None:
            continue
        represents = _represented(doc, named, start, end, mention.kb_id_)
        if represents is None and doc[start].lower_ in {"its", "their"}:
            represents = _previous_subject(doc, named, start, owner)  # "Its envoy, X"
        if represents is None:
            # "the association's spokesman", "a spokesman for the group"
            represents = body_by_noun(doc, start, end, nouns, mentions)
        if represents is None and _generic(doc, start, end):
            represents = _recent_body(doc, named, bodies, start)  # "a spokesman for the group"
        if (
            represents is None
            and government is not None
            and "country" not in fields
            and any(t.lower_ in _STATE_BODIES for t in doc[start:end])
        ):
            represents = (start, government[0], "government")
            unsure = government[1]
        for name, value in _fields(role, represents, gazetteer).items():
            fields.setdefault(name, value)
    if "country" not in fields and "affiliation" not in fields:
        body = _of_body(doc, mention, named, nouns)
        if body is not None:
            fields.update(_fields(fields.get("role"), body, gazetteer))
    linked = government is not None and fields.get("country") == government[0]
    return fields, (unsure if linked else None)


def _generic(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` speak of a body by a common noun ("for the group",
    "its top commander")."""
    return doc[start].lower_ in {"its", "their"} or any(
        t.lower_ in _GENERIC_BODIES and t.i > start and doc[t.i - 1].lower_ == "the"
        for t in doc[start:end]
    )


def _recent_body(doc: Doc, named: dict[int, _Named], bodies: set[str], start: int) -> _Named | None:
    """The organisation or group that is the subject of the sentence at ``start`` (before
    it) or else of the sentence before: what "the group" or "its" there stands for ("The
    BRN has not rejected the request. A spokesman for the group, X, said ...")."""
    sentence = doc[start].sent
    sentences = [sentence]
    if sentence.start > 0:
        sentences.append(doc[sentence.start - 1].sent)
    for sent in sentences:
        for subject in (t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.i < start):
            tokens = {t.i for t in subject.subtree}
            hits = [n for n in named.values() if n[0] in tokens and n[1] in bodies]
            if hits:
                return min(hits)
    return None


def _of_body(
    doc: Doc, mention: Span, named: dict[int, _Named], nouns: dict[str, _Named]
) -> _Named | None:
    """The organisation of "X of the Z Service" or "X and Y of the Z Service" (one of the
    document's organisations, ``nouns`` standing for them all), else None."""
    end = mention.end
    if doc[end : end + 1].text == "and":  # "X and Y of the ...": Y's name then "of"
        follow = next((n for e, n in named.items() if n[0] == end + 1), None)
        end = next((e for e, n in named.items() if n == follow), end)
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    at = end + 2 if doc[end + 1].lower_ == "the" else end + 1
    bodies = {n[1] for n in nouns.values()}
    return next((n for n in named.values() if n[0] == at and n[1] in bodies), None)


def introduced_as_person(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows a title phrase that introduces a person
    ("Kenya's special envoy, X", "Kenya's delegation, headed by X")."""
    title = _title_before(doc, start)
    return _titled_apposition(doc, title) is not None or _delegation_before(doc, title) is not None


def _previous_subject(
    doc: Doc, named: dict[int, _Named], start: int, owner: Callable[[str], bool]
) -> _Named | None:
    """The actor "its" or "their" at ``start`` refers to: the subject of the sentence before
    when ``start`` opens a sentence ("Kenya backed the call. Its envoy, X, said ..."), else
    the subject of its own sentence ("In a letter signed by its leader, X, the group said"),
    else the last actor that can own ("owner": a state or a body) named before it there."""
    if start == 0:
        return None
    sentence = doc[start - 1].sent if doc[start].is_sent_start else doc[start].sent
    subjects = [
        t.i
        for t in sentence.root.children
        if t.dep_ in {"nsubj", "nsubjpass"} and (doc[start].is_sent_start or t.i > start)
    ]
    for n_end, n in named.items():
        if any(n[0] <= i < n_end for i in subjects):
            return n
    if doc[start].is_sent_start:
        return None
    # "The round was hosted by Uzbekistan and facilitated by its foreign minister, X": the
    # last state or body named before it in its sentence.
    before = [n for n_end, n in named.items() if sentence.start <= n[0] and n_end <= start]
    before = [n for n in before if owner(n[1])]
    return max(before) if before else None


def _phrase_before(doc: Doc, end: int) -> int:
    """Start of the noun phrase that ends just before token ``end`` ("Norway's special
    envoy", "the chairperson of the AU Commission"), within its sentence."""
    i = end
    while i > 0 and end - i < 10 and not doc[i].is_sent_start:
        token = doc[i - 1]
        inside = token.tag_ == "POS" or token.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}
        if inside or token.lower_ in {"of", "for"}:
            i -= 1
        elif token.pos_ == "DET" or token.tag_ == "PRP$":
            i -= 1
            if not (i > 0 and doc[i - 1].lower_ in {"of", "for"}):
                break  # "the" of "chairperson of the AU" is inside; a leading one ends it
        else:
            break
    while i < end and doc[i].lower_ in {"of", "for"}:
        i += 1
    return i


def _titled_apposition(doc: Doc, start: int) -> tuple[int, int] | None:
    """Tokens of "Norway's special envoy" in "Norway's special envoy, X," before a name
    at ``start``: a phrase ending on a role noun, or on "of/for" a name after one."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    end = start - 1
    first = _phrase_before(doc, end)
    roles = [i for i in range(first, end) if doc[i].lower_ in ROLE_NOUNS]
    if not roles or not (roles[-1] == end - 1 or doc[roles[-1] + 1].lower_ in {"of", "for"}):
        return None
    return first, end


def _delegation_before(doc: Doc, start: int) -> tuple[int, int] | None:
    """Tokens of "Kenya's delegation" in "Kenya's delegation, headed by X" before a name
    (or its title) at ``start``."""
    if start < 3 or doc[start - 1].lower_ != "by" or doc[start - 2].lemma_ not in _LEADS:
        return None
    end = start - 2
    if doc[end - 1].text == ",":
        end -= 1
    first = _phrase_before(doc, end)
    if first == end or doc[end - 1].lower_ not in _DELEGATIONS:
        return None
    return first, end


def _delegation_after(doc: Doc, mention: Span) -> tuple[int, int] | None:
    """Tokens of ", who leads the Kenyan delegation" or ", a member of Kenya's negotiating
    team" right after a name."""
    start = mention.end
    if start + 3 >= len(doc) or doc[start].text != ",":
        return None
    end = start + 1
    while end < len(doc) and end - start < 14 and doc[end].text not in {",", ".", ";", ":", "—"}:
        end += 1
    words = doc[start + 1 : end]
    # "X, the Uruguayan diplomat who coordinates Mercosur's team": the clause, not the role
    who = next((t.i for t in words if t.lower_ == "who"), None)
    if who is not None and who > start + 1 and doc[who + 1].lemma_ in _LEADS:
        words = doc[who:end]
    if len(words) < 3:
        return None
    leads = words[0].lower_ == "who" and words[1].lemma_ in _LEADS
    member = words[0].pos_ == "DET" and words[1].lower_ in _MEMBERS and words[2].lower_ == "of"
    delegation = any(t.lower_ in _DELEGATIONS for t in words)
    if not (leads or member) or not (delegation or words[1].lemma_ == "represent"):
        return None
    return words.start, end


def _apposition(doc: Doc, mention: Span) -> tuple[int, int] | None:
    """Tokens of ", an analyst at Chatham House," right after the name, if any."""
    if mention.end >= len(doc) or doc[mention.end].text != ",":
        return None
    start = mention.end + 1
    end = start
    while end < len(doc) and end - start < 14 and doc[end].text not in {",", ".", ";", ":", "—"}:
        if doc[end].lower_ in _RELATIVES and end > start:
            break  # "a former army chief who has led ...": the clause describes the role
        if doc[end].pos_ in {"VERB", "AUX"} and doc[end].lower_ not in {"based"} | _BACKING:
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
            while last < end and doc[last].lower_ in ROLE_NOUNS:
                last += 1  # "chief negotiator"
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


def _state_key(
    alias: str, gazetteer: Gazetteer, choices: Mapping[str, tuple[str, str | None]]
) -> str | None:
    """The state a name or demonym names (as resolved in this document), else None."""
    target = gazetteer.resolve(alias)
    if target is None or target.cls not in {"name", "demonym"}:
        return None
    key = choices.get(alias, (target.key, None))[0]
    actor = gazetteer.actor(key)
    return key if actor is not None and actor.kind == "state" else None


def _leading_state(
    mention: Span, gazetteer: Gazetteer, choices: Mapping[str, tuple[str, str | None]]
) -> str | None:
    """The state whose name or demonym begins the name ("Malian" in "Malian Foreign Ministry")."""
    for size in (2, 1):
        if len(mention) > size:
            key = _state_key(" ".join(mention[:size].text.split()), gazetteer, choices)
            if key is not None:
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
    if is_outlet(doc, mention):
        fields["sector"] = "MED"
    elif after & _GROUP_NOUNS or before in {"rebel", "armed"}:
        fields.update(kind="group", sector="REB")
    # "the Armenian Foreign Ministry", "Azerbaijan's Defence Ministry".
    owner = named.get(mention.start) or named.get(mention.start - 1)
    state = _leading_state(mention, gazetteer, choices) or (owner[1] if owner else None)
    actor = gazetteer.actor(state) if state else None
    name = " ".join(mention.text.split())
    if actor is None:  # "the State Bank of Pakistan"
        state = named_state(name, lambda alias: _state_key(alias, gazetteer, choices))
        actor = gazetteer.actor(state) if state else None
    if actor is not None and actor.kind == "state":
        fields["country"] = actor.key
        sector = institution_sector(name)
        if sector is not None:
            fields.setdefault("sector", sector)
        elif mention[-1].text in _GOVERNMENT_HEADS:
            fields.setdefault("sector", "GOV")
    return fields

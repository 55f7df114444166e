"""Whether a name in the text is a place: a venue, a destination, a city, a sea or region.

A metonym (capital, seat of government) used as a location ("talks in Moscow", "coming to
Kyiv", "the Doha talks") is a place, not a mention; a GeoNames city the NER took for a
person or organisation is a place; a name ending in a feature's word ("Lanka Shoal") or
before a place noun ("the Rio Verde region") is a place.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from zopa.extract._name_kinds import described_as_person
from zopa.extract._name_words import GROUP_HEADS, PERSON_ROLES
from zopa.extract._places import city_countries, is_subdivision

__all__ = [
    "CITY_AS_NAME",
    "FEATURES",
    "a_city",
    "a_feature",
    "a_venue",
    "is_location",
    "venue_of",
]

CITY_AS_NAME = 50_000
"""Smallest city taken for a place where the NER calls the name a person or organisation."""
_LOCATIVE = {
    "in", "at", "near", "inside", "outside", "within", "throughout", "across", "around",
    "towards", "toward", "via", "through", "beyond",
}  # fmt: skip
_DIRECTIONAL = {"to", "into", "from"}
# Nouns of travel a capital is the destination of ("the road to Kinshasa"), and nouns of a
# city's parts and people it is the place of ("the streets of Kinshasa").
_ROUTE_NOUNS = {
    "road", "route", "highway", "flight", "flights", "trip", "journey", "visit", "return",
    "advance", "march", "convoy", "way", "link",
}  # fmt: skip
_CITY_PARTS = {
    "streets", "residents", "outskirts", "centre", "center", "suburbs", "airport", "mayor",
    "governor", "people", "city", "neighbourhoods", "neighborhoods", "port", "gates",
}  # fmt: skip
_CITY_WORDS = {"capital", "city", "town"}
_MOTION = {
    "come", "go", "return", "travel", "fly", "arrive", "move", "head", "visit", "bring",
    "send", "leave", "depart", "withdraw", "flee", "relocate", "invite", "summon", "back",
    "speak", "report", "write", "call", "work", "operate",
}  # fmt: skip
# Nouns a metonym names the venue of when it modifies them ("the Doha talks").
_VENUE_NOUNS = {
    "talks", "summit", "meeting", "negotiations", "conference", "process", "format",
    "round", "ceremony", "forum",
}  # fmt: skip
# Nouns a city modifying them names the place of, not an actor: texts and arrangements
# named after where they were made ("the Minsk agreements", "the Tashkent formula"), and
# firms, schools and papers based there ("a Montevideo trade consultancy").
_NAMED_AFTER = {
    "agreement", "agreements", "accord", "accords", "deal", "formula", "roadmap",
    "declaration", "protocol", "protocols", "memorandum", "framework", "communique",
    "signing", "consensus", "principles", "document", "understanding",
    "consultancy", "firm", "company", "bank", "university", "newspaper", "weekly", "daily",
    "office", "bureau", "hotel", "airport", "residence", "palace",
}  # fmt: skip
_DEPARTURE = {"leave", "enter", "tour", "depart", "flee"}
"""Verbs whose object is a place ("its mission left Islamabad"); not "visit" or "reach",
whose object is as often a person ("to visit Mohammed Qahtan")."""

FEATURES = {
    "Sea", "Ocean", "Strait", "Straits", "Gulf", "Bay", "Shoal", "Reef", "Island", "Islands",
    "Atoll", "River", "Lake", "Valley", "Basin", "Mountains", "Peninsula", "Desert", "Plateau",
    "Canal", "Region", "Province", "City",
}  # fmt: skip
"""Last words of the names of places ("Lanka Shoal", "the Taiwan Strait", "Mexico City")."""
_PLACE_NOUNS = {
    "region", "province", "department", "district", "territory", "valley", "area", "land",
    "lands", "forest", "rainforest", "basin", "plain", "plains", "coast", "highlands", "delta",
    "corridor", "enclave", "border",
}  # fmt: skip
"""Nouns after a name that make it a place's ("the Rio Verde region")."""


def a_feature(span: Span) -> bool:
    """A name of a sea, shoal, island or region ("Lanka Shoal", "the Rio Verde region")."""
    doc = span.doc
    if any(t.text in GROUP_HEADS for t in span):
        return False  # "the Fourth Army Region": a command, not a region
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return span[-1].text in FEATURES or after in _PLACE_NOUNS


def is_location(span: Span) -> bool:
    """True when the span names a location: "in Moscow", "coming to Kyiv", "Yerevan-based"."""
    doc = span.doc
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ == "based"
    ):
        return True
    root = span.root
    if root.dep_ == "compound" and _named_after(root.head):
        return True  # "the Doha talks", "the Tashkent formula", "a Montevideo trade firm"
    if root.dep_ == "dobj" and root.head.lemma_ in _DEPARTURE:
        return True  # "its mission left Islamabad"
    if root.dep_ in {"appos", "compound"} and root.head.lower_ in _CITY_WORDS:
        return True  # "the capital, Kinshasa", "the capital Kinshasa"
    if any(c.dep_ == "appos" and c.lower_ in _CITY_WORDS for c in root.children):
        return True  # "Kinshasa, the capital,"
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "in Doha and Kigali", "across the plateau and Maniema"
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in _LOCATIVE:
        return True
    if prep.lower_ == "of":
        return prep.head.lower_ in _CITY_PARTS  # "the streets of Kinshasa"
    return prep.lower_ in _DIRECTIONAL and (
        prep.head.lemma_ in _MOTION
        or prep.head.lower_ in _VENUE_NOUNS
        or prep.head.lower_ in _ROUTE_NOUNS
        or (prep.i > 0 and doc[prep.i - 1].lower_ in _ROUTE_NOUNS)  # parser's attachment
    )


_STATE_VENUES = {"round", "summit", "signing", "ceremony", "formula", "roadmap", "format"}
"""Nouns a state's name modifies as the place of ("the Mexico round", "the Barbados
signing"); not "talks" or "deal", which a state's name more often modifies as a party's
("the Iran talks", "the Iran deal")."""


def venue_of(span: Span) -> bool:
    """A state's name used for where something happened ("the Mexico round")."""
    root = span.root
    return root.dep_ == "compound" and root.head.lower_ in _STATE_VENUES


def _named_after(head: Token) -> bool:
    """``head`` (or the noun it modifies in turn: "trade" in "trade consultancy") names a
    venue or a thing named after a place."""
    for _ in range(2):
        if head.lower_ in _VENUE_NOUNS or head.lower_ in _NAMED_AFTER:
            return True
        if head.dep_ != "compound":
            return False
        head = head.head
    return False


_BUILDINGS = {
    "House", "Haus", "Hill", "Palace", "Hall", "Square", "Building", "Tower", "Hotel",
    "Airport", "Stadium", "Street", "Avenue", "Castle", "Residence", "Mansion",
}  # fmt: skip
"""Last words of the names of buildings and sites ("Government House", "Parliament Hill")."""
_AT = {"at", "on", "in", "outside", "inside", "near", "from"}


def a_venue(span: Span) -> bool:
    """A building or site where something happens: a name ending in a building's word after
    a locative preposition, "at" only where no role noun governs it ("told reporters at
    Government House", "on Parliament Hill"; not "an analyst at Chatham House")."""
    if span[-1].text not in _BUILDINGS or span.start == 0:
        return False
    doc = span.doc
    before = span.start - 1
    if doc[before].lower_ == "the" and before > 0:
        before -= 1
    prep = doc[before]
    if prep.lower_ not in _AT:
        return False
    if prep.lower_ != "at":
        return True
    return prep.head.lemma_.lower() not in PERSON_ROLES and (
        before == 0 or doc[before - 1].lower_ not in PERSON_ROLES
    )


def a_city(span: Span, text: str) -> bool:
    """A GeoNames city of :data:`CITY_AS_NAME` people or more, or a country's province
    (ISO 3166-2), that the NER took for a person or an organisation ("Bukavu",
    "Narathiwat"), unless a title or apposition makes it a person."""
    if not city_countries(text, CITY_AS_NAME) and not is_subdivision(text):
        return False
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before not in PERSON_ROLES and not described_as_person(span)

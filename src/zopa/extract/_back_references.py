"""Back references: "the army", "the rebels", "the force(s)", "the union" for a group or body
named before, and "the Fund", "the Commission" for the body whose name ends on that word."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from zopa.extract._attribution import ROLE_NOUNS
from zopa.extract._name_words import BODY_HEADS, GROUP_HEADS

__all__ = ["back_references"]


def back_references(doc: Doc, mentions: list[Span], name_of: Callable[[Span], str]) -> list[Span]:
    """ "the army", "the paramilitaries", "the force(s)", "the rebels" naming the last group
    they fit.

    Conservative: only right after "the", only as a noun of its own (not "the army
    chief", "the army of Freedonia"), and only back to a group named earlier in the document
    whose name has the word: Army or Armed Forces for "the army", Force(s) for "the
    force(s)" (armies excepted), a group introduced as "the paramilitary X" for "the
    paramilitaries", any armed group for "the rebels", "the guerrilla(s)", "the
    insurgents", "the militants"; "the union", "the association", "the federation", "the
    coalition", "the alliance", "the platform" for the last body whose name ends on that word.
    A capitalised word standing alone after "the" ("the Fund said", "the Commission's
    negotiator") is the last body named before whose name, as written, ends on it
    ("International Monetary Fund", "European Commission"): news copy names a body once in
    full, then by its head word; also as the modifier of someone working for it ("a Fund
    spokesperson", "the Bank official").
    """
    groups = [m for m in mentions if m.label_ in {"group", "organisation"}]
    found: list[Span] = []
    for token in doc:
        article = doc[token.i - 1].lower_ if token.i > 0 else ""
        if article != "the" and not (article in ("a", "an") and _names_role(token)):
            continue
        if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper()):
            target = _headed_by(doc, token, groups)
            if target is not None:
                start = token.i - 1 if article == "the" else token.i  # not "A Fund"
                found.append(
                    Span(doc, start, token.i + 1, label=target.label_, kb_id=target.kb_id_)
                )
            continue
        if token.pos_ != "NOUN":
            continue
        if token.dep_ == "compound" or any(  # "the army of Freedonia" is another army
            c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children) for c in token.rights
        ):
            continue
        fits = _REFERENCES.get(token.lower_)
        if fits is None:
            continue
        before = [g for g in groups if g.end <= token.i and fits(g, name_of(g))]
        if before:
            target = max(before, key=lambda g: g.start)
            found.append(
                Span(doc, token.i - 1, token.i + 1, label=target.label_, kb_id=target.kb_id_)
            )
    return found


#: NER labels of a word that is a place or a people, never a body's short name.
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: Head nouns of bodies' names that news copy uses alone for the body ("the Fund"); a
#: place's name is never one ("the Sahel" after "Radio Sahel").
_SHORT_NAMES = frozenset(
    BODY_HEADS
    | GROUP_HEADS
    | {"Fund", "Bank", "Board", "Court", "Office", "Tribunal", "Assembly", "Secretariat",
       "Ministry", "Department", "Organisation", "Organization", "Community", "Bloc"}
)  # fmt: skip


def _names_role(token: Token) -> bool:
    """The word qualifies someone who works for the body ("a Fund spokesperson", "the Bank
    official"): a proper name used as a modifier still names the body."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in ROLE_NOUNS


def _headed_by(doc: Doc, token: Token, groups: list[Span]) -> Span | None:
    """The latest body named before ``token`` whose multi-word name, as written, ends on the
    capitalised word ``token`` standing alone ("the Fund's", not "the Fund Facility")."""
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.text[:1].isupper() and following.pos_ == "PROPN":
        return None  # part of a longer name ("the Unitary Platform")
    if token.text not in _SHORT_NAMES or (token.dep_ == "compound" and not _names_role(token)):
        return None  # "the Sahel" after "Radio Sahel" is a region; "the Fund Facility"
    before = [
        g
        for g in groups
        if g.end <= token.i - 1 and len(g) > 1 and g[-1].text == token.text and g.kb_id_
    ]
    return max(before, key=lambda g: g.start) if before else None


def _armed(mention: Span, name: str) -> bool:
    words = name.split()
    return "Army" in words or "Armed Forces" in name


def _force(mention: Span, name: str) -> bool:
    return name.split()[-1] in {"Force", "Forces"} and not _armed(mention, name)


def _paramilitary(mention: Span, name: str) -> bool:
    return mention.start > 0 and mention.doc[mention.start - 1].lower_ == "paramilitary"


def _rebel(mention: Span, name: str) -> bool:
    return mention.label_ == "group"


def _named_on(head: str) -> Callable[[Span, str], bool]:
    """A body whose name ends on ``head`` ("the union" → "the Riverside Teachers' Union")."""

    def fits(mention: Span, name: str) -> bool:
        return len(name.split()) > 1 and name.split()[-1] == head

    return fits


_REFERENCES: dict[str, Callable[[Span, str], bool]] = {
    "rebels": _rebel,
    "guerrilla": _rebel,
    "guerrillas": _rebel,
    "insurgents": _rebel,
    "militants": _rebel,
    "army": _armed,
    "force": _force,
    "forces": _force,
    "paramilitaries": _paramilitary,
    "paramilitary": _paramilitary,
    **{
        head.lower(): _named_on(head)
        for head in ("Union", "Association", "Federation", "Coalition", "Alliance", "Platform")
    },
}

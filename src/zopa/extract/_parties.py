"""Political parties named by the plural noun of their members, and single-word blocs.

"the Greens", "the Social Democrats", "the Liberal Democrats", "the Moderates" name a
party, not a people: the small NER labels such names NORP (a nationality or group) or
misses them, and the gazetteer knows only peoples' demonyms ("the Russians"). A run of
capitalised words ending in a plural proper noun is a party when the document is about
party politics (it speaks of a party, a coalition, parliament or an election) and the
name is used as one: after "the" as a noun (not "the Green voters"), as a possessive
("the Moderates' co-leader"), or right before a leader's title ("Moderates leader X").
"the Union", "the Alliance", "the Coalition" alone, acting in such a document, are
the bloc's short name.

Each becomes an organisation with sector ``PTY`` (CAMEO's code for political parties),
keyed by its words (``unresolved:social-democrats``), so the people titled by it
(:mod:`._roles`) get it as ``affiliation``. Pure functions of the parsed document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["PARTY_SECTOR", "led_party", "party_names", "political"]

PARTY_SECTOR = "PTY"
"""CAMEO actor code of a political party."""
_POLITICS = {
    "party", "parties", "coalition", "parliament", "parliamentary", "election", "elections",
    "opposition", "lawmakers", "legislature", "ballot",
}  # fmt: skip
"""Words that make a document one about party politics."""
_LEADER_WORDS = {"leader", "leaders", "chairman", "chairwoman", "chair", "leadership"}
_TITLE_WORDS = {"co", "-", "parliamentary", "deputy", "party", "joint"}
_BLOCS = {"Union", "Alliance", "Coalition", "Bloc"}
"""One-word short names of electoral blocs ("the Union")."""
_ACTING = {"nsubj", "nsubjpass", "dobj", "conj", "poss", "pobj", "appos"}
_NOT_PARTIES = {"PERSON", "GPE", "LOC", "DATE", "TIME", "FAC", "EVENT", "WORK_OF_ART", "LAW"}


def political(doc: Doc) -> bool:
    """Whether the document is about party politics."""
    return any(t.lower_ in _POLITICS for t in doc)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and not token.is_upper and token.is_alpha


def _leader_after(doc: Doc, end: int) -> bool:
    """A leader's title right after ``end`` ("leader", "co-leader", "parliamentary leader")."""
    i = end
    while i < len(doc) and i - end < 3 and doc[i].lower_ in _TITLE_WORDS:
        i += 1
    return i < len(doc) and doc[i].lower_ in _LEADER_WORDS


def led_party(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` is given a leader: "SPD leader X", "the SPD
    co-leader", "leader of the CSU" (an acronym the NER tags ORG is then a party's)."""
    if _leader_after(doc, end):
        return True
    return (
        start >= 3
        and doc[start - 1].lower_ == "the"
        and doc[start - 2].lower_ == "of"
        and doc[start - 3].lower_ in _LEADER_WORDS
    )


def _used_as_party(doc: Doc, start: int, end: int, named: bool) -> bool:
    """As a noun (after "the", or anywhere for a name the NER calls a group or of two
    words), as a possessive, or before a leader's title."""
    after = doc[end] if end < len(doc) else None
    if _leader_after(doc, end):
        return True  # "Moderates leader X", "Greens co-leader X"
    the = start > 0 and doc[start - 1].lower_ == "the"
    if after is not None and after.tag_ == "POS":
        return the or named
    if not (the or named):
        return False
    return doc[end - 1].dep_ in _ACTING and not (after is not None and _capitalised(after))


def party_names(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Token ranges of the party names of a document about party politics (none if not),
    leaving out tokens in ``taken`` (names already resolved)."""
    if not political(doc):
        return []
    found: list[tuple[int, int]] = []
    for token in doc:
        i = token.i
        if i in taken or not _capitalised(token):
            continue
        if token.ent_type_ in _NOT_PARTIES and not (
            token.ent_type_ == "PERSON" and token.tag_ == "NNPS"  # no person's name is plural
        ):
            continue
        plural = token.text.endswith("s") and (
            token.tag_ in {"NNPS", "NNS"} or token.ent_type_ == "NORP"
        )
        bloc = token.text in _BLOCS and token.tag_ == "NNP"
        if not (plural or bloc) or (i + 1 < len(doc) and _capitalised(doc[i + 1])):
            continue
        start = i
        while (
            plural
            and start > 0
            and start - 1 not in taken
            and _capitalised(doc[start - 1])
            and doc[start - 1].tag_ in {"NNP", "JJ"}
            and doc[start - 1].ent_type_ not in _NOT_PARTIES
        ):
            start -= 1
        if doc[start].ent_iob_ == "I" or (i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I"):
            continue  # inside a longer name ("Institute for Fiscal Studies")
        named = token.ent_type_ == "NORP" or i > start
        if _used_as_party(doc, start, i + 1, named):
            found.append((start, i + 1))
    return found

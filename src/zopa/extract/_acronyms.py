"""Acronyms of organisations and armed groups the gazetteer does not know.

"the Andean Liberation Front (ALF)" introduces an acronym with its long form; "ALF
rebels", "the ALF guerrilla" describe one as an armed group; "the monitoring group ALF",
"the broadcaster ALF" as a body; "the ALF's delegates" and
"the ALF said", twice in a document, show one acting as a party; in a document about
party politics, "leader of the ALF" or "the ALF leader" shows one to be a party. The small NER often
misses such all-capitals words, so they are found here: every later (and earlier,
in a headline) use of the acronym in the document names the same actor, keyed by the
acronym (``unresolved:alf``) so that documents that use only the acronym agree; the
long form is a mention of it too. A long form the gazetteer knows lends its key to
the acronym. News copy often spells a body out once without brackets and uses the
acronym elsewhere ("a mission from the International Monetary Fund left ...", "the IMF
has insisted ..."): a capitalised name in the document whose words' initials spell the
acronym is its long form too, wherever it occurs.

Pure functions of the parsed document: they return token ranges and keys, the
component makes the mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from zopa.extract._gazetteer import Gazetteer, unresolved_key
from zopa.extract._parties import led_party, political

__all__ = ["Acronym", "find_acronyms"]

_GROUP_WORDS = {
    "rebels", "rebel", "guerrilla", "guerrillas", "militia", "militias", "insurgents",
    "insurgency", "fighters", "militants", "paramilitaries",
}  # fmt: skip
"""Words after an acronym that make it an armed group ("ALF rebels")."""
_BODY_WORDS = {"group", "movement", "front", "party", "coalition", "alliance"}
"""Words after an acronym that make it a group when no long form says otherwise."""
_GROUP_HEADS = {
    "Army", "Forces", "Force", "Front", "Movement", "Brigades", "Brigade", "Militia",
    "Guard", "Guards", "Party", "Alliance", "Coalition", "Group",
}  # fmt: skip
_NAMED_BODIES = {
    "group", "broadcaster", "agency", "network", "newspaper", "channel", "organisation",
    "organization", "union", "party", "movement", "alliance", "coalition", "firm",
}  # fmt: skip
"""Nouns before an acronym that name it a body ("the monitoring group ACLED")."""
_JOINERS = {"of", "for", "the", "de", "del", "la", "el", "des", "du", "al", "in"}
"""Small words inside a long form ("Front for the Liberation of ..."); not "and", which
more often joins two names ("Colombia and the ...")."""
_LONGEST = 8
_ACTING_USES = 2
"""Uses as a party ("the ALF's", "the ALF said") that make an unexplained acronym an
organisation (one could be a thing: "the EEZ is ...")."""


@dataclass(frozen=True)
class Acronym:
    """An acronym of the document: its key, kind and the long form's tokens, if given."""

    text: str
    key: str
    kind: str
    long_form: tuple[int, int] | None
    #: every place the document spells the acronym out (the long form's included)
    spelled_out: tuple[tuple[int, int], ...] = ()


def _is_acronym(text: str) -> bool:
    """Capitals, perhaps with digits after the first ("ALF", "D66")."""
    letters = text.replace("-", "")
    return (
        2 <= len(letters) <= _LONGEST
        and letters.isalnum()
        and letters[0].isalpha()
        and letters.isupper()
    )


def _acts(doc: Doc, i: int) -> bool:
    """The acronym at ``i`` is a party acting: "the ALF's", "the ALF said"."""
    if i == 0 or doc[i - 1].lower_ != "the" or i + 1 >= len(doc):
        return False
    after = doc[i + 1]
    return after.tag_ == "POS" or after.pos_ in {"VERB", "AUX"}


def _long_form(doc: Doc, bracket: int) -> tuple[int, int] | None:
    """Tokens of the capitalised name ending just before the "(" at ``bracket``."""
    start = bracket
    while start > 0 and (
        doc[start - 1].text[:1].isupper()
        or (doc[start - 1].lower_ in _JOINERS and start - 1 > 0 and start < bracket)
    ):
        start -= 1
    while start < bracket and doc[start].lower_ in _JOINERS:
        start += 1  # "the National ...": the article is not part of the name
    capitals = [t for t in doc[start:bracket] if t.text[:1].isupper()]
    return (start, bracket) if len(capitals) >= 2 else None


def _spelled_out(doc: Doc, letters: str) -> list[tuple[int, int]]:
    """Token ranges of the capitalised names whose words' initials spell ``letters``
    ("International Monetary Fund" for IMF; small joining words skipped: "Front for the
    Liberation of ..."), in text order."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not _capitalised(doc[i]):
            i += 1
            continue
        end = i
        while end < len(doc) and (
            _capitalised(doc[end])
            or (doc[end].lower_ in _JOINERS and end + 1 < len(doc) and _capitalised(doc[end + 1]))
        ):
            end += 1
        for start in range(i, end - 1):
            words = [t for t in doc[start:end] if _capitalised(t)]
            if _capitalised(doc[start]) and "".join(t.text[0] for t in words) == letters:
                found.append((start, end))
                break
        i = end
    return found


def _capitalised(token: Token) -> bool:
    """A word of a name: capitalised, not all capitals (an acronym), not "The"."""
    text = token.text
    return text[:1].isupper() and text[1:].islower() and text.isalpha() and token.lower_ != "the"


def find_acronyms(doc: Doc, gazetteer: Gazetteer) -> dict[str, Acronym]:
    """The acronyms the document introduces or describes as groups, by surface form.

    An acronym the gazetteer knows is left to it, unless the document spells it out as
    another body (:func:`_respelled`).
    """
    shaped = [t.i for t in doc if t.is_upper and _is_acronym(t.text)]
    tokens = [i for i in shaped if gazetteer.resolve(doc[i].text) is None]
    found: dict[str, Acronym] = {}
    for i in tokens:
        text = doc[i].text
        if text in found and found[text].long_form is not None:
            continue
        bracketed = 0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")"
        long_form = _long_form(doc, i - 1) if bracketed else None
        after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if long_form is not None:
            name = " ".join(doc[long_form[0] : long_form[1]].text.split())
            target = gazetteer.resolve(name)
            key = target.key if target is not None else unresolved_key(text)
            found[text] = Acronym(text, key, _kind_of_name(name), long_form)
        elif text not in found and (after in _GROUP_WORDS or after in _BODY_WORDS):
            found[text] = Acronym(text, unresolved_key(text), "group", None)
        elif text not in found and i > 0 and doc[i - 1].lower_ in _NAMED_BODIES:
            # "the conflict-monitoring group ACLED", "the broadcaster ORF"
            found[text] = Acronym(text, unresolved_key(text), "organisation", None)
        elif text not in found and political(doc) and led_party(doc, i, i + 1):
            # "leader of the CSU", "the CSU leader X": a party (:mod:`._parties`).
            found[text] = Acronym(text, unresolved_key(text), "organisation", None)
    acting: dict[str, int] = {}
    for i in tokens:
        if doc[i].text not in found and _acts(doc, i):
            acting[doc[i].text] = acting.get(doc[i].text, 0) + 1
    for text, uses in acting.items():
        if uses >= _ACTING_USES:
            found[text] = Acronym(text, unresolved_key(text), "organisation", None)
    for text in dict.fromkeys(doc[i].text for i in tokens):
        acronym = found.get(text)
        if acronym is not None and acronym.long_form is not None:
            continue  # introduced in brackets: that long form is the one
        spelled = _spelled_out(doc, text.replace("-", ""))
        if not spelled:
            continue
        name = " ".join(doc[spelled[0][0] : spelled[0][1]].text.split())
        target = gazetteer.resolve(name)
        key = target.key if target is not None else unresolved_key(text)
        kind = acronym.kind if acronym is not None else _kind_of_name(name)
        found[text] = Acronym(text, key, kind, spelled[0], tuple(spelled))
    for i in tokens:
        # A group word anywhere after the acronym ("the ALF guerrilla") makes it a group.
        acronym = found.get(doc[i].text)
        if acronym is not None and i + 1 < len(doc) and doc[i + 1].lower_ in _GROUP_WORDS:
            found[acronym.text] = Acronym(
                acronym.text, acronym.key, "group", acronym.long_form, acronym.spelled_out
            )
    return found | _respelled(doc, gazetteer, [i for i in shaped if i not in tokens])


def _respelled(doc: Doc, gazetteer: Gazetteer, tokens: list[int]) -> dict[str, Acronym]:
    """Acronyms the gazetteer knows that the document spells out as another body: "the
    Andean Development Bank ... the ADB" is that bank, not the gazetteer's Asian
    Development Bank. The document's own long form wins: in brackets after it, else a
    capitalised name whose initials spell it that is no person's name (the NER's reading:
    "Abu Umar" does not spell "AU")."""
    found: dict[str, Acronym] = {}
    for text in dict.fromkeys(doc[i].text for i in tokens):
        known = gazetteer.resolve(text)
        bracketed = [
            form
            for i in tokens
            if doc[i].text == text
            and 0 < i < len(doc) - 1
            and doc[i - 1].text == "("
            and doc[i + 1].text == ")"
            and (form := _long_form(doc, i - 1)) is not None
        ]
        spelled = [
            (start, end)
            for start, end in _spelled_out(doc, text.replace("-", ""))
            if not any(t.ent_type_ == "PERSON" for t in doc[start:end])
        ]
        forms = bracketed[:1] + spelled
        if known is None or not forms:
            continue
        name = " ".join(doc[forms[0][0] : forms[0][1]].text.split())
        target = gazetteer.resolve(name)
        if target is not None and target.key == known.key:
            continue  # the gazetteer's own long form
        key = target.key if target is not None else unresolved_key(text)
        found[text] = Acronym(text, key, _kind_of_name(name), forms[0], tuple(forms))
    return found


def _kind_of_name(name: str) -> str:
    """An armed group when its name ends on a group's head word ("... Liberation Army")."""
    return "group" if name.split()[-1] in _GROUP_HEADS else "organisation"

"""A state's institutions named without their state: "the Senate", "the National Assembly".

News about one country's politics names its institutions bare — "he told the National
Assembly", "the Supreme Court suspended the primary", "the Federal Mediation and
Conciliation Service does not comment" — and a careful reader knows whose they are.
:func:`institution_sector` tells from the name alone whether an organisation is a state's
legislature, court, central bank, ministry or agency, with its CAMEO/PLOVER actor sector
(``LEG``, ``JUD``, ``MIL``, ``GOV``); :func:`named_state` finds a state named inside the
name ("the State Bank of Pakistan"). Where the name names no state, the component gives
the institution the state "the government" means in the document
(:func:`~zopa.extract._context.government_state`), flagged as unsure.

The words are those of public bodies in any country; names of bodies between states
("International", "European", "United Nations") and of movements ("Liberation",
"Resistance", "Revolutionary") are never a state's own.

Reference: Schrodt, P. A. (2012). *CAMEO Conflict and Mediation Event Observations Event
and Actor Codebook*, version 1.1b3, chapter 3 (actor role codes GOV, LEG, JUD, MIL).
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["institution_sector", "named_state"]

_LEGISLATURES = frozenset(
    {
        "Parliament", "Senate", "Congress", "National Assembly", "House of Representatives",
        "House of Commons", "House of Lords", "Chamber of Deputies", "Legislative Assembly",
        "Legislative Council", "National Congress", "Federation Council", "Bundestag",
        "Bundesrat", "Duma", "State Duma", "Knesset", "Majlis", "Verkhovna Rada", "Rada",
        "Sejm", "Storting", "Riksdag", "Folketing", "Lok Sabha", "Rajya Sabha", "Lower House",
        "Upper House", "National Council", "People's Assembly", "Grand National Assembly",
    }
)  # fmt: skip
"""Names of legislatures (whole names; a state's name or demonym before them is read apart)."""
_STATE_WORDS = frozenset(
    {
        "National", "Federal", "State", "Supreme", "Central", "Royal", "Internal", "Interior",
        "Presidential", "Constitutional", "Reserve", "Public", "Civil",
    }
)  # fmt: skip
"""First words of a state body's name ("National Security Council", "Federal ... Service")."""
_HEADS = {
    "Council": "GOV", "Committee": "GOV", "Service": "GOV", "Agency": "GOV", "Office": "GOV",
    "Bureau": "GOV", "Commission": "GOV", "Authority": "GOV", "Board": "GOV",
    "Directorate": "GOV", "Administration": "GOV", "Department": "GOV", "Ministry": "GOV",
    "Police": "GOV", "Bank": "GOV", "Command": "MIL", "Guard": "MIL", "Court": "JUD",
    "Tribunal": "JUD", "Assembly": "LEG",
}  # fmt: skip
"""Head nouns of a state body's name, with the body's sector."""
_OFFICE_FIRST = frozenset({"Ministry", "Department", "Office"})
_OFFICERS = frozenset({"Ombudsman", "Ombudsman's", "Comptroller", "Comptroller's"})
"""First words of the names of a state's officers' offices ("the Ombudsman's Office")."""
"""Heads that open a ministry's name ("Ministry of Finance", "Department for Environment")."""
_NOT_A_STATE_S = frozenset(
    {
        "International", "European", "World", "United", "Inter-American", "Regional",
        "African", "Asian", "Arab", "Islamic", "Global", "Liberation", "Resistance",
        "Revolutionary", "Salvation", "Opposition", "Rebel", "Democratic", "Transitional",
        "Patriotic", "Popular", "Islamist",
    }
)  # fmt: skip
"""Words of the names of bodies between states and of movements: never a state's own."""


def institution_sector(name: str) -> str | None:
    """The sector of the state institution ``name`` names, else ``None``.

    ``LEG`` for a legislature ("the Senate", "the National Assembly"), ``JUD`` for a
    court, ``MIL`` for a command or a guard, ``GOV`` for the rest (a central bank, a
    ministry, a national council, committee, service or agency).
    """
    words = name.split()
    if not words or _NOT_A_STATE_S.intersection(words):
        return None
    if name in _LEGISLATURES:
        return "LEG"
    if words[-1] in {"Court", "Tribunal"} or "Court of" in name:
        return "JUD"  # "Supreme Court", "Court of Appeal"
    if len(words) > 2 and words[0] in _OFFICE_FIRST and words[1] in {"of", "for"}:
        return "GOV"  # "Ministry of Finance", "Department for Environment, Food and ..."
    if words[0] in _OFFICERS:
        return "GOV"
    head = next((w for w in reversed(words) if w in _HEADS), None)
    if head is None or words[0] not in _STATE_WORDS or len(words) < 2:
        return None
    return _HEADS[head]


def named_state(name: str, state_of: Callable[[str], str | None]) -> str | None:
    """The state named after "of" in ``name`` ("State Bank of Pakistan", "Supreme Court of
    Kenya"), by ``state_of`` (alias → state key, ``None`` for anything but a state)."""
    words = name.split()
    for i, word in enumerate(words[:-1]):
        if word == "of":
            rest = words[i + 1 :]
            if rest[:1] == ["the"]:
                rest = rest[1:]
            state = state_of(" ".join(rest))
            if state is not None:
                return state
    return None

"""Orient each issue's scale on the two sides that disagree on it.

100 is what the most demanding party demands; 0 is what the resisting side
wants, or the status quo when no party is found resisting. The anchors are the
claims' own words (trimmed), with the actor named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zopa.scenario.draft._parties import Unit
from zopa.scenario.draft._rows import EXCERPT_CHARS, cite, trim

if TYPE_CHECKING:
    from zopa.store import Claim

__all__ = ["Orientation", "orient", "pole_of"]

#: How much a stance says "this is what I demand" (the most demanding party anchors 100).
DEMAND_WEIGHT = {"demand": 3, "goal": 3, "red_line": 2, "position": 1, "condition": 1}
#: Stances that set a party against the demand.
AGAINST = frozenset({"reject", "red_line"})
#: Stances that side with what they name: accepting the pole's act is no resistance.
AGREEING = frozenset({"accept"})
#: Stances that say what a party wants for itself, outright.
WANTS = frozenset({"demand", "goal"})
#: Stances that give ground to the other side: a party that only offers on an issue where
#: another party demands is the side the demand is made of.
GIVING = frozenset({"offer"})
# Which claim words an anchor: the pole's clearest demand, the resisting side's clearest no.
_POLE_RANK = ("demand", "goal", "red_line", "condition", "position", "offer", "accept", "reject")
_RESIST_RANK = ("reject", "red_line", "demand", "goal", "position", "condition", "offer", "accept")


@dataclass
class Orientation:
    """The sides of one issue: the pole (100), the resisting parties, and the anchors."""

    pole: str
    #: parties with claims of their own on the issue that resist the pole's demand
    resisting: set[str] = field(default_factory=set)
    #: parties named in the pole's claims with no claim of their own on the issue
    addressees: set[str] = field(default_factory=set)
    anchors: dict[int, str] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    status_quo: dict[str, Any] | None = None


def _first(claims: list[Claim], rank: tuple[str, ...]) -> Claim:
    order = {stance: i for i, stance in enumerate(rank)}
    return min(claims, key=lambda c: (order.get(c.stance, len(rank)), c.id))


def _anchor(unit: Unit, claim: Claim, words: Mapping[int, str]) -> str:
    return f"{unit.name}: “{words.get(claim.id) or trim(claim.text, EXCERPT_CHARS)}”"


def _overlaps(a: Claim, b: Claim) -> bool:
    return a.document_id == b.document_id and a.start < b.end and b.start < a.end


#: Words of a red line that refuses ("will not sign", "never", "unacceptable"), not one that
#: insists ("continued access was non-negotiable": a demand).
_REFUSING = re.compile(r"\b(?:not|never|no|cannot|unacceptable|refus\w*|reject\w*)\b|n't\b", re.I)


def _refuses(claim: Claim) -> bool:
    """Whether ``claim`` says what its party will not have: a rejection, or a red line in
    words of refusal."""
    return claim.stance == "reject" or (
        claim.stance == "red_line" and _REFUSING.search(claim.text) is not None
    )


def _gives(own: list[Claim]) -> bool:
    """Whether a party's claims on an issue offer something and want nothing for it."""
    return any(c.stance in GIVING for c in own) and not any(c.stance in WANTS for c in own)


def pole_of(claims: Mapping[str, list[Claim]]) -> str:
    """The party whose claims on an issue weigh most as demands (:data:`DEMAND_WEIGHT`;
    ties: more claims, then key), among those with a claim other than a rejection.

    A party that only rejects says what it will not have, not what it wants: it is the
    pole only when every party only rejects. So does a party that only rejects or draws
    red lines in words of refusal ("will never sign", "unacceptable") where another
    states a demand or a goal: that one is the pole, and the red lines resist it. A red
    line that insists ("access on today's terms is non-negotiable") is a demand.
    """
    wanting = [k for k, own in claims.items() if any(c.stance != "reject" for c in own)]
    stating = [k for k in wanting if not all(_refuses(c) for c in claims[k])]
    if any(c.stance in WANTS for k in stating for c in claims[k]):
        wanting = stating
    return min(
        wanting or claims,
        key=lambda k: (
            -sum(DEMAND_WEIGHT.get(c.stance, 0) for c in claims[k]),
            -len(claims[k]),
            k,
        ),
    )


def orient(
    label: str,
    claims: Mapping[str, list[Claim]],
    named: Mapping[int, set[str]],
    units: Mapping[str, Unit],
    words: Mapping[int, str],
    opposed: Mapping[str, set[str]] | None = None,
) -> Orientation:
    """Orient one issue from its parties' claims.

    Parameters
    ----------
    label:
        The issue's label (for the status-quo anchor).
    claims:
        The claims on the issue by party key (every list non-empty).
    named:
        The party keys named in each claim's sentence, by claim id.
    units:
        Every party by key (addressees are looked up here).
    words:
        Each claim's words in context (its sentence), by claim id: the anchors quote them.
    opposed:
        The parties each party acts against (rejects, accuses, threatens, coerces,
        attacks or sanctions, or is so acted against by), by party key.

    Notes
    -----
    The pole is :func:`pole_of`'s. Another party resists
    it when it rejects or draws a red line on the issue, when the pole's claims
    name it (it is asked to give), when its own claims name the pole (but not one
    of the pole's opponents too) — except a party whose claim shares the pole's
    sentence span (a co-claimant) — or when the events show the two against each
    other (``opposed``), or when it only offers where the pole demands (an offer gives
    ground to the side that demands) — an acceptance that names the pole sides with it: two parties
    that each state a demand are on opposite sides when one rejects or threatens
    the other, allies otherwise.
    """
    pole = pole_of(claims)
    pole_claims = claims[pole]
    asked = {
        key
        for c in pole_claims
        for key in named.get(c.id, set())
        if key != pole
        and key in units
        and not any(_overlaps(c, other) for other in claims.get(key, []))
    }
    demanded = any(c.stance in WANTS for c in pole_claims)
    resisting = {
        key
        for key, own in claims.items()
        if key != pole
        and (
            key in asked
            or any(c.stance in AGAINST for c in own)
            or key in (opposed or {}).get(pole, set())
            or (demanded and _gives(own))
        )
    }
    # Naming the pole sets a party against it, unless the claim names one of the pole's
    # opponents too: "the EU should insist that Britain reopen the fishery" backs the EU;
    # nor does welcoming or accepting what the pole did ("welcomed the U.S. decision").
    resisting |= {
        key
        for key, own in claims.items()
        if key != pole
        and any(pole in named.get(c.id, set()) and not named.get(c.id, set()) & resisting
                and c.stance not in AGREEING
                for c in own)
    }  # fmt: skip
    out = Orientation(pole, resisting, asked - set(claims))
    top = _first(pole_claims, _POLE_RANK)
    out.anchors[100] = _anchor(units[pole], top, words)
    out.evidence.append(cite("claim", top))
    if resisting:
        against = [c for key in sorted(resisting) for c in claims[key]]
        low = _first(against, _RESIST_RANK)
        holder = next(key for key in sorted(resisting) if low in claims[key])
        out.anchors[0] = _anchor(units[holder], low, words)
        out.evidence.append(cite("claim", low))
        sides = " and ".join(units[key].name for key in sorted(resisting))
        verb = "want" if len(resisting) > 1 else "wants"
        note = f"oriented: 100 = {units[pole].name}'s demand, 0 = what {sides} {verb}"
    else:
        out.anchors[0] = f"the status quo: none of what {units[pole].name} demands on {label}"
        note = (
            f"oriented: 100 = {units[pole].name}'s demand, 0 = the status quo "
            "(no party found resisting it); check the anchors"
        )
        out.status_quo = {
            "value": 0,
            "evidence": [{"note": "the scale's 0 is the status quo by construction"}],
        }
    out.evidence.insert(0, {"note": note})
    return out

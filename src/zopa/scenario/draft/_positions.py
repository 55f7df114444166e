"""Place each party on an oriented issue scale from the stances of its own claims.

A claim's stance says which side of the scale the speaker is on, given the
speaker's role on the issue (:mod:`._orientation`): the pole's demands are 100,
a resisting party's rejections and red lines 0, an acceptance lies near the
demand, offers and conditions in between (:data:`STANCE_VALUES`). The position
is the median of its claims' values, each weighted by how firmly its stance
commits the speaker (:data:`FIRMNESS`: a red line, rejection or demand counts
more than an offer or an acceptance); the confidence grows with the number of
claims that agree with it, and falls when they conflict. Salience comes from
cue words ("primary goal", "very secondary"), else from a red line, else from
how often the party claims the issue. Where the parties state numbers of one unit on
the issue (:mod:`._numbers`), a party that states one is placed by it instead, and the
note says so. A party with no claim of its own gets a placeholder that says so.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Literal

from zopa.scenario.draft._rows import cite

if TYPE_CHECKING:
    from zopa.store import Claim

__all__ = ["FIRMNESS", "SALIENCE_CUES", "STANCE_VALUES", "placeholder_stance", "stance"]

Role = Literal["pole", "ally", "resisting"]

#: Salience implied by cue words (matched case-insensitively, most specific first).
SALIENCE_CUES: tuple[tuple[str, int], ...] = (
    ("very secondary", 15),
    ("secondary", 30),
    ("minor", 25),
    ("not a priority", 20),
    ("top priority", 95),
    ("primary", 90),
    ("main", 85),
    ("core", 85),
    ("key", 80),
    ("non-negotiable", 95),
    ("insist", 75),
    ("important", 70),
)

#: Where a claim of each stance puts its speaker, by the speaker's role on the issue (a party
#: that rejects or draws a red line resists, so an ally has neither).
STANCE_VALUES: dict[Role, dict[str, int]] = {
    "pole": {
        "demand": 100,
        "goal": 100,
        "red_line": 100,
        "reject": 100,
        "position": 90,
        "condition": 85,
        "accept": 80,
        "offer": 70,
    },
    "ally": {
        "demand": 90,
        "goal": 90,
        "accept": 85,
        "position": 75,
        "condition": 70,
        "offer": 60,
    },
    "resisting": {
        "reject": 0,
        "red_line": 0,
        "demand": 10,
        "goal": 10,
        "position": 20,
        "offer": 35,
        "condition": 45,
        "accept": 80,
    },
}
#: How firmly a stance commits its speaker: a red line, a rejection or a demand says where a
#: party stands more surely than an offer or an acceptance of part of the other's proposal.
FIRMNESS = {"red_line": 3, "reject": 2, "demand": 2, "goal": 2}
_AGREE_WITHIN = 20  # a claim agrees with the position when its value is this close
_RED_LINE_GAP = 15  # a stated red line is drafted this far from the position, toward the other side
_RED_LINE_SALIENCE = 90


def _cue_salience(cue: str) -> int | None:
    lowered = cue.casefold()
    return next((value for word, value in SALIENCE_CUES if word in lowered), None)


def _cites(claims: list[Claim]) -> list[dict[str, Any]]:
    return [cite("claim", c) for c in sorted(claims, key=lambda c: c.id)]


def _weighted_median(pairs: list[tuple[int, int]]) -> float:
    """The median of ``(value, weight)`` pairs: the value at half the total weight (the
    mean of the two values either side when half falls exactly between them)."""
    ordered = sorted(pairs)
    half = sum(weight for _, weight in ordered) / 2
    total = 0
    for n, (value, weight) in enumerate(ordered):
        total += weight
        if total > half:
            return value
        if total == half:
            return (value + ordered[n + 1][0]) / 2
    raise ValueError("no values")


#: A position placed by the numbers a party states: its value, the note saying how, the
#: claims that state them.
Numbered = tuple[int, str, list["Claim"]]
_NUMBER_CONFIDENCE = 0.5


def _position(
    claims: list[Claim], role: Role, pole_name: str, numbered: Numbered | None = None
) -> dict[str, Any]:
    if numbered is not None:
        value, note, cited = numbered
        return {
            "value": value,
            "confidence": _NUMBER_CONFIDENCE,
            "evidence": [{"note": note}, *_cites(cited)],
        }
    values = [STANCE_VALUES[role].get(c.stance, 50) for c in claims]
    value = round(
        _weighted_median(
            [(v, FIRMNESS.get(c.stance, 1)) for v, c in zip(values, claims, strict=True)]
        )
    )
    agreeing = sum(abs(v - value) <= _AGREE_WITHIN for v in values)
    confidence = round(min(0.8, 0.2 + 0.1 * agreeing) * agreeing / len(values), 2)
    stances = Counter(c.stance for c in claims)
    said = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(stances.items()))
    side = {
        "pole": "its demand anchors 100",
        "ally": f"on {pole_name}'s side",
        "resisting": f"resists {pole_name}'s demand",
    }[role]
    note = f"placed from its own claims ({said}); {side}; {agreeing} of {len(values)} agree"
    return {
        "value": value,
        "confidence": confidence,
        "evidence": [{"note": note}, *_cites(claims)],
    }


def _salience(claims: list[Claim]) -> dict[str, Any]:
    cued = [
        (value, c)
        for c in claims
        if c.salience_cue and (value := _cue_salience(c.salience_cue)) is not None
    ]
    if cued:
        top = max(value for value, _ in cued)
        return {
            "value": top,
            "confidence": 0.6,
            "evidence": _cites([c for value, c in cued if value == top]),
        }
    red_lines = [c for c in claims if c.stance == "red_line"]
    if red_lines:
        note = "a red line is stated on the issue: it matters much"
        return {
            "value": _RED_LINE_SALIENCE,
            "confidence": 0.5,
            "evidence": [{"note": note}, *_cites(red_lines)],
        }
    value = min(90, 40 + 10 * (len(claims) - 1))
    note = "no salience cue: from how often it claims the issue; edit to how much it matters"
    return {"value": value, "confidence": 0.3, "evidence": [{"note": note}]}


def stance(
    claims: list[Claim], role: Role, pole_name: str, numbered: Numbered | None = None
) -> dict[str, Any]:
    """The drafted stance of a party with claims on the issue, in the role it has there
    (placed by the numbers it states when ``numbered`` is given)."""
    position = _position(claims, role, pole_name, numbered)
    out: dict[str, Any] = {"position": position, "salience": _salience(claims)}
    red_lines = [c for c in claims if c.stance == "red_line"]
    if red_lines:
        toward = -_RED_LINE_GAP if position["value"] >= 50 else _RED_LINE_GAP
        out["red_line"] = {
            "value": min(100, max(0, position["value"] + toward)),
            "confidence": 0.3,
            "evidence": [
                {
                    "note": "a red line is stated, not where it lies: move it to the worst "
                    "value the party can accept"
                },
                *_cites(red_lines),
            ],
        }
    return out


def placeholder_stance(pole_name: str, asking: list[Claim]) -> dict[str, Any]:
    """A placeholder stance for a party named in the pole's claims without a claim of its own."""
    note = (
        f"no claim of its own on the issue; named in {pole_name}'s demand: place it "
        "(0 = the resisting side's aim, 100 = the demand), then delete `placeholder`"
    )
    return {
        "position": {
            "value": 50,
            "confidence": 0.1,
            "placeholder": True,
            "evidence": [{"note": note}, *_cites(asking)],
        },
        "salience": {
            "value": 50,
            "confidence": 0.1,
            "placeholder": True,
            "evidence": [{"note": "no evidence of how much the issue matters to it: set it"}],
        },
    }

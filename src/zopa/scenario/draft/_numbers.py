"""Place parties on an issue by the numbers their claims state (amounts, shares, years, counts).

Where two or more parties state numbers of the same unit on one issue ("offering 60,000
naira", "stood by 494,000 naira"), those numbers say where each stands better than the
stance words do: the pole's number (its median, when it states several) is 100, the number
farthest from it that another party states is 0, and every other party is placed in between
in proportion. A number is read from the claim's own words only (the sentence may quote the
other side's figure), with its unit: the word after it ("naira", "years", "tonnes"), a
currency sign, or "%"/"per cent"; a calendar year after "by", "in", "until", "before",
"after" or "from" has the unit ``year``, and is read nowhere else ("the 1998 accord").
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zopa.number_words import word_number

if TYPE_CHECKING:
    from zopa.store import Claim

__all__ = ["Amount", "NumberPlacement", "amounts", "place_by_numbers"]

_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCY = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₦": "naira", "₹": "rupee"}
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|hundred"
)
_AMOUNT = re.compile(
    rf"(?P<sign>[$€£¥₦₹])?\s?(?P<number>\d[\d,]*(?:\.\d+)?|\b(?:{_NUMBER_WORDS})\b)"
    rf"(?:[\s-](?P<scale>{'|'.join(_SCALES)})\b)?"
    r"(?:\s?(?P<percent>%|per\s?cent\b|percent\b))?"
    r"(?:[\s-](?P<unit>[a-z]+))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:by|in|until|before|after|from)\s+(?P<year>(?:19|20)\d\d)\b", re.I)
#: Words after a number that are no unit of it.
_NOT_UNITS = frozenset(
    "a an the of to and or for in on at by with from than as per is are was were be "
    "would will that which who more less fewer".split()
)


@dataclass(frozen=True)
class Amount:
    """A number stated in a claim, with its unit (singular, lower case)."""

    value: float
    unit: str


def _unit(match: re.Match[str]) -> str | None:
    if match["percent"]:
        return "%"
    if match["sign"]:
        return _CURRENCY[match["sign"]]
    unit = (match["unit"] or "").casefold()
    if not unit or unit in _NOT_UNITS:
        return None
    return unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit


def _calendar_year(match: re.Match[str]) -> bool:
    """A bare four-digit number from 1900 to 2099 names a year ("the 1998 accord")."""
    return (
        not match["sign"]
        and not match["percent"]
        and bool(re.fullmatch(r"(?:19|20)\d\d", match["number"]))
    )


def amounts(text: str) -> list[Amount]:
    """The numbers ``text`` states with a unit, in order (calendar years as unit ``year``)."""
    found: list[Amount] = []
    years = {m.start("year") for m in _YEAR.finditer(text)}
    for match in _YEAR.finditer(text):
        found.append(Amount(float(match["year"]), "year"))
    for match in _AMOUNT.finditer(text):
        if match.start("number") in years or _calendar_year(match):
            continue
        value = word_number(match["number"])
        unit = _unit(match)
        if value is None or unit is None:
            continue
        found.append(Amount(value * _SCALES.get((match["scale"] or "").casefold(), 1), unit))
    return found


@dataclass(frozen=True)
class NumberPlacement:
    """Where the numbers put each party on one issue's scale, and what they rest on."""

    unit: str
    #: the party whose number is 100 (the pole's)
    pole: str
    #: the position (0–100) of each party that states a number, by party key
    values: dict[str, int]
    #: the median number each party states, by party key
    numbers: dict[str, float]
    #: the claims that state them, by party key
    claims: dict[str, list[Claim]]
    #: the party whose number is 0 (the farthest from the pole's)
    far: str


def _median_by_party(
    claims: Mapping[str, list[Claim]], unit: str
) -> tuple[dict[str, float], dict[str, list[Claim]]]:
    numbers: dict[str, float] = {}
    cited: dict[str, list[Claim]] = {}
    for key, own in claims.items():
        stated = [(a.value, c) for c in own for a in amounts(c.text) if a.unit == unit]
        if stated:
            numbers[key] = statistics.median(value for value, _ in stated)
            cited[key] = sorted({c.id: c for _, c in stated}.values(), key=lambda c: c.id)
    return numbers, cited


def place_by_numbers(claims: Mapping[str, list[Claim]], pole: str) -> NumberPlacement | None:
    """Place the parties that state numbers on an issue, or ``None`` when the numbers say
    nothing: the pole states none, or no other party states one of the same unit that
    differs from the pole's.

    Of the units the pole states, the one the most parties state is used (ties: the first
    in alphabetical order).
    """
    units = {a.unit for c in claims.get(pole, []) for a in amounts(c.text)}
    best: NumberPlacement | None = None
    for unit in sorted(units):
        numbers, cited = _median_by_party(claims, unit)
        top = numbers[pole]
        far = max(
            (k for k in numbers if k != pole), key=lambda k: abs(numbers[k] - top), default=None
        )
        if far is None or numbers[far] == top:
            continue
        low = numbers[far]
        values = {
            key: round(min(100.0, max(0.0, 100 * (number - low) / (top - low))))
            for key, number in numbers.items()
        }
        placement = NumberPlacement(unit, pole, values, numbers, cited, far)
        if best is None or len(values) > len(best.values):
            best = placement
    return best

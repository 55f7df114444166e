"""Third parties that urge both sides: a government or body outside the talks pressing them.

A minister who "urged the parties to reach an agreement", "asked the mediators to convene
both sides" and "welcomed the agreement" takes no side: the sides are the ones it
addresses. A side of the talks does not call on "both sides" or "the parties"; it demands
of the other side. So a unit whose claims are all such appeals (a demand or goal whose
sentence names both sides, the two sides or the parties) or acceptances (welcoming the
deal) is a third party: the draft lists it with the mediators, not placed on the issues,
instead of making it a party from its appeals.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zopa.store import Claim

__all__ = ["BOTH_SIDES", "CHAIRING", "appealing"]

#: Words naming the sides of the talks together, as those an appeal is addressed to: "both
#: sides", "the parties", and a bare plural right after a verb of appeal ("urged delegations
#: to narrow their differences", "called on negotiators to ...": everyone at the table).
BOTH_SIDES = re.compile(
    r"\b(?:both|the two|all|each|the) (?:sides|parties|delegations|camps)\b"
    r"|\b(?:both|the two) governments\b"
    r"|\b(?:urg|call(?:ed|s|ing)? on|ask|press|appeal(?:ed|s|ing)? to)\w* "
    r"(?:all )?(?:delegations|negotiators|governments|countries|parties)\b",
    re.IGNORECASE,
)
#: Words that make the holder of a claim the one who runs the talks: "the minister who is
#: presiding over the talks", "the summit's president", "the COP29 presidency", "chairs the
#: negotiations" (a chair of a bloc or a union, "who chairs the group", is one of its sides).
CHAIRING = re.compile(
    r"\bpresid(?:e|es|ed|ing) over the (?:talks|summit|conference|negotiations|meeting)\b"
    r"|\b(?:summit|conference|talks|meeting)'s (?:president|chair(?:man|woman|person)?)\b"
    r"|\b(?:summit|conference|COP\s?\d+) presidency\b"
    r"|\bchair(?:s|ed|ing)? the (?:talks|summit|conference|negotiations|meeting)\b",
    re.IGNORECASE,
)
#: Stances of an appeal: what a unit asks of someone.
_ASKING = frozenset({"demand", "goal"})
#: Stances a third party takes without taking a side: welcoming what the sides agreed.
_NEUTRAL = frozenset({"accept"})
#: Stances that take a side even for the one who chairs the talks: refusing, a red line.
_SIDING = frozenset({"reject", "red_line"})


def appealing(
    claims: Iterable[Claim],
    sentences: Mapping[int, str],
    unit_of: Callable[[int | None], str | None],
) -> dict[str, list[Claim]]:
    """The units (by key) whose claims are all appeals to both sides or acceptances, with at
    least one appeal, and their claims.

    ``sentences`` holds each claim's sentence by claim id; ``unit_of`` gives the key of the
    unit a claim's actor speaks for (``None`` for a commentator or an unknown actor).
    """
    by_unit: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = unit_of(claim.actor_id)
        if key is not None:
            by_unit[key].append(claim)
    out: dict[str, list[Claim]] = {}
    for key, own in by_unit.items():
        appeals = [
            c for c in own if c.stance in _ASKING and BOTH_SIDES.search(sentences.get(c.id, ""))
        ]
        chaired = any(CHAIRING.search(sentences.get(c.id, "")) for c in own)
        if (appeals or chaired) and all(
            c in appeals or c.stance in _NEUTRAL or (chaired and c.stance not in _SIDING)
            for c in own
        ):
            out[key] = own
    return out

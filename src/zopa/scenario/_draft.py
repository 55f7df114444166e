"""``zopa scenario draft``: propose a scenario from the evidence in the store.

The extractor stores claims (an actor's demand, position, red line, offer or
goal on an issue, with a salience cue) and estimates (probability statements).
The draft turns them into a scenario the analyst edits:

* one issue per claimed issue, one actor per actor with claims;
* **salience** from the strongest salience cue among the actor's claims on the
  issue ("primary goal" high, "very secondary" low; see :data:`SALIENCE_CUES`),
  else from how often the actor is reported claiming it;
* **capability** from the actor's share of mentions (a weak proxy, so a low
  confidence);
* **position**: claims say *what* an actor wants but not where that lies on a
  0–100 scale, so each issue's scale is anchored on its most vocal actor
  (100 = what it demands) and the others are placed at the midpoint with a low
  confidence for the analyst to move — unless a ``base`` scenario already
  places them, in which case its values are kept and the new evidence added;
* red-line claims are cited in the stance's evidence with a note to set the
  value; estimates become evidence of the scenario.

Every proposed value carries ``evidence`` (claim ids with document and span)
and a ``confidence``. The result passes ``zopa scenario check`` (possibly
with warnings: no status quo, which the analyst should add).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from zopa.errors import ScenarioError
from zopa.scenario._schema import Scenario

if TYPE_CHECKING:  # the store needs SQLAlchemy, the lexicon spaCy: imported by the draft
    from zopa.store import Actor, Claim, Store

__all__ = ["SALIENCE_CUES", "draft_scenario", "dump_scenario"]

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

_KIND = {"state": "state", "person": "leader", "organisation": "organisation", "group": "group"}
# The scale is anchored on what an actor demands, so demands and goals count most.
_STANCE_WEIGHT = {"demand": 3, "goal": 3, "position": 2, "red_line": 1, "offer": 1}


def _slug(text: str, prefix: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:60] or prefix
    return slug if slug[0].isalpha() else f"{prefix}_{slug}"[:64]


def _cue_salience(cue: str) -> int | None:
    lowered = cue.casefold()
    return next((value for word, value in SALIENCE_CUES if word in lowered), None)


@dataclass
class _Group:
    """The claims of one actor on one issue."""

    claims: list[Claim] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return sum(_STANCE_WEIGHT.get(c.stance, 1) for c in self.claims)

    def evidence(self) -> list[dict[str, Any]]:
        return [
            {"claim": c.id, "document": str(c.document_id), "start": c.start, "end": c.end}
            for c in sorted(self.claims, key=lambda c: c.id)
        ]

    def salience(self) -> dict[str, Any]:
        cued = [s for c in self.claims if c.salience_cue and (s := _cue_salience(c.salience_cue))]
        if cued:
            return {"value": max(cued), "confidence": 0.6, "evidence": self.evidence()}
        value = min(90, 40 + 10 * (len(self.claims) - 1))
        note = f"no salience cue; {len(self.claims)} claim(s) on the issue"
        return {"value": value, "confidence": 0.3, "evidence": [{"note": note}]}


def draft_scenario(
    store: Store,
    *,
    scenario_id: str = "draft",
    title: str | None = None,
    base: Scenario | None = None,
    issue_labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Propose a scenario from the claims, estimates and mentions in ``store``.

    Parameters
    ----------
    store:
        An open store with extracted evidence.
    scenario_id, title:
        Id and title of the draft (ignored when ``base`` is given).
    base:
        An existing scenario whose issues, actors and values are kept; the draft
        adds evidence to them and proposes what is new.
    issue_labels:
        Human labels by issue id; default: the labels of the shipped issue lexicon
        (the one extraction used), falling back to the id.

    Returns
    -------
    dict
        The scenario as plain data, ready for :func:`dump_scenario`.

    Raises
    ------
    ScenarioError
        The store holds no claim attributed to an actor.
    """
    from sqlalchemy import func, select

    from zopa.extract._issues import load_issue_lexicon
    from zopa.store import Actor, Claim, Estimate, Mention

    with store.session() as session:
        rows = session.execute(
            select(Claim, Actor).join(Actor, Claim.actor_id == Actor.id).order_by(Claim.id)
        ).all()
        mention_counts = dict(
            session.execute(select(Mention.actor_id, func.count()).group_by(Mention.actor_id)).all()
        )
        estimates = session.scalars(select(Estimate).order_by(Estimate.id)).all()
        session.expunge_all()
    if not rows and base is None:
        raise ScenarioError(
            "the store holds no claims attributed to an actor; run `zopa extract` first "
            "(or pass --base with a scenario to start from)"
        )
    data: dict[str, Any] = (
        base.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        if base is not None
        else {
            "id": _slug(scenario_id, "s"),
            "title": title or "Draft scenario",
            "issues": [],
            "actors": [],
        }
    )
    data.setdefault("issues", [])
    data.setdefault("actors", [])
    issues = {i["id"]: i for i in data["issues"]}
    actors = {a["id"]: a for a in data["actors"]}

    groups: dict[tuple[str, str], _Group] = defaultdict(_Group)
    names: dict[str, Actor] = {}
    if issue_labels is None:
        issue_labels = {issue.id: issue.label for issue in load_issue_lexicon().issues}
    labels: dict[str, str] = {}
    for claim, actor in rows:
        actor_id, issue_id = _slug(actor.key, "a"), _slug(claim.issue, "i")
        groups[(actor_id, issue_id)].claims.append(claim)
        names[actor_id] = actor
        labels.setdefault(issue_id, issue_labels.get(claim.issue, claim.issue))

    total_mentions = max(mention_counts.values(), default=0)
    for actor_id, actor in names.items():
        if actor_id in actors:
            continue
        count = mention_counts.get(actor.id, 0)
        capability = round(100 * count / total_mentions) if total_mentions else 50
        actors[actor_id] = {
            "id": actor_id,
            "name": actor.name,
            "kind": _KIND.get(actor.kind, "other"),
            "capability": {
                "value": max(capability, 1),
                "confidence": 0.2,
                "evidence": [
                    {
                        "note": f"share of mentions: {count} of the top actor's "
                        f"{total_mentions}; edit to the actor's real clout"
                    }
                ],
            },
            "positions": {},
        }
        data["actors"].append(actors[actor_id])

    for issue_id in sorted({issue for _, issue in groups}):
        takers = sorted(
            (actor for actor, issue in groups if issue == issue_id),
            key=lambda actor: (-groups[(actor, issue_id)].weight, actor),
        )
        pole = takers[0]
        if issue_id not in issues:
            label = labels[issue_id]
            issues[issue_id] = {
                "id": issue_id,
                "label": label,
                "anchors": {
                    0: f"none of what {actors[pole]['name']} demands on {label}",
                    100: f"all of what {actors[pole]['name']} demands on {label}",
                },
                "evidence": [
                    {
                        "note": f"scale anchored on {pole}, the actor with most claims; "
                        "edit the anchors and add `status_quo:`"
                    }
                ],
            }
            data["issues"].append(issues[issue_id])
        for actor_id in takers:
            _merge_stance(
                actors[actor_id], issue_id, groups[(actor_id, issue_id)], actor_id == pole
            )

    if estimates:
        data.setdefault("evidence", [])
        for est in estimates:
            holder = est.holder_text or "unattributed"
            data["evidence"].append(
                {
                    "estimate": est.id,
                    "document": str(est.document_id),
                    "start": est.start,
                    "end": est.end,
                    "note": f"p={est.probability:.2f} [{est.low:.2f}, {est.high:.2f}] "
                    f"from {holder}: {' '.join((est.about or '').split())[:160]}",
                }
            )
    return data


def _merge_stance(actor: dict[str, Any], issue_id: str, group: _Group, pole: bool) -> None:
    positions = actor.setdefault("positions", {})
    red_lines = [c.id for c in group.claims if c.stance == "red_line"]
    if issue_id in positions:
        existing: dict[str, Any] = positions[issue_id]
        known = {e.get("claim") for e in existing.get("evidence", [])}
        existing.setdefault("evidence", []).extend(
            e for e in group.evidence() if e["claim"] not in known
        )
        return
    stance: dict[str, Any] = {
        "position": (
            {"value": 100, "confidence": 0.5, "evidence": group.evidence()}
            if pole
            else {
                "value": 50,
                "confidence": 0.1,
                "evidence": [
                    {"note": "direction not extracted: place the position on the issue's scale"}
                ],
            }
        ),
        "salience": group.salience(),
        "evidence": group.evidence(),
    }
    if red_lines:
        stance["evidence"].append(
            {
                "note": f"red line stated in claim(s) {', '.join(map(str, red_lines))}: "
                "set `red_line:` to the worst acceptable value"
            }
        )
    positions[issue_id] = stance


def dump_scenario(data: dict[str, Any]) -> str:
    """A scenario as YAML text (block style, keys in the given order)."""
    header = (
        "# zopa scenario draft: every value cites its evidence and has a confidence.\n"
        "# Edit, then run `zopa scenario check FILE`. Format: docs/scenarios.md\n"
    )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return header + body

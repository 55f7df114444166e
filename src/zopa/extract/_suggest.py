"""``zopa gazetteer suggest``: the gazetteer entries an analyst would want to confirm.

From the actors stored by extraction it proposes, in the gazetteer's own YAML layout
(so the file loads with ``zopa extract --gazetteer FILE`` once reviewed):

- names the gazetteer does not know that were seen at least ``min_mentions`` times
  (people with the country, role, affiliation and sector their titles gave);
- people the gazetteer does not know whose title or apposition gave a country or role,
  however often they were seen;
- the unsure resolutions of ambiguous names, as the alias of the actor chosen (keeping
  it settles the name; changing the country code corrects it); an unknown actor proposed
  above keeps its one entry, the unsure reading added to its comment.

Each entry is preceded by a comment saying why it is proposed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import yaml
from sqlalchemy import func, select

from zopa.extract._gazetteer import Gazetteer, load_gazetteer, slugify
from zopa.store import Actor, Mention, Store

__all__ = ["MIN_MENTIONS", "suggest_gazetteer"]

MIN_MENTIONS = 2
"""Mentions an unknown name needs before it is proposed (people with a title: one)."""

_SECTIONS = {
    "state": "states",
    "person": "people",
    "organisation": "organisations",
    "group": "groups",
}
_HEADER = """\
# Gazetteer entries to confirm, written by `zopa gazetteer suggest` from the store's evidence.
# Review each entry (the comment above it says why it is proposed), correct or delete it,
# then extract again with it: zopa extract --gazetteer THIS_FILE
# Layout: docs/extraction.md (Actors and the gazetteer).
"""


def _flow(entry: dict[str, Any]) -> str:
    text = yaml.safe_dump(
        entry, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000
    )
    return text.strip()


def _unknown_entry(actor: Actor) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": actor.name}
    if actor.kind in {"organisation", "group"}:
        prefix = "org" if actor.kind == "organisation" else "group"
        entry["key"] = f"{prefix}:{slugify(actor.name)}"
    for column in ("country", "role", "affiliation", "sector"):
        value = getattr(actor, column)
        if value is not None and not (actor.kind != "person" and column == "role"):
            entry[column] = value
    return entry


def _why_unknown(actor: Actor, count: int, documents: int) -> str:
    where = f"seen {count} time{'s' if count != 1 else ''} in {documents} document"
    where += "s" if documents != 1 else ""
    said = [c for c in ("country", "role", "affiliation", "sector") if getattr(actor, c)]
    if said:
        where += f"; {', '.join(said)} read from the text's titles and appositions"
    return f"not in the gazetteer ({actor.key}), {where}"


def _ambiguous_alias(text: str, gazetteer: Gazetteer) -> str | None:
    folded = " ".join(text.split())
    for alias in sorted(gazetteer.ambiguous, key=len, reverse=True):
        if folded == alias or folded.startswith(alias + " "):
            return alias
    return None


def suggest_gazetteer(
    store: Store, *, gazetteer: Gazetteer | None = None, min_mentions: int = MIN_MENTIONS
) -> str:
    """The YAML text of the proposed gazetteer (empty sections left out)."""
    known = gazetteer or load_gazetteer()
    sections: dict[str, list[tuple[str, dict[str, Any]]]] = {s: [] for s in _SECTIONS.values()}
    proposed: dict[str, tuple[list[tuple[str, dict[str, Any]]], int]] = {}
    """Actor key → (section, index) of the entry already proposed for an unknown actor."""
    with store.session() as session:
        counts = select(
            Mention.actor_id,
            func.count(Mention.id),
            func.count(func.distinct(Mention.document_id)),
        ).group_by(Mention.actor_id)
        seen = {actor_id: (n, docs) for actor_id, n, docs in session.execute(counts)}
        actors = session.scalars(
            select(Actor).where(Actor.resolved.is_(False)).order_by(Actor.name)
        )
        for actor in actors:
            count, documents = seen.get(actor.id, (0, 0))
            titled = actor.kind == "person" and (actor.country or actor.role)
            if count == 0 or actor.kind not in _SECTIONS or actor.kind == "state":
                continue
            if count >= min_mentions or titled:
                section = sections[_SECTIONS[actor.kind]]
                proposed[actor.key] = (section, len(section))
                section.append((_why_unknown(actor, count, documents), _unknown_entry(actor)))
        unsure = session.execute(
            select(Mention.text, Mention.unsure, Actor.key, Actor.kind, Actor.name)
            .join(Actor, Actor.id == Mention.actor_id)
            .where(Mention.unsure.is_not(None))
            .order_by(Mention.document_id, Mention.start)
        ).all()
    choices: Counter[tuple[str, str, str, str]] = Counter()
    reasons: dict[tuple[str, str, str, str], str] = {}
    for text, reason, key, kind, name in unsure:
        alias = _ambiguous_alias(text, known) or " ".join(text.split())
        choice = (alias, key, kind, name)
        choices[choice] += 1
        reasons.setdefault(choice, reason or "")
    for (alias, key, kind, name), n in sorted(choices.items()):
        why = f"unsure ({n} mention{'s' if n != 1 else ''}): {reasons[(alias, key, kind, name)]}"
        if key in proposed:  # an unknown actor proposed above: one entry, with both reasons
            section, i = proposed[key]
            said, found = section[i]
            aliases = found.get("aliases", [])
            if alias != found["name"] and alias not in aliases:
                found["aliases"] = [*aliases, alias]
            section[i] = (f"{said}; {why}", found)
        elif kind == "state":
            target = known.resolve(alias)
            field_name = "demonyms" if target is not None and target.cls == "demonym" else "names"
            sections["states"].append((why, {"country": key, field_name: [alias]}))
        elif kind in _SECTIONS:
            sections[_SECTIONS[kind]].append((why, {"name": name, "key": key, "aliases": [alias]}))
    lines = [_HEADER.rstrip("\n"), "version: 1"]
    for section_name, section in sections.items():
        if not section:
            continue
        lines += ["", f"{section_name}:"]
        for why, entry in section:
            lines += [f"  # {' '.join(why.split())}", f"  - {_flow(entry)}"]
    return "\n".join(lines) + "\n"

"""Stored events that may resolve a scenario's open event questions: the analyst decides.

An event question asks whether something happens by its resolution date. When the store
holds an extracted event of that kind, marked as having happened, between the question's
actors, dated inside the question's window (from when it opens, or from any day when it
has no opening date, to the earlier of its resolution date and the as-of date), the
analyst is shown it with the command that resolves the question. zopa never resolves a
question by itself: an extracted event may be misread, and a score resting on a misread
outcome would be worse than none.

What each kind of question looks for (PLOVER types, Halterman et al. 2023):

* ``agreement_signed`` — ``AGREE`` involving all of its parties;
* ``format_held`` — ``CONSULT`` involving all of its participants (the format's, when the
  question names none);
* ``lever_imposed`` — ``SANCTION`` or ``COERCE`` by the lever's holder on one of its targets;
* ``plover_event`` — its type (and mode, if given) between its two actors, or by its source
  (on its target, if given).

``deadline_met`` is left to the analyst: what a deadline demands is no event type.
A scenario actor stands for the store actors of its ``keys`` (its own key first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from zopa.evidence import EvidenceFilter, iter_items
from zopa.scenario import (
    AgreementSigned,
    FormatHeld,
    LeverImposed,
    PloverEvent,
    Question,
    Scenario,
    question_status,
)
from zopa.store import Store

__all__ = ["Resolving", "resolving_events", "with_may_resolve"]


@dataclass(frozen=True)
class _Looked:
    """What a question looks for: event types, an optional mode, and its actors' sides."""

    types: tuple[str, ...]
    sides: tuple[tuple[str, ...], ...]
    """Groups of scenario actor ids; the act (one span, one event per pair of actors) must
    involve an actor of every group (one group: a directed event by it, on anyone)."""
    mode: str | None = None


@dataclass(frozen=True)
class Resolving:
    """A stored event that may resolve ``question`` (its public listing item)."""

    question: str
    event: dict[str, Any]

    def command(self, scenario_file: str) -> str:
        """The command that resolves the question as having happened, citing the event."""
        on = self.event["date"] or "DATE"
        return (
            f"zopa questions resolve {scenario_file} {self.question} --outcome yes "
            f"--on {on} --event {self.event['id']}"
        )

    def describe(self) -> str:
        """``event 33: AGREE Nepal → India, happened 2026-03-02 (document 7)``."""
        e = self.event
        pair = " → ".join(a for a in (e["source_actor"], e["target_actor"]) if a)
        return (
            f"event {e['id']}: {e['type']}{'/' + e['mode'] if e['mode'] else ''} {pair}, "
            f"{e['status']} {e['date'] or 'undated'} (document {e['document_id']})"
        )


def _looked_for(question: Question, scenario: Scenario) -> _Looked | None:
    what = question.what
    if isinstance(what, AgreementSigned):
        return _Looked(("AGREE",), tuple((p,) for p in what.parties)) if what.parties else None
    if isinstance(what, FormatHeld):
        held = what.participants
        if not held and what.format is not None:
            held = next((f.participants for f in scenario.formats if f.id == what.format), [])
        return _Looked(("CONSULT",), tuple((p,) for p in held)) if held else None
    if isinstance(what, LeverImposed):
        lever = next((lv for lv in scenario.levers if lv.id == what.lever), None)
        if lever is None:
            return None
        return _Looked(("SANCTION", "COERCE"), ((lever.holder,), tuple(lever.targets)))
    if isinstance(what, PloverEvent):
        if what.between:
            sides: tuple[tuple[str, ...], ...] = tuple((a,) for a in what.between)
        else:
            assert what.source is not None  # the schema requires between or source
            sides = ((what.source,), (what.target,)) if what.target else ((what.source,),)
        return _Looked((what.event,), sides, what.mode)
    return None


def _keys(scenario: Scenario, actor_id: str) -> tuple[str, ...]:
    actor = next((a for a in scenario.actors if a.id == actor_id), None)
    if actor is None:
        return ()
    return actor.keys or (actor.name,)


def _side_keys(scenario: Scenario, side: Sequence[str]) -> list[str]:
    return [key for actor_id in side for key in _keys(scenario, actor_id)]


def _ids_involving(
    store: Store, keys: Iterable[str], base: EvidenceFilter, types: Sequence[str]
) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for key in keys:
        for kind in types:
            filters = replace(base, actor=key, type=kind)
            for listing in iter_items(store, "events", filters):
                found[listing.item["id"]] = listing.item
    return found


def _whole_acts(by_side: list[dict[int, dict[str, Any]]]) -> dict[int, dict[str, Any]]:
    """The events of the acts that involve every side: one act (a document span) coded as
    one event per pair of actors (tests/gold/README.md, "one event per dyad") counts whole,
    so a trilateral meeting needs its three participants, not two of them."""
    acts: dict[tuple[int, int, int], set[int]] = {}
    items: dict[int, dict[str, Any]] = {}
    for n, side in enumerate(by_side):
        for event_id, item in side.items():
            act = (item["document_id"], item["start"], item["end"])
            acts.setdefault(act, set()).add(n)
            items[event_id] = item
    whole = {act for act, sides in acts.items() if len(sides) == len(by_side)}
    return {
        event_id: item
        for event_id, item in items.items()
        if (item["document_id"], item["start"], item["end"]) in whole
    }


def resolving_events(store: Store, scenario: Scenario, as_of: date) -> dict[str, list[Resolving]]:
    """Per open event question, the stored events that may resolve it, in the store's order."""
    out: dict[str, list[Resolving]] = {}
    for question in scenario.questions:
        if question.kind != "event" or question_status(question, as_of) != "open":
            continue
        looked = _looked_for(question, scenario)
        if looked is None:
            continue
        window = EvidenceFilter(
            status="happened",
            dated_from=question.opens,
            dated_to=min(question.resolution_date, as_of),
        )
        by_side = [
            _ids_involving(
                store, [k for a in side for k in _keys(scenario, a)], window, looked.types
            )
            for side in looked.sides
        ]
        hits = _whole_acts(by_side)
        found = [
            Resolving(question.id, item)
            for _, item in sorted(hits.items())
            if looked.mode is None or item["mode"] == looked.mode
        ]
        if found:
            out[question.id] = found
    return out


def with_may_resolve(
    overview: list[dict[str, Any]], found: dict[str, list[Resolving]]
) -> list[dict[str, Any]]:
    """``questions_overview`` rows with ``may_resolve``: the events of ``found``
    (:func:`resolving_events`) that may resolve each, as public listing items (empty for the
    questions nothing may resolve), as the command line and the API both give them."""
    return [{**q, "may_resolve": [r.event for r in found.get(q["id"], [])]} for q in overview]

"""Score a drafted scenario and its evidence against a negotiation's gold (pure functions).

Four measures (targets in :data:`TARGETS`; rules in ``docs/scenarios.md``, "Scoring a
draft against gold"):

1. **actors resolved**: the fraction of gold entities whose resolution in their
   document matches (:func:`score_entities`);
2. **parties found**: recall of the gold parties among the drafted parties, with the
   commentators and mediators drafted as parties and the mediators found
   (:func:`score_parties`);
3. **claims to the right actor**: the fraction of gold claims matched by a stored claim
   of the gold party or of a person linked to it, end to end, and the same among the gold
   claims some stored claim matches at all (attribution alone) (:func:`score_claims`);
4. **positions**: per gold issue, the share of gold positions on the right side of the
   midpoint and the mean absolute error, on the drafted issue its claims were extracted
   under (else its lexicon id), after orienting the drafted scale on the gold's
   (:func:`score_positions`).

Inputs are plain data: the gold (:class:`~zopa.scenario._draft_gold.DraftGold`), the
store's mentions and claims as :class:`MentionRecord` and :class:`ClaimRecord`, the
documents' texts by file stem, and the drafted scenario as the dict that
:func:`~zopa.scenario.draft_scenario` returns.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zopa.scenario._draft_gold import DraftGold, GoldActor, GoldClaim, GoldEntity

__all__ = [
    "TARGETS",
    "ActorRecord",
    "ClaimRecord",
    "ClaimScore",
    "DraftEvaluation",
    "MentionRecord",
    "NegotiationScore",
    "PartyScore",
    "PositionScore",
    "Tally",
    "score_claims",
    "score_entities",
    "score_negotiation",
    "score_parties",
    "score_positions",
]

#: Targets of issue 10: a rate at least this, a count at most this, an error at most this.
TARGETS: dict[str, float] = {
    "actors_resolved": 0.90,
    "parties_found": 0.90,
    "commentators_as_parties": 0,
    "claims_right_actor": 0.85,
    "claims_attributed": 0.85,
    "positions_right_side": 0.80,
    "positions_mae": 20.0,
}
MIDPOINT = 50.0


@dataclass(frozen=True)
class ActorRecord:
    """An actor row of the store, as the scores need it."""

    key: str
    name: str
    kind: str
    country: str | None = None
    affiliation: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class MentionRecord:
    """A mention row: its document (file stem), span and the actor it resolves to."""

    document: str
    start: int
    end: int
    actor: ActorRecord


@dataclass(frozen=True)
class ClaimRecord:
    """A claim row: its document (file stem), the text of its sentence and its actor."""

    document: str
    sentence: str
    actor: ActorRecord | None
    issue: str | None = None
    #: the store id (drafted stances cite claims by it)
    id: int | None = None


@dataclass
class Tally:
    """``correct`` of ``total``; the rate is ``None`` when there is nothing to score."""

    correct: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        """``correct / total``, or ``None`` for an empty tally."""
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        """Count one more item, correct or not."""
        self.total += 1
        self.correct += int(ok)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.correct + other.correct, self.total + other.total)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"rate": self.rate, "correct": self.correct, "total": self.total}


def _norm(text: str) -> str:
    """A name or key as compared: accents dropped, case folded, non-alphanumerics as ``_``."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", "_", plain).strip("_")


def _same_person(a: str, b: str) -> bool:
    """Whether two person names are the same, one possibly a short form (``Abdelatty``)."""
    x, y = _norm(a).split("_"), _norm(b).split("_")
    if not x[0] or not y[0]:
        return False
    short, long = sorted((x, y), key=len)
    return long[len(long) - len(short) :] == short


def _names(actor: GoldActor) -> set[str]:
    return {_norm(n) for n in (actor.key, actor.name, *actor.aliases)}


def _linked(actor: ActorRecord, party: GoldActor) -> bool:
    """Whether the store links ``actor`` to ``party``: its ``country`` or ``affiliation``."""
    if actor.country is not None and _norm(actor.country) == _norm(party.key):
        return True
    return actor.affiliation is not None and _norm(actor.affiliation) in _names(party)


def _speaks_for(actor: ActorRecord, party: GoldActor) -> bool:
    """Whether a stored actor is ``party``, is linked to it, or is one of its people."""
    names = _names(party)
    if _norm(actor.key) in names or _norm(actor.name) in names or _linked(actor, party):
        return True
    return actor.kind == "person" and any(_same_person(actor.name, p) for p in party.people)


# ---- 1. actors resolved ------------------------------------------------------------------


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of ``phrase`` (in NFC, as stored) in ``text``: exactly, else ignoring case."""
    phrase = unicodedata.normalize("NFC", phrase)
    for flags in (0, re.IGNORECASE):
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text, flags)]
        if found:
            return found
    return []


def _entity_resolved(
    entity: GoldEntity, covering: Sequence[MentionRecord], actors: Mapping[str, GoldActor]
) -> bool:
    expected = entity.expected
    if expected == "none" and entity.as_ == "outlet":
        # An outlet named in the text is kept as a media organisation (sector MED, the
        # extraction gold's rule) that is never a party: right unless resolved otherwise.
        return all(m.actor.sector == "MED" for m in covering)
    if expected == "none":
        return not covering
    for mention in covering:
        actor = mention.actor
        if expected == "state" and entity.actor is not None:
            key = _norm(entity.actor)
            if _norm(actor.key) == key or (
                actor.kind != "person" and actor.country is not None and _norm(actor.country) == key
            ):
                return True
        elif expected == "person" and actor.kind == "person":
            if entity.country is None:
                return True
            party = actors.get(entity.country, GoldActor(key=entity.country, name=entity.country))
            if _linked(actor, party):
                return True
        elif expected == "organisation" and actor.kind not in ("state", "person"):
            return True
    return False


def score_entities(
    gold: DraftGold, mentions: Iterable[MentionRecord], texts: Mapping[str, str]
) -> tuple[Tally, list[dict[str, Any]]]:
    """Actors resolved correctly: each gold entity against the mentions covering its text.

    A mention covers an entity when its span overlaps an occurrence of the entity's text
    in the document (matched exactly, else ignoring case). A state is right when a
    covering mention resolves to its key (or, for a non-person actor, has it as
    ``country``); a person when a covering mention is a person and, if the gold gives a
    ``country``, the store links that person to it (its ``country`` is the key, or its
    ``affiliation`` the party's name or an alias); an organisation or group when a covering mention
    resolves to an actor that is neither a state nor a person; ``actor: null`` when no
    mention covers the text at all. An entity whose text is not in the document is wrong.

    Returns
    -------
    The tally and the wrong entities (document, text, expected, what was found).
    """
    by_document: dict[str, list[MentionRecord]] = {}
    for mention in mentions:
        by_document.setdefault(mention.document, []).append(mention)
    actors = {a.key: a for a in (*gold.parties, *gold.mediators)}
    tally, misses = Tally(), []
    for entity in gold.entities:
        spans = _occurrences(texts.get(entity.document, ""), entity.text)
        covering = [
            m
            for m in by_document.get(entity.document, [])
            if any(m.start < end and start < m.end for start, end in spans)
        ]
        ok = bool(spans) and _entity_resolved(entity, covering, actors)
        tally.add(ok)
        if not ok:
            misses.append(
                {
                    "document": entity.document,
                    "text": entity.text,
                    "expected": entity.actor or entity.country or entity.expected,
                    "found": sorted({f"{m.actor.key} ({m.actor.kind})" for m in covering})
                    if spans
                    else "text not in the document",
                }
            )
    return tally, misses


# ---- 2. parties found --------------------------------------------------------------------


def _is_party(actor: Mapping[str, Any]) -> bool:
    return actor.get("kind") != "mediator" and actor.get("in_models", True) is not False


def _keyed(actor: Mapping[str, Any], gold_actor: GoldActor) -> bool:
    """Whether a drafted actor carries ``gold_actor``'s key among its store ``keys``."""
    return _norm(gold_actor.key) in {_norm(str(k)) for k in actor.get("keys") or ()}


def _directly(actor: Mapping[str, Any], gold_actor: GoldActor) -> bool:
    """Whether a drafted actor is ``gold_actor``: by store key, else by id, name or alias."""
    if _keyed(actor, gold_actor):
        return True
    names = _names(gold_actor)
    own = [actor.get("id", ""), actor.get("name", ""), *actor.get("aliases", ())]
    return any(_norm(str(n)) in names for n in own if n)


def _stands_for(
    actor: Mapping[str, Any], gold_actor: GoldActor, by_id: Mapping[str, Mapping[str, Any]]
) -> bool:
    """Whether a drafted actor is ``gold_actor``, represents it, or is one of its people."""
    if _directly(actor, gold_actor):
        return True
    represented = by_id.get(str(actor.get("represents")))
    if represented is not None and _directly(represented, gold_actor):
        return True
    name = str(actor.get("name", ""))
    return any(_same_person(name, person) for person in gold_actor.people)


@dataclass
class PartyScore:
    """Parties found, commentators and mediators drafted as parties, mediators found."""

    found: Tally
    missing: list[str]
    commentators_as_parties: list[str]
    mediators_as_parties: list[str]
    mediators_found: Tally

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "found": self.found.as_dict(),
            "missing": self.missing,
            "commentators_as_parties": self.commentators_as_parties,
            "mediators_as_parties": self.mediators_as_parties,
            "mediators_found": self.mediators_found.as_dict(),
        }


def score_parties(gold: DraftGold, scenario: Mapping[str, Any]) -> PartyScore:
    """Parties found among the drafted parties (not ``kind: mediator``, ``in_models``).

    A gold party is found when a drafted party is it (id, name or alias equal to its
    key, name or an alias, compared without case, accents or punctuation), represents
    it, or is one of its people. A drafted party named like a commentator (full name or
    a short form) or like a commentator's affiliation is a commentator made a party; one
    that stands for a gold mediator is a mediator made a party. A gold mediator is found
    when a drafted actor of kind ``mediator`` stands for it.
    """
    actors = list(scenario.get("actors", []))
    by_id = {str(a.get("id")): a for a in actors}
    parties = [a for a in actors if _is_party(a)]
    mediators = [a for a in actors if a.get("kind") == "mediator"]
    found, missing = Tally(), []
    for party in gold.parties:
        ok = any(_stands_for(a, party, by_id) for a in parties)
        found.add(ok)
        if not ok:
            missing.append(party.key)
    commentators = []
    for actor in parties:
        name = str(actor.get("name", ""))
        for commentator in gold.commentators:
            affiliation = commentator.affiliation
            if _same_person(name, commentator.name) or (
                affiliation is not None and _norm(name) == _norm(affiliation)
            ):
                commentators.append(name)
                break
    mediators_as_parties = [
        str(actor.get("name", ""))
        for actor in parties
        if any(_stands_for(actor, m, by_id) for m in gold.mediators)
        and not any(_directly(actor, p) for p in gold.parties)
    ]
    mediators_found = Tally()
    for mediator in gold.mediators:
        mediators_found.add(any(_stands_for(a, mediator, by_id) for a in mediators))
    return PartyScore(found, missing, commentators, mediators_as_parties, mediators_found)


# ---- 3. claims to the right actor --------------------------------------------------------


def _squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class ClaimScore:
    """Gold claims attributed to the right actor, and gold claims matched at all."""

    right_actor: Tally
    matched: Tally
    wrong: list[dict[str, Any]]
    attributed: Tally = field(default_factory=Tally)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "right_actor": self.right_actor.as_dict(),
            "matched": self.matched.as_dict(),
            "attributed": self.attributed.as_dict(),
            "wrong": self.wrong,
        }


def score_claims(gold: DraftGold, claims: Iterable[ClaimRecord]) -> ClaimScore:
    """Claims to the right actor: each gold claim against the stored claims of its sentence.

    A stored claim matches a gold claim when it is in the same document and its
    sentence contains the gold text (white space squeezed). The gold claim is right
    when a matching claim's actor is the gold party or a person linked to it (its
    ``country`` is the party's key, or its name is one of the party's ``people``). A
    gold claim no stored claim matches is wrong; ``matched`` counts those matched at all,
    ``attributed`` the right ones among those matched.
    """
    by_document: dict[str, list[ClaimRecord]] = {}
    for claim in claims:
        by_document.setdefault(claim.document, []).append(claim)
    parties = {p.key: p for p in gold.parties}
    right, matched, attributed, wrong = Tally(), Tally(), Tally(), []
    for item in gold.claims:
        found = matching_claims(item, by_document)
        ok = any(c.actor is not None and _speaks_for(c.actor, parties[item.actor]) for c in found)
        matched.add(bool(found))
        right.add(ok)
        if found:
            attributed.add(ok)
        if not ok:
            wrong.append(
                {
                    "document": item.document,
                    "text": item.text,
                    "expected": item.actor,
                    "found": sorted({c.actor.key if c.actor else "(none)" for c in found}),
                }
            )
    return ClaimScore(right, matched, wrong, attributed)


def matching_claims(
    item: GoldClaim, by_document: Mapping[str, Sequence[ClaimRecord]]
) -> list[ClaimRecord]:
    """The stored claims of ``item``'s document whose sentence contains its text."""
    text = _squeeze(item.text)
    return [c for c in by_document.get(item.document, []) if text in _squeeze(c.sentence)]


def _cited_issues(scenario: Mapping[str, Any]) -> dict[int, str]:
    """The drafted issue under which each claim id is cited in a party's stance."""
    out: dict[int, str] = {}
    for actor in scenario.get("actors", []):
        for issue_id, stance in (actor.get("positions") or {}).items():
            position = stance.get("position") if isinstance(stance, Mapping) else None
            evidence = position.get("evidence", []) if isinstance(position, Mapping) else []
            for item in evidence:
                if isinstance(item, Mapping) and isinstance(item.get("claim"), int):
                    out.setdefault(item["claim"], _norm(str(issue_id)))
    return out


def _issue_map(
    gold: DraftGold,
    claims: Iterable[ClaimRecord],
    drafted: Mapping[str, str],
    cited: Mapping[int, str] | None = None,
) -> dict[str, tuple[str | None, str]]:
    """Each gold issue's drafted issue id and how it was found (``claims`` or ``lexicon``).

    The drafted issue is the one most of the stored claims matching the gold issue's
    claims were drafted under — the issue whose stances cite the claim (``cited``, by
    claim id: the draft joins open issues, and a joined claim keeps its own key), else
    the issue key it was extracted under — (ties: the first in id order), when the draft
    has it; else the drafted issue of the gold's ``lexicon`` id; else ``None``.
    """
    cited = cited or {}
    by_document: dict[str, list[ClaimRecord]] = {}
    for claim in claims:
        by_document.setdefault(claim.document, []).append(claim)
    mapped: dict[str, tuple[str | None, str]] = {}
    for issue in gold.issues:
        votes = Counter(
            key
            for item in gold.claims
            if item.issue == issue.id
            for c in matching_claims(item, by_document)
            if (key := _drafted_under(c, cited)) is not None and key in drafted
        )
        if votes:
            top = max(votes.values())
            mapped[issue.id] = (drafted[min(k for k, n in votes.items() if n == top)], "claims")
        elif issue.lexicon is not None:
            mapped[issue.id] = (drafted.get(_norm(issue.lexicon)), "lexicon")
        else:
            mapped[issue.id] = (None, "none")
    return mapped


def _drafted_under(claim: ClaimRecord, cited: Mapping[int, str]) -> str | None:
    if claim.id is not None and claim.id in cited:
        return cited[claim.id]
    return _norm(claim.issue) if claim.issue is not None else None


# ---- 4. positions ------------------------------------------------------------------------


def _drafted_position(
    scenario: Mapping[str, Any], party: GoldActor, issue_id: str
) -> tuple[float | None, bool]:
    """The drafted position of ``party`` on ``issue_id``: (value, is placeholder).

    The drafted actor that carries the party's key is preferred, then one named like it,
    then one that represents it or is one of its people; ``(None, False)`` when no
    drafted party has a position there.
    """
    actors = [a for a in scenario.get("actors", []) if _is_party(a)]
    by_id = {str(a.get("id")): a for a in actors}
    candidates = (
        [a for a in actors if _keyed(a, party)]
        + [a for a in actors if not _keyed(a, party) and _directly(a, party)]
        + [a for a in actors if not _directly(a, party) and _stands_for(a, party, by_id)]
    )
    for actor in candidates:
        stance = (actor.get("positions") or {}).get(issue_id)
        if not isinstance(stance, Mapping) or "position" not in stance:
            continue
        position = stance["position"]
        if isinstance(position, Mapping):
            return float(position["value"]), bool(position.get("placeholder", False))
        return float(position), False
    return None, False


@dataclass
class PositionScore:
    """Gold positions on the right side of the midpoint, and the absolute errors."""

    right_side: Tally = field(default_factory=Tally)
    error_sum: float = 0.0
    errors: int = 0
    flipped: list[str] = field(default_factory=list)
    no_lexicon: list[str] = field(default_factory=list)
    not_drafted: list[str] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)

    @property
    def mae(self) -> float | None:
        """Mean absolute error, or ``None`` when no position was scored."""
        return self.error_sum / self.errors if self.errors else None

    def __add__(self, other: PositionScore) -> PositionScore:
        return PositionScore(
            self.right_side + other.right_side,
            self.error_sum + other.error_sum,
            self.errors + other.errors,
            self.flipped + other.flipped,
            self.no_lexicon + other.no_lexicon,
            self.not_drafted + other.not_drafted,
            {**self.mapped, **other.mapped},
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "right_side": self.right_side.as_dict(),
            "mae": self.mae,
            "scored": self.errors,
            "flipped": self.flipped,
            "no_lexicon": self.no_lexicon,
            "not_drafted": self.not_drafted,
            "mapped": self.mapped,
        }


def score_positions(
    gold: DraftGold, scenario: Mapping[str, Any], claims: Iterable[ClaimRecord] = ()
) -> PositionScore:
    """Positions on the right side of the midpoint, and their mean absolute error.

    Each gold issue is compared with the drafted issue its claims were drafted under
    (the majority of the stored ``claims`` matching its gold claims: the issue whose
    stances cite each, else its extracted issue key), else with the
    drafted issue of its ``lexicon`` id (ids compared without case or punctuation); an
    issue with neither is listed, not scored. The lexicon id alone would tie the gold
    to one version of the shipped lexicon.
    The drafted scale is flipped (100 − x) when the gold parties the draft places
    highest on it are all on the gold's low side (below 50: the ``low`` party, or one
    that sides with it). A gold position of exactly 50 is skipped.
    Otherwise a drafted position is on the right side when it is on the same side of 50
    as the gold; a missing or placeholder position (or a missing drafted issue) is on
    the wrong side and counts ``|gold − 50|`` as its error.
    """
    score = PositionScore()
    parties = {p.key: p for p in gold.parties}
    drafted = {_norm(str(i.get("id", ""))): str(i.get("id")) for i in scenario.get("issues", [])}
    mapping = _issue_map(gold, claims, drafted, _cited_issues(scenario))
    for issue in gold.issues:
        issue_id, via = mapping[issue.id]
        if via == "none":
            score.no_lexicon.append(issue.id)
            continue
        score.mapped[issue.id] = f"{issue_id} ({via})" if issue_id else f"- ({via})"
        if issue_id is None:
            score.not_drafted.append(issue.id)
        values = {
            key: _drafted_position(scenario, parties[key], issue_id) if issue_id else (None, False)
            for key in issue.positions
        }
        placed = {
            k: v for k, (v, placeholder) in values.items() if v is not None and not placeholder
        }
        top = max(placed.values(), default=None)
        highest = [k for k, v in placed.items() if v == top]
        # The draft's 100 end is the gold's 0 end when every party it places highest is on
        # the gold's low side (the named low party or one that sides with it).
        flip = bool(highest) and all(issue.positions[k] < MIDPOINT for k in highest)
        if flip:
            score.flipped.append(issue.id)
        for key, truth in issue.positions.items():
            if truth == MIDPOINT:
                continue
            value = placed.get(key)
            if value is None:
                score.right_side.add(False)
                error = abs(truth - MIDPOINT)
            else:
                value = 100 - value if flip else value
                score.right_side.add((truth > MIDPOINT) == (value > MIDPOINT) and value != MIDPOINT)
                error = abs(truth - value)
            score.error_sum += error
            score.errors += 1
    return score


# ---- a negotiation and the whole run -----------------------------------------------------


@dataclass
class NegotiationScore:
    """Every measure for one negotiation."""

    name: str
    actors: Tally
    actor_misses: list[dict[str, Any]]
    parties: PartyScore
    claims: ClaimScore
    positions: PositionScore
    notes: list[str] = field(default_factory=list)

    def measures(self) -> dict[str, Any]:
        """The headline figures by the names of :data:`TARGETS` (plus untargeted ones)."""
        return {
            "actors_resolved": self.actors.rate,
            "parties_found": self.parties.found.rate,
            "commentators_as_parties": len(self.parties.commentators_as_parties),
            "mediators_as_parties": len(self.parties.mediators_as_parties),
            "mediators_found": self.parties.mediators_found.rate,
            "claims_matched": self.claims.matched.rate,
            "claims_right_actor": self.claims.right_actor.rate,
            "claims_attributed": self.claims.attributed.rate,
            "positions_right_side": self.positions.right_side.rate,
            "positions_mae": self.positions.mae,
        }

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "measures": self.measures(),
            "targets_met": targets_met(self.measures()),
            "actors": {**self.actors.as_dict(), "wrong": self.actor_misses},
            "parties": self.parties.as_dict(),
            "claims": self.claims.as_dict(),
            "positions": self.positions.as_dict(),
            "notes": self.notes,
        }


def score_negotiation(
    name: str,
    gold: DraftGold,
    *,
    mentions: Iterable[MentionRecord],
    claims: Iterable[ClaimRecord],
    texts: Mapping[str, str],
    scenario: Mapping[str, Any],
    notes: Sequence[str] = (),
) -> NegotiationScore:
    """All four measures for one negotiation (see the module docstring)."""
    claims = list(claims)
    actors, misses = score_entities(gold, mentions, texts)
    return NegotiationScore(
        name=name,
        actors=actors,
        actor_misses=misses,
        parties=score_parties(gold, scenario),
        claims=score_claims(gold, claims),
        positions=score_positions(gold, scenario, claims),
        notes=list(notes),
    )


def targets_met(measures: Mapping[str, Any]) -> dict[str, bool | None]:
    """Whether each targeted measure meets :data:`TARGETS` (``None``: nothing to score)."""
    met: dict[str, bool | None] = {}
    for name, target in TARGETS.items():
        value = measures[name]
        if value is None:
            met[name] = None
        elif name in ("commentators_as_parties", "positions_mae"):
            met[name] = value <= target
        else:
            met[name] = value >= target
    return met


@dataclass
class DraftEvaluation:
    """The scores of every negotiation and their micro-averaged totals."""

    negotiations: list[NegotiationScore]

    def overall(self) -> dict[str, Any]:
        """Micro-averaged measures: items of every negotiation pooled."""
        actors, found, mediators, matched, right = Tally(), Tally(), Tally(), Tally(), Tally()
        attributed = Tally()
        positions = PositionScore()
        commentators = mediators_as_parties = 0
        for n in self.negotiations:
            actors += n.actors
            found += n.parties.found
            mediators += n.parties.mediators_found
            matched += n.claims.matched
            right += n.claims.right_actor
            attributed += n.claims.attributed
            positions += n.positions
            commentators += len(n.parties.commentators_as_parties)
            mediators_as_parties += len(n.parties.mediators_as_parties)
        return {
            "actors_resolved": actors.rate,
            "parties_found": found.rate,
            "commentators_as_parties": commentators,
            "mediators_as_parties": mediators_as_parties,
            "mediators_found": mediators.rate,
            "claims_matched": matched.rate,
            "claims_right_actor": right.rate,
            "claims_attributed": attributed.rate,
            "positions_right_side": positions.right_side.rate,
            "positions_mae": positions.mae,
        }

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON: targets, the overall figures and each negotiation."""
        overall = self.overall()
        return {
            "targets": TARGETS,
            "overall": {"measures": overall, "targets_met": targets_met(overall)},
            "negotiations": {n.name: n.as_dict() for n in self.negotiations},
        }

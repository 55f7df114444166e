"""Scoring extracted events against gold: the events rule for ``zopa eval extraction``.

A predicted event matches a gold event when their character spans overlap and
they agree on PLOVER type, source actor and target actor; for CONSULT and
COOPERATE, events between equals, the two actors may come in either order. Two
unresolved keys name the same actor when the last word of either slug is a word of the
other ("unresolved:local-reporters" ~ "unresolved:reporters"), as ``zopa eval events``
counts them: gold slugs an unnamed group as written, zopa by its noun and compounds.
Matching is one-to-one and greedy in text order, like every kind's
(:func:`zopa.extract._matching.match_items`). Status, CAMEO code, date and place
are reported as agreement rates over the matched pairs rather than folded into
the match.

An actor key is compared after :func:`known_names` maps it: gold gives
``unresolved:<slug of the name>`` for a name the shipped gazetteer did not know when the
gold was written, so once the gazetteer knows that name (``unresolved:international-
monetary-fund`` after ``org:imf`` with the name "International Monetary Fund" was
added), the two keys name the same actor. Likewise :func:`spelled_out_names`: gold keys an
unknown body by its name as first written ("the National Liberation Army (ELN)" ->
``unresolved:national-liberation-army``), zopa by the acronym the document defines for it
(``unresolved:eln``, so that documents using only the acronym agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from zopa.extract._acronyms import find_acronyms
from zopa.extract._gazetteer import Gazetteer, unresolved_key
from zopa.extract._matching import PRF, match_items, overlaps
from zopa.extract._sentence_scoring import same_actor

__all__ = ["EventScore", "known_names", "match_events", "score_events", "spelled_out_names"]

_UNORDERED = frozenset({"CONSULT", "COOPERATE"})


@dataclass(frozen=True)
class EventScore(PRF):
    """Counts and agreements of one comparison (add scores of several documents with ``+``)."""

    true_positives: int
    predicted: int
    gold: int
    status_agree: int = 0
    cameo_agree: int = 0

    def __add__(self, other: EventScore) -> EventScore:
        return EventScore(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.status_agree + other.status_agree,
            self.cameo_agree + other.cameo_agree,
        )


def known_names(gazetteer: Gazetteer) -> dict[str, str]:
    """The actor key of each ``unresolved:<slug>`` key whose slug is that of a name the
    gazetteer knows for an actor (a place's name is no actor's)."""
    return {
        unresolved_key(alias): target.key
        for alias, target in gazetteer.aliases.items()
        if target.key and target.cls == "name"
    }


def spelled_out_names(doc: Doc, gazetteer: Gazetteer) -> dict[str, str]:
    """The acronym key of each ``unresolved:<slug>`` key of a long form ``doc`` spells one
    of its acronyms out with ("the Academic Staff Union of Universities (ASUU)")."""
    names: dict[str, str] = {}
    for acronym in find_acronyms(doc, gazetteer).values():
        forms = [*acronym.spelled_out, *([acronym.long_form] if acronym.long_form else [])]
        for start, end in forms:
            words = doc[start:end]
            if words[0].lower_ == "the":
                words = words[1:]
            if len(words):
                names[unresolved_key(words.text)] = acronym.key
    return names


def _known(key: Any, names: Mapping[str, str]) -> Any:
    return names.get(key, key) if isinstance(key, str) else key


def _same_dyad(
    predicted: Mapping[str, Any], gold: Mapping[str, Any], names: Mapping[str, str]
) -> bool:
    """Same type, source and target (either order for CONSULT and COOPERATE); actors
    compare as :func:`~zopa.extract._sentence_scoring.same_actor` (unresolved names of
    people by their head word) after ``names`` maps them."""
    kind = gold["type"]
    if predicted["type"] != kind:
        return False
    ours = [_known(predicted.get(k), names) for k in ("source_actor", "target_actor")]
    theirs = [_known(gold.get(k), names) for k in ("source_actor", "target_actor")]
    if same_actor(theirs[0], ours[0]) and same_actor(theirs[1], ours[1]):
        return True
    return (
        kind in _UNORDERED
        and theirs[1] is not None
        and same_actor(theirs[0], ours[1])
        and same_actor(theirs[1], ours[0])
    )


def match_events(
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    names: Mapping[str, str] | None = None,
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of matching events, one-to-one: overlapping
    spans, the same type and the same source and target (keys mapped by ``names``, from
    :func:`known_names`)."""
    known = names or {}
    return match_items(gold, predicted, lambda p, g: overlaps(p, g) and _same_dyad(p, g, known))


def score_events(
    gold: Sequence[Mapping[str, Any]],
    predicted: Iterable[Mapping[str, Any]],
    names: Mapping[str, str] | None = None,
) -> EventScore:
    """Compare one document's predicted events with its gold events (``names``: see
    :func:`match_events`)."""
    preds = list(predicted)
    pairs = match_events(gold, preds, names)
    return EventScore(
        true_positives=len(pairs),
        predicted=len(preds),
        gold=len(gold),
        status_agree=sum(gold[g].get("status") == preds[p].get("status") for g, p in pairs),
        cameo_agree=sum(gold[g].get("cameo") == preds[p].get("cameo") for g, p in pairs),
    )

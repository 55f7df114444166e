"""Descriptions that name an actor: "the Congolese presidency", "Qatari foreign ministry".

A demonym used as an adjective is no mention of its own ("Russian energy"), but
before a noun for a state's institutions it describes the state acting: "the
Congolese presidency said" is the DR Congo's government speaking. Such a
description becomes a mention of the state, its fields carrying ``description``
(true) and the institution's sector (CAMEO/PLOVER actor sector codes: ``GOV`` for
the government, ``MIL`` for its armed forces).

A description around a named actor needs no rule: in "U.N. experts" or "the
Rwanda-backed M23 rebel group" the name is already the mention (``org:un``,
``group:m23``), and the sector comes from the actor.

Gold for extraction marks named references only (tests/gold/README.md), so the
scorer leaves descriptions out (:mod:`zopa.extract._evaluate`).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span

from zopa.extract._doc import FIELDS
from zopa.extract._gazetteer import AliasMatch, Gazetteer

__all__ = ["INSTITUTIONS", "describe"]

INSTITUTIONS: dict[tuple[str, ...], str] = {
    ("presidency",): "GOV",
    ("government",): "GOV",
    ("cabinet",): "GOV",
    ("administration",): "GOV",
    ("foreign", "ministry"): "GOV",
    ("foreign", "office"): "GOV",
    ("defence", "ministry"): "GOV",
    ("defense", "ministry"): "GOV",
    ("interior", "ministry"): "GOV",
    ("ministry",): "GOV",
    ("army",): "MIL",
    ("military",): "MIL",
    ("armed", "forces"): "MIL",
}
"""Nouns (lower case) for a state's institutions after its demonym, with their sector.

Only the institutions as bodies: "Iranian officials" or "Egyptian negotiators" are
people of unnamed rank, left to the reader (as the gold does for quote speakers)."""

_LONGEST = max(len(words) for words in INSTITUTIONS)


def _institution(doc: Doc, start: int) -> tuple[int, str] | None:
    """End token and sector of the institution noun starting at ``start``, longest first."""
    for size in range(_LONGEST, 0, -1):
        words = tuple(t.lower_ for t in doc[start : start + size])
        if len(words) == size and words in INSTITUTIONS:
            end = start + size
            if end < len(doc) and doc[end].lower_ == "of" and size == 1 and words[0] == "ministry":
                return None  # "the Congolese ministry of mines": not the state speaking
            return end, INSTITUTIONS[words]
    return None


def describe(
    doc: Doc,
    mentions: list[Span],
    found: list[AliasMatch],
    gazetteer: Gazetteer,
    choices: Mapping[str, tuple[str, str | None]],
) -> list[Span]:
    """Mentions for demonym + institution descriptions not already part of a mention.

    ``choices`` gives the resolution of ambiguous aliases in this document (alias → key,
    unsure reason), so "the Congolese presidency" follows what "Congo" was resolved to.
    """
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out: list[Span] = []
    for candidate in found:
        target, start, end = candidate.target, candidate.start, candidate.end
        if target.cls != "demonym" or start in taken or end >= len(doc):
            continue
        institution = _institution(doc, end)
        if institution is None or any(i in taken for i in range(end, institution[0])):
            continue
        if doc[end].text[:1].isupper() and doc[end].ent_type_ == "ORG":
            continue  # "the Armenian Foreign Ministry": a name, the NER's
        alias = " ".join(doc[start:end].text.split())
        key, unsure = choices.get(alias, (target.key, None))
        span = Span(doc, start, institution[0], label="state", kb_id=key)
        fields: dict[str, object] = {"description": True, "sector": institution[1]}
        if unsure is not None:
            fields["unsure"] = unsure
        span._.set(FIELDS, fields)
        if gazetteer.actor(key) is not None:
            out.append(span)
            taken.update(range(span.start, span.end))
    return out

"""Where extraction components put their results on a spaCy ``Doc``.

Components communicate only through these span groups and extension
attributes, so each can be replaced by name in the registry:

``doc.spans["zopa_actors"]``
    One span per actor mention. ``span.kb_id_`` is the canonical actor key (see
    the gazetteer), ``span.label_`` the actor kind (state, person, organisation,
    group).
``doc.spans["zopa_quotes"]``
    One span per quotation's content; ``span._.zopa_fields`` holds ``kind``
    (direct | indirect), ``speaker_actor`` (actor key or None), ``speaker_text``,
    ``speaker_start``, ``speaker_end``, ``cue``.
``doc.spans["zopa_events"]``, ``doc.spans["zopa_claims"]``, ``doc.spans["zopa_estimates"]``
    One span per item; ``span._.zopa_fields`` holds the kind's fields, named as
    in the public JSON layout (docs/extraction.md), with actors given by key.

Character offsets are ``span.start_char``/``span.end_char`` into the stored text.

``doc._.zopa_published``
    The document's publication date (``datetime.date`` or None), set by the
    runner before the pipeline runs, so components can normalise relative dates
    ("on Thursday", "next week"). It is kept in ``doc.user_data`` as an ISO string,
    so a ``Doc`` carrying it still serialises (``Doc.to_bytes``) for
    ``nlp.pipe(..., n_process=N)``.

``doc._.zopa_actor_info``
    What the document says of actors the gazetteer does not know: actor key →
    fields (``country``, ``role``, ``affiliation``, ``sector``, ``kind``), read from
    titles and appositions ("M23 spokesman X", "X, an analyst at Chatham House");
    see :mod:`zopa.extract._roles`. An actor mention's own fields may hold
    ``unsure`` (why an ambiguous name was resolved as it was) and, for a
    description ("the Congolese presidency"), ``description`` and ``sector``.

``span._.zopa_fields`` is keyed by the span's offsets, label and kb_id (spaCy's
own ``Span._`` storage is keyed by offsets alone, so a quote and an event over
the same characters would overwrite each other's fields). Give items that may
share offsets different labels: a quote's label is its kind, an event's its type.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.tokens import Doc, Span

from zopa.evidence import STANCES

__all__ = [
    "ACTORS",
    "ACTOR_INFO",
    "CLAIMS",
    "ESTIMATES",
    "EVENTS",
    "FIELDS",
    "PUBLISHED",
    "QUOTES",
    "STANCES",
]

ACTORS = "zopa_actors"
ACTOR_INFO = "zopa_actor_info"
QUOTES = "zopa_quotes"
EVENTS = "zopa_events"
CLAIMS = "zopa_claims"
ESTIMATES = "zopa_estimates"
FIELDS = "zopa_fields"
PUBLISHED = "zopa_published"
_PUBLISHED_KEY = "zopa_published_iso"


def _get_published(doc: Doc) -> date | None:
    value = doc.user_data.get(_PUBLISHED_KEY)
    return date.fromisoformat(value) if isinstance(value, str) else None


def _set_published(doc: Doc, value: date | None) -> None:
    doc.user_data[_PUBLISHED_KEY] = value.isoformat() if value is not None else None


def _get_actor_info(doc: Doc) -> dict[str, dict[str, str]]:
    value = doc.user_data.get(ACTOR_INFO)
    return value if isinstance(value, dict) else {}


def _set_actor_info(doc: Doc, value: dict[str, dict[str, str]]) -> None:
    doc.user_data[ACTOR_INFO] = value


def _fields_key(span: Span) -> tuple[str, int, int, str, str]:
    return (FIELDS, span.start_char, span.end_char, span.label_, span.kb_id_)


def _get_fields(span: Span) -> dict[str, object] | None:
    store: dict[Any, Any] = span.doc.user_data
    value = store.get(_fields_key(span))
    return value if isinstance(value, dict) else None


def _set_fields(span: Span, value: dict[str, object] | None) -> None:
    store: dict[Any, Any] = span.doc.user_data
    store[_fields_key(span)] = value


Span.set_extension(FIELDS, getter=_get_fields, setter=_set_fields, force=True)

Doc.set_extension(ACTOR_INFO, getter=_get_actor_info, setter=_set_actor_info, force=True)
Doc.set_extension(PUBLISHED, getter=_get_published, setter=_set_published, force=True)

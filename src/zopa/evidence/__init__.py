"""Reading extracted evidence back from the store, in zopa's public layout.

Actors, events, quotes, claims and estimates as the dictionaries ``zopa
actors|events|quotes|claims|estimates --json`` print (``docs/extraction.md``),
filtered and paged. This package needs only the store: reading evidence never
imports spaCy (``zopa.extract``, which writes the evidence, re-exports these).
"""

from zopa.evidence._query import (
    ACTOR_FIELDS,
    EVENT_STATUSES,
    ITEM_FIELDS,
    KIND_FIELDS,
    MENTION_FIELDS,
    STANCES,
    UNSURE_FIELDS,
    ActorListing,
    DatedKey,
    EvidenceFilter,
    ItemKey,
    ItemListing,
    actor_counts,
    count_items,
    event_choices,
    list_actors,
    list_items,
    list_unsure,
)

__all__ = [
    "ACTOR_FIELDS",
    "EVENT_STATUSES",
    "ITEM_FIELDS",
    "KIND_FIELDS",
    "MENTION_FIELDS",
    "STANCES",
    "UNSURE_FIELDS",
    "ActorListing",
    "DatedKey",
    "EvidenceFilter",
    "ItemKey",
    "ItemListing",
    "actor_counts",
    "count_items",
    "event_choices",
    "list_actors",
    "list_items",
    "list_unsure",
]

"""Extraction (pipeline stage 2): actors, events, quotes, claims and estimates with spans.

Importing this package registers zopa's spaCy factories (``zopa_actors``,
``zopa_quotes``, ...); :func:`build_pipeline` adds those that are registered,
in order, to the small English model.
"""

from importlib import import_module
from importlib.util import find_spec

from zopa.evidence import (
    ACTOR_FIELDS,
    EVENT_STATUSES,
    ITEM_FIELDS,
    KIND_FIELDS,
    MENTION_FIELDS,
    UNSURE_FIELDS,
    ActorListing,
    EvidenceFilter,
    ItemKey,
    ItemListing,
    list_actors,
    list_items,
    list_unsure,
)
from zopa.extract._actors import ActorRecognizer, get_gazetteer
from zopa.extract._doc import (
    ACTORS,
    CLAIMS,
    ESTIMATES,
    EVENTS,
    FIELDS,
    PUBLISHED,
    QUOTES,
    STANCES,
)
from zopa.extract._gazetteer import (
    ActorInfo,
    AliasTarget,
    Gazetteer,
    load_gazetteer,
    slugify,
    unresolved_key,
)
from zopa.extract._paragraphs import ParagraphBoundaries
from zopa.extract._pipeline import (
    COMPONENTS,
    MODELS,
    build_pipeline,
    pipeline_for,
    pipeline_version,
    settings_of,
)
from zopa.extract._quotes import QuoteFinder
from zopa.extract._reported import SPEECH_VERBS
from zopa.extract._run import (
    DocumentOutcome,
    ExtractionPlan,
    ExtractionReport,
    extract_documents,
    plan_extraction,
)
from zopa.extract._settings import (
    ExtractionSettings,
    SettingsFile,
    choose_settings,
    remembered_settings,
)

# The other components register their factories on import.
for _module in ("events", "_claims", "_estimates"):
    if find_spec(f"zopa.extract.{_module}") is not None:
        import_module(f"zopa.extract.{_module}")

__all__ = [
    "ACTORS",
    "ACTOR_FIELDS",
    "CLAIMS",
    "COMPONENTS",
    "ESTIMATES",
    "EVENTS",
    "EVENT_STATUSES",
    "FIELDS",
    "ITEM_FIELDS",
    "KIND_FIELDS",
    "MENTION_FIELDS",
    "MODELS",
    "PUBLISHED",
    "QUOTES",
    "SPEECH_VERBS",
    "STANCES",
    "UNSURE_FIELDS",
    "ActorInfo",
    "ActorListing",
    "ActorRecognizer",
    "AliasTarget",
    "DocumentOutcome",
    "EvidenceFilter",
    "ExtractionPlan",
    "ExtractionReport",
    "ExtractionSettings",
    "Gazetteer",
    "ItemKey",
    "ItemListing",
    "ParagraphBoundaries",
    "QuoteFinder",
    "SettingsFile",
    "build_pipeline",
    "choose_settings",
    "extract_documents",
    "get_gazetteer",
    "list_actors",
    "list_items",
    "list_unsure",
    "load_gazetteer",
    "pipeline_for",
    "pipeline_version",
    "plan_extraction",
    "remembered_settings",
    "settings_of",
    "slugify",
    "unresolved_key",
]

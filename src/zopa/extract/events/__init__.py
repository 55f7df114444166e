"""Events in PLOVER with the nearest CAMEO code: the ``zopa_events`` component, by step.

- :mod:`._lexicon` — the trigger lexicon (``data/events.yaml``) and its loader;
- :mod:`._words` — the argument rules' word lists (``data/event_words.yaml``);
- :mod:`._triggers` — trigger finding;
- :mod:`._frames` — frame composition ("proposed talks" -> AGREE 036);
- :mod:`._arguments` and :mod:`._resolve` — source and target, and actor resolution;
- :mod:`._status` — hypothetical, refused, planned or happened;
- :mod:`._time` — date and place;
- :mod:`._context` — per-document look-ups;
- :mod:`._component` — the spaCy component running them in order.

Rules and figures: docs/extraction-events.md.
"""

from zopa.extract.events._component import (
    EventExtractor,
    iter_event_fields,
    make_event_extractor,
)
from zopa.extract.events._lexicon import (
    EVENT_FIELDS,
    PLOVER_TYPES,
    THIRD_PARTY_MODES,
    EventEntry,
    EventLexicon,
    load_event_lexicon,
)

__all__ = [
    "EVENT_FIELDS",
    "PLOVER_TYPES",
    "THIRD_PARTY_MODES",
    "EventEntry",
    "EventExtractor",
    "EventLexicon",
    "iter_event_fields",
    "load_event_lexicon",
    "make_event_extractor",
]

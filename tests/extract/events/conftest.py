"""A real pipeline for the event steps: parsed documents with actors, and the component."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from zopa.extract import build_pipeline
from zopa.extract.events import EventExtractor

Parse = Callable[[str], Doc]
PUBLISHED = date(2025, 5, 14)  # a Wednesday


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_events"))


@pytest.fixture(scope="session")
def component(nlp: Language) -> EventExtractor:
    pipe = nlp.get_pipe("zopa_events")
    assert isinstance(pipe, EventExtractor)
    return pipe


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Parse:
    """Parse a text with actors and quotes, without coding its events."""

    def run(text: str) -> Doc:
        doc = nlp.make_doc(text)
        doc._.zopa_published = PUBLISHED
        with nlp.select_pipes(disable=["zopa_events"]):
            return nlp(doc)

    return run

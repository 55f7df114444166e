"""A real pipeline for the speaker rules: documents parsed with their actors and quotes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from zopa.extract import build_pipeline
from zopa.extract._actors import get_gazetteer
from zopa.extract.speakers import KnownActors

Parse = Callable[[str], Doc]


@pytest.fixture(scope="session")
def speakers_nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_estimates"))


@pytest.fixture(scope="session")
def known(speakers_nlp: Language) -> KnownActors:
    return KnownActors.from_gazetteer(get_gazetteer(speakers_nlp))


@pytest.fixture(scope="session")
def parse(speakers_nlp: Language) -> Parse:
    """Parse a text with its actors and quotations (no estimates)."""

    def run(text: str) -> Doc:
        with speakers_nlp.select_pipes(disable=["zopa_estimates"]):
            return speakers_nlp(text)

    return run

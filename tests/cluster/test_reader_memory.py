"""A Ray actor's reading keeps its vocabulary bounded: what a batch adds is freed after it.

The actor (:class:`zopa.extract._ray.Reader`) is an ordinary class; these tests build
it in this process, as Ray does in a worker, without a cluster.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from zopa.extract import build_pipeline
from zopa.extract._ray import Reader, Recipe


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _batch(first: int, names: tuple[str, ...]) -> list[tuple[int, str, date | None]]:
    """Documents naming people and places no vocabulary has seen (invented words)."""
    return [
        (
            first + k,
            f"Minister {name} Vortelli met envoy Quandrix{name} in Zebrovask on Tuesday. "
            f"{name} said a deal on grain exports was 70% likely, officials said.",
            date(2025, 3, k + 1),
        )
        for k, name in enumerate(names)
    ]


def _lexemes(nlp: Language) -> int:
    """The words the vocabulary holds (``len(vocab)`` counts every word ever added)."""
    return sum(1 for _ in nlp.vocab)


def test_a_reader_s_string_store_does_not_grow_across_documents(nlp: Language) -> None:
    reader = Reader(Recipe.of(nlp))
    reader.read(_batch(1, ("Ardenvolt", "Bexlemar")))  # first-call caches filled
    strings, words = len(reader.nlp.vocab.strings), _lexemes(reader.nlp)
    batch = _batch(10, ("Corvinesk", "Dulmarith", "Esterwold", "Fennaskar"))
    reads = reader.read(batch)
    assert len(reader.nlp.vocab.strings) == strings
    assert _lexemes(reader.nlp) == words
    # What was sent stays whole: each document read back in another vocabulary.
    for (doc_id, text, _), (read_id, data, failure) in zip(batch, reads, strict=True):
        assert (read_id, failure) == (doc_id, None)
        assert data is not None
        doc = Doc(nlp.vocab).from_bytes(data)
        assert doc.text == text
        assert any("Quandrix" in token.text for token in doc)

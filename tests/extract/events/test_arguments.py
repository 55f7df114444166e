"""Argument finding: source and target actors from the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor
from zopa.extract.events._context import Context


def word(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def test_subject_and_object(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Putin met Zelensky in Istanbul.")
    ctx = Context.of(doc)
    sources, _ = component.arguments.sources(word(doc, "met"), ctx)
    targets, _ = component.arguments.targets(word(doc, "met"), ctx, set(sources))
    assert (sources, targets) == (["person:vladimir-putin"], ["person:volodymyr-zelensky"])


def test_a_passive_agent_is_the_source(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Ukraine was attacked by Russia.")
    ctx = Context.of(doc)
    sources, _ = component.arguments.sources(word(doc, "attacked"), ctx)
    targets, _ = component.arguments.targets(word(doc, "attacked"), ctx, set(sources))
    assert (sources, targets) == (["RUS"], ["UKR"])


def test_a_mediator_and_its_parties(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Qatar mediated between Israel and Hamas.")
    ctx = Context.of(doc)
    verb = word(doc, "mediated")
    mediators, _ = component.arguments.third_party(verb, ctx)
    parties, _ = component.arguments.parties(verb, ctx, set(mediators))
    assert mediators == ["QAT"]
    assert set(parties) == {"ISR", "group:hamas"}


def test_pairs_of_a_symmetric_event() -> None:
    from zopa.extract.events._arguments import ArgumentFinder

    assert ArgumentFinder.pairs(True, ["A", "B"], []) == [("A", "B")]
    assert ArgumentFinder.pairs(False, ["A"], ["B", "C"]) == [("A", "B"), ("A", "C")]
    assert ArgumentFinder.pairs(False, ["A"], []) == [("A", None)]

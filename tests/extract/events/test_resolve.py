"""Actor resolution of event arguments: names, nationalities, offices, pronouns, pairs."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor
from zopa.extract.events._context import Context


def word(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def test_a_nationality_names_its_state(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Russian forces shelled Ukrainian cities.")
    assert component.resolver.actor(word(doc, "cities"), Context.of(doc), set(), 0) == "UKR"


def test_a_pronoun_takes_the_previous_subject(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Zelensky arrived in Ankara. He met Erdogan.")
    assert (
        component.resolver.actor(word(doc, "He"), Context.of(doc), set(), 0)
        == "person:volodymyr-zelensky"
    )


def test_the_two_sides_are_the_latest_pair(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Armenia and Azerbaijan met in Abu Dhabi. The two sides agreed.")
    assert component.resolver.actors(word(doc, "sides"), Context.of(doc), set()) == [
        "ARM",
        "AZE",
    ]


def test_a_state_of_a_person(component: EventExtractor) -> None:
    assert component.resolver.state_of("person:vladimir-putin") == "RUS"
    assert component.resolver.state_of("RUS") == "RUS"


def test_unnamed_groups_are_unresolved_actors(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Police detained opposition activists.")
    ctx = Context.of(doc)
    activists = word(doc, "activists")
    assert component.resolver.actor(activists, ctx, set(), 0) == "unresolved:opposition-activists"
    assert component.resolver.actor(activists, ctx, set(), 0, unnamed=False) is None


def test_counted_groups_are_what_is_counted(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Thousands of Kenyan doctors went on strike.")
    assert (
        component.resolver.actor(word(doc, "Thousands"), Context.of(doc), set(), 0)
        == "unresolved:doctors"
    )


def test_a_city_stands_for_its_state(component: EventExtractor) -> None:
    assert component.resolver.state_at("Kharkiv") == "UKR"
    assert component.resolver.state_at("Odessa") is None  # also a smaller city in Texas
    assert component.resolver.state_at("Paris") == "FRA"


def test_a_named_group_of_unnamed_people(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Houthi rebels attacked a ship.")
    assert component.resolver.actor(word(doc, "rebels"), Context.of(doc), set(), 0) == (
        "group:houthis"
    )

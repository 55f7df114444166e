"""Status: hypothetical, refused, planned or happened from the clause path."""

from __future__ import annotations

import pytest

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor


def status(component: EventExtractor, parse: Parse, text: str) -> str | None:
    (trigger,) = component.frames.compose(component.triggers.find(parse(text)))
    entry = trigger.entry
    return component.status.status(trigger, trigger.root, entry.type, entry.cameo, False, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin met Zelensky.", "happened"),
        ("Putin will meet Zelensky.", "planned"),
        ("Putin did not meet Zelensky.", "refused"),
        ("Putin could meet Zelensky.", "hypothetical"),
        ("If Putin meets Zelensky, Trump will be happy.", "hypothetical"),
    ],
)
def test_status_of_a_meeting(
    component: EventExtractor, parse: Parse, text: str, expected: str
) -> None:
    assert status(component, parse, text) == expected


def test_negation_is_read_on_the_path(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Russia never attacked Georgia.")
    verb = next(t for t in doc if t.text == "attacked")
    assert component.status.negated(verb)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has yet to withdraw its troops.", "planned"),
        ("Hamas is to release the hostages.", "planned"),
        ("Kenya refused to withdraw its troops.", "refused"),
        ("Kenya failed to withdraw its troops.", "refused"),
    ],
)
def test_pending_and_refused_acts(
    component: EventExtractor, parse: Parse, text: str, expected: str
) -> None:
    assert status(component, parse, text) == expected

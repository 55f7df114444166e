"""Frame composition: a frame verb coded with the event it governs."""

from __future__ import annotations

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor


def composed(component: EventExtractor, parse: Parse, text: str) -> list[tuple[str, str | None]]:
    """(entry id, frame entry id) of the triggers left after composition."""
    triggers = component.frames.compose(component.triggers.find(parse(text)))
    return [(t.entry.id, t.frame.entry.id if t.frame else None) for t in triggers]


def test_a_refusal_absorbs_the_meeting(component: EventExtractor, parse: Parse) -> None:
    text = "Putin refused to meet Zelensky."
    assert composed(component, parse, text) == [("meet", "reject")]
    doc = parse(text)
    meet = component.frames.compose(component.triggers.find(doc))[0]
    assert meet.frame is not None
    assert component.frames.mapping(meet.frame, meet) == {"mode": "meet", "cameo": "125"}


def test_a_threat_of_sanctions(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Trump threatened to impose sanctions on Moscow.")
    (inner,) = component.frames.compose(component.triggers.find(doc))
    assert inner.frame is not None
    assert component.frames.mapping(inner.frame, inner) == {"mode": "restrict", "cameo": "1312"}


def test_a_negated_frame_reads_its_negated_table(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Moscow does not rule out withdrawing from the peace process.")
    (inner,) = component.frames.compose(component.triggers.find(doc))
    assert inner.frame is not None
    mapping = component.frames.mapping(inner.frame, inner)
    assert mapping == {"type": "THREATEN", "mode": "relations", "cameo": "134"}


def test_a_frame_without_complement_stays_itself(component: EventExtractor, parse: Parse) -> None:
    assert composed(component, parse, "Baku rejected the idea.") == [("reject", None)]

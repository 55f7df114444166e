"""Frame composition: a frame verb coded with the event it governs."""

from __future__ import annotations

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor


def composed(component: EventExtractor, parse: Parse, text: str) -> list[tuple[str, str | None]]:
    """(entry id, frame entry id) of the triggers left after composition."""
    triggers = component.frames.compose(component.triggers.find(parse(text)))
    return [(t.entry.id, t.frame.entry.id if t.frame else None) for t in triggers]


def test_a_refusal_with_an_infinitive_leaves_the_meeting_alone(
    component: EventExtractor, parse: Parse
) -> None:
    # "refused to meet": no frame; the meeting refused is coded REJECT 125 (the team's convention)
    assert composed(component, parse, "Putin refused to meet Zelensky.") == [("meet", None)]


def test_an_explicit_rejection_of_mediation_absorbs_it(
    component: EventExtractor, parse: Parse
) -> None:
    doc = parse("Morocco rejected Algerian mediation on the Sahara.")
    (mediation,) = component.frames.compose(component.triggers.find(doc))
    assert mediation.frame is not None
    assert component.frames.mapping(mediation.frame, mediation) == {
        "mode": "meet",
        "cameo": "126",
    }


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

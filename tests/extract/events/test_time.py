"""Date and place of an event, resolved against the publication date."""

from __future__ import annotations

from tests.extract.events.conftest import Parse
from zopa.extract.events import EventExtractor
from zopa.extract.events._context import Context
from zopa.extract.events._time import event_date, event_place, multilateral


def test_a_weekday_resolves_against_publication(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Putin met Zelensky in Istanbul on Monday.")
    (trigger,) = component.triggers.find(doc)
    ctx = Context.of(doc)
    text, resolved = event_date(ctx, trigger, trigger.root, "happened")
    assert text == "on Monday"
    assert resolved is not None
    assert resolved.date.isoformat() == "2025-05-12"
    assert event_place(ctx, trigger, trigger.root) == "Istanbul"


def test_a_duration_is_no_date(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Putin met Zelensky for months.")
    (trigger,) = component.triggers.find(doc)
    assert event_date(Context.of(doc), trigger, trigger.root, "happened") == (None, None)


def test_multilateral_places() -> None:
    assert multilateral("the G20 summit")
    assert not multilateral("Istanbul")


def test_a_deadline_is_the_last_day_it_allows(component: EventExtractor, parse: Parse) -> None:
    doc = parse("Armenia will sign the treaty within 30 days.")
    (trigger,) = component.triggers.find(doc)
    text, resolved = event_date(Context.of(doc), trigger, trigger.root, "planned")
    assert text == "within 30 days"
    assert resolved is not None
    assert (resolved.date.isoformat(), resolved.precision) == ("2025-06-13", "day")


def test_within_after_a_past_act_is_time_taken_not_a_deadline(
    component: EventExtractor, parse: Parse
) -> None:
    # the newcomer's defect 10: "dismissed the proposal within an hour" was planned, dated
    doc = parse("Peru dismissed the proposal within an hour.")
    trigger = next(t for t in component.triggers.find(doc) if t.root.lemma_ == "dismiss")
    assert event_date(Context.of(doc), trigger, trigger.root, "refused") == (None, None)

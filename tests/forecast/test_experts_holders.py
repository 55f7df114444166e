"""Who holds the experts' statements, which of them count, and what they are about when
extraction found no ``about`` (``zopa.experts.v1`` on a real store)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from tests.forecast.conftest import add_statement
from tests.forecast.test_experts import ARTICLE, MEET, forecast_of, scenario
from zopa.forecast import ExpertsSource, ForecastInputs
from zopa.scenario import Scenario
from zopa.store import Estimate, Quote, Store


def with_keys(**keys: list[str]) -> Scenario:
    """:func:`scenario` with store keys for its actors, and a mediator ``corvania``."""
    data: dict[str, Any] = scenario().model_dump(mode="json", exclude_none=True)
    for actor in data["actors"]:
        actor["keys"] = keys.get(actor["id"], [])
    data["actors"].append(
        {
            "id": "corvania",
            "name": "Corvania",
            "kind": "mediator",
            "capability": 1,
            "keys": keys.get("corvania", []),
        }
    )
    return Scenario.model_validate(data)


def test_a_statement_without_about_is_read_from_its_sentence(store: Store) -> None:
    sentence = '"I now give a 70% chance to a summit by the end of June," the envoy said.'
    taken = add_statement(store, "2025-02-01", sentence, 0.7, about=None, after=ARTICLE)
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    (statement,) = f.parameters["statements"]
    assert statement["estimate"] == taken
    assert statement["taken"] == "names the event and its horizon (2025-06-30); 'summit'"


def test_a_clause_about_another_horizon_is_still_a_near_miss(store: Store) -> None:
    sentence = "Odds of a summit before April are 30%, and of a harvest deal by June, higher."
    add_statement(store, "2025-02-01", sentence, 0.3, about=None, after=ARTICLE)
    report = ExpertsSource().report(ForecastInputs(scenario(), date(2025, 3, 1), store))
    assert report.forecasts == []
    assert "its deadline is 2025-03-31, not 2025-06-30" in report.unanswered["meet"]


def test_a_holders_latest_statement_supersedes_the_earlier(store: Store) -> None:
    old = add_statement(store, "2025-02-01", MEET, 0.2, holder="she", holder_key="person:ama-owu")
    other = add_statement(store, "2025-02-10", MEET, 0.5, holder="Kofi", holder_key="person:kofi")
    new = add_statement(store, "2025-03-01", MEET, 0.8, holder="she", holder_key="person:ama-owu")
    unresolved = add_statement(store, "2025-02-03", MEET, 0.4, holder="he")
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    assert [s["estimate"] for s in f.parameters["statements"]] == [other, new, unresolved]
    assert f.parameters["superseded"] == [{"estimate": old, "holder": "Ama Owu", "by": new}]


def test_a_groups_statements_are_not_one_minds(store: Store) -> None:
    first = add_statement(
        store, "2025-02-01", MEET, 0.2, holder_key="analysts", holder_kind="group"
    )
    second = add_statement(
        store, "2025-03-01", MEET, 0.8, holder_key="analysts", holder_kind="group"
    )
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    assert [s["estimate"] for s in f.parameters["statements"]] == [first, second]
    assert f.parameters["superseded"] == []


def test_the_holder_shown_is_the_resolved_actor(store: Store) -> None:
    add_statement(store, "2025-02-01", MEET, 0.6, holder="she", holder_key="person:ama-owu")
    add_statement(store, "2025-02-02", MEET, 0.4, holder="he")
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    holders = [(s["holder"], s["holder_text"]) for s in f.parameters["statements"]]
    assert holders == [("Ama Owu", "she"), (None, "he")]


def test_a_partys_own_people_are_not_experts(store: Store) -> None:
    s = with_keys(arland=["ARL", "unresolved:tomas-vel"], corvania=["person:ines-ra"])
    # the gazetteer found the official later: another prefix, the same person
    add_statement(store, "2025-02-01", MEET, 0.9, holder="Tomas Vel", holder_key="person:tomas-vel")
    envoy = add_statement(
        store, "2025-02-02", MEET, 0.5, holder="Ines Ra", holder_key="person:ines-ra"
    )
    report = ExpertsSource().report(ForecastInputs(s, date(2025, 3, 1), store))
    (f,) = report.forecasts
    assert [st["estimate"] for st in f.parameters["statements"]] == [envoy]  # a mediator's
    add_statement(store, "2025-02-03", MEET, 0.9, holder="Arland", holder_key="ARL")
    report = ExpertsSource().report(ForecastInputs(s, date(2025, 3, 1), store))
    assert [st["estimate"] for st in report.forecasts[0].parameters["statements"]] == [envoy]
    alone = ExpertsSource().report(ForecastInputs(s, date(2025, 2, 1), store))
    assert alone.forecasts == []
    assert "held by a party to the talks (Tomas Vel, of Arland)" in alone.unanswered["meet"]


def test_a_direction_is_a_miss_and_not_a_level(store: Store) -> None:
    add_statement(store, "2025-02-01", MEET, 0.5, low=0.0, high=1.0, phrase="more likely")
    report = ExpertsSource().report(ForecastInputs(scenario(), date(2025, 3, 1), store))
    assert report.forecasts == []
    lines = report.unanswered["meet"].splitlines()
    assert lines[2].endswith(
        "(2025-02-01, a direction: 'more likely'): 'more likely' gives a direction, not a level"
    )


def _in_a_quote(store: Store, said: str, words: str) -> int:
    """Store ``said`` as one quote of two sentences, with an estimate on ``words`` of its
    second sentence and no ``about``, in an article whose title names both actors; the
    estimate's id."""
    taken = add_statement(
        store, "2025-02-01", said, 0.6, about=None, after=ARTICLE, title="Arland and Borvia"
    )
    with store.write() as session:
        row = session.scalar(select(Estimate).where(Estimate.id == taken))
        assert row is not None
        row.start = said.index(words)
        row.end = row.start + len(words)
        row.sentence_start = said.index(". ") + 2
        row.sentence_end = said.index('"', row.sentence_start) + 1
        quote_end = said.index('"', 1)
        session.add(
            Quote(
                document_id=row.document_id,
                start=1,
                end=quote_end,
                text=said[1:quote_end],
                sentence_start=0,
                sentence_end=len(said),
                extractor="test",
                kind="direct",
            )
        )
    return taken


def test_a_sentence_referring_back_is_read_in_its_quote(store: Store) -> None:
    said = '"A summit by the end of June is the aim. I give it 60%," the envoy said.'
    taken = _in_a_quote(store, said, "60%")
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    (statement,) = f.parameters["statements"]
    assert statement["estimate"] == taken
    assert statement["taken"] == "names arland, borvia; 'summit'"  # the title names them


def test_a_sentence_about_something_else_is_not_read_in_its_quote(store: Store) -> None:
    said = '"Arland and Borvia may meet. New tariffs by Friday are doubtful," the envoy said.'
    _in_a_quote(store, said, "doubtful")
    assert forecast_of(store, scenario(), "2025-03-01") is None

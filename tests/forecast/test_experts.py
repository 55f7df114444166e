"""The experts in the press (``zopa.experts.v1``) on a real store, against hand-computed pools."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from tests.forecast.conftest import add_statement
from zopa.evidence import list_items
from zopa.extract import build_pipeline, extract_documents
from zopa.forecast import ExpertsSource, ForecastInputs, NewForecast
from zopa.ingest import RawArticle, prepare
from zopa.scenario import Scenario
from zopa.store import Store, add_document

MEET = "Arland and Borvia are likely to meet."


def scenario(
    *, evidence: list[dict[str, Any]] | None = None, resolved: list[dict[str, Any]] | None = None
) -> Scenario:
    """Two states and an open question: will Arland and Borvia meet by 30 June 2025?"""
    return Scenario.model_validate(
        {
            "id": "experts",
            "title": "Experts",
            "issues": [{"id": "land", "label": "Land", "anchors": {0: "B", 100: "A"}}],
            "actors": [
                {"id": "arland", "name": "Arland", "kind": "state", "capability": 1},
                {"id": "borvia", "name": "Borvia", "kind": "state", "capability": 1},
            ],
            "questions": [
                *(resolved or []),
                {
                    "id": "meet",
                    "text": "Will Arland and Borvia meet by 30 June 2025?",
                    "what": {"type": "format_held", "participants": ["arland", "borvia"]},
                    "opens": "2025-01-01",
                    "resolution_date": "2025-06-30",
                    "evidence": evidence or [],
                },
            ],
        }
    )


def forecast_of(store: Store, s: Scenario, as_of: str, **params: Any) -> NewForecast | None:
    report = ExpertsSource(**params).report(ForecastInputs(s, date.fromisoformat(as_of), store))
    return next((f for f in report.forecasts if f.question == "meet"), None)


def test_the_pool_of_two_statements_by_hand(store: Store) -> None:
    old = add_statement(store, "2025-03-01", MEET, 0.2, low=0.1, high=0.3)
    new = add_statement(store, "2025-03-31", MEET, 0.5, low=0.4, high=0.6)
    f = forecast_of(store, scenario(), "2025-03-31")
    assert f is not None
    # ages 30 and 0 days, half-life 30: weights 0.5 and 1
    p = f.parameters
    assert [s["estimate"] for s in p["statements"]] == [old, new]
    assert [s["weight"] for s in p["statements"]] == [0.5, 1.0]
    assert p["mean"] == pytest.approx((0.5 * 0.2 + 0.5) / 1.5)
    assert p["median"] == 0.5  # cumulative 0.5, 1.5 of 1.5: half is reached at 0.5
    # log-odds (0.5 ln 1/4 + 0) / 1.5 = −ln 4 / 3: odds 4^(−1/3)
    expected = 1 / (1 + 4 ** (1 / 3))
    assert p["log_odds_mean"] == pytest.approx(expected, abs=1e-6)
    assert p["rule"] == "log_odds_mean"
    assert f.probability == pytest.approx(expected, abs=1e-6)
    # the bounds: the same pool of the statements' own bounds
    low = 1 / (1 + math.exp(-(0.5 * math.log(0.1 / 0.9) + math.log(0.4 / 0.6)) / 1.5))
    assert f.low == pytest.approx(low, abs=1e-6)
    assert f.source_kind == "experts" and f.inputs_digest


def test_only_statements_about_the_question_made_while_it_was_open_count(store: Store) -> None:
    kept = add_statement(store, "2025-02-01", MEET, 0.4)
    add_statement(store, "2025-02-01", "Arland is likely to meet someone.", 0.9)  # one actor
    add_statement(store, "2025-02-01", "Arland and Borvia will likely trade.", 0.9)  # no event
    add_statement(store, "2025-02-01", "Arland and Borvia may meet in 2027.", 0.9)  # later year
    add_statement(store, "2024-12-01", MEET, 0.9)  # before the question opened
    add_statement(store, "2025-03-02", MEET, 0.9)  # after the as-of date
    add_statement(store, None, MEET, 0.9)  # undated
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    assert [s["estimate"] for s in f.parameters["statements"]] == [kept]
    assert f.probability == pytest.approx(0.4)


def test_the_actors_may_be_named_in_the_title_or_as_holder(store: Store) -> None:
    by_title = add_statement(
        store, "2025-02-01", "A meeting is likely.", 0.6, title="Arland, Borvia"
    )
    by_holder = add_statement(
        store, "2025-02-01", "A meeting with Borvia is likely.", 0.6, holder="Arland's minister"
    )
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    assert [s["estimate"] for s in f.parameters["statements"]] == [by_title, by_holder]


def test_the_analyst_pins_and_drops_statements(store: Store) -> None:
    matched = add_statement(store, "2025-02-01", MEET, 0.4)
    dropped = add_statement(store, "2025-02-02", MEET, 0.9)
    pinned = add_statement(store, "2025-02-03", "Nobody expects progress.", 0.1)
    later = add_statement(store, "2025-04-01", "Pinned, but too late.", 0.1)
    evidence = [{"estimate": pinned}, {"estimate": dropped, "drop": True}, {"estimate": later}]
    f = forecast_of(store, scenario(evidence=evidence), "2025-03-01")
    assert f is not None
    taken = {s["estimate"]: s["taken"] for s in f.parameters["statements"]}
    assert list(taken) == [matched, pinned]
    assert taken[pinned] == "pinned"


def _resolved(qid: str, year: int, outcome: bool) -> dict[str, Any]:
    return {
        "id": qid,
        "text": f"Will they meet in {year}?",
        "what": {"type": "format_held", "participants": ["arland", "borvia"]},
        "opens": f"{year}-01-01",
        "resolution_date": f"{year}-06-30",
        "resolved_on": f"{year}-06-30",
        "outcome": outcome,
    }


def test_extremising_is_used_when_it_wins_out_of_sample(store: Store) -> None:
    resolved = [
        _resolved("r2021", 2021, True),
        _resolved("r2022", 2022, False),
        _resolved("r2023", 2023, True),
    ]
    for year, p in ((2021, 0.7), (2022, 0.3), (2023, 0.8)):
        add_statement(store, f"{year}-03-01", MEET, p)
    add_statement(store, "2025-03-01", MEET, 0.6)
    f = forecast_of(store, scenario(resolved=resolved), "2025-03-01")
    assert f is not None
    ext = f.parameters["extremising"]
    # every resolved pool leaned the right way: fitted on any two, a hits the grid's top
    assert ext["used"] is True and ext["a"] == 5.0
    assert ext["fitted_on"] == ["r2021", "r2022", "r2023"]
    assert ext["loo_log"] < ext["log_odds_mean_loo_log"]
    assert f.parameters["rule"] == "extremised"
    assert f.probability == pytest.approx(1.5**5 / (1 + 1.5**5), abs=1e-6)


def test_extremising_is_not_used_when_it_loses_out_of_sample(store: Store) -> None:
    resolved = [
        _resolved("r2021", 2021, True),
        _resolved("r2022", 2022, False),
        _resolved("r2023", 2023, True),
    ]
    for year, p in ((2021, 0.8), (2022, 0.7), (2023, 0.3)):
        add_statement(store, f"{year}-03-01", MEET, p)
    add_statement(store, "2025-03-01", MEET, 0.6)
    f = forecast_of(store, scenario(resolved=resolved), "2025-03-01")
    assert f is not None
    assert f.parameters["extremising"]["used"] is False
    assert f.parameters["rule"] == "log_odds_mean"
    assert f.probability == pytest.approx(0.6)


def test_too_few_resolved_questions_mean_no_extremising(store: Store) -> None:
    add_statement(store, "2021-03-01", MEET, 0.9)
    add_statement(store, "2025-03-01", MEET, 0.6)
    s = scenario(resolved=[_resolved("r2021", 2021, True)])
    f = forecast_of(store, s, "2025-03-01")
    assert f is not None and f.parameters["extremising"]["used"] is False


def test_questions_without_statements_say_why(store: Store) -> None:
    report = ExpertsSource().report(ForecastInputs(scenario(), date(2025, 3, 1), store))
    assert report.forecasts == []
    assert report.unanswered == {"meet": "no statement published by 2025-03-01 speaks to it"}


ARTICLE = "Arland and Borvia have not met since the border war ended."


def test_a_statement_naming_the_event_and_horizon_speaks_to_it(store: Store) -> None:
    # Names no party, but its `about` is the question's event by its resolution date, and
    # its article is about both parties: a reader would take it.
    taken = add_statement(
        store,
        "2025-02-01",
        "Most diplomats give a summit by the end of June a 40 percent chance.",
        0.4,
        about="a summit by the end of June",
        after=ARTICLE,
    )
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    (statement,) = f.parameters["statements"]
    assert statement["estimate"] == taken
    assert statement["taken"] == "names the event and its horizon (2025-06-30); 'summit'"


@pytest.mark.parametrize(
    ("about", "after", "why"),
    [
        ("a summit by the end of March", ARTICLE, "its deadline is 2025-03-31, not 2025-06-30"),
        ("a summit this year", ARTICLE, "its deadline is 2025-12-31, not 2025-06-30"),
        ("a summit", ARTICLE, "names no deadline"),
        ("a summit with Corvania by June", ARTICLE, "its `about` names others (Corvania)"),
        ("a summit by the end of June", "The weather was mild.", "its article names 0 of them"),
        (None, ARTICLE, "names no deadline"),  # read from its sentence: "a summit"
    ],
)
def test_a_statement_about_another_horizon_or_party_is_a_near_miss(
    store: Store, about: str | None, after: str, why: str
) -> None:
    sentence = f"Most diplomats give {about or 'a summit'} a 40 percent chance."
    left = add_statement(store, "2025-02-01", sentence, 0.4, about=about, after=after)
    add_statement(store, "2025-02-02", "Prices of grain rose again in March.", 0.3)
    report = ExpertsSource().report(ForecastInputs(scenario(), date(2025, 3, 1), store))
    assert report.forecasts == []
    lines = report.unanswered["meet"].splitlines()
    assert lines[0] == "no statement published by 2025-03-01 speaks to it"
    assert "pin it in the question's `evidence:` as {estimate: ID}" in lines[1]
    # one line per near miss, with its id: the statement about grain is not near
    assert len(lines) == 3
    assert lines[2].startswith(f"  estimate {left} (2025-02-01, p=0.40): 'summit', but names ")
    assert why in lines[2]


def test_near_misses_are_the_nearest_few(store: Store) -> None:
    for day in range(1, 8):
        add_statement(store, f"2025-02-0{day}", "A summit looks unlikely.", 0.2, after=ARTICLE)
    reason = ExpertsSource().report(ForecastInputs(scenario(), date(2025, 3, 1), store))
    lines = reason.unanswered["meet"].splitlines()
    assert "(the nearest 5 of 7)" in lines[1]
    assert len(lines) == 2 + 5


def test_drop_names_the_estimate_it_leaves_out() -> None:
    from pydantic import ValidationError

    from zopa.scenario import Evidence

    assert Evidence.model_validate({"estimate": 3, "drop": True}).drop
    with pytest.raises(ValidationError, match="`drop: true` needs the `estimate:`"):
        Evidence.model_validate({"note": "x", "drop": True})


def test_a_statement_speaks_to_the_event_it_is_about(store: Store) -> None:
    sentence = "Arland and Borvia are likely to meet, but a deal between them is unlikely."
    meet = add_statement(store, "2025-02-01", sentence, 0.75, about="Arland and Borvia to meet")
    add_statement(store, "2025-02-01", sentence, 0.2, about="a deal between them")
    f = forecast_of(store, scenario(), "2025-03-01")
    assert f is not None
    assert [s["estimate"] for s in f.parameters["statements"]] == [meet]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def test_retrospective_statements_are_never_counted(store: Store, nlp: Language) -> None:
    text = (
        "Arland and Borvia: no summit yet\n\n"
        "A meeting of Arland and Borvia was not possible after the talks collapsed in "
        "January, diplomats said. A meeting of Arland and Borvia in June is likely, "
        "analysts said."
    )
    document, _ = prepare(RawArticle(source="a.txt", text=text, published="2025-03-01"))
    with store.write() as session:
        add_document(session, document)
    assert extract_documents(store, nlp).ok
    f = forecast_of(store, scenario(), "2025-03-02")
    assert f is not None
    assert [s["phrase"] for s in f.parameters["statements"]] == ["likely"]
    items = [listing.item for listing in list_items(store, "estimates")]
    stored = {item["phrase"]: item["retrospective"] for item in items}
    assert stored == {"not possible": True, "likely": False}


def test_a_comparison_is_kept_as_evidence_but_never_counted(store: Store, nlp: Language) -> None:
    text = (
        "Arland and Borvia: a summit nears\n\n"
        "The border accord has made a meeting of Arland and Borvia more likely, diplomats "
        "said. A meeting of Arland and Borvia in June is likely, analysts said."
    )
    document, _ = prepare(RawArticle(source="b.txt", text=text, published="2025-03-01"))
    with store.write() as session:
        add_document(session, document)
    assert extract_documents(store, nlp).ok
    f = forecast_of(store, scenario(), "2025-03-02")
    assert f is not None
    assert [s["phrase"] for s in f.parameters["statements"]] == ["likely"]
    items = {i.item["phrase"]: i.item for i in list_items(store, "estimates")}
    assert (items["more likely"]["low"], items["more likely"]["high"]) == (0.0, 1.0)

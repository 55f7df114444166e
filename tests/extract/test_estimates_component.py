"""The zopa_estimates component on a real pipeline, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from zopa.extract import build_pipeline
from zopa.extract._probability import estimate_for


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=("zopa_actors", "zopa_quotes", "zopa_estimates"))


def _estimates(nlp: Language, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    return [dict(span._.zopa_fields, text=span.text) for span in doc.spans["zopa_estimates"]]


def test_intensified_phrase_is_lower_than_plain_unlikely(nlp: Language) -> None:
    (very,) = _estimates(nlp, "A deal before the summer is very unlikely.")
    plain = estimate_for("unlikely")
    assert plain is not None
    assert very["phrase"] == "very unlikely"
    assert very["probability"] < plain.probability
    assert very["about"].startswith("A deal")


def test_chance_noun_with_predicate_and_intensifier(nlp: Language) -> None:
    (item,) = _estimates(nlp, "The chance of a ceasefire this month remains extremely slim.")
    assert item["phrase"] == "chance … remains extremely slim"
    assert item["about"] == "a ceasefire this month"
    assert 0 <= item["low"] <= item["probability"] <= item["high"] < 0.1


def test_writer_holds_an_unattributed_estimate(nlp: Language) -> None:
    (item,) = _estimates(nlp, "A second round of talks is likely in May.")
    assert item["holder_actor"] is None and item["holder_text"] is None


def test_holder_is_the_subject_of_the_reporting_verb(nlp: Language) -> None:
    (item,) = _estimates(nlp, "Vladimir Putin said a meeting with the envoy was not likely.")
    assert item["holder_actor"] == "person:vladimir-putin"
    assert item["probability"] < 0.5


def test_explicit_percentages_need_a_chance_word(nlp: Language) -> None:
    found = _estimates(
        nlp,
        "The tariff rose to 25 percent in May. Analysts put the chance of a truce at 40 percent.",
    )
    assert [item["probability"] for item in found] == [0.4]
    assert found[0]["holder_text"] == "Analysts"


def test_expectation_verbs(nlp: Language) -> None:
    found = _estimates(
        nlp, "I expect nothing from these talks. There is no reason to expect a deal."
    )
    assert [item["phrase"] for item in found] == ["expect nothing", "no reason to expect"]
    assert all(item["probability"] <= 0.1 for item in found)


@pytest.mark.parametrize(
    "text",
    [
        "Putin gained certain wins at the summit.",
        "A possible meeting was discussed.",
        "The talks may resume and could end soon.",
        "Is there any chance of peace?",
    ],
)
def test_no_estimate_where_no_probability_is_stated(nlp: Language, text: str) -> None:
    assert _estimates(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "“" * 300,
        "likely " * 2000,
        "\u201cThe chance is slim, and it never ends " * 50,
        "100 percent 50% one in zero chance of odds",
    ],
)
def test_odd_input_gives_a_clean_result(nlp: Language, text: str) -> None:
    for item in _estimates(nlp, text):
        assert 0.0 <= item["low"] <= item["probability"] <= item["high"] <= 1.0

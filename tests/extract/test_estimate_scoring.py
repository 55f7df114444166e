"""The estimates scorer (value, retrospective and about agreement) and the keyword baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from zopa.cli import app
from zopa.extract import build_pipeline
from zopa.extract._estimate_scoring import keyword_estimates, score_estimates
from zopa.extract._evaluate import evaluate_extraction

GOLD = Path(__file__).resolve().parents[1] / "gold"


def item(start: int, end: int, **fields: object) -> dict[str, object]:
    return {"start": start, "end": end, **fields}


def test_value_agreement_takes_a_tenth_or_the_interval() -> None:
    predicted = [
        item(0, 5, probability=0.75, low=0.67, high=0.8, phrase="likely"),
        item(10, 15, probability=0.2, low=0.1, high=0.25, phrase="unlikely"),
        item(20, 25, probability=0.5, low=0.5, high=0.5, phrase="50-50"),
    ]
    gold = [
        item(0, 5, value=0.66),  # 0.09 away: agrees
        item(10, 15, value=0.32),  # 0.12 away and outside 0.1-0.25: does not
        item(20, 25, value=None),  # no value in gold: not counted
    ]
    score = score_estimates(predicted, gold)
    assert score.extras["value_agreement"] == (0.5, 2)


def test_retrospective_and_about_are_scored_only_where_gold_has_them() -> None:
    predicted = [
        item(0, 5, probability=0.9, retrospective=True, about="the vote on the budget"),
        item(10, 15, probability=0.2, retrospective=False, about="a deal"),
        item(20, 25, probability=0.2, about=None),
    ]
    gold = [
        item(0, 5, retrospective=True, about="the budget vote"),
        item(10, 15, retrospective=True),
        item(20, 25),
    ]
    score = score_estimates(predicted, gold)
    assert score.extras["retrospective_accuracy"] == (0.5, 2)
    # words {the, vote, on, budget} against {the, budget, vote}: P 3/4, R 1, F1 6/7
    rate, n = score.extras["about_overlap"]
    assert n == 1 and rate == pytest.approx(6 / 7)
    assert "value_agreement" not in score.extras


def test_the_keyword_baseline_marks_words_and_chance_numbers() -> None:
    text = (
        "A deal is likely. The odds are 3-1, a 25% tariff stays, one in five farms wait, "
        "and the talks are at odds with the plan."
    )
    marked = [text[i["start"] : i["end"]] for i in keyword_estimates(text)]
    assert marked == ["likely", "odds", "3-1", "25%", "one in five", "odds"]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def test_the_tuning_set_meets_the_targets_above_the_keyword_baseline(nlp: Language) -> None:
    # tests/gold/estimates-dev is a tuning set: the rules were written against it.
    report = evaluate_extraction(nlp, GOLD / "estimates-dev", GOLD / "estimates-dev")
    zopa = report.totals["estimates"]
    keywords = report.totals["estimates.keyword_baseline"]
    assert zopa.gold >= 80
    assert zopa.f1 >= 0.9 and zopa.f1 > keywords.f1
    # Its gold gives an unnamed official's estimate to the official's state; the team's
    # convention 5 (tests/gold/README.md, 2026-12-07) keeps such a holder anonymous, which
    # zopa follows since: the holders it disagrees on are those (0.83 with it, 0.94 before).
    assert zopa.extras["holder_agreement"][0] >= 0.8
    assert zopa.extras["value_agreement"][0] >= 0.9
    assert zopa.extras["retrospective_accuracy"][0] >= 0.9


def test_eval_extraction_reports_the_baseline_beside_zopa(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    text = "The likely successor said a deal was unlikely."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    start = text.index("unlikely")
    (gold / "doc.estimates.yaml").write_text(
        f"- {{start: {start}, end: {start + 8}, holder_actor: null, value: 0.2,"
        " retrospective: false, about: a deal}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "extraction", str(gold), str(tmp_path), "--json"])
    assert result.exit_code == 0, result.stderr
    totals = json.loads(result.stdout)["totals"]
    assert totals["estimates"]["f1"] == 1.0
    assert totals["estimates"]["value_agreement"] == 1.0
    assert totals["estimates"]["about_overlap"] == 1.0
    baseline = totals["estimates.keyword_baseline"]
    assert (baseline["predicted"], baseline["true_positives"]) == (2, 1)

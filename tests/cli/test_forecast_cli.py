"""``zopa questions`` and ``zopa forecast import-prices|scores`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.forecast.conftest import scenario_data
from zopa.cli import app

SCENARIO = str(EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml")
PRICES = (
    "question,source,date,probability\n"
    "leaders_meet_2025,crowd,2025-05-12,0.3\n"
    "leaders_meet_2025,crowd,2025-08-10,0.2\n"
    "trump_putin_meet_august_2025,crowd,2025-08-05,0.6\n"
)
runner = CliRunner()


def _zopa(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'z.db'}", *args])
    return result.exit_code, result.stdout, result.stderr


def test_questions_lists_status_and_no_forecasts_yet(tmp_path: Path) -> None:
    code, out, _ = _zopa(tmp_path, "questions", SCENARIO, "--as-of", "2025-08-07", "--json")
    assert code == 0
    data = json.loads(out)
    status = {q["id"]: q["status"] for q in data["questions"]}
    assert status["leaders_meet_2025"] == "open"  # resolved later, unknown on 7 August
    assert status["normandy_summit_2019"] == "resolved"
    assert status["new_us_sanctions"] == "open"
    assert all(q["forecasts"] == [] for q in data["questions"])
    code, out, _ = _zopa(tmp_path, "questions", SCENARIO, "--as-of", "2025-10-01")
    assert code == 0 and "due" in out and "none yet" in out


def test_import_prices_then_questions_and_scores(tmp_path: Path) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(PRICES, encoding="utf-8")
    code, out, _ = _zopa(tmp_path, "forecast", "import-prices", str(prices), "--scenario", SCENARIO)
    assert code == 0 and "stored 3 price(s)" in out
    code, out, _ = _zopa(tmp_path, "questions", SCENARIO, "--as-of", "2025-06-01", "--json")
    by_id = {q["id"]: q for q in json.loads(out)["questions"]}
    (forecast,) = by_id["leaders_meet_2025"]["forecasts"]
    assert (forecast["source"], forecast["probability"], forecast["as_of"]) == (
        "crowd",
        0.3,
        "2025-05-12",
    )
    code, out, _ = _zopa(tmp_path, "forecast", "scores", SCENARIO, "--json")
    assert code == 0
    scores = json.loads(out)
    (crowd,) = scores["sources"]
    assert crowd["questions"] == 2
    # Final forecasts: 0.2 on a no (Brier 0.04), 0.6 on a yes (Brier 0.16).
    assert abs(crowd["brier"] - 0.10) < 1e-12 and "log" in crowd
    code, out, _ = _zopa(tmp_path, "forecast", "scores", SCENARIO)
    assert code == 0 and "baseline: 50%" in out and "calibration (CORP)" in out


def test_a_bad_price_file_names_each_row_and_stores_nothing(tmp_path: Path) -> None:
    prices = tmp_path / "bad.csv"
    prices.write_text(PRICES + "leaders_meet_2052,crowd,2025-05-12,0.3\n", encoding="utf-8")
    code, _, err = _zopa(tmp_path, "forecast", "import-prices", str(prices), "--scenario", SCENARIO)
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"error: {prices}:5: unknown question 'leaders_meet_2052'")
    assert "1 bad row (listed above), nothing imported" in lines[-1]
    assert len(lines) == 2  # the row, then the refusal: the row is not repeated
    code, out, _ = _zopa(tmp_path, "forecast", "scores", SCENARIO, "--json")
    assert json.loads(out)["sources"] == []


def test_bad_as_of_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _zopa(tmp_path, "questions", SCENARIO, "--as-of", "yesterday")
    assert code == 2 and "not a date YYYY-MM-DD" in err


def test_a_scenario_without_questions_says_so(tmp_path: Path) -> None:
    text = (EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml").read_text(encoding="utf-8")
    path = tmp_path / "no-questions.yaml"
    path.write_text(text[: text.index("questions:")], encoding="utf-8")
    code, out, _ = _zopa(tmp_path, "questions", str(path))
    assert code == 0 and "has no questions" in out


def test_a_refused_price_file_prints_each_bad_row_once(tmp_path: Path) -> None:
    prices = tmp_path / "bad.csv"
    prices.write_text(
        PRICES + "leaders_meet_2052,crowd,2025-05-12,0.3\nleaders_meet_2025,crowd,2025-05-13,2\n",
        encoding="utf-8",
    )
    code, _, err = _zopa(tmp_path, "forecast", "import-prices", str(prices), "--scenario", SCENARIO)
    assert code == 1
    assert err.count("unknown question 'leaders_meet_2052'") == 1, err
    assert err.count("probability '2' is not a number") == 1, err
    assert err.strip().splitlines()[-1] == (
        f"error: {prices}: 2 bad rows (listed above), nothing imported; fix them and import again"
    )


def test_scores_chart_and_same_question_baselines(tmp_path: Path) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(PRICES, encoding="utf-8")
    _zopa(tmp_path, "forecast", "import-prices", str(prices), "--scenario", SCENARIO)
    code, out, err = _zopa(
        tmp_path, "forecast", "scores", SCENARIO, "--json", "--chart", str(tmp_path / "rel")
    )
    assert code == 0, err
    (crowd,) = json.loads(out)["sources"]
    assert [(b["source"], b["questions"]) for b in crowd["baselines"]] == [
        ("baseline: 50%", 2),
        ("baseline: base rate", 2),
    ]
    for suffix in ("png", "svg"):
        assert (tmp_path / f"rel.{suffix}").stat().st_size > 1000
        assert f"wrote {tmp_path / f'rel.{suffix}'}" in err
    code, out, _ = _zopa(tmp_path, "forecast", "scores", SCENARIO)
    assert "└ baseline: 50%" in out and "on the same questions" in out


def test_scores_chart_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    chart = tmp_path / "nowhere" / "rel"
    code, _, err = _zopa(tmp_path, "forecast", "scores", SCENARIO, "--chart", str(chart))
    assert code == 1 and "does not exist; create it first" in err
    code, _, err = _zopa(tmp_path, "forecast", "scores", SCENARIO, "--chart", str(tmp_path / "r"))
    assert code == 0 and "no chart written" in err and not (tmp_path / "r.png").exists()


def test_scores_say_when_one_question_proves_nothing(tmp_path: Path) -> None:
    # Regression: one resolved "no" and a forecast of 0.01 printed "loses to baseline: base
    # rate on brier: 0.000 against 0.000", the base rate being the outcome itself.
    data = scenario_data()
    data["questions"] = [data["questions"][1]]  # "deal": resolved no
    for actor, at in zip(data["actors"], (100, 0), strict=True):
        actor["positions"] = {"land": {"position": at, "salience": 50}}
    scenario = tmp_path / "one.yaml"
    scenario.write_text(yaml.safe_dump(data), encoding="utf-8")
    prices = tmp_path / "prices.csv"
    prices.write_text("question,source,date,probability\ndeal,crowd,2025-01-05,0.01\n")
    code, _, _ = _zopa(
        tmp_path, "forecast", "import-prices", str(prices), "--scenario", str(scenario)
    )
    assert code == 0
    code, out, _ = _zopa(tmp_path, "forecast", "scores", str(scenario))
    assert code == 0 and "loses to" not in out
    assert "note: only 1 resolved event question" in out
    assert "the base-rate baseline is the outcome itself (0)" in out
    prices.write_text("question,source,date,probability\ndeal,crowd,2025-01-06,0.6\n")
    code, _, _ = _zopa(
        tmp_path, "forecast", "import-prices", str(prices), "--scenario", str(scenario)
    )
    code, out, _ = _zopa(tmp_path, "forecast", "scores", str(scenario))
    assert (
        "crowd loses to baseline: 50% on brier: 0.360 against 0.250 on the same 1 question" in out
    )

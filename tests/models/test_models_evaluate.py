"""Validation on recorded outcomes: loaders, evaluate() and `zopa eval models`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zopa.cli import app
from zopa.errors import ConfigError
from zopa.models import evaluate, load_csv, load_deu, score
from zopa.models._capability import council_regime, proposal_year

CSV = """issue,actor,position,salience,capability,reference_point,outcome,group
i1,a,0,50,1,0,40,p1
i1,b,100,50,1,0,40,p1
i1,c,50,100,2,0,40,p1
i2,a,20,80,1,,30,p1
i2,b,40,20,1,,30,p1
i2,c,30,,2,,30,p1
i3,a,10,50,1,5,,p2
i3,b,20,50,1,5,,p2
i3,c,30,50,1,5,,p2
"""


@pytest.fixture
def plain_csv(tmp_path: Path) -> Path:
    path = tmp_path / "decisions.csv"
    path.write_text(CSV)
    return path


def test_score_by_hand() -> None:
    got = score(np.array([10.0, 20.0, np.nan]), np.array([0.0, 20.0, 5.0]))
    assert got["n"] == 2
    assert got["mae"] == 5.0
    assert got["rmse"] == pytest.approx(np.sqrt(50.0))
    assert got["within_5"] == 0.5 and got["within_10"] == 1.0


def test_csv_layout_and_scoring_rule(plain_csv: Path) -> None:
    data = load_csv(plain_csv)
    assert data.groups == ("p1", "p2")
    assert data.problems[0].salience[2, 1] == 0.5  # missing salience takes 50
    report = evaluate(data, ["zopa.compromise.v1"], replicates=50)
    assert report["issues_scored"] == 2  # i3 has no outcome
    compromise = report["results"][0]
    # i1: (0*.5 + 100*.5 + 50*2)/(.5+.5+2) = 50 -> error 10;
    # i2: (20*.8 + 40*.2 + 30*1)/(.8+.2+1) = 27 -> error 3.
    assert compromise["mae"] == pytest.approx(6.5)
    assert compromise["ci95"] == [0.0, 0.0]
    means = next(r for r in report["results"] if r["name"] == "baseline.unweighted_mean")
    assert means["mae"] == pytest.approx(5.0)  # 50 vs 40, 30 vs 30


def test_csv_errors_name_the_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("issue,actor,position\ni1,a,3\n")
    with pytest.raises(ConfigError, match="lacks column"):
        load_csv(bad)
    bad.write_text(CSV.replace("i1,b,100,50,1", "i1,b,100,50,x"))
    with pytest.raises(ConfigError, match=r"bad\.csv:3: capability"):
        load_csv(bad)


def test_treaty_rule_from_proposal_ids() -> None:
    assert proposal_year("d00032") == 2000
    assert proposal_year("n99047") == 1999
    assert proposal_year("d170228") == 2017
    assert [council_regime(y) for y in (1999, 2003, 2004, 2014, 2015)] == [
        "pre-Nice",
        "pre-Nice",
        "Nice",
        "Nice",
        "Lisbon",
    ]


def test_deu_dev_loads_every_issue(deu_dev: Path) -> None:
    for rule in ("equal", "gdp", "council"):
        data = load_deu(deu_dev, capability=rule)
        assert len(data.problems) == 71
        assert sum(len(p.issues) for p in data.problems) == 188
        assert data.capability == rule
    council = load_deu(deu_dev, capability="council")
    first = council.problems[0]  # d00032, introduced 2000: pre-Nice weights
    assert first.capability[first.actors.index("de")] == 10
    assert first.capability[first.actors.index("com")] == 10
    with pytest.raises(ConfigError, match="capability rule"):
        load_deu(deu_dev, capability="votes")


def test_cli_eval_models_json(deu_dev: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "eval", "models", str(deu_dev), "--format", "deu", "--capability", "council",
            "--model", "zopa.median.v1", "--replicates", "100", "--seed", "3", "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["capability"] == "council"
    assert report["seed"] == 3
    assert 0 < report["issues_scored"] <= 188
    names = [r["name"] for r in report["results"]]
    assert names[:2] == ["zopa.compromise.v1", "zopa.median.v1"]
    assert "baseline.reference_point" in names


def test_cli_eval_models_table_and_errors(plain_csv: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "200"})
    ok = runner.invoke(
        app, ["eval", "models", str(plain_csv), "--format", "csv", "--replicates", "20"]
    )
    assert ok.exit_code == 0, ok.output
    assert "zopa.compromise.v1" in ok.output and "seed 0" in ok.output
    bad = runner.invoke(app, ["eval", "models", str(plain_csv), "--format", "xls"])
    assert bad.exit_code == 1
    assert "unknown --format" in bad.output


SCALED = """issue,actor,position,salience,capability,reference_point,outcome,scale_min,scale_max
years,a,4,80,1,,8,4,10
years,b,10,60,1,,8,,
years,c,7,50,1,,8,4,10
share,a,20,50,1,,30,,
share,b,60,50,1,,30,,
share,c,40,50,1,,30,,
"""


def test_csv_declares_each_issues_scale(tmp_path: Path) -> None:
    path = tmp_path / "scaled.csv"
    path.write_text(SCALED)
    data = load_csv(path)
    years, share = data.problems  # each issue its own group
    np.testing.assert_array_equal(years.scale, [[4.0, 10.0]])  # declared (blank rows agree)
    np.testing.assert_array_equal(share.scale, [[0.0, 100.0]])  # the rule: 0-100
    actors = load_csv(path, scale="actors")
    np.testing.assert_array_equal(actors.problems[0].scale, [[4.0, 10.0]])  # declared wins
    np.testing.assert_array_equal(actors.problems[1].scale, [[20.0, 60.0]])  # actors' range
    assert "declared (scale_min, scale_max) for 1 issue(s)" in actors.notes[1]
    with pytest.raises(ConfigError, match="unknown scale rule 'range'"):
        load_csv(path, scale="range")


@pytest.mark.parametrize(
    ("line", "row", "message"),
    [
        (2, "years,a,4,80,1,,8,four,10", r":2: scale_min 'four' is not a number"),
        (2, "years,a,4,80,1,,8,10,4", r":2: scale_min 10 is not below scale_max 4"),
        (2, "years,a,4,80,1,,8,4,", r":2: give both scale_min and scale_max"),
        (2, "years,a,4,80,1,,8,4,inf", r":2: scale_max 'inf' is not a finite number"),
        (4, "years,c,7,50,1,,8,0,10", r":4: issue 'years' has scale 0 to 10 here but 4 to 10 on"),
        (3, "years,b,12,60,1,,8,,", r":3: position 12 lies outside issue 'years''s scale 4 to 10"),
        (4, "years,c,7,50,1,,11,4,10", r":4: outcome 11 lies outside"),
    ],
)  # fmt: skip
def test_csv_scale_errors_name_the_line(tmp_path: Path, line: int, row: str, message: str) -> None:
    rows = SCALED.splitlines()
    rows[line - 1] = row
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(rows) + "\n")
    with pytest.raises(ConfigError, match=r"bad\.csv" + message) as caught:
        load_csv(bad)
    assert "\n" not in str(caught.value)


def test_csv_scale_columns_come_in_pairs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV.replace("outcome,group", "outcome,group,scale_max").replace("\n", ",\n"))
    with pytest.raises(ConfigError, match=r"bad\.csv:1: CSV has column scale_max without"):
        load_csv(bad)


def test_cli_eval_models_params_and_predictions(plain_csv: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "200"})
    base = ["eval", "models", str(plain_csv), "--format", "csv", "--replicates", "20"]
    params = ["-m", "zopa.exchange.v1", "--param", "zopa.exchange.v1:update=sequential"]
    result = runner.invoke(app, [*base, *params, "--param", "zopa.exchange.v1:rounds=2", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    exchange = next(r for r in report["results"] if r["name"] == "zopa.exchange.v1")
    assert exchange["params"] == {"update": "sequential", "rounds": 2}
    assert [(i["group"], i["issue"], i["outcome"]) for i in report["issues"]] == [
        ("p1", "i1", 40.0),
        ("p1", "i2", 30.0),
    ]
    assert report["issues"][0]["predicted"]["zopa.compromise.v1"] == pytest.approx(50.0)
    assert report["issues"][0]["predicted"]["baseline.reference_point"] == 0.0
    table = runner.invoke(app, [*base, *params, "--predictions"])
    assert table.exit_code == 0, table.output
    assert "zopa.exchange.v1 (update=sequential)" in table.output
    assert "predictions per scored issue" in table.output and "p1: i1" in table.output


EXCHANGE = ["-m", "zopa.exchange.v1", "--param"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--param", "rounds=2"], "--param 'rounds=2' is not MODEL:NAME=VALUE"),
        (["-m", "zopa.median.v1", "--param", "zopa.nash.v1:iterations=2"], "'zopa.nash.v1', which"),
        ([*EXCHANGE, "zopa.exchange.v1:turns=2"], "unknown parameter 'turns'"),
        ([*EXCHANGE, "zopa.exchange.v1:update=later"], "parameter update='later' is invalid"),
        (["--scale", "width"], "unknown scale rule 'width'"),
    ],
)  # fmt: skip
def test_cli_eval_models_bad_options_say_one_line(
    plain_csv: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(
        app, ["eval", "models", str(plain_csv), "--format", "csv", "--replicates", "5", *args]
    )
    assert result.exit_code == 1
    assert message in result.output and result.output.count("\n") == 1


def test_cli_scale_is_for_csv_only(deu_dev: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "models", str(deu_dev), "--scale", "actors"])
    assert result.exit_code == 1
    assert "--scale applies to --format csv only" in result.output


@settings(max_examples=60, deadline=None)
@given(
    low=st.floats(-1e6, 1e6, allow_nan=False),
    width=st.floats(1e-3, 1e6, allow_nan=False),
    at=st.lists(st.floats(0, 1), min_size=3, max_size=6),
    bad=st.integers(0, 5),
    above=st.booleans(),
)
def test_declared_scale_round_trips_and_bounds_the_values(
    tmp_path_factory: pytest.TempPathFactory,
    low: float,
    width: float,
    at: list[float],
    bad: int,
    above: bool,
) -> None:
    high = low + width
    head = "issue,actor,position,salience,capability,reference_point,outcome,scale_min,scale_max"
    positions = [min(high, low + f * width) for f in at]
    path = tmp_path_factory.mktemp("scale") / "s.csv"

    def write(values: list[float]) -> None:
        rows = [f"q,a{n},{v!r},50,1,,,{low!r},{high!r}" for n, v in enumerate(values)]
        path.write_text("\n".join([head, *rows]) + "\n")

    write(positions)
    (problem,) = load_csv(path).problems
    np.testing.assert_array_equal(problem.scale, [[low, high]])
    np.testing.assert_array_equal(problem.positions[:, 0], positions)
    bad %= len(positions)
    positions[bad] = high + width if above else low - width
    write(positions)
    with pytest.raises(ConfigError, match=rf"s\.csv:{bad + 2}: position .* lies outside"):
        load_csv(path)

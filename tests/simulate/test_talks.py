"""zopa.talks.v1 on negotiations whose answer is known by construction."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from typing import Any

import numpy as np

from tests.simulate.conftest import AS_OF, agreement_question, scenario, side, talks
from zopa.registry import simulators
from zopa.simulate import NEVER, TalksOutcome, TalksSimulator, run_talks, talks_arrays
from zopa.simulate._arrays import TalksArrays
from zopa.simulate._params import TalksParams

UNCERTAIN = {"red_line_uncertainty": None}


def probability(data: dict[str, Any], runs: int = 400, seed: int = 0, **params: Any) -> float:
    result = TalksSimulator(sensitivity_trajectories=0, **params).simulate(
        scenario(data), as_of=AS_OF, runs=runs, seed=seed
    )
    (answer,) = [q for q in result.questions if q.question == "deal"]
    assert answer.probability is not None
    return answer.probability


def run(data: dict[str, Any], runs: int = 300, **params: Any) -> tuple[TalksArrays, TalksOutcome]:
    arrays = talks_arrays(
        scenario(data),
        as_of=AS_OF,
        horizon_days=300,
        params=TalksParams(**params),
        runs=runs,
        rng=np.random.default_rng(3),
    )
    return arrays, run_talks(arrays, np.random.default_rng(4))


def uncertain_sides(a_red: tuple[float, float], b_red: tuple[float, float]) -> list[Any]:
    return [
        side("a", 100, sum(a_red) / 2, red_line_uncertainty=list(a_red)),
        side("b", 0, sum(b_red) / 2, red_line_uncertainty=list(b_red)),
    ]


def test_the_simulator_is_registered() -> None:
    assert simulators.get("zopa.talks.v1") is TalksSimulator


def test_overlapping_red_lines_agree_and_disjoint_ones_never_do() -> None:
    assert probability(talks(a_red=40, b_red=60), concession_days=100) == 1.0
    assert probability(talks(a_red=60, b_red=40), concession_days=100) == 0.0
    # Not even when a lever piles on costs and the sides concede fast.
    assert probability(talks(a_red=60, b_red=40), concession_days=10, cost_per_day=0.1) == 0.0


def test_agreed_terms_respect_both_red_lines() -> None:
    arrays, outcome = run(talks(actors=[]) | {"actors": uncertain_sides((30, 50), (45, 65))})
    agreed = outcome.agreed != NEVER
    assert agreed.any() and not agreed.all()
    terms = outcome.terms[agreed, 0]
    lines = arrays.lower[agreed, 0, 0], arrays.upper[agreed, 1, 0]
    assert np.all(terms >= lines[0] - 1e-9) and np.all(terms <= lines[1] + 1e-9)


def deadline_scenario(with_lever: bool) -> dict[str, Any]:
    mediator = {"id": "m", "name": "M", "kind": "mediator", "capability": 80}
    parts: dict[str, Any] = {
        "actors": [mediator],
        "deadlines": [
            {"id": "d20", "set_by": "m", "date": "2025-01-21", "applies_to": ["a"]},
        ],
        "questions": [agreement_question(days=140)],
    }
    if with_lever:
        parts["levers"] = [
            {
                "id": "sanctions",
                "holder": "m",
                "kind": "sanctions",
                "targets": ["a"],
                "deadline": "d20",
            },
        ]
    data = talks(**parts)
    data["actors"][:2] = uncertain_sides((30, 50), (40, 60))
    return data


def test_a_deadline_that_raises_a_sides_cost_of_no_deal_raises_the_probability_of_agreement() -> (
    None
):
    # A holds firm (Boulware), B concedes linearly; the lever makes holding firm costly for A.
    params = {
        "betas": {"a": 0.3},
        "concession_days": 150,
        "cost_per_day": 0.0,
        "credibility": 1.0,
        "lever_cost_per_day": 0.01,
    }
    without = probability(deadline_scenario(False), **params)
    with_lever = probability(deadline_scenario(True), **params)
    assert with_lever > without + 0.3


def test_a_threat_that_is_not_credible_makes_its_holder_walk_away() -> None:
    arrays, outcome = run(deadline_scenario(True), credibility=0.0)
    assert (outcome.imposed[:, 0] == NEVER).all()
    assert (outcome.walked[:, arrays.holders.index("m")] == 20).all()


def test_boulware_agrees_later_than_conceder() -> None:
    data = talks(questions=[agreement_question(days=400)])
    data["actors"] = uncertain_sides((30, 50), (45, 65))
    days = {}
    for tactic, beta in (("boulware", 0.25), ("linear", 1.0), ("conceder", 4.0)):
        result = TalksSimulator(
            sensitivity_trajectories=0, beta=beta, concession_days=300
        ).simulate(scenario(data), as_of=AS_OF, runs=400, seed=0)
        (answer,) = result.questions
        assert answer.days is not None
        days[tactic] = answer.days[1]
    assert days["conceder"] < days["linear"] < days["boulware"]


def summit(*, preconditions: list[dict[str, Any]], venue: str = "Geneva") -> dict[str, Any]:
    leaders = [
        {"id": "la", "name": "Leader A", "kind": "leader", "represents": "a", "capability": 50},
        {"id": "lb", "name": "Leader B", "kind": "leader", "represents": "b", "capability": 50},
    ]
    formats = [
        {
            "id": "delegations",
            "label": "Delegations",
            "kind": "delegations",
            "participants": ["a", "b"],
            "status": "ongoing",
        },
        {
            "id": "summit",
            "label": "Summit",
            "kind": "bilateral_leaders",
            "participants": ["la", "lb"],
            "status": "proposed",
            "venue": venue,
            "preconditions": preconditions,
        },
    ]
    data = talks(actors=leaders, formats=formats)
    data["actors"][:2] = uncertain_sides((30, 55), (40, 65))
    return data


AFTER_DELEGATIONS = {"actor": "a", "kind": "after_format", "format": "delegations"}


def test_leaders_meet_only_once_their_delegations_have_closed_the_gap() -> None:
    arrays, outcome = run(summit(preconditions=[AFTER_DELEGATIONS]))
    met = outcome.held[:, arrays.formats.index("summit")]
    assert (outcome.held[:, arrays.formats.index("delegations")] == 0).all()
    assert (met != NEVER).any() and (met == NEVER).any()  # some runs close the gap, some never
    assert np.array_equal(met, outcome.gap_closed)  # the same round, never before
    assert (met[outcome.agreed != NEVER] != NEVER).all()  # the leaders sign what was agreed


def test_a_refused_venue_blocks_the_leaders_meeting() -> None:
    refusal = {"actor": "b", "kind": "refuses_venue", "venue": "Moscow"}
    arrays, outcome = run(summit(preconditions=[AFTER_DELEGATIONS, refusal], venue="Moscow"))
    assert (outcome.gap_closed != NEVER).any()
    assert (outcome.held[:, arrays.formats.index("summit")] == NEVER).all()


def with_ratifier(red_line: float) -> dict[str, Any]:
    parliament = {
        "id": "parl",
        "name": "Parliament",
        "kind": "veto_player",
        "capability": 10,
        "positions": {"land": {"position": 0, "salience": 90, "red_line": red_line}},
    }
    ratification = [{"ratifier": "parl", "principal": "b", "issues": ["land"]}]
    return talks(a_red=40, b_red=60, actors=[parliament], ratification=ratification)


def test_a_ratifiers_rejection_voids_the_signed_package() -> None:
    assert probability(with_ratifier(70), concession_days=100) == 1.0
    assert probability(with_ratifier(30), concession_days=100) == 0.0
    _, outcome = run(with_ratifier(30), concession_days=100)
    assert (outcome.gap_closed != NEVER).all() and (outcome.voided >= 1).all()
    assert (outcome.agreed == NEVER).all()


def test_without_a_legitimate_signer_nothing_is_signed() -> None:
    rejection = [{"actor": "b", "rejects": ["a"]}]
    assert probability(talks(signatories=rejection), concession_days=100) == 0.0
    _, outcome = run(talks(signatories=rejection), concession_days=100)
    assert (outcome.gap_closed != NEVER).all()


def test_the_same_seed_gives_the_same_bytes() -> None:
    data = talks()
    data["actors"] = uncertain_sides((30, 50), (40, 60))
    simulator = TalksSimulator(sensitivity_trajectories=2, sensitivity_runs=5)

    def dump(seed: int) -> bytes:
        result = simulator.simulate(scenario(data), as_of=AS_OF, runs=300, seed=seed)
        return json.dumps(result.to_dict(), sort_keys=True).encode()

    assert dump(7) == dump(7)
    assert dump(7) != dump(8)


def test_the_sensitivity_analysis_states_its_cost_and_finds_what_moves_a_threat() -> None:
    data = deadline_scenario(True)
    data["questions"].append(
        {
            "id": "imposed",
            "text": "Imposed?",
            "what": {"type": "lever_imposed", "lever": "sanctions"},
            "resolution_date": "2025-03-01",
        }
    )
    result = TalksSimulator(sensitivity_trajectories=4, sensitivity_runs=20).simulate(
        scenario(data), as_of=AS_OF, runs=100, seed=0
    )
    assert result.sensitivity is not None
    s = result.sensitivity.to_dict()
    assert (s["method"], s["points"], s["runs"]) == ("morris", 4 * 7, 4 * 7 * 20)
    # Nobody agrees within 20 days, so whether the lever is imposed is its credibility alone.
    assert s["indices"]["imposed"][0]["parameter"] == "credibility"
    assert {row["parameter"] for row in s["indices"]["deal"]} == set(s["bounds"])


def test_a_lever_imposed_after_the_as_of_date_is_not_known_to_be_imposed() -> None:
    lever = {
        "id": "tariffs",
        "holder": "a",
        "kind": "tariffs",
        "targets": ["b"],
        "status": "imposed",
        "date": "2025-03-01",
    }
    question = {
        "id": "imposed",
        "text": "Imposed?",
        "resolution_date": "2025-06-01",
        "what": {"type": "lever_imposed", "lever": "tariffs"},
    }
    s = scenario(talks(levers=[lever], questions=[question]))
    simulator = TalksSimulator(sensitivity_trajectories=0)

    def p(as_of: dt.date) -> float | None:
        (answer,) = simulator.simulate(s, as_of=as_of, runs=20, seed=0).questions
        return answer.probability

    assert p(dt.date(2025, 2, 1)) == 0.0  # no hindsight: in February it was not imposed
    assert p(dt.date(2025, 3, 1)) == 1.0


def test_an_issue_without_any_sides_stance_sits_in_the_middle_and_blocks_nothing() -> None:
    data = talks()
    data["issues"].append({"id": "fish", "label": "Fish", "anchors": {0: "none", 100: "all"}})
    data["actors"].append(
        {
            "id": "ngo",
            "name": "NGO",
            "kind": "organisation",
            "capability": 1,
            "positions": {"fish": {"position": 90, "salience": 50}},
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        arrays, outcome = run(data, concession_days=100)
    assert (arrays.position[:, :, 1] == 50.0).all()
    assert (outcome.agreed != NEVER).all() and (outcome.terms[:, 1] == 50.0).all()


def test_talks_already_under_way_have_conceded_their_time() -> None:
    # Concession time counts from the start of the talks (Faratin's t), not the as-of date.
    data = talks(questions=[agreement_question(days=400)])
    data["actors"] = uncertain_sides((30, 50), (45, 65))
    median_day = {}
    for began in (None, "2024-07-01", "2023-01-01"):  # 0, 184 and 731 days before AS_OF
        result = TalksSimulator(
            sensitivity_trajectories=0, concession_days=300, talks_began=began
        ).simulate(scenario(data), as_of=AS_OF, runs=400, seed=0)
        (answer,) = result.questions
        assert answer.days is not None
        median_day[began] = answer.days[1]
    assert median_day["2023-01-01"] < median_day["2024-07-01"] < median_day[None]
    assert median_day["2023-01-01"] == 0  # past t_max: every side already at its red line
    # Before the start, or the same as the as-of date, nothing has elapsed.
    late = TalksSimulator(sensitivity_trajectories=0, concession_days=300, talks_began="2026-01-01")
    (answer,) = late.simulate(scenario(data), as_of=AS_OF, runs=400, seed=0).questions
    assert answer.days is not None and answer.days[1] == median_day[None]


def answer_of(data: dict[str, Any], **params: Any) -> Any:
    result = TalksSimulator(sensitivity_trajectories=0, **params).simulate(
        scenario(data), as_of=AS_OF, runs=200, seed=0
    )
    (answer,) = [q for q in result.questions if q.question == "deal"]
    return answer


def test_a_none_says_how_the_runs_ended_a_ratifiers_veto() -> None:
    answer = answer_of(with_ratifier(30), concession_days=100)
    assert answer.probability == 0.0
    assert answer.paths == {"agreed": 0, "voided": 200, "walked": 0, "apart": 0}


def test_a_none_says_how_the_runs_ended_a_walk_out() -> None:
    answer = answer_of(deadline_scenario(True), credibility=0.0, concession_days=3000)
    assert answer.paths["walked"] == 200 and answer.paths["agreed"] == 0


def test_a_none_says_the_sides_were_still_apart_and_how_far_they_had_moved() -> None:
    short = talks(questions=[agreement_question(days=10)])
    slow = answer_of(short, concession_days=365)
    assert slow.probability == 0.0 and slow.paths == {
        "agreed": 0,
        "voided": 0,
        "walked": 0,
        "apart": 200,
    }
    assert slow.conceded is not None and slow.conceded < 0.1
    fast = answer_of(short, concession_days=12)
    assert fast.conceded is not None and fast.conceded > slow.conceded
    assert fast.paths["agreed"] == round(fast.probability * 200)
    assert sum(fast.paths.values()) == 200


def test_questions_not_about_an_agreement_have_no_paths() -> None:
    data = summit(preconditions=[AFTER_DELEGATIONS])
    meeting = {
        "id": "deal",
        "text": "Will the leaders meet?",
        "what": {"type": "format_held", "format": "summit"},
        "resolution_date": (AS_OF + dt.timedelta(days=200)).isoformat(),
    }
    data["questions"] = [meeting]
    answer = answer_of(data, concession_days=100)
    assert answer.probability is not None and answer.probability > 0
    assert answer.paths == {} and answer.conceded is None
    assert answer.to_dict()["paths"] == {}

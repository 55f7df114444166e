"""The exchange, expected-utility and PCE models against slow plain references.

Random small problems (hypothesis picks the sizes, the seed and the kind of
positions); each model must give the numbers of its reference in
:mod:`tests.models.references` — and the exchange model the same exchanges in
the same order — so a speed-up cannot change a result silently.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.models.references import assert_matches_exchange_reference, eu_reference, pce_reference
from zopa.models import (
    BargainingProblem,
    ExpectedUtilityModel,
    ProbabilisticCondorcetModel,
)


@st.composite
def problems(draw: st.DrawFn, most_actors: int = 7, most_issues: int = 4) -> BargainingProblem:
    """Positions on a coarse grid (ties, opposite sides) or anywhere; some absent actors,
    some zero saliences. Saliences and capabilities are generic reals, so sums of
    votes do not tie by accident (a reference summing in another order could then
    break the tie the other way)."""
    n = draw(st.integers(1, most_actors))
    m = draw(st.integers(1, most_issues))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):
        x = rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], (n, m))
    else:
        x = rng.uniform(0.0, 100.0, (n, m))
    x[rng.random((n, m)) < draw(st.sampled_from([0.0, 0.2]))] = np.nan
    s = rng.uniform(0.05, 1.0, (n, m))
    s[rng.random((n, m)) < draw(st.sampled_from([0.0, 0.2]))] = 0.0
    return BargainingProblem(
        actors=tuple(f"a{i}" for i in range(n)),
        issues=tuple(f"i{j}" for j in range(m)),
        positions=x,
        salience=np.where(np.isnan(x), np.nan, s),
        capability=rng.uniform(0.5, 3.0, n),
        reference=np.full(m, np.nan),
    )


EXCHANGE_PARAMS = st.fixed_dictionaries(
    {
        "variant": st.sampled_from(["equal_gain", "random_rate"]),
        "update": st.sampled_from(["simultaneous", "sequential"]),
        "rounds": st.integers(1, 3),
        "rng": st.integers(0, 1000),
    }
)


@settings(max_examples=60, deadline=None)
@given(problem=problems(), params=EXCHANGE_PARAMS)
def test_exchange_matches_the_reference(problem: BargainingProblem, params: Any) -> None:
    assert_matches_exchange_reference(problem, params)


EU_PARAMS = st.fixed_dictionaries(
    {
        "rounds": st.integers(0, 3),
        "q": st.sampled_from([1.0, 0.6]),
        "t": st.sampled_from([1.0, 0.3]),
        "outcome": st.sampled_from(["median", "mean"]),
        "choice": st.sampled_from(["scholz", "nearest", "strongest"]),
    }
)


@settings(max_examples=60, deadline=None)
@given(problem=problems(), params=EU_PARAMS)
def test_expected_utility_matches_the_reference(problem: BargainingProblem, params: Any) -> None:
    got = ExpectedUtilityModel(**params).fit(problem).prediction_.outcome
    np.testing.assert_allclose(got, eu_reference(problem, **params), rtol=0, atol=1e-9)


PCE_PARAMS = st.fixed_dictionaries(
    {
        "utility": st.sampled_from(["linear", "quadratic"]),
        "power": st.sampled_from([1.0, 2.5]),
    }
)


@settings(max_examples=60, deadline=None)
@given(problem=problems(), params=PCE_PARAMS)
def test_pce_matches_the_reference(problem: BargainingProblem, params: Any) -> None:
    got = ProbabilisticCondorcetModel(**params).fit(problem).prediction_
    want, distributions = pce_reference(problem, **params)
    np.testing.assert_allclose(got.outcome, want, rtol=0, atol=1e-9)
    for issue, distribution in zip(problem.issues, distributions, strict=True):
        got_pi = got.details["distribution"].get(issue, {})
        assert list(got_pi) == [f"{o:g}" for o in distribution]
        np.testing.assert_allclose(list(got_pi.values()), list(distribution.values()), atol=1e-9)

"""``IdRanges``: the documents a draft read, as ``1-5,8``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zopa.scenario import check_file
from zopa.scenario._id_ranges import IdRanges

ids = st.sets(st.integers(min_value=1, max_value=60), max_size=30)


def test_ranges_are_written_short_and_read_back() -> None:
    written = IdRanges.of([1, 2, 3, 5, 8, 9])
    assert str(written) == "1-3,5,8-9"
    assert IdRanges.parse("8-9,1-3,5") == written
    assert IdRanges.parse("3-1") == IdRanges.of([1, 2, 3])
    assert str(IdRanges()) == "" and not IdRanges()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ids, ids)
def test_membership_and_union_are_those_of_the_sets(a: set[int], b: set[int]) -> None:
    left, right = IdRanges.of(a), IdRanges.of(b)
    assert IdRanges.parse(str(left)) == left
    union = left | right
    for i in range(0, 62):
        assert (i in left) == (i in a)
        assert (i in union) == (i in a | b)
    assert "1" not in left  # only ids are members


def test_a_scenario_s_drafted_from_must_be_id_ranges(
    write_scenario: Callable[..., Path], scenario_data: dict[str, Any]
) -> None:
    scenario_data["drafted_from"] = "1-4,9"
    assert check_file(write_scenario(scenario_data)).ok
    scenario_data["drafted_from"] = "documents 1 to 4"
    path = write_scenario(scenario_data)
    report = check_file(path)
    assert not report.ok
    (problem,) = report.errors
    assert problem.message == "'documents 1 to 4' is not a valid `drafted_from`"
    assert problem.hint is not None and "id ranges" in problem.hint
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "drafted_from" in t)
    assert problem.line == line

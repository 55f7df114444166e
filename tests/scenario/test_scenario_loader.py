"""Loading scenario files: every kind of bad file is one ScenarioError with file:line."""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zopa.errors import ScenarioError
from zopa.scenario import MAX_SCENARIO_BYTES, Scenario, check_file, load_scenario, loads_scenario

Writer = Callable[..., Path]


def _error(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_valid_file_loads(write_scenario: Writer, scenario_data: dict[str, Any]) -> None:
    scenario = load_scenario(write_scenario(scenario_data))
    assert isinstance(scenario, Scenario)
    assert [a.id for a in scenario.actors] == ["a", "b"]
    assert scenario.actor("a").positions["land"].salience.value == 50


def test_syntax_error_names_file_and_line(write_scenario: Writer) -> None:
    path = write_scenario("id: x\ntitle: y\nissues:\n  - id: land\n   label: [unclosed\n")
    message = _error(path)
    assert message.startswith(f"{path}:")
    line = int(message.split(":")[1])
    assert 4 <= line <= 6
    assert "not valid YAML" in message


def test_python_object_tag_is_a_one_line_error(write_scenario: Writer) -> None:
    path = write_scenario("id: x\ntitle: !!python/object/apply:os.system ['echo pwned']\n")
    message = _error(path)
    assert message.startswith(f"{path}:2:")
    assert "not allowed" in message and "python/object" in message


def test_wrong_type_points_at_the_value_line(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][1]["positions"]["land"]["salience"] = "very"
    path = write_scenario(scenario_data)
    text = path.read_text().splitlines()
    expected = next(i for i, line in enumerate(text, 1) if "salience: very" in line)
    message = _error(path)
    assert message.startswith(f"{path}:{expected}:")
    assert "expected a number" in message and "salience" in message and "'very'" in message


def test_out_of_range_value_has_line_and_hint(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][0]["positions"]["land"]["position"] = 140
    path = write_scenario(scenario_data)
    expected = next(
        i for i, line in enumerate(path.read_text().splitlines(), 1) if "position: 140" in line
    )
    message = _error(path)
    assert message.startswith(f"{path}:{expected}:")
    assert "140" in message and "hint:" in message


def test_unknown_issue_id_is_an_error_with_a_suggestion(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][1]["positions"] = {"lnd": {"position": 10, "salience": 50}}
    message = _error(write_scenario(scenario_data))
    assert "unknown issue id 'lnd'" in message and "did you mean 'land'" in message


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # 50 MB of something that would be slow to parse
        handle.write(b"- [" * 10 + b"1" * (50 * 1024 * 1024))
    message = _error(path)
    assert message.startswith(f"{path}: file is")
    assert f"{MAX_SCENARIO_BYTES:,}-byte limit" in message


def test_alias_bomb_is_refused(write_scenario: Writer) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 9)]
    message = _error(write_scenario("\n".join(lines) + "\n"))
    assert "alias bomb" in message


def test_recursive_alias_is_refused(write_scenario: Writer) -> None:
    message = _error(write_scenario("id: &x [*x]\n"))
    assert "recursive alias" in message


def test_duplicate_key_is_refused(write_scenario: Writer) -> None:
    message = _error(write_scenario("id: a\ntitle: t\nid: b\n"))
    assert ":3:" in message and "duplicate key 'id' (first on line 1)" in message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: a\ntitle: caf\xe9\n")
    message = _error(path)
    assert message.startswith(f"{path}:2:") and "UTF-8" in message


@pytest.mark.parametrize(
    ("text", "needle"),
    [("", "empty"), ("- a\n- b\n", "mapping"), ("just text\n", "mapping")],
)
def test_empty_or_non_mapping_files(write_scenario: Writer, text: str, needle: str) -> None:
    assert needle in _error(write_scenario(text))


def test_impossible_date_is_a_marked_error(write_scenario: Writer) -> None:
    message = _error(write_scenario("id: a\nas_of: 2025-13-45\n"))
    assert ":2:" in message
    # The YAML is well formed: the hint points at the value, not at indentation.
    assert "indentation" not in message and "a date must be a real day" in message


def test_missing_file_is_a_scenario_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such scenario file"):
        load_scenario(tmp_path / "absent.yaml")


def test_first_error_mentions_how_many_more(write_scenario: Writer) -> None:
    message = _error(write_scenario("id: BAD ID\ntitle: 3\nissues: []\nactors: []\n"))
    assert re.search(r"and \d+ more errors?: run `zopa scenario check", message)


def test_check_lists_every_error_with_lines(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["actors"][0]["kind"] = "stat"
    stance = scenario_data["actors"][1]["positions"]["land"]
    stance["salienc"] = stance.pop("salience")
    report = check_file(write_scenario(scenario_data))
    assert not report.ok
    messages = [p.format() for p in report.errors]
    assert any("got 'stat'" in m and "did you mean 'state'" in m for m in messages)
    assert any("unknown field `salienc`" in m and "did you mean `salience`" in m for m in messages)
    # the misspelt field is not also a missing one: one error says it
    assert not any("missing field `salience`" in m for m in messages)
    assert all(p.line > 0 for p in report.errors)


def test_a_misspelt_field_is_one_error_and_a_missing_one_still_an_error(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    first, second = scenario_data["actors"][:2]
    first["knd"] = first.pop("kind")  # misspelt: one error, "did you mean"
    del second["kind"]  # missing, nothing misspelt beside it
    second["colour"] = "red"  # unknown, close to no field
    report = check_file(write_scenario(scenario_data))
    assert [(p.message, p.path) for p in report.errors] == [
        ("unknown field `knd`", ("actors", 0, "knd")),
        ("missing field `kind`", ("actors", 1)),
        ("unknown field `colour`", ("actors", 1, "colour")),
    ]
    assert report.errors[0].hint == "did you mean `kind`?"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_scenario_error(text: str) -> None:
    message = ""
    try:
        loads_scenario(text, source="fuzz.yaml")
    except ScenarioError as exc:
        message = str(exc)
    assert "\n" not in message
    assert not message or message.startswith("fuzz.yaml")


_yaml_fragments = st.sampled_from(
    [
        "id: a\n",
        "title: t\n",
        "issues:\n",
        "actors:\n",
        "  - id: x\n",
        "    label: L\n",
        "    anchors: {0: a, 100: b}\n",
        "    positions:\n",
        "      x: {position: 5}\n",
        "    kind: state\n",
        "    capability: 3\n",
        "- &a [*a]\n",
        "!!binary 'zz'\n",
        "? [1, 2]\n: v\n",
        "as_of: 2025-02-30\n",
        "x: 1e999999\n",
        "  salience: .nan\n",
        "formats: [{id: f, label: F, kind: delegations, participants: [x]}]\n",
        "\t- tab\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_yaml_fragments, max_size=14))
def test_scenario_like_yaml_raises_only_scenario_error(parts: list[str]) -> None:
    with contextlib.suppress(ScenarioError):
        loads_scenario("".join(parts), source="fuzz.yaml")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_in_a_file_raise_only_scenario_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(raw)
        with contextlib.suppress(ScenarioError):
            load_scenario(path)


def test_a_field_of_another_section_at_the_top_is_never_its_own_suggestion(
    write_scenario: Writer, scenario_data: dict[str, Any]
) -> None:
    scenario_data["date"] = "2026-02-10"
    scenario_data.pop("as_of", None)
    messages = [p.format() for p in check_file(write_scenario(scenario_data)).errors]
    [message] = [m for m in messages if "unknown field `date`" in m]
    assert "did you mean `as_of`?" in message, message

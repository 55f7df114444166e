"""Scenarios kept in the store: validated on save, listed by name, read back, replaced."""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES
from tests.scenario.conftest import two_sided
from zopa.errors import MissingError, ScenarioError
from zopa.scenario import (
    MAX_SCENARIO_BYTES,
    add_question,
    edit_scenario,
    get_scenario,
    list_scenarios,
    resolve_question,
    save_scenario,
)
from zopa.store import Store


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False)


def test_saved_scenario_reads_back_the_same_text(store: Store) -> None:
    text = (EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml").read_text()
    stored = save_scenario(store, "ru-ua", text)
    again = get_scenario(store, "ru-ua")
    assert again == stored
    assert again.text == text
    assert again.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert again.stored_at.utcoffset() is not None
    assert again.load().id == "russia-ukraine-2025"


def test_name_defaults_to_the_scenario_id(store: Store) -> None:
    stored = save_scenario(store, None, _yaml(two_sided()))
    assert stored.name == "tiny"
    assert [s.name for s in list_scenarios(store)] == ["tiny"]


def test_saving_a_name_again_replaces_it(store: Store) -> None:
    first = two_sided()
    save_scenario(store, "b-talks", _yaml(first))
    save_scenario(store, "a-talks", _yaml(first))
    second = two_sided()
    second["title"] = "Tiny, revised"
    save_scenario(store, "b-talks", _yaml(second))
    names = [(s.name, s.load().title) for s in list_scenarios(store)]
    assert names == [("a-talks", "Tiny"), ("b-talks", "Tiny, revised")]


def test_invalid_scenario_is_refused_with_its_line_and_nothing_stored(store: Store) -> None:
    data = two_sided()
    data["actors"][0]["positions"]["land"]["salience"] = "very"
    with pytest.raises(ScenarioError) as info:
        save_scenario(store, "tiny", _yaml(data), source="upload.yaml")
    message = str(info.value)
    assert message.startswith("upload.yaml:") and "salience" in message
    assert "\n" not in message
    assert list_scenarios(store) == []


def test_unsafe_yaml_tag_is_refused(store: Store) -> None:
    text = "id: x\ntitle: !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(ScenarioError, match="not allowed"):
        save_scenario(store, "x", text)
    assert list_scenarios(store) == []


def test_oversized_text_is_refused_before_parsing(sqlite_store: Store) -> None:
    text = "#" * (MAX_SCENARIO_BYTES + 1)
    with pytest.raises(ScenarioError, match="over the 2,097,152-byte limit"):
        save_scenario(sqlite_store, "big", text)


@pytest.mark.parametrize("name", ["", "Upper", "1st", "a" * 65, "../etc", "a b"])
def test_name_that_is_not_an_id_is_refused(sqlite_store: Store, name: str) -> None:
    with pytest.raises(ScenarioError, match="is not an id"):
        save_scenario(sqlite_store, name, _yaml(two_sided()))


def test_missing_name_is_a_missing_error(store: Store) -> None:
    with pytest.raises(MissingError, match=r"no scenario named 'nope'"):
        get_scenario(store, "nope")


def test_two_writers_saving_one_new_name_at_once_both_succeed(store: Store) -> None:
    errors: list[BaseException] = []
    texts = []
    for title in ("One", "Two"):
        data = two_sided()
        data["title"] = title
        texts.append(_yaml(data))

    def save(text: str) -> None:
        try:
            save_scenario(store, "race", text)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [s.name for s in list_scenarios(store)] == ["race"]
    assert get_scenario(store, "race").text in texts


def test_two_edits_at_once_both_land(store: Store) -> None:
    save_scenario(store, "tiny", _yaml(two_sided()))
    errors: list[BaseException] = []

    def add(prefix: str) -> None:
        for i in range(5):
            question = {
                "id": f"{prefix}{i}",
                "text": "Where will land stand?",
                "kind": "value",
                "issue": "land",
                "resolution_date": "2026-01-01",
            }
            try:
                edit_scenario(store, "tiny", lambda text, q=question: add_question(text, q))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

    threads = [threading.Thread(target=add, args=(p,)) for p in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ids = sorted(q.id for q in get_scenario(store, "tiny").load().questions)
    assert ids == sorted(f"{p}{i}" for p in "ab" for i in range(5))


def test_an_edit_that_breaks_the_scenario_changes_nothing(store: Store) -> None:
    stored = save_scenario(store, "tiny", _yaml(two_sided()))
    with pytest.raises(ScenarioError, match="scenario tiny:"):
        edit_scenario(store, "tiny", lambda text: text.replace("salience: 50", "salience: lots", 1))
    assert get_scenario(store, "tiny") == stored
    with pytest.raises(MissingError):
        edit_scenario(store, "nope", lambda text: text)


def test_resolving_a_question_keeps_comments(store: Store) -> None:
    data = two_sided()
    data["questions"] = [
        {
            "id": "q1",
            "text": "Where?",
            "kind": "value",
            "issue": "land",
            "resolution_date": "2026-01-01",
        }
    ]
    save_scenario(store, "tiny", "# the analyst's note\n" + _yaml(data))
    edited = edit_scenario(
        store,
        "tiny",
        lambda text: resolve_question(text, "q1", outcome=42.0, resolved_on=date(2026, 1, 1)),
    )
    assert edited.text.startswith("# the analyst's note\n")
    question = edited.load().questions[0]
    assert question.outcome == 42.0 and question.resolved_on == date(2026, 1, 1)
    with pytest.raises(MissingError, match="no question 'q2'"):
        resolve_question(edited.text, "q2", outcome=1.0, resolved_on=date(2026, 1, 1))

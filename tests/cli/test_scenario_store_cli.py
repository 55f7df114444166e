"""``zopa scenario store``: scenarios kept in the store for the dashboard and the API.

A valid file is stored under its id (or ``--name``) and replaces one of that name; a
file with an error is refused with one line naming it, and stores nothing, while the
other files of the same call are stored.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_forecast_run_cli import scenario_data, write_scenario, zopa
from zopa.scenario import get_scenario, list_scenarios
from zopa.store import Store


def test_a_valid_file_is_stored_under_its_id_and_replaced_when_stored_again(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    data = scenario_data()
    path = write_scenario(tmp_path, data)
    code, out, err = zopa(store_url, "scenario", "store", path)
    assert code == 0, err
    assert f"as scenario {data['id']}" in out
    data["title"] = "Second thoughts"
    write_scenario(tmp_path, data)
    assert zopa(store_url, "scenario", "store", path)[0] == 0
    assert [s.name for s in list_scenarios(opened)] == [data["id"]]
    assert get_scenario(opened, data["id"]).load().title == "Second thoughts"


def test_a_file_with_an_error_is_refused_and_the_others_are_stored(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    good = write_scenario(tmp_path, scenario_data())
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nactors: 3\n", encoding="utf-8")
    code, _, err = zopa(store_url, "scenario", "store", str(bad), good)
    assert code == 1
    assert err.count("\n") == 1 and "bad.yaml:" in err
    assert [s.name for s in list_scenarios(opened)] == [scenario_data()["id"]]


def test_a_name_is_for_one_file_and_must_be_an_id(
    tmp_path: Path, store_url: str, opened: Store
) -> None:
    path = write_scenario(tmp_path, scenario_data())
    code, _, err = zopa(store_url, "scenario", "store", path, path, "--name", "both")
    assert code == 1 and "give one file" in err
    code, _, err = zopa(store_url, "scenario", "store", path, "--name", "Not An Id")
    assert code == 1 and "not an id" in err
    assert zopa(store_url, "scenario", "store", path, "--name", "mine")[0] == 0
    assert [s.name for s in list_scenarios(opened)] == ["mine"]

"""The listings' ``--actor``: an actor the store does not hold is said, not an empty table."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli import app
from zopa.store import Actor, open_store


@pytest.mark.parametrize("listing", ["quotes", "claims", "estimates", "events", "actors"])
def test_an_actor_the_store_does_not_hold_is_an_error_with_the_nearest_names(
    tmp_path: Path, listing: str
) -> None:
    url = f"sqlite:///{tmp_path / 'z.db'}"
    store = open_store(url)
    with store.write() as session:
        session.add(Actor(key="person:ada-mirel", name="Ada Mirel", kind="person", resolved=True))
    store.close()
    runner = CliRunner()
    wrong = runner.invoke(app, ["--db", url, listing, "--actor", "Ada Mirell"])
    assert wrong.exit_code == 1 and wrong.stdout == ""
    assert wrong.stderr.strip() == (
        "error: --actor 'Ada Mirell' names no stored actor (a key such as "
        "person:abiy-ahmed, or part of a name); did you mean 'Ada Mirel'? "
        "`zopa actors` lists them"
    )
    held = runner.invoke(app, ["--db", url, listing, "--actor", "mirel", "--json"])
    assert held.exit_code == 0 and held.stdout.strip() == "[]"  # held, with nothing listed

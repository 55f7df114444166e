"""The listings' ``--actor``: an actor the store does not hold is said, not an empty table."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import plain_document
from zopa.cli import app
from zopa.store import Actor, Mention, add_document, open_store


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


def test_the_actors_table_prints_every_id_whole_to_be_copied(tmp_path: Path) -> None:
    # Regression: in a narrow terminal `unresolved:sameh-shoukry` came out `unresolved:sameh-s…`.
    url = f"sqlite:///{tmp_path / 'z.db'}"
    store = open_store(url)
    key = "unresolved:marisol-quintanilla-de-la-vega"
    text = "Marisol Quintanilla de la Vega, a long-serving envoy, spoke."
    with store.write() as session:
        actor = Actor(key=key, name="Marisol Quintanilla de la Vega", kind="person", resolved=False)
        session.add(actor)
        session.flush()
        document_id = add_document(session, plain_document("envoy", text))
        session.add(
            Mention(
                document_id=document_id, actor_id=actor.id, start=0, end=30, text=text[:30],
                sentence_start=0, sentence_end=len(text), extractor="test",
            )
        )  # fmt: skip
    store.close()
    result = CliRunner(env={"COLUMNS": "60"}).invoke(app, ["--db", url, "actors"])
    assert result.exit_code == 0, result.stderr
    assert f"│ {key} │" in result.stdout

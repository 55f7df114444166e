"""Text from outside is data, never markup: every listing and table prints it as it is.

Markup-like strings (``[/b]``, ``[bold red]x[/]``, ``[link=…]``, ``:smile:``,
backslashes) and terminal escapes (``\\x1b[31m``) are stored as document
titles, outlets, text, actor names, quotes, claims and estimates through the
store's public API, or written into scenario files and file names, then read
back through the real CLI: no command may crash, interpret them, or pass a
control character to the terminal.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from typer.testing import CliRunner

from tests.scenario.conftest import two_sided
from zopa.cli import app
from zopa.cli._app import console, err_console
from zopa.cli._console import DataConsole, printable
from zopa.cli._demo import render_digest
from zopa.cli._docs import documents_table
from zopa.cli._extract import render_extraction_report
from zopa.extract import DocumentOutcome, ExtractionReport
from zopa.report import evidence_digest
from zopa.store import (
    Actor,
    Claim,
    Document,
    DocumentRecord,
    Estimate,
    Event,
    Mention,
    NewDocument,
    Quote,
    Store,
    add_document,
    open_store,
)

runner = CliRunner()

TOKENS = (
    "[/b]",
    "[/]",
    "[b]",
    "[bold red]x[/]",
    "[link=https://e.x]",
    "[@click=quit]",
    "\\[b]",
    "\\",
    "[",
    "]",
    ":smile:",
    "{task}",
    "%s",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x9b2J",
    "\r",
    "\x08",
    "\x00",
    "\x7f",
)
# At most 16 printable characters: the outlet column of `docs list` shows 16.
markup_like = (
    st.lists(
        st.sampled_from(TOKENS) | st.text(alphabet="ab[]/=\\:#@ ", min_size=1, max_size=3),
        min_size=1,
        max_size=3,
    )
    .map("".join)
    .filter(lambda s: s == s.strip() and 0 < len(printable(s)) <= 16)
)
CONTROLS = "\x1b\x9b\x07\x08\x00\x7f\r"
EXAMPLES = ("Talks [/b] resume", "[bold red]x[/]", "Talks [/]", "\x1b[31mred", ":smile: [/")
_serial = itertools.count()


@pytest.fixture(scope="module")
def wide_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """A SQLite store, and a console wide enough that no cell wraps (so values stay whole)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('markup') / 'zopa.db'}"
    store = open_store(url)
    width = console.width
    console.width = 1000
    try:
        yield url, store
    finally:
        console.width = width
        store.close()


def _insert(store: Store, s: str) -> int:
    """One document whose every text field is ``s``, with one item of every kind about it."""
    text = f"{s} met {s}."
    span: dict[str, Any] = {
        "start": 0,
        "end": len(s),
        "text": s,
        "sentence_start": 0,
        "sentence_end": len(text),
        "extractor": "test",
    }
    serial = next(_serial)
    with store.write() as session:
        doc_id = add_document(
            session,
            NewDocument(
                sha256=hashlib.sha256(f"{serial}{s}".encode()).hexdigest(),
                source=s,
                outlet=s,
                title=s,
                url=None,
                published_at=None,
                date_source="none",
                language=s,
                text=text,
                word_count=3,
            ),
        )
        actor = Actor(key=f"{s}#{serial}", name=s, kind=s, country=s, sector=s, role=s)
        session.add(actor)
        session.flush()
        by = {"document_id": doc_id, **span}
        session.add_all(
            [
                Mention(actor_id=actor.id, **by),
                Event(
                    type=s,
                    status=s,
                    place=s,
                    source_actor_id=actor.id,
                    target_actor_id=actor.id,
                    **by,
                ),
                Quote(kind=s, speaker_actor_id=actor.id, speaker_text=s, cue=s, **by),
                Claim(actor_id=actor.id, issue=s, stance=s, salience_cue=s, attribution=s, **by),
                Estimate(
                    holder_actor_id=actor.id,
                    holder_text=s,
                    phrase=s,
                    probability=0.5,
                    low=0.4,
                    high=0.6,
                    about=s,
                    **by,
                ),
            ]
        )
    return doc_id


def _empty(store: Store) -> None:
    with store.write() as session:
        session.execute(delete(Document))
        session.execute(delete(Actor))


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


@pytest.mark.slow
@settings(max_examples=6, deadline=None, derandomize=True)
@given(st.lists(markup_like, min_size=1, max_size=4, unique=True))
@example(list(EXAMPLES))
def test_stored_text_prints_as_it_is_in_every_listing(
    wide_store: tuple[str, Store], values: list[str]
) -> None:
    url, store = wide_store
    ids = [_insert(store, s) for s in values]
    try:
        outputs = {"docs list": _ok("--db", url, "docs", "list")}
        for doc_id in ids:
            outputs[f"docs show {doc_id}"] = _ok("--db", url, "docs", "show", str(doc_id))
        for listing in ("actors", "events", "quotes", "claims", "estimates"):
            outputs[listing] = _ok("--db", url, listing)
            outputs[f"{listing} --sentences"] = _ok("--db", url, listing, "--sentences")
        with console.capture() as captured:
            render_digest(evidence_digest(store))
        outputs["digest"] = captured.get()
        failed = [
            DocumentOutcome(i, s, "failed", f"{s}: cannot extract") for i, s in enumerate(values)
        ]
        with console.capture() as table, err_console.capture() as lines:
            render_extraction_report(ExtractionReport("test", failed))
        outputs["extraction report"] = lines.get()
        assert "extraction summary" in table.get()
    finally:
        _empty(store)
    for doc_id, s in zip(ids, values, strict=True):
        assert printable(s) in outputs[f"docs show {doc_id}"]
    for name, output in outputs.items():
        assert not any(c in output for c in CONTROLS), name
        if not name.startswith("docs show"):
            assert all(printable(s) in output for s in values), name


def _scenario(tmp_path: Path, s: str, **changes: Any) -> Path:
    data = two_sided()
    data["title"] = s
    data["issues"][0]["label"] = s
    data["issues"][0]["anchors"] = {0: s, 100: s}
    for actor in data["actors"]:
        actor["name"] = s
    data.update(changes)
    path = tmp_path / f"s{next(_serial)}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@settings(max_examples=10, deadline=None, derandomize=True)
@given(markup_like)
@example("Talks [/]")
@example("[bold red]x[/]")
def test_scenario_text_prints_as_it_is(tmp_path_factory: pytest.TempPathFactory, s: str) -> None:
    folder = tmp_path_factory.mktemp("scenario")
    good = _scenario(folder, s)
    solved = _ok("solve", str(good), "-m", "zopa.compromise.v1", "--draws", "20", "--seed", "1")
    assert f"{printable(s)} — 20 draws" in solved
    bad = _scenario(folder, s, id=s)
    result = runner.invoke(app, ["scenario", "check", str(good), str(bad)])
    assert result.exit_code == 1, result.output
    assert repr(s) in result.output
    assert not any(c in result.output for c in CONTROLS)


@settings(max_examples=10, deadline=None, derandomize=True)
@given(markup_like.map(lambda s: s.replace("/", "_").replace("\x00", "_")))
def test_file_names_print_as_they_are(tmp_path_factory: pytest.TempPathFactory, s: str) -> None:
    folder = tmp_path_factory.mktemp("files")
    (folder / f"{s}.txt").write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["--db", f"sqlite:///{folder / 'z.db'}", "ingest", str(folder / f"{s}.txt")]
    )
    assert result.exit_code == 1
    assert f"{printable(s)}.txt: empty file" in result.stderr
    assert "ingest summary" in result.stdout
    assert not any(c in result.output for c in CONTROLS)


@pytest.mark.parametrize("s", EXAMPLES)
def test_a_title_is_never_styled_on_a_terminal(s: str) -> None:
    """On a colour terminal a title can neither open nor close styling: only ours applies."""
    doc = DocumentRecord(
        id=1,
        sha256="0" * 64,
        source=s,
        outlet=s,
        title=s,
        url=None,
        published_at=None,
        date_source="none",
        language="en",
        text=s,
        word_count=1,
        ingested_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    terminal = DataConsole(force_terminal=True, width=200, color_system="standard")
    with terminal.capture() as captured:
        terminal.print(documents_table([doc]))
    shown = captured.get()
    assert printable(s) in shown
    assert "\x1b[31m" not in shown and "\x1b[1;31m" not in shown

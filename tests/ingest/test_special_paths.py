"""Folder ingest stays in its tree and names what is no regular file: links, pipes, devices."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.special_files import fifo, unix_socket, unprivileged
from zopa.ingest import collect_files, ingest_paths
from zopa.store import Store, list_documents

LIMIT = 10 * 1024 * 1024
SECRET = "root:$6$secret-hash:19000:0:99999:7::: is what a shadow file holds, never an article."


def _article(n: int) -> str:
    return (
        f"Report {n}\n\nISTANBUL, May 16, 2025 — Russian and Ukrainian delegations met in "
        "Istanbul on Friday for their first direct talks in three years. The meeting produced "
        "an agreement on a large prisoner exchange but no ceasefire, officials on both sides "
        f"said, and the two teams agreed to meet again within weeks. Round {n}."
    )


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A secret file and folder outside the corpus tree."""
    folder = tmp_path / "etc"
    folder.mkdir()
    (folder / "shadow").write_text(SECRET, encoding="utf-8")
    (folder / "notes.txt").write_text(_article(99), encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(_article(1), encoding="utf-8")
    (folder / "sub" / "b.md").write_text(_article(2), encoding="utf-8")
    return folder


def _messages(paths: list[Path], **kwargs: bool) -> list[str]:
    _, failures = collect_files(paths, **kwargs)
    return [o.message or "" for o in failures]


def test_link_out_of_the_tree_is_refused_by_default(
    store: Store, corpus: Path, outside: Path
) -> None:
    (corpus / "shadow.txt").symlink_to(outside / "shadow")
    report = ingest_paths(store, [corpus], max_file_bytes=LIMIT)
    assert report.count("ingested") == 2 and report.count("failed") == 1
    (failure,) = [o for o in report.outcomes if o.status == "failed"]
    assert failure.message == (
        f"{corpus}/shadow.txt: a symbolic link to {outside}/shadow, outside {corpus}; "
        "not read (pass --follow-links to read it)"
    )
    assert all(SECRET not in doc.text for doc in list_documents(store))


def test_follow_links_allows_links_out_of_the_tree(
    sqlite_store: Store, corpus: Path, outside: Path
) -> None:
    (corpus / "notes.txt").symlink_to(outside / "notes.txt")
    (corpus / "more").symlink_to(outside)
    report = ingest_paths(sqlite_store, [corpus], max_file_bytes=LIMIT, follow_links=True)
    # notes.txt twice (the link and the linked folder): stored once, then a duplicate.
    assert (report.count("ingested"), report.count("duplicate"), report.count("failed")) == (
        3,
        1,
        0,
    )


def test_link_to_a_folder_out_of_the_tree_is_refused(corpus: Path, outside: Path) -> None:
    (corpus / "more").symlink_to(outside)
    files, _ = collect_files([corpus])
    assert [p.name for p in files] == ["a.txt", "b.md"]
    assert _messages([corpus]) == [
        f"{corpus}/more: a symbolic link to {outside}, outside {corpus}; "
        "not read (pass --follow-links to read it)"
    ]


def test_links_inside_the_tree_are_fine(corpus: Path) -> None:
    (corpus / "alias.txt").symlink_to(corpus / "sub" / "b.md")
    (corpus / "again").symlink_to(corpus / "sub")  # walked already: not walked twice
    files, failures = collect_files([corpus])
    assert [p.name for p in files] == ["a.txt", "alias.txt", "b.md"]
    assert failures == []


def test_link_to_an_enclosing_folder_is_a_loop(corpus: Path) -> None:
    (corpus / "sub" / "up").symlink_to("..")
    assert _messages([corpus]) == [
        f"{corpus}/sub/up: a symbolic link loop (leads back to {corpus}); not followed"
    ]


def test_explicit_link_is_followed_wherever_it_points(corpus: Path, outside: Path) -> None:
    link = corpus / "chosen.txt"
    link.symlink_to(outside / "notes.txt")
    files, failures = collect_files([link])
    assert files == [link] and failures == []


def test_special_files_are_named_for_what_they_are(corpus: Path) -> None:
    (corpus / "loop1.txt").symlink_to("loop2.txt")
    (corpus / "loop2.txt").symlink_to("loop1.txt")
    (corpus / "gone.md").symlink_to(corpus / "nowhere.md")
    (corpus / "ignored").symlink_to("ignored")  # no article suffix: not looked at
    with fifo(corpus / "pipe.txt"), unix_socket(corpus, "s.jsonl"):
        messages = _messages([corpus])
    assert messages == [
        f"{corpus}/gone.md: a broken symbolic link to {corpus}/nowhere.md; fix or remove the link",
        f"{corpus}/loop1.txt: a symbolic link loop (the link leads back to itself); "
        "fix or remove the link",
        f"{corpus}/loop2.txt: a symbolic link loop (the link leads back to itself); "
        "fix or remove the link",
        f"{corpus}/pipe.txt: a named pipe (FIFO), not a regular file; not read",
        f"{corpus}/s.jsonl: a socket, not a regular file; not read",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("/dev/null", "/dev/null: a character device, not a regular file; not read"),
        ("loop.txt", "{d}/loop.txt: a symbolic link loop (the link leads back to itself); "),
        ("pipe.txt", "{d}/pipe.txt: a named pipe (FIFO), not a regular file; not read"),
        ("absent.txt", "{d}/absent.txt: no such file or folder"),
    ],
)
def test_explicit_special_paths_are_named(tmp_path: Path, name: str, expected: str) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    with fifo(tmp_path / "pipe.txt"):
        (message,) = _messages([tmp_path / name])
    assert message.startswith(expected.format(d=tmp_path))


def test_named_pipe_in_a_folder_never_blocks_the_run(store: Store, corpus: Path) -> None:
    with fifo(corpus / "pipe.txt"):
        report = ingest_paths(store, [corpus], max_file_bytes=LIMIT)
    assert (report.count("ingested"), report.count("failed")) == (2, 1)


def test_non_utf8_file_name_is_stored_and_reported_escaped(store: Store, tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    folder.mkdir()
    (folder / "a.txt").write_text(_article(1), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    report = ingest_paths(store, [folder], max_file_bytes=LIMIT)
    escaped = f"{tmp_path}/caf\\xe9"
    assert [o.status for o in report.outcomes] == ["ingested", "failed"]
    assert report.outcomes[1].message == f"{escaped}/empty.txt: empty file"
    (doc,) = list_documents(store)
    assert doc.source == f"{escaped}/a.txt"


def test_unreadable_subfolder_is_reported_and_the_rest_ingested(
    corpus: Path, tmp_path: Path
) -> None:
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text(_article(3), encoding="utf-8")
    locked.chmod(0)
    url = f"sqlite:///{tmp_path / 'z.db'}"
    command = [sys.executable, "-m", "zopa", "--db", url, "ingest", str(corpus)]
    try:
        result = subprocess.run(
            unprivileged(command),
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert f"error: {locked}: cannot list the folder: permission denied" in result.stderr
    assert "│        2 │" in result.stdout  # the two readable articles are stored

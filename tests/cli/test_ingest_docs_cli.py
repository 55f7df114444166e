"""``zopa ingest``, ``zopa docs`` and ``zopa db`` through the real CLI app."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli import app

runner = CliRunner()
ARTICLE = (
    "Talks resume in Istanbul\n\nISTANBUL, June 2, 2025 — Delegations from Russia and Ukraine "
    "met for a second round and agreed to exchange prisoners, officials said."
)


def _zopa(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_ingest_list_show_round_trip(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    code, out, _ = _zopa(store_url, "ingest", str(tmp_path))
    assert code == 0
    assert "ingest summary" in out
    code, out, _ = _zopa(store_url, "docs", "list", "--json")
    assert code == 0
    docs = json.loads(out)
    assert len(docs) == 1
    assert docs[0]["published_at"] == "2025-06-02"
    assert docs[0]["title"] == "Talks resume in Istanbul"
    code, out, _ = _zopa(store_url, "docs", "show", str(docs[0]["id"]), "--json")
    assert json.loads(out)["text"].endswith("officials said.")
    code, out, _ = _zopa(store_url, "docs", "list", "--from", "2025-07-01", "--json")
    assert json.loads(out) == []


def test_bad_files_give_one_line_errors_and_exit_1_but_keep_the_rest(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'z.db'}"
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "bad.jsonl").write_text('{"text": "fine article text"}\n{broken\n', encoding="utf-8")
    code, out, err = _zopa(url, "ingest", str(corpus), str(tmp_path / "missing.txt"))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("bad.jsonl:2: malformed JSON" in e for e in errors)
    assert any("missing.txt: no such file or folder" in e for e in errors)
    assert "Traceback" not in err
    _, out, _ = _zopa(url, "docs", "list", "--json")
    assert len(json.loads(out)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["docs", "show", "99"], "error: no document with id 99"),
        (["docs", "list", "--from", "May"], "error: Invalid value for --from"),
        (["ingest"], "error: Missing argument"),
        (["ingest", "x", "--max-bytes", "0"], "error: Invalid value for '--max-bytes'"),
    ],
)
def test_user_mistakes_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, err = _zopa(f"sqlite:///{tmp_path / 'z.db'}", *args)
    assert code != 0
    assert err.startswith(message), err
    assert len(err.strip().splitlines()) == 1


def test_bad_database_url_is_one_line(tmp_path: Path) -> None:
    code, _, err = _zopa("sqlite:////no/such/dir/z.db", "db", "upgrade")
    assert code == 1
    assert err.startswith("error: cannot create the SQLite store")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["--db", f"sqlite:///{tmp_path / 'z.db'}", "--debug", "docs", "show", "5"]
    )
    assert result.exit_code != 0
    assert result.exception is not None
    assert "no document with id 5" in str(result.exception)


def test_environment_variable_selects_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("ZOPA_DATABASE_URL", f"sqlite:///{path}")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0
    assert path.exists()


def test_one_bad_record_is_one_error_line_and_the_run_goes_on(tmp_path: Path) -> None:
    body = ARTICLE.split("\n\n", 1)[1] + " The talks went on late into the night again."
    lines = [json.dumps({"text": f"{body} Record {n}."}) for n in range(1, 301)]
    lines[258] = '{"text": "x", "published": ' + "[" * 20_000 + "]" * 20_000 + "}"
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = _zopa(f"sqlite:///{tmp_path / 'z.db'}", "ingest", str(feed))
    assert code == 1
    assert err.splitlines() == [f"error: {feed}:259: JSON nested too deeply"]
    assert "│      299 │" in out and "│      1 │" in out


def test_follow_links_option(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'z.db'}"
    (tmp_path / "elsewhere.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    code, _, err = _zopa(url, "ingest", str(corpus))
    assert code == 1 and "outside" in err and "--follow-links" in err
    code, _, err = _zopa(url, "ingest", "--follow-links", str(corpus))
    assert code == 0, err


def test_non_utf8_file_name_is_printed_escaped(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (Path(os.fsdecode(bytes(corpus) + b"/caf\xe9.txt"))).write_text("", encoding="utf-8")
    code, _, err = _zopa(f"sqlite:///{tmp_path / 'z.db'}", "ingest", str(corpus))
    assert code == 1
    assert err.strip() == f"error: {corpus}/caf\\xe9.txt: empty file"

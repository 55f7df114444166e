"""Clear errors from the command line: bad settings, ids, huge values, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.models.test_models_evaluate import CSV as DECISIONS
from tests.scenario.conftest import two_sided
from zopa.cli import app
from zopa.cli._app import INTERRUPTED, MAX_ID
from zopa.errors import MAX_LINE_CHARS
from zopa.store import Document, open_store

runner = CliRunner()
HUGE = "7" * 5000


def _zopa(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("value", ["-1", "0", "abc", "", "1.5", "9223372036854775808"])
def test_a_bad_max_file_bytes_is_one_line(tmp_path: Path, value: str) -> None:
    env = {"ZOPA_MAX_FILE_BYTES": value}
    code, _, err = _zopa("--db", f"sqlite:///{tmp_path / 'z.db'}", "docs", "list", env=env)
    assert code == 1
    assert err == (
        f"error: ZOPA_MAX_FILE_BYTES={value!r} is not valid: expected a whole number of "
        "bytes from 1 to 1 TiB (1,099,511,627,776) (set it right or unset it)\n"
    )


def test_a_bad_setting_leaves_commands_that_do_not_read_it_alone(tmp_path: Path) -> None:
    env = {"ZOPA_MAX_FILE_BYTES": "abc"}
    code, out, _ = _zopa("docs", "list", "--help", env=env)
    assert code == 0 and "Usage:" in out
    scenario = tmp_path / "s.yaml"
    scenario.write_text(yaml.safe_dump(two_sided()), encoding="utf-8")
    code, out, _ = _zopa("scenario", "check", str(scenario), env=env)
    assert code == 0 and "valid" in out


@pytest.mark.parametrize(
    "args",
    [
        ["docs", "show", "9223372036854775808"],
        ["docs", "show", str(MAX_ID + 1)],
        ["docs", "show", "-1"],
        ["docs", "show", "0"],
        ["docs", "show", "abc"],
        ["docs", "show", HUGE],
        ["docs", "show", "-1", "--json"],
        ["events", "--document", "9223372036854775808"],
        ["actors", "--document", "-1"],
        ["quotes", "--document", HUGE],
    ],
)
def test_ids_out_of_range_are_usage_errors_naming_the_range(
    tmp_path: Path, args: list[str]
) -> None:
    code, _, err = _zopa("--db", f"sqlite:///{tmp_path / 'z.db'}", *args)
    assert code == 2, err
    assert err.startswith("error: Invalid value for")
    assert f"ids are whole numbers from 1 to {MAX_ID}" in err
    assert len(err.splitlines()) == 1 and len(err) < 300


def test_the_largest_id_reaches_the_store(store_url: str) -> None:
    """MAX_ID fits the store's id column on both backends: the answer is "no such document"."""
    code, _, err = _zopa("--db", store_url, "docs", "show", str(MAX_ID))
    assert code == 1
    assert err.startswith(f"error: no document with id {MAX_ID}")
    code, out, err = _zopa("--db", store_url, "claims", "--document", str(MAX_ID), "--json")
    assert (code, out.strip()) == (0, "[]"), err


def test_an_unknown_option_of_docs_show_is_still_an_error(tmp_path: Path) -> None:
    code, _, err = _zopa("--db", f"sqlite:///{tmp_path / 'z.db'}", "docs", "show", "1", "--jsn")
    assert code == 2
    assert "--jsn" in err and len(err.splitlines()) == 1


def test_a_5000_digit_value_in_a_scenario_gives_a_short_error_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    text = yaml.safe_dump(two_sided(), sort_keys=False).replace("id: tiny", f"id: {HUGE}")
    path.write_text(text, encoding="utf-8")
    code, out, err = _zopa("solve", str(path))
    assert code == 1
    assert err.startswith(f"error: {path}:1:")
    assert len(err.splitlines()) == 1 and len(err) <= MAX_LINE_CHARS + 1
    code, out, _ = _zopa("scenario", "check", str(path))
    assert code == 1
    assert all(len(line) <= MAX_LINE_CHARS for line in out.splitlines())


def test_a_5000_character_option_value_gives_a_short_error_line(tmp_path: Path) -> None:
    code, _, err = _zopa("--db", f"sqlite:///{tmp_path / 'z.db'}", "docs", "list", "--from", HUGE)
    assert code == 2
    assert err.startswith("error: Invalid value for --from: '7777")
    assert "5,000 characters" in err and len(err) < 300


def _document_count(url: str) -> int:
    store = open_store(url)
    try:
        with store.session() as session:
            return session.scalar(select(func.count()).select_from(Document)) or 0
    finally:
        store.close()


@pytest.mark.slow
def test_ctrl_c_exits_130_with_the_documented_message(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 2000  # long enough that the interrupt lands mid-run even on a loaded machine
    for i in range(total):
        body = " ".join(f"Negotiators discussed point {i}-{j} at length." for j in range(40))
        (corpus / f"{i:04d}.txt").write_text(
            f"Report {i}\n\nGENEVA, June 2, 2025 — {body}", encoding="utf-8"
        )
    url = f"sqlite:///{tmp_path / 'z.db'}"
    open_store(url).close()  # migrate first, so the interrupt lands in ingestion
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "zopa", "--db", url, "ingest", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while _document_count(url) < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert 0 < _document_count(url) < total, "the interrupt should land in the middle of the run"
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == INTERRUPTED
    assert "Traceback" not in err


def test_stderr_of_a_piped_ingest_holds_only_its_lines(tmp_path: Path) -> None:
    """The progress bar is for terminals: piped, it must not leave a blank line on stderr."""
    names = [f"{i}.txt" for i in range(8)]  # enough files for the progress bar
    for name in names:
        (tmp_path / name).write_text("")
    code, _, err = _zopa("--db", f"sqlite:///{tmp_path / 'z.db'}", "ingest", str(tmp_path))
    assert code == 1
    assert err.splitlines() == [f"error: {tmp_path / name}: empty file" for name in names]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--seed", "-1"),
        ("--replicates", "0"),
        ("--default-salience", "-5"),
        ("--default-salience", "101"),
        ("--default-salience", "nan"),
    ],
)
def test_eval_models_options_out_of_range_are_usage_errors(
    tmp_path: Path, option: str, value: str
) -> None:
    data = tmp_path / "decisions.csv"
    data.write_text(DECISIONS)
    code, _, err = _zopa("eval", "models", str(data), "--format", "csv", option, value)
    assert code == 2, err
    assert err.startswith(f"error: Invalid value for '{option}'")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "n" * 300],  # a name longer than the file system allows
        ["eval", "extraction", "g" * 300, "."],
        ["solve", str(EXAMPLES / "scenarios" / "russia-ukraine-2025.yaml"), "--out", "d" * 300],
    ],
)
def test_an_impossible_path_is_one_line_naming_it(tmp_path: Path, args: list[str]) -> None:
    code, _, err = _zopa("--db", f"sqlite:///{tmp_path / 'z.db'}", *args)
    assert code == 1, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "File name too long" in lines[0] and "Traceback" not in err


def test_max_bytes_beyond_the_bound_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _zopa(
        "--db", f"sqlite:///{tmp_path / 'z.db'}", "ingest", str(tmp_path), "--max-bytes", str(2**63)
    )
    assert code == 2 and len(err.splitlines()) == 1 and "--max-bytes" in err

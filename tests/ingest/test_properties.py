"""Attacker-style property tests: structured records with any values never crash ingestion.

Valid JSON whose fields hold any JSON value (huge and nested numbers, lists, nulls,
lone surrogates, NUL, long strings, deep nesting) and front matter with any keys,
values and tags: each record is stored or is one failed outcome with a one-line
message naming its file and line — no other exception — and SQLite and
PostgreSQL accept and reject exactly the same records, storing the same values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zopa.ingest import IngestReport, content_hash, ingest_paths
from zopa.store import Store, list_documents, open_store
from zopa.store.testing import PostgresServer

LIMIT = 10 * 1024 * 1024
FIELDS = ["text", "title", "url", "outlet", "published"]
ENGLISH = (
    "Delegations from both sides met in Istanbul on Friday and agreed to exchange prisoners, "
    "but the talks on a ceasefire ended without a date for the next round, officials said. "
)
PROFILE = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_SURROGATE = re.compile("[\ud800-\udfff]")
# Any code point, lone surrogates, NUL and other controls included.
any_text = st.text(st.characters(exclude_categories=()), max_size=40)
long_text = st.builds(
    lambda c, n: c * n, st.characters(exclude_categories=()), st.integers(1, 3000)
)
tricky_text = st.one_of(
    any_text,
    long_text,
    st.sampled_from(
        [
            "2025-13-45",
            "0000-00-00",
            "99999-01-01",
            "http://[::1",
            "http://[::1]:99999/",
            "http://example.test/2025/02/30/x",
            "\x00",
            "\ud800",
            "\udfff\ud800",
            "16 May 2025",
            "Updated 3 hours ago",
            " ",
        ]
    ),
    st.builds(lambda s: ENGLISH + s, any_text),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**1000), max_value=10**1000)
    | st.floats()
    | tricky_text,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(any_text, children, max_size=3)
    ),
    max_leaves=6,
)
# Raw JSON no encoder writes: numbers past Python's 4,300-digit limit, nesting past its stack.
raw_json = st.one_of(
    st.builds(lambda n: "9" * n, st.integers(90, 6000)),
    st.builds(lambda n: "[" * n + "]" * n, st.integers(1, 30_000)),
    st.builds(lambda n: '{"a":' * n + "1" + "}" * n, st.integers(1, 30_000)),
    st.sampled_from(['"\\ud800"', '"\\u0000"', "1e999999", "-0", "NaN", "Infinity"]),
)


@st.composite
def records(draw: st.DrawFn) -> str:
    """One JSONL line: an object with known and unknown fields of any value."""
    record: dict[str, Any] = {"text": draw(st.one_of(tricky_text, tricky_text, json_values))}
    for name in draw(st.lists(st.sampled_from(FIELDS[1:]) | any_text, max_size=4)):
        record[name] = draw(tricky_text | json_values)
    raws = draw(st.lists(raw_json, max_size=2))
    for k, _ in enumerate(raws):
        record[draw(st.sampled_from(FIELDS))] = f"@RAW{k}@"
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    # Written raw, a lone surrogate is no UTF-8 (the whole file fails): keep it an escape.
    line = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
    for k, raw in enumerate(raws):
        line = line.replace(f'"@RAW{k}@"', raw)
    return line.replace("\n", "\\n")  # one record per line


yaml_values = st.one_of(
    tricky_text.map(json.dumps),  # a double-quoted YAML scalar
    any_text.filter(lambda s: "\n" not in s and "\r" not in s),
    st.builds(
        lambda tag, value: f"{tag} {value}",
        st.sampled_from(
            [
                "!!float",
                "!!int",
                "!!binary",
                "!!timestamp",
                "!!bool",
                "!!null",
                "!!str",
                "!foo",
                "!!python/object:os.system",
                "!!python/name:os.system",
                "!!set",
                "!!omap",
            ]
        ),
        st.sampled_from(["x", "1", "2025-13-45", "[a, b]", "{a: 1}", "''", "9" * 5000]),
    ),
    st.builds(lambda n: "[" * n + "]" * n, st.integers(1, 20_000)),
    st.sampled_from(
        [
            "2025-13-45",
            "2025-05-16",
            "~",
            "no",
            "[a, b]",
            "{a: 1}",
            "&a x",
            "*a",
            "&b [*b]",
            "'unclosed",
            "[unclosed",
            "|\n  block\n  text",
            "9" * 5000,
        ]
    ),
)


@st.composite
def front_matter_files(draw: st.DrawFn) -> str:
    """A ``.md`` file: front matter of any keys, values and tags, then a body."""
    keys = draw(
        st.lists(
            st.sampled_from(["title", "url", "outlet", "published", "date", "Title"])
            | any_text.filter(lambda s: s.isprintable() and ":" not in s),
            max_size=5,
        )
    )
    lines = [f"{key}: {draw(yaml_values)}" for key in keys]
    if draw(st.booleans()):
        lines.append(draw(any_text))  # a line of anything
    body = draw(st.sampled_from([ENGLISH, ""]) | tricky_text)
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def _check(report: IngestReport, path: Path) -> None:
    """Only known statuses; every message is one storable line naming the file (and line)."""
    for outcome in report.outcomes:
        assert outcome.status in {"ingested", "duplicate", "failed"}
        for line in (outcome.message or "", *outcome.warnings):
            assert "\n" not in line
            line.encode("utf-8")  # no lone surrogate reaches the terminal
        if outcome.status == "failed":
            assert (outcome.message or "").startswith(f"{path}")


def _stored(store: Store) -> list[tuple[Any, ...]]:
    return [
        (d.id, d.source, d.title, d.url, d.outlet, d.published_at, d.date_source, d.text)
        for d in list_documents(store)
    ]


@pytest.mark.slow
@PROFILE
@given(lines=st.lists(records(), min_size=1, max_size=6))
def test_any_json_record_is_stored_or_one_error(
    sqlite_store: Store, tmp_path: Path, lines: list[str]
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    report = ingest_paths(sqlite_store, [path], max_file_bytes=LIMIT)
    _check(report, path)
    for doc in list_documents(sqlite_store):
        assert doc.text and doc.sha256 == content_hash(doc.text)


@pytest.mark.slow
@PROFILE
@given(content=front_matter_files())
def test_any_front_matter_is_stored_or_one_error(
    sqlite_store: Store, tmp_path: Path, content: str
) -> None:
    path = tmp_path / "a.md"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    _check(ingest_paths(sqlite_store, [path], max_file_bytes=LIMIT), path)


@pytest.fixture
def both_stores(tmp_path: Path, postgres_server: PostgresServer) -> Iterator[tuple[Store, Store]]:
    """An empty SQLite store and an empty PostgreSQL store, kept for all examples of a test."""
    sqlite = open_store(f"sqlite:///{tmp_path / 'z.db'}")
    postgres = open_store(postgres_server.create_database())
    try:
        yield sqlite, postgres
    finally:
        sqlite.close()
        postgres.close()


@pytest.mark.postgres
@pytest.mark.slow
@PROFILE
@given(lines=st.lists(records(), min_size=1, max_size=6), front_matter=front_matter_files())
def test_sqlite_and_postgresql_accept_and_reject_the_same_records(
    both_stores: tuple[Store, Store], tmp_path: Path, lines: list[str], front_matter: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    (folder / "a.md").write_text(front_matter, encoding="utf-8", errors="surrogatepass")
    sqlite, postgres = both_stores
    on_sqlite = ingest_paths(sqlite, [folder], max_file_bytes=LIMIT)
    on_postgres = ingest_paths(postgres, [folder], max_file_bytes=LIMIT)
    assert on_sqlite.outcomes == on_postgres.outcomes
    assert _stored(sqlite) == _stored(postgres)

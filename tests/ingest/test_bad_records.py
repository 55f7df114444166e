"""One bad record is one error line naming file and line; the run goes on, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zopa.errors import IngestError
from zopa.ingest import RawArticle, ingest_paths, prepare, read_file
from zopa.store import Store, list_documents

LIMIT = 10 * 1024 * 1024
BODY = (
    "ISTANBUL, May 16, 2025 — Russian and Ukrainian delegations met in Istanbul on Friday "
    "for their first direct talks in three years. The meeting produced an agreement on a "
    "large prisoner exchange but no ceasefire, officials on both sides said, and the two "
    "teams agreed to meet again within weeks to discuss a memorandum."
)


def _record(n: int, **fields: object) -> str:
    return json.dumps({"text": f"{BODY} Record {n}.", **fields})


# (JSONL line, the error expected for it); every other line of the file is a good record.
BAD_LINES = [
    (_record(1, published="2025-13-45"), "published '2025-13-45' is not a date"),
    (
        '{"text": "x", "title": ' + "9" * 5000 + "}",
        "an integer of 5,000 digits (at most 100)",
    ),
    ('{"text": "x", "title": ' + "[" * 20_000 + "]" * 20_000 + "}", "JSON nested too deeply"),
    (_record(2, url="http://[::1"), "url 'http://[::1' is not a valid URL"),
    ('{"text": "x", "title": ' + '{"a": ' * 20_000 + "1" + "}" * 20_001, "JSON nested too deeply"),
]


def test_bad_jsonl_records_fail_one_by_one(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines: list[str] = []
    for n, (line, _) in enumerate(BAD_LINES):
        lines += [_record(100 + n), line]
    lines.append(_record(999))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_paths(store, [path], max_file_bytes=LIMIT)
    failures = [o.message for o in report.outcomes if o.status == "failed"]
    assert len(failures) == len(BAD_LINES)
    for n, ((_, expected), message) in enumerate(zip(BAD_LINES, failures, strict=True)):
        assert message is not None and message.startswith(f"{path}:{2 * n + 2}: "), message
        assert expected in message and "\n" not in message
    assert report.count("ingested") == len(BAD_LINES) + 1
    assert len(list_documents(store)) == len(BAD_LINES) + 1


def test_nul_surrogates_and_long_outlet_are_stored_the_same_on_both_backends(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        _record(1, title="Talks\u0000 resume", outlet="Ledger\u0000"),
        json.dumps({"text": f"{BODY} \ud800 lone", "title": "broken \udc00 emoji"}),
        _record(3, outlet="O" * 300),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    report = ingest_paths(store, [path], max_file_bytes=LIMIT)
    assert [o.status for o in report.outcomes] == ["ingested"] * 3
    docs = {doc.source: doc for doc in list_documents(store)}
    assert (docs[f"{path}:1"].title, docs[f"{path}:1"].outlet) == ("Talks resume", "Ledger")
    second = docs[f"{path}:2"]
    assert second.title == "broken \ufffd emoji" and "\ufffd lone" in second.text
    assert report.outcomes[1].warnings == (
        f"{path}:2: 2 lone surrogates (invalid \\ud800-\\udfff escapes) replaced by U+FFFD",
    )
    third = docs[f"{path}:3"]
    assert third.outlet == "O" * 199 + "…"
    assert report.outcomes[2].warnings == (
        f"{path}:3: outlet of 300 characters cut to the store's 200",
    )


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("published: 2025-13-45", ":2: published '2025-13-45' is not a date"),
        ("title: !!float x", ":2: front matter 'title' has the YAML tag !!float"),
        ("title: !!python/object:os.system x", ":2: front matter 'title' has the YAML tag"),
        ("title: [a, b]", ":2: front matter 'title' must be text, not a list"),
        ("title: {a: 1}", ":2: front matter 'title' must be text, not a mapping"),
        ("other: " + "[" * 20_000 + "]" * 20_000, ":2: front matter nested deeper than 32 levels"),
        ("title: &t a\nurl: *t", ":3: front matter 'url' must be text, not an alias"),
        ("title: a\nTitle: b", ":3: front matter 'title' given twice (lines 2 and 3)"),
        ("url: 'http://[::1'", ":2: url 'http://[::1' is not a valid URL"),
        ("title: a\n...\ntitle: b", ":4: malformed front matter: expected '<document start>'"),
        ("- a list", ":2: front matter must be a mapping of key: value"),
        ("title: a\x01", ":2: malformed front matter: character U+0001 is not allowed in YAML"),
    ],
)
def test_bad_front_matter_is_one_line_naming_the_line(
    tmp_path: Path, front_matter: str, expected: str
) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front_matter}\n---\n{BODY}\n", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        for item in read_file(path, LIMIT):
            if isinstance(item, IngestError):
                raise item
            prepare(item)
    message = str(info.value)
    assert message.startswith(f"{path}{expected}"), message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("front_matter", "title", "published"),
    [
        ("title: 2025-05-16\noutlet: no\npublished: 16 May 2025", "2025-05-16", "16 May 2025"),
        ("title: ~\nunknown: !!python/object:os.system x\ndeep: [[[[1]]]]", None, None),
        ("title: !!str 123\nalias: &x [*x]\ntags: [a, b]", "123", None),
        ("", None, None),
    ],
)
def test_front_matter_values_are_text_and_unknown_keys_are_ignored(
    tmp_path: Path, front_matter: str, title: str | None, published: str | None
) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front_matter}\n---\n{BODY}\n", encoding="utf-8")
    (article,) = read_file(path, LIMIT)
    assert isinstance(article, RawArticle)
    assert (article.title, article.published) == (title, published)


def test_jsonl_record_holding_a_line_separator_is_one_record(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = json.dumps({"text": BODY, "title": "one\u2028two\x85three"}, ensure_ascii=False)
    assert "\u2028" in record  # written raw, as JSON allows
    path.write_text(record + "\n" + _record(2), encoding="utf-8")
    items = list(read_file(path, LIMIT))
    assert [getattr(i, "source", None) for i in items] == [f"{path}:1", f"{path}:2"]


def test_long_metadata_date_is_refused() -> None:
    with pytest.raises(IngestError, match=r"^a.jsonl:3: published 'x x x x"):
        prepare(RawArticle("a.jsonl:3", BODY, published="x " * 5000))


def test_bad_url_is_refused_even_when_the_outlet_is_given() -> None:
    with pytest.raises(IngestError, match=r"^a.jsonl:4: url 'http://\[::1' is not a valid URL"):
        prepare(RawArticle("a.jsonl:4", BODY, url="http://[::1", outlet="The Ledger"))

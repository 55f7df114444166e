"""Each file format, and a one-line error naming the file (and line) for each kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zopa.errors import IngestError
from zopa.ingest import RawArticle, read_file

LIMIT = 10 * 1024 * 1024


def _read(path: Path, limit: int = LIMIT) -> list[RawArticle | IngestError]:
    return list(read_file(path, limit))


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Talks resume\noutlet: The Ledger\nurl: https://l.test/x\n"
        "published: 2025-05-16\n---\nDelegations met in Istanbul.\n",
        encoding="utf-8",
    )
    (article,) = _read(path)
    assert isinstance(article, RawArticle)
    assert (article.title, article.outlet, article.published) == (
        "Talks resume",
        "The Ledger",
        "2025-05-16",
    )
    assert article.text.strip() == "Delegations met in Istanbul."


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_front_matter_with_windows_line_breaks(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "a.md"
    text = (
        "---\ntitle: Talks resume\nurl: https://l.test/x\npublished: 2025-05-16\n---\n"
        "Delegations met.\n"
    )
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    (article,) = _read(path)
    assert isinstance(article, RawArticle)
    assert (article.title, article.url, article.published) == (
        "Talks resume",
        "https://l.test/x",
        "2025-05-16",
    )
    assert article.lines == {"title": 2, "url": 3, "published": 4}
    assert article.text.strip() == "Delegations met."


def test_html_main_text_without_boilerplate_or_script(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Talks | Ledger</title>"
        '<meta property="og:site_name" content="The Ledger">'
        '<meta name="date" content="2025-05-14"></head><body>'
        "<nav>Home | World | Sport</nav><script>alert('x');</script>"
        "<article><h1>Talks stall in Istanbul</h1><p>Russian and Ukrainian delegations met on "
        "Friday for the first direct talks in three years, officials said.</p>"
        "<p>The meeting lasted less than two hours and produced a prisoner exchange.</p>"
        "</article><footer>Cookie policy</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = _read(path)
    assert isinstance(article, RawArticle)
    assert "prisoner exchange" in article.text
    assert "alert" not in article.text and "Cookie" not in article.text
    assert article.outlet == "The Ledger"
    assert article.published == "2025-05-14"


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": "First article.", "title": "One", "published": "2025-05-16"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": 12}),
        "",
        json.dumps({"text": "Second article.", "outlet": 7}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _read(path)
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    articles = [i for i in items if isinstance(i, RawArticle)]
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:7"]
    assert articles[1].outlet == "7"
    assert errors[0].startswith(f"{path}:2: malformed JSON")
    assert errors[1] == f"{path}:3: missing or empty 'text' field"
    assert errors[2].startswith(f"{path}:4: expected a JSON object")
    assert errors[3].startswith(f"{path}:5: field 'text' must be a string")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("latin1.txt", "Zelensky said “no”".encode("cp1252"), "not UTF-8 text"),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("open.md", b"---\ntitle: x\nno closing fence", "never closed"),
        ("badyaml.md", b"---\ntitle: [unclosed\n---\ntext", "malformed front matter"),
    ],
)
def test_bad_files_raise_one_line_errors_naming_the_file(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        _read(path)
    text = str(info.value)
    assert text.startswith(str(path)) and message in text
    assert "\n" not in text


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 300, encoding="utf-8")
    with pytest.raises(IngestError, match="over the 1,000-byte limit"):
        _read(path, limit=1000)

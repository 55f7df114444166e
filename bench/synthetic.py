"""Synthetic but realistic news articles for the scale figures (``bench/scale.py``).

Built from the example corpus (examples/corpus, written by the zopa team): its
sentences, outlets, datelines and file layouts. Each article is about 400 words of
corpus sentences drawn at random, a dateline or front matter giving it a date in
2019-2025, an outlet, a title and (for Markdown) a URL; its numbers are redrawn and
it carries its serial number, so every article's text is distinct. The same seed
gives the same articles.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from zopa.errors import IngestError
from zopa.ingest import prepare, read_file

__all__ = ["Article", "articles", "write_corpus"]

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
WORDS = 350
"""Words of corpus sentences an article gets at least (about 400 in all with the last sentences)."""

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_NUMBER = re.compile(r"\b\d{1,4}\b")
_CITIES = ("ISTANBUL", "KYIV", "MOSCOW", "GENEVA", "ANKARA", "BRUSSELS", "WASHINGTON", "PARIS")
_FIRST_DAY = date(2019, 1, 1)
_DAYS = (date(2025, 12, 31) - _FIRST_DAY).days


@dataclass(frozen=True)
class Article:
    """One synthetic article: its file name and the file's text."""

    name: str
    text: str


@cache
def _material() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The English corpus's sentences (of 6 to 60 words) and outlets."""
    sentences: list[str] = []
    outlets: set[str] = set()
    for path in sorted(CORPUS.iterdir()):
        for raw in read_file(path, 10 * 1024 * 1024):
            if isinstance(raw, IngestError):
                continue
            document, _ = prepare(raw)
            if document.language != "en":
                continue
            if document.outlet:
                outlets.add(document.outlet)
            for paragraph in document.text.split("\n\n")[1:]:
                for sentence in _SENTENCE_END.split(paragraph):
                    if 6 <= len(sentence.split()) <= 60:
                        sentences.append(" ".join(sentence.split()))
    return tuple(sentences), tuple(sorted(outlets))


def _body(rng: random.Random, serial: int) -> tuple[str, str]:
    """A title and about :data:`WORDS` words of paragraphs of 3-5 sentences."""
    sentences, _ = _material()
    paragraphs: list[str] = []
    words = 0
    while words < WORDS:
        chosen = [
            _NUMBER.sub(lambda _m: str(rng.randint(2, 999)), rng.choice(sentences))
            for _ in range(rng.randint(3, 5))
        ]
        words += sum(len(s.split()) for s in chosen)
        paragraphs.append(" ".join(chosen))
    paragraphs[-1] += f" This was report {serial} of the series."
    title = " ".join(rng.choice(sentences).split()[:8]).rstrip(",;:")
    return title, "\n\n".join(paragraphs)


def _article(seed: int, serial: int) -> Article:
    rng = random.Random(seed * 1_000_003 + serial)
    _, outlets = _material()
    title, body = _body(rng, serial)
    published = _FIRST_DAY + timedelta(days=rng.randrange(_DAYS))
    if serial % 2:  # the corpus's Markdown with front matter
        outlet = rng.choice(outlets)
        slug = "-".join(re.findall(r"[a-z]+", title.lower())[:6])
        url = f"https://{outlet.lower().replace(' ', '-')}.test/{published:%Y/%m/%d}/{slug}"
        front = (
            f'---\ntitle: "{title.replace(chr(34), chr(39))}"\noutlet: {outlet}\n'
            f"published: {published.isoformat()}\nurl: {url}\n---\n\n"
        )
        return Article(f"{serial:07d}.md", front + body + "\n")
    dateline = f"{rng.choice(_CITIES)}, {published:%B} {published.day}, {published.year} — "
    return Article(f"{serial:07d}.txt", f"{title}\n\n{dateline}{body}\n")


def articles(count: int, *, seed: int = 13, first: int = 0) -> Iterator[Article]:
    """``count`` articles, serials ``first`` to ``first + count - 1``."""
    for serial in range(first, first + count):
        yield _article(seed, serial)


def write_corpus(folder: Path, count: int, *, seed: int = 13, first: int = 0) -> int:
    """Write ``count`` articles as files into ``folder`` (in subfolders of 1,000); the bytes."""
    total = 0
    for article in articles(count, seed=seed, first=first):
        sub = folder / article.name[:4]
        sub.mkdir(parents=True, exist_ok=True)
        data = article.text.encode("utf-8")
        (sub / article.name).write_bytes(data)
        total += len(data)
    return total

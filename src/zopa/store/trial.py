"""A trial of concurrent zopa processes on one store, for the test suite and ``bench/``.

Several ``zopa ingest`` processes, each given its own articles and a block of
articles every one of them has, write into one store while a ``zopa extract``
process writes the evidence of documents already there. Afterwards every
distinct text must be stored exactly once and every process must have exited
0. The ingesters start once the extractor has stored its first document, so
their writes fall inside the extraction's.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from zopa.store._documents import NewDocument, add_document
from zopa.store._engine import Store, open_store
from zopa.store._schema import Document, DocumentExtraction

__all__ = ["TrialResult", "run_trial"]

_SEED = (
    "Kremlin spokesman Dmitry Peskov said on day {i} that Russia would not accept a "
    "ceasefire before its demands were met. Ukrainian President Volodymyr Zelensky said "
    "Kyiv was ready to meet in Istanbul, and a European diplomat said the chance of a deal "
    "this month was very small."
)
_ARTICLE = "Negotiators in Geneva discussed clause {key}-{j} at length."


@dataclass(frozen=True)
class TrialResult:
    """What a trial left behind: exit codes, and how many texts were stored once, twice, not."""

    ingesters: int
    articles: int
    exit_codes: tuple[int, ...]
    errors: tuple[str, ...]
    expected: int
    stored: int
    duplicates: int
    missing: int
    extracted: int
    overlap_seconds: float
    seconds: float

    @property
    def ok(self) -> bool:
        """Every process exited 0 and every text was stored exactly once."""
        return (
            not any(self.exit_codes)
            and self.duplicates == 0
            and self.missing == 0
            and self.stored == self.expected
        )


def _seed(store: Store, count: int, repeat: int) -> None:
    with store.write() as session:
        for i in range(count):
            text = f"Talks {i}\n\n" + " ".join(_SEED.format(i=f"{i}-{j}") for j in range(repeat))
            add_document(
                session,
                NewDocument(
                    sha256=f"{i:064x}",
                    source=f"seed-{i}.txt",
                    outlet=None,
                    title=f"Talks {i}",
                    url=None,
                    published_at=None,
                    date_source="none",
                    language="en",
                    text=text,
                    word_count=len(text.split()),
                ),
            )


def _corpora(folder: Path, ingesters: int, articles: int, shared: int) -> list[Path]:
    folders = []
    for p in range(ingesters):
        corpus = folder / f"ingester-{p}"
        corpus.mkdir()
        for i in range(articles):
            key = f"shared-{i}" if i < shared else f"own-{p}-{i}"
            body = " ".join(_ARTICLE.format(key=key, j=j) for j in range(12))
            (corpus / f"{i:05d}.txt").write_text(f"Report {key}\n\n{body}", encoding="utf-8")
        folders.append(corpus)
    return folders


def _zopa(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "zopa", "--db", url, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _last_error(stderr: str) -> str:
    """The line of a failed process's output that says what went wrong."""
    lines = stderr.strip().splitlines() or ["(no output)"]
    return next((line for line in reversed(lines) if "Error" in line), lines[-1])


def _extracted(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(DocumentExtraction)) or 0


def _overlap(store: Store) -> float:
    """Seconds during which both the ingesters and the extractor were committing."""
    ingested, extracted = Document.ingested_at, DocumentExtraction.extracted_at
    with store.session() as session:
        first_in, last_in = session.execute(
            select(func.min(ingested), func.max(ingested)).where(Document.title.like("Report %"))
        ).one()
        first_ex, last_ex = session.execute(select(func.min(extracted), func.max(extracted))).one()
    if first_in is None or last_in is None or first_ex is None or last_ex is None:
        return 0.0
    start: datetime = max(first_in, first_ex)
    end: datetime = min(last_in, last_ex)
    return max(0.0, (end - start).total_seconds())


def run_trial(
    url: str,
    folder: Path,
    *,
    ingesters: int = 3,
    articles: int = 100,
    shared: int = 20,
    seeds: int = 150,
    seed_repeat: int = 2,
    timeout: float = 600,
) -> TrialResult:
    """Run ``ingesters`` ingest processes and one extractor on the empty store at ``url``.

    Parameters
    ----------
    folder:
        An empty folder for the article files.
    articles:
        Articles per ingester, the first ``shared`` of them the same in every one.
    seeds, seed_repeat:
        Documents stored before the run for the extractor (each ``seed_repeat``
        paragraphs long); enough that extraction outlasts the ingesters' start.
    """
    store = open_store(url)
    _seed(store, seeds, seed_repeat)
    corpora = _corpora(folder, ingesters, articles, shared)
    started = time.monotonic()
    processes = [_zopa(url, "extract")]
    while _extracted(store) == 0 and processes[0].poll() is None:
        time.sleep(0.1)
    processes += [_zopa(url, "ingest", str(corpus)) for corpus in corpora]
    codes, errors = [], []
    for process in processes:
        _, err = process.communicate(timeout=timeout)
        codes.append(process.returncode)
        if process.returncode:
            errors.append(_last_error(err))
    seconds = time.monotonic() - started

    with store.session() as session:
        titles = Counter(
            session.scalars(select(Document.title).where(Document.title.like("Report %")))
        )
    keys = {f"shared-{i}" for i in range(shared)} | {
        f"own-{p}-{i}" for p in range(ingesters) for i in range(shared, articles)
    }
    expected = {f"Report {key}" for key in keys}
    result = TrialResult(
        ingesters=ingesters,
        articles=articles,
        exit_codes=tuple(codes),
        errors=tuple(errors),
        expected=len(expected),
        stored=sum(titles.values()),
        duplicates=sum(n - 1 for n in titles.values() if n > 1),
        missing=len(expected - set(titles)),
        extracted=_extracted(store),
        overlap_seconds=_overlap(store),
        seconds=seconds,
    )
    store.close()
    return result

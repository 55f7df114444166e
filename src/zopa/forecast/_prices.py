"""Crowd and market prices from a CSV file, stored as forecasts of source kind ``price``.

The file (UTF-8, comma-separated, header required) has the columns ``question``,
``source``, ``date`` and ``probability``, in any order::

    question,source,date,probability
    leaders_meet_2025,polymarket,2025-05-12,0.31

Every row is checked before anything is stored — the question is an event
question of the scenario, the date is ``YYYY-MM-DD``, the probability a number
in [0, 1], no (question, source, date) twice — and one bad row refuses the whole
file, so a file is never half imported. Rows identical to prices already stored
(same question, source, date and probability) are skipped, so importing a file
again changes nothing.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import math
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zopa.errors import ForecastError, quoted
from zopa.files import display_path, read_bytes
from zopa.forecast._records import NewForecast
from zopa.forecast._store import add_forecasts, list_forecasts
from zopa.scenario import Problem, Scenario
from zopa.store import Store

__all__ = [
    "PRICE_COLUMNS",
    "PRICE_METHOD",
    "PriceFile",
    "PriceImport",
    "parse_prices",
    "read_prices",
    "store_prices",
]

PRICE_COLUMNS = ("question", "source", "date", "probability")
"""The columns of a price file, all required."""

PRICE_METHOD = "zopa.import_prices.v1"
"""The ``method`` recorded with every imported price."""

RESERVED_PREFIX = "zopa."
"""Source names zopa keeps for its own forecasts; a price source may not use them."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class PriceRow:
    """One valid row of a price file."""

    line: int
    question: str
    source: str
    date: date
    probability: float


@dataclass
class PriceFile:
    """A price file read and checked: its rows, or the problems that refuse it."""

    file: str
    scenario: str
    digest: str = ""
    rows: list[PriceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str, hint: str | None = None) -> None:
        """Record a problem at ``line`` of the file."""
        self.problems.append(Problem(self.file, line, message, hint))

    def refusal(self, *, listed: int = 0) -> ForecastError:
        """The error that refuses the file.

        ``listed`` is how many of its problems the caller has already shown (one per
        line): those are not repeated; with none shown the message carries the first.
        """
        count = len(self.problems)
        rows = f"{count} bad row{'s' * (count > 1)}"
        if listed <= 0:
            return ForecastError(
                f"{self.file}: {rows}, nothing imported; first: {self.problems[0].format()}"
            )
        shown = "listed above" if listed >= count else f"the first {listed} listed above"
        return ForecastError(
            f"{self.file}: {rows} ({shown}), nothing imported; fix them and import again"
        )

    def forecasts(self) -> list[NewForecast]:
        """The rows as forecasts of source kind ``price``."""
        name = Path(self.file).name
        return [
            NewForecast(
                scenario=self.scenario,
                question=row.question,
                source=row.source,
                source_kind="price",
                as_of=row.date,
                probability=row.probability,
                method=PRICE_METHOD,
                parameters={"file": name, "line": row.line},
                inputs_digest=self.digest,
            )
            for row in self.rows
        ]


@dataclass(frozen=True)
class PriceImport:
    """What :func:`store_prices` did."""

    file: str
    stored: int
    skipped: int


def read_prices(path: str | os.PathLike[str], scenario: Scenario, *, max_bytes: int) -> PriceFile:
    """Read the price file at ``path`` and check every row against ``scenario``.

    Problems are returned, not raised (each names the file and line); only a file
    that cannot be opened raises :class:`ForecastError`.
    """
    # The shared reader refuses folders, pipes and devices and files over the limit.
    raw = read_bytes(path, max_bytes=max_bytes, error=ForecastError, what="CSV file of prices")
    return parse_prices(raw, display_path(path), scenario)


def parse_prices(raw: bytes, source: str, scenario: Scenario) -> PriceFile:
    """Check the bytes ``raw`` of a price file named ``source`` (e.g. an upload) as
    :func:`read_prices` does a file; the caller bounds their size."""
    parsed = PriceFile(source, scenario.id)
    parsed.digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        parsed.error(raw[: exc.start].count(b"\n") + 1, "not UTF-8 text", "save it as UTF-8")
        return parsed
    _check_rows(parsed, text, scenario)
    return parsed


def _check_rows(parsed: PriceFile, text: str, scenario: Scenario) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: dict[str, int] | None = None
    event_ids = [q.id for q in scenario.questions if q.kind == "event"]
    value_ids = {q.id for q in scenario.questions if q.kind == "value"}
    seen: dict[tuple[str, str, date], int] = {}
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            if columns is None:
                columns = _header(parsed, start, cells)
                if columns is None:
                    return
                continue
            row = _row(parsed, start, cells, columns, event_ids, value_ids)
            if row is None:
                continue
            key = (row.question, row.source, row.date)
            if key in seen:
                parsed.error(
                    start,
                    f"duplicate price of {row.question!r} by {row.source!r} on {row.date} "
                    f"(also line {seen[key]})",
                    "keep one row per question, source and date",
                )
                continue
            seen[key] = start
            parsed.rows.append(row)
    except csv.Error as exc:
        # `line` is where the row that failed starts (an unclosed quote runs to the end).
        parsed.error(line, f"not valid CSV: {exc}", "check the quoting from this line on")
        return
    if columns is None:
        parsed.error(1, "the file is empty", f"start with the header {','.join(PRICE_COLUMNS)}")
    elif not parsed.rows and not parsed.problems:
        parsed.error(1, "the file has a header but no rows")


def _header(parsed: PriceFile, line: int, cells: list[str]) -> dict[str, int] | None:
    names = [cell.strip().lower() for cell in cells]
    expected = ", ".join(PRICE_COLUMNS)
    ok = True
    for index, column in enumerate(names):
        if column not in PRICE_COLUMNS:
            close = difflib.get_close_matches(column, PRICE_COLUMNS, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"the columns are {expected}"
            parsed.error(line, f"unknown column {quoted(cells[index])}", hint)
            ok = False
        elif names.index(column) != index:
            parsed.error(line, f"column {column!r} appears twice")
            ok = False
    for column in PRICE_COLUMNS:
        if column not in names:
            parsed.error(
                line,
                f"missing column {column!r}",
                f"the header row needs {expected} (is the first line the header?)",
            )
            ok = False
    return {column: names.index(column) for column in PRICE_COLUMNS} if ok else None


def _row(
    parsed: PriceFile,
    line: int,
    cells: list[str],
    columns: dict[str, int],
    event_ids: list[str],
    value_ids: set[str],
) -> PriceRow | None:
    if len(cells) != len(columns):
        parsed.error(line, f"expected {len(columns)} cells, got {len(cells)}")
        return None
    values = {column: cells[index].strip() for column, index in columns.items()}
    for column in PRICE_COLUMNS:
        if not values[column]:
            parsed.error(line, f"empty {column}")
            return None
    question, source = values["question"], values["source"]
    if question in value_ids:
        parsed.error(
            line,
            f"question {question!r} asks for a value; prices are probabilities of event questions",
        )
        return None
    if question not in event_ids:
        close = difflib.get_close_matches(question, event_ids, n=1, cutoff=0.6)
        listed = ", ".join(event_ids[:8]) + (", ..." if len(event_ids) > 8 else "")
        hint = f"did you mean {close[0]!r}?" if close else f"the questions are: {listed or 'none'}"
        parsed.error(line, f"unknown question {quoted(question)} in {parsed.scenario}", hint)
        return None
    if source.startswith(RESERVED_PREFIX) or len(source) > 200:
        parsed.error(
            line,
            f"source name {quoted(source)} is reserved or too long",
            f"name the market or platform (up to 200 characters, not starting {RESERVED_PREFIX!r})",
        )
        return None
    day = _date(values["date"])
    if day is None:
        parsed.error(line, f"bad date {quoted(values['date'])}", "write dates as YYYY-MM-DD")
        return None
    probability = _probability(values["probability"])
    if probability is None:
        parsed.error(
            line,
            f"probability {quoted(values['probability'])} is not a number from 0 to 1",
            "write probabilities as numbers from 0 to 1 (42% is 0.42)",
        )
        return None
    return PriceRow(line, question, source, day, probability)


def _date(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _probability(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and 0.0 <= value <= 1.0 else None


def store_prices(store: Store, prices: PriceFile) -> PriceImport:
    """Store the rows of a checked price file in one transaction.

    Rows identical to a price already stored for the scenario are skipped.

    Raises
    ------
    ForecastError
        The file has problems (how many, and the first: :meth:`PriceFile.refusal`);
        nothing is stored.
    """
    if prices.problems:
        raise prices.refusal()
    existing = {
        (r.question, r.source, r.as_of, r.probability)
        for r in list_forecasts(store, prices.scenario, source_kinds=["price"])
    }
    new = [
        f
        for f in prices.forecasts()
        if (f.question, f.source, f.as_of, f.probability) not in existing
    ]
    with store.write() as session:
        add_forecasts(session, new)
    return PriceImport(prices.file, len(new), len(prices.rows) - len(new))

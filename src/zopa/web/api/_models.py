"""Response and request bodies of the API, for its OpenAPI schema.

The item models describe the public JSON layout of the CLI's ``--json`` output
(``docs/extraction.md``, ``docs/forecasts.md``) key for key; the routes answer
with those dictionaries unchanged, and the schemathesis test checks that every
answer matches its model. Larger results whose layout belongs to another
stage (a solve, the scores) are described as open objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "MAX_BODY_DEPTH",
    "Actor",
    "Claim",
    "Document",
    "DocumentSummary",
    "Estimate",
    "Event",
    "Forecast",
    "IngestOutcome",
    "IngestResult",
    "Mention",
    "NewQuestion",
    "Page",
    "PriceImport",
    "QuestionDetail",
    "QuestionOverview",
    "Questions",
    "Quote",
    "Resolution",
    "ScenarioCheck",
    "ScenarioDetail",
    "ScenarioSummary",
]

T = TypeVar("T")

MAX_BODY_DEPTH = 32
"""Deepest nesting of lists and objects a JSON body may have (a question needs a few)."""


def _shallow(value: Any) -> Any:
    """``value`` unless its lists and objects nest deeper than :data:`MAX_BODY_DEPTH`.

    Checked without recursion, before any field is read: a body nested a thousand
    deep would otherwise exhaust the stack of the code that writes it as YAML.
    """
    level: list[tuple[Any, int]] = [(value, 1)]
    while level:
        item, depth = level.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > MAX_BODY_DEPTH:
                    raise ValueError(f"nested deeper than {MAX_BODY_DEPTH} levels")
                level.append((child, depth + 1))
    return value


class _Shallow(BaseModel):
    """A request body whose nesting is bounded (:data:`MAX_BODY_DEPTH`)."""

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        return _shallow(data)


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(_Closed, Generic[T]):
    """One page of a listing: its items, the size asked for, and where the next page is."""

    items: list[T] = Field(description="the items of this page, in the listing's order")
    limit: int = Field(description="the page size asked for")
    next: str | None = Field(description="token of the next page; null on the last page")
    next_url: str | None = Field(description="URL of the next page; null on the last page")


class DocumentSummary(_Closed):
    """A stored document without its text (``zopa docs list --json``)."""

    id: int
    published_at: dt.date | None
    date_source: str
    outlet: str | None
    title: str | None
    source: str
    url: str | None
    language: str
    word_count: int
    sha256: str
    ingested_at: dt.datetime


class Document(DocumentSummary):
    """A stored document with its text (``zopa docs show --json``)."""

    text: str


class Mention(_Closed):
    """Where an actor is named."""

    document_id: int
    source: str
    start: int
    end: int
    text: str
    unsure: str | None


class Actor(_Closed):
    """An actor as ``zopa actors --json`` gives it, but with its first mentions only
    (at most 20, in document and text order): ``mentions_total`` counts every mention
    matching the filters, ``mentions_url`` lists them page by page."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    affiliation: str | None
    aliases: list[str]
    mentions: list[Mention]
    mentions_total: int
    mentions_url: str


class _Item(_Closed):
    id: int
    document_id: int
    source: str
    start: int
    end: int
    text: str
    sentence: str


class Event(_Item):
    """An extracted event (``zopa events --json``)."""

    type: str
    mode: str | None
    cameo: str | None
    source_actor: str | None
    target_actor: str | None
    date: dt.date | None
    date_precision: str | None
    place: str | None
    status: str


class Quote(_Item):
    """An extracted quotation (``zopa quotes --json``)."""

    kind: str
    speaker_actor: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None


class Claim(_Item):
    """An extracted claim (``zopa claims --json``)."""

    actor: str | None
    issue: str
    stance: str
    salience_cue: str | None
    attribution: str


class Estimate(_Item):
    """An extracted probability statement (``zopa estimates --json``)."""

    holder_actor: str | None
    holder_text: str | None
    phrase: str
    probability: float
    low: float
    high: float
    about: str | None
    retrospective: bool


class ScenarioSummary(_Closed):
    """A scenario stored under a name."""

    name: str = Field(description="the name it is stored under")
    sha256: str = Field(description="SHA-256 of its YAML text (UTF-8)")
    stored_at: dt.datetime
    bytes: int = Field(description="size of its YAML text")


class ScenarioDetail(ScenarioSummary):
    """A stored scenario with its YAML text and the scenario's own id and title."""

    id: str
    title: str
    as_of: dt.date | None
    text: str


class ScenarioProblem(_Closed):
    """One problem found in a scenario (``zopa scenario check --json``)."""

    file: str
    line: int
    severity: Literal["error", "warning"]
    message: str
    hint: str | None
    path: str


class ScenarioCheck(_Closed):
    """What ``zopa scenario check --json`` says of a scenario."""

    file: str
    valid: bool
    errors: int
    warnings: int
    placeholders: int
    problems: list[ScenarioProblem]


class Forecast(_Closed):
    """A stored forecast (``docs/forecasts.md``)."""

    question: str
    source: str
    source_kind: str
    as_of: dt.date
    probability: float | None
    low: float | None
    high: float | None
    value: float | None
    method: str
    parameters: dict[str, Any]
    inputs_digest: str | None
    zopa_version: str
    id: int
    created_at: dt.datetime


class QuestionOverview(_Closed):
    """A question with its status and each source's latest forecast (``zopa questions --json``)."""

    id: str
    text: str
    kind: Literal["event", "value"]
    asks: str
    what: dict[str, Any] | None
    issue: str | None
    opens: dt.date | None
    resolution_date: dt.date
    status: str
    outcome: bool | float | None
    resolved_on: dt.date | None
    forecasts: list[Forecast]
    may_resolve: list[dict[str, Any]] = Field(
        description="stored events that may resolve the open question (the analyst decides; "
        "docs/forecasts.md), in the layout of GET /api/v1/events"
    )


class Questions(_Closed):
    """A scenario's questions as of a date (``zopa questions --json``)."""

    scenario: str
    as_of: dt.date
    questions: list[QuestionOverview]


class QuestionDetail(QuestionOverview):
    """A question with every forecast made of it, by source and date (its history)."""

    history: list[Forecast]


class IngestOutcome(_Closed):
    """What happened to one uploaded article."""

    source: str
    status: Literal["ingested", "duplicate", "failed"]
    document_id: int | None
    message: str | None
    warnings: list[str]


class IngestResult(_Closed):
    """What an upload of articles did."""

    ingested: int
    duplicates: int
    failed: int
    outcomes: list[IngestOutcome]


class PriceImport(_Closed):
    """What an import of crowd or market prices did (``zopa forecast import-prices``)."""

    file: str
    stored: int
    skipped: int


class NewQuestion(_Shallow):
    """A question to add, in the scenario format (``docs/scenarios.md``, ``questions:``)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="the question's id", max_length=64)
    text: str = Field(description="the question", max_length=2000)
    resolution_date: dt.date = Field(description="when it resolves")


class Resolution(_Closed, _Shallow):
    """A question's outcome and the day it became known."""

    outcome: bool | float = Field(description="yes/no (event question) or a value (value question)")
    resolved_on: dt.date = Field(description="the day the outcome became known")
    evidence: list[dict[str, Any]] = Field(
        default_factory=list,
        max_length=100,
        description="citations where the outcome is documented (scenario format)",
    )

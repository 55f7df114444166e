"""The write endpoints: ingest an article, store a scenario, add or resolve a question,
import prices. Each needs the server's token when it has one and is refused on a
read-only server (:func:`zopa.web._security.require_writer`); each calls the library
function the CLI calls, so a write over HTTP is the same write as on the command line.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from zopa.ingest import supported_suffixes
from zopa.scenario import (
    MAX_SCENARIO_BYTES,
    add_question,
    edit_scenario,
    get_scenario,
    resolve_question,
    save_scenario,
)
from zopa.web._security import MAX_UPLOAD_BYTES, require_writer
from zopa.web.api._ingester import ingest_upload
from zopa.web.api._json import Json
from zopa.web.api._models import (
    IngestResult,
    NewQuestion,
    PriceImport,
    QuestionDetail,
    Resolution,
    ScenarioSummary,
)
from zopa.web.api._params import NamePath, StoreDep, store_of
from zopa.web.api._scenarios import (
    SCENARIO_SUFFIXES,
    QuestionPath,
    question_detail,
    scenario_summary,
)
from zopa.web.api._uploads import decode_text, json_only, multipart_only, read_upload

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(require_writer)], tags=["writes"])

FileField = Annotated[UploadFile, File(description="the file to upload")]


@router.post(
    "/documents",
    response_model=IngestResult,
    status_code=201,
    dependencies=[Depends(multipart_only)],
)
async def ingest(request: Request, file: FileField) -> Json:
    """Ingest the articles of one uploaded file (.txt, .md, .html, .htm or .jsonl), as
    ``zopa ingest`` does: duplicates and records that cannot be read are reported."""
    name, data = await read_upload(
        file,
        suffixes=supported_suffixes(),
        default="upload.txt",
        max_bytes=MAX_UPLOAD_BYTES,
        what="file of articles",
    )
    report = await ingest_upload(store_of(request), data, name)
    outcomes = [asdict(o) | {"warnings": list(o.warnings)} for o in report.outcomes]
    body = {
        "ingested": report.count("ingested"),
        "duplicates": report.count("duplicate"),
        "failed": report.count("failed"),
        "outcomes": outcomes,
    }
    return Json(body, status_code=201 if report.count("ingested") else 200)


@router.post(
    "/scenarios",
    response_model=ScenarioSummary,
    status_code=201,
    dependencies=[Depends(multipart_only)],
)
async def upload_scenario(
    request: Request,
    file: FileField,
    name: Annotated[
        str | None,
        Form(
            min_length=1,
            max_length=64,
            pattern=r"^[a-z][a-z0-9_\-]*$",
            description="the name to store it under (default: the scenario's id)",
        ),
    ] = None,
) -> Json:
    """Store an uploaded scenario (YAML) under ``name``, replacing one of that name, once the
    loader of ``zopa scenario check`` finds no error in it (422 with the line otherwise)."""
    source, data = await read_upload(
        file,
        suffixes=SCENARIO_SUFFIXES,
        default="upload.yaml",
        max_bytes=MAX_SCENARIO_BYTES,
        what="scenario",
    )
    text = decode_text(data, source)
    stored = await run_in_threadpool(save_scenario, store_of(request), name, text, source=source)
    return Json(scenario_summary(stored), status_code=201)


@router.post(
    "/scenarios/{name}/questions",
    response_model=QuestionDetail,
    status_code=201,
    dependencies=[Depends(json_only)],
)
def new_question(name: NamePath, question: NewQuestion, store: StoreDep) -> Json:
    """Add a question (scenario format, ``docs/scenarios.md``) to a stored scenario; the
    scenario is validated with it (422 naming the field otherwise)."""
    data = question.model_dump(mode="json", exclude_none=True)
    edit_scenario(store, name, lambda text: add_question(text, data, source=f"scenario {name}"))
    return Json(question_detail(store, name, question.id, date.today()), status_code=201)


@router.post(
    "/scenarios/{name}/questions/{question}/resolution",
    response_model=QuestionDetail,
    dependencies=[Depends(json_only)],
)
def resolve(
    name: NamePath, question: QuestionPath, resolution: Resolution, store: StoreDep
) -> Json:
    """Resolve a question: its outcome and the day it became known (and where it is
    documented); the scores count it from then on."""
    edit_scenario(
        store,
        name,
        lambda text: resolve_question(
            text,
            question,
            outcome=resolution.outcome,
            resolved_on=resolution.resolved_on,
            evidence=resolution.evidence,
            source=f"scenario {name}",
        ),
    )
    return Json(question_detail(store, name, question, date.today()))


@router.post(
    "/scenarios/{name}/prices",
    response_model=PriceImport,
    status_code=201,
    dependencies=[Depends(multipart_only)],
)
async def import_prices(request: Request, name: NamePath, file: FileField) -> Json:
    """Import crowd or market prices (CSV: question, source, date, probability) for the
    scenario's event questions, as ``zopa forecast import-prices`` does; a file with any
    error stores nothing (422 naming the line)."""
    from zopa.forecast import parse_prices, store_prices

    source, data = await read_upload(
        file, suffixes=(".csv",), default="prices.csv", max_bytes=MAX_UPLOAD_BYTES, what="CSV file"
    )
    store = store_of(request)
    loaded = await run_in_threadpool(lambda: get_scenario(store, name).load())
    prices = await run_in_threadpool(parse_prices, data, source, loaded)
    result = await run_in_threadpool(store_prices, store, prices)
    return Json(asdict(result), status_code=201)

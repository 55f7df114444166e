"""``/scenarios``: stored scenarios, their predictions, questions, forecasts and scores.

Reads only, open on a read-only server; ``POST /scenarios/validate`` checks an
uploaded scenario without storing it (the writes are in :mod:`._writes`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from zopa.errors import MissingError, RegistryError, quoted
from zopa.limits import DEFAULT_DRAWS
from zopa.scenario import (
    MAX_SCENARIO_BYTES,
    Scenario,
    StoredScenario,
    check_text,
    get_scenario,
    list_scenarios,
)
from zopa.store import Store
from zopa.web._problems import ProblemError
from zopa.web.api._json import Json, kept_json
from zopa.web.api._models import (
    Forecast,
    Page,
    QuestionDetail,
    Questions,
    ScenarioCheck,
    ScenarioDetail,
    ScenarioSummary,
)
from zopa.web.api._pages import Limit, Next, decode_key, page_in_memory
from zopa.web.api._params import IsoDate, NamePath, StoreDep
from zopa.web.api._uploads import decode_text, multipart_only, read_upload

__all__ = [
    "MAX_API_DRAWS",
    "SCENARIO_SUFFIXES",
    "QuestionPath",
    "question_detail",
    "router",
    "scenario_summary",
]

router = APIRouter(tags=["scenarios"])

AsOf = Annotated[
    IsoDate | None, Query(description="as known on this date, YYYY-MM-DD (default: today)")
]
QuestionPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        pattern=r"^[a-z][a-z0-9_\-]*$",
        description="a question id of the scenario",
    ),
]

MAX_API_DRAWS = 20_000
"""Most Monte Carlo draws a prediction request may ask for (the CLI allows more)."""
SCENARIO_SUFFIXES = (".yaml", ".yml")


def scenario_summary(stored: StoredScenario) -> dict[str, Any]:
    """The public layout of a stored scenario without its text."""
    return {
        "name": stored.name,
        "sha256": stored.sha256,
        "stored_at": stored.stored_at.isoformat(),
        "bytes": len(stored.text.encode("utf-8")),
    }


def _scenario_key(stored: StoredScenario) -> tuple[Any, ...]:
    return (stored.name,)


@router.get("/scenarios", response_model=Page[ScenarioSummary])
def scenarios(request: Request, store: StoreDep, limit: Limit = 50, next: Next = None) -> Json:
    """The stored scenarios, by name."""
    after = decode_key("scenarios", next, (str,)) if next else None
    found = list_scenarios(store)
    return Json(
        page_in_memory(request, "scenarios", found, limit, after, _scenario_key, scenario_summary)
    )


@router.get("/scenarios/{name}", response_model=ScenarioDetail)
def scenario(name: NamePath, store: StoreDep) -> Json:
    """One stored scenario: its YAML text, id, title and date."""
    stored = get_scenario(store, name)
    loaded = stored.load()
    return Json(
        scenario_summary(stored)
        | {
            "id": loaded.id,
            "title": loaded.title,
            "as_of": loaded.as_of.isoformat() if loaded.as_of else None,
            "text": stored.text,
        }
    )


@router.post(
    "/scenarios/validate",
    response_model=ScenarioCheck,
    dependencies=[Depends(multipart_only)],
)
async def validate(
    file: Annotated[UploadFile, File(description="the scenario YAML (.yaml or .yml)")],
) -> Json:
    """Check an uploaded scenario as ``zopa scenario check --json`` does, storing nothing.

    Answers 200 with ``valid: false`` and every problem for an invalid scenario.
    """
    name, data = await read_upload(
        file,
        suffixes=SCENARIO_SUFFIXES,
        default="upload.yaml",
        max_bytes=MAX_SCENARIO_BYTES,
        what="scenario",
    )
    text = decode_text(data, name)
    report = await run_in_threadpool(check_text, text, source=name)  # CPU: off the event loop
    return Json(report.to_dict())


def _loaded(store: Store, name: str) -> Scenario:
    return get_scenario(store, name).load()


def _stored(store: Store, name: str) -> tuple[StoredScenario, Scenario]:
    stored = get_scenario(store, name)
    return stored, stored.load()


@router.get("/scenarios/{name}/questions", response_model=Questions)
def questions(name: NamePath, store: StoreDep, as_of: AsOf = None) -> Json:
    """The scenario's questions with their status and each source's latest forecast
    (``zopa questions --json``)."""
    from zopa.forecast import (
        list_forecasts,
        questions_overview,
        resolving_events,
        with_may_resolve,
    )

    day = as_of or date.today()
    loaded = _loaded(store, name)
    records = list_forecasts(store, loaded.id, as_of=day)
    found = resolving_events(store, loaded, day)
    overview = with_may_resolve(questions_overview(loaded, records, day), found)
    return Json({"scenario": loaded.id, "as_of": day.isoformat(), "questions": overview})


@router.get("/scenarios/{name}/questions/{question}", response_model=QuestionDetail)
def question(
    request: Request,
    name: NamePath,
    question: QuestionPath,
    store: StoreDep,
    as_of: AsOf = None,
) -> Response:
    """One question with its status, latest forecasts, and every forecast made of it by
    any source up to ``as_of`` (its history, by source and date)."""
    day = as_of or date.today()
    stored, loaded = _stored(store, name)
    version = (day, *_version(store, stored, loaded))
    return kept_json(
        request, "question", version, lambda: question_detail(store, name, question, day)
    )


def question_detail(store: Store, name: str, question_id: str, day: date) -> dict[str, Any]:
    """The question ``question_id`` of the stored scenario ``name`` as of ``day``, with its
    history; a :class:`MissingError` when the scenario has no such question."""
    from zopa.forecast import (
        list_forecasts,
        questions_overview,
        resolving_events,
        with_may_resolve,
    )

    loaded = _loaded(store, name)
    if all(q.id != question_id for q in loaded.questions):
        raise MissingError(
            f"scenario {name!r} has no question {quoted(question_id)}; GET "
            f"/api/v1/scenarios/{name}/questions lists them"
        )
    records = list_forecasts(store, loaded.id, questions=[question_id], as_of=day)
    found = resolving_events(store, loaded, day)
    rows = with_may_resolve(questions_overview(loaded, records, day), found)
    overview = next(q for q in rows if q["id"] == question_id)
    return overview | {"history": [r.public() for r in records]}


def _forecast_key(record: Any) -> tuple[Any, ...]:
    return (record.question, record.source, record.as_of.isoformat(), record.id)


@router.get("/scenarios/{name}/forecasts", response_model=Page[Forecast])
def forecasts(
    request: Request,
    name: NamePath,
    store: StoreDep,
    question: Annotated[
        str | None,
        Query(
            min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_\-]*$", description="question id"
        ),
    ] = None,
    source: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f]*$",
            description="only this source (e.g. zopa.experts.v1)",
        ),
    ] = None,
    as_of: Annotated[
        IsoDate | None, Query(description="only forecasts made as of this date or earlier")
    ] = None,
    limit: Limit = 50,
    next: Next = None,
) -> Response:
    """Every stored forecast of the scenario's questions, as made, by question, source and date."""
    from zopa.forecast import list_forecasts

    stored, loaded = _stored(store, name)

    def listing() -> dict[str, Any]:
        after = decode_key("forecasts", next, (str, str, str, int)) if next else None
        records = list_forecasts(
            store, loaded.id, questions=[question] if question else None, as_of=as_of
        )
        if source is not None:
            records = [r for r in records if r.source == source]
        return page_in_memory(
            request, "forecasts", records, limit, after, _forecast_key, lambda r: r.public()
        )

    return kept_json(request, "forecasts", _version(store, stored, loaded), listing)


def _version(store: Store, stored: StoredScenario, loaded: Scenario) -> tuple[Any, ...]:
    """What a view of a stored scenario's forecasts is computed from: its text and
    :func:`~zopa.forecast.forecasts_version` (forecasts are only ever added)."""
    from zopa.forecast import forecasts_version

    return (stored.sha256, forecasts_version(store, loaded.id))


@router.get("/scenarios/{name}/scores", response_model=dict[str, Any])
def scores(name: NamePath, store: StoreDep) -> Json:
    """Brier, log and CRPS scores of every source on the resolved questions, beside the
    baselines, with calibration (``zopa forecast scores --json``)."""
    from zopa.forecast import list_forecasts, score_forecasts

    loaded = _loaded(store, name)
    return Json(score_forecasts(loaded, list_forecasts(store, loaded.id)).to_dict())


_SOLVED: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_SOLVED_LOCK = threading.Lock()
_SOLVED_KEEP = 16


def _model_name(given: str) -> str:
    """The registry name of ``given`` (or of its short name as the tables print it), or a
    400 problem naming the models."""
    from zopa.registry import models, short_name

    try:
        return models.resolve(given)
    except RegistryError:
        known = models.names()
        raise ProblemError(
            400,
            f"query parameter 'models': no model {quoted(given)}; use {', '.join(known)} "
            f"or their short names ({', '.join(short_name(n) for n in known)})",
            errors=[{"in": "query", "name": "models", "detail": "unknown model name"}],
        ) from None


@router.get("/scenarios/{name}/predictions", response_model=dict[str, Any])
def predictions(
    name: NamePath,
    store: StoreDep,
    models: Annotated[
        str | None,
        Query(
            max_length=500,
            pattern=r"^[A-Za-z0-9_.,\-]+$",
            description="the models, comma-separated, by registry name or as the tables "
            "print them (zopa.compromise.v1 or compromise; default: the scenario's "
            "`models`, or all)",
        ),
    ] = None,
    draws: Annotated[
        int, Query(ge=1, le=MAX_API_DRAWS, description=f"Monte Carlo draws, 1 to {MAX_API_DRAWS:,}")
    ] = DEFAULT_DRAWS,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1, description="random seed")] = 0,
    allow_placeholders: Annotated[
        bool, Query(description="solve a draft whose values are still placeholders")
    ] = False,
) -> Json:
    """Each model's prediction with its interval and the ZOPA per issue and for the package
    (``zopa solve --json``, ``scenario.file`` holding the stored name). Same inputs, same
    answer: the last results are kept by scenario hash and parameters."""
    from zopa.scenario import solve_scenario

    names = [m for m in (models or "").split(",") if m] or None
    if names is not None:
        import zopa.models  # noqa: F401  (registers the built-in models)

        names = [_model_name(m) for m in names]
    stored = get_scenario(store, name)
    key = (stored.sha256, tuple(names or ()), draws, seed, allow_placeholders)
    with _SOLVED_LOCK:
        if key in _SOLVED:
            _SOLVED.move_to_end(key)
            return Json(_SOLVED[key] | {"scenario": _SOLVED[key]["scenario"] | {"file": name}})
    loaded = stored.load_for_models(allow_placeholders=allow_placeholders)
    result = solve_scenario(loaded, models=names, draws=draws, rng=seed)
    with _SOLVED_LOCK:
        _SOLVED[key] = result
        while len(_SOLVED) > _SOLVED_KEEP:
            _SOLVED.popitem(last=False)
    return Json(result | {"scenario": result["scenario"] | {"file": name}})

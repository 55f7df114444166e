"""The pages: thin routes composing the report's view models and templates."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from zopa.errors import MissingError, StoreError, ZopaError, quoted
from zopa.report._templates import STYLESHEET
from zopa.web.pages._reads import (
    MAP_CLAIMS,
    map_evidence,
    newest_documents,
    newest_forecast,
    newest_published,
    statement_evidence,
)
from zopa.web.pages._render import error_page, memo, page, store_of, stored_scenario

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PAGE_ROWS = 500
"""At most this many events, quotes or articles on one page (filters narrow the rest)."""

_STATIC = {STYLESHEET: "text/css; charset=utf-8"}
"""The files under ``/static/`` and their types: nothing else is served from there."""


def _blank(value: str | None) -> str | None:
    """A form's empty choice ("any") as no filter."""
    return value or None


@router.get("/static/{name}")
def static(name: str) -> Response:
    """A file of ``zopa/report/static`` (the stylesheet)."""
    if name not in _STATIC:
        return Response("not found", status_code=404, media_type="text/plain")
    body = (files("zopa.report") / "static" / name).read_bytes()
    return Response(body, media_type=_STATIC[name], headers={"Cache-Control": "max-age=3600"})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """The counts of evidence, the stored scenarios and the newest articles."""
    from zopa.scenario import list_scenarios

    store = store_of(request)
    counts = _counts(request)
    return page(
        request,
        "index.html",
        {
            "title": "Overview",
            "counts": counts,
            "scenarios": list_scenarios(store),
            "documents": newest_documents(store, PAGE_ROWS),
            "total_documents": counts["documents"],
        },
    )


def _version(request: Request) -> tuple[Any, ...]:
    """The store's evidence version: what is kept per version is computed again after a write."""
    from zopa.extract._query import evidence_version

    return evidence_version(store_of(request))


def _counts(request: Request) -> dict[str, int]:
    """How many documents and items the store holds, counted once per evidence version."""
    from zopa.report.views import count_evidence

    return memo(request, "counts", _version(request), lambda: count_evidence(store_of(request)))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=60)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """Events by date, filtered by actor, type and status; each links to its sentence."""
    from zopa.report._html import timeline_figure
    from zopa.report.views import Links, load_evidence, timeline

    view = timeline(
        load_evidence(store_of(request), kinds=("events",), mentions=False, texts=False),
        Links(standalone=False),
        actor=_blank(actor),
        type=_blank(type),
        status=_blank(status),
        limit=PAGE_ROWS,
    )
    return page(
        request,
        "timeline.html",
        {
            "title": "Timeline",
            "timeline": view,
            "timeline_figure": timeline_figure(view),
            "filterable": True,
        },
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request, q: Annotated[str | None, Query(max_length=200)] = None
) -> HTMLResponse:
    """Every quote (or those whose speaker or text holds ``q``), linked to its sentence."""
    from zopa.report.views import Links, evidence_lists, load_evidence

    evidence = load_evidence(store_of(request), kinds=("quotes",), mentions=False, texts=False)
    quotes = evidence_lists(evidence, Links(standalone=False))["quotes"]
    if q:
        wanted = q.casefold()
        quotes = [
            item
            for item in quotes
            if any(
                wanted in (text or "").casefold()
                for text in (item["text"], item["speaker_actor"], item["speaker_text"])
            )
        ]
    return page(
        request,
        "quotes.html",
        {"title": "Quotes", "quotes": quotes[:PAGE_ROWS], "total": len(quotes), "query": q},
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int) -> HTMLResponse:
    """The article with every extracted span highlighted by kind (``#claim-12`` scrolls to it)."""
    from zopa.report.views import article_view, load_evidence, spans_of

    try:
        evidence = load_evidence(store_of(request), document_id=document_id)
    except StoreError as exc:
        return error_page(request, 404, "No such article", str(exc))
    article = article_view(evidence.documents[document_id], spans_of(evidence, document_id))
    return page(
        request,
        "document.html",
        {"title": article["title"] or article["source"], "article": article, "article_level": 1},
    )


def _stored(request: Request, name: str) -> tuple[Any, Any] | HTMLResponse:
    """(stored scenario, validated scenario), or the error page saying why not."""
    try:
        return stored_scenario(request, name)
    except MissingError as exc:
        return error_page(request, 404, "No such scenario", str(exc))
    except ZopaError as exc:
        return error_page(request, 422, "Scenario cannot be shown", str(exc))


def _as_of(request: Request, scenario: Any) -> date:
    """The date a page shows a scenario's questions as of: its own, else the newest article."""
    return scenario.as_of or newest_published(store_of(request)) or date.today()


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request, scenario: Annotated[str | None, Query(max_length=64)] = None
) -> HTMLResponse:
    """The actor × issue map of a stored scenario; a cell links to the claims behind it."""
    from zopa.report._html import map_figure
    from zopa.report.views import Links, actor_issue_map, scenario_summary
    from zopa.scenario import list_scenarios

    name = scenario
    if name is None:
        names = [s.name for s in list_scenarios(store_of(request))]
        if not names:
            return error_page(request, 404, "No scenario stored", "store a scenario first")
        name = names[0]
    found = _stored(request, name)
    if isinstance(found, HTMLResponse):
        return found
    stored, loaded = found
    from zopa.extract._query import claim_pairs, extraction_version

    store = store_of(request)
    version = extraction_version(store)  # claims come with an extraction only
    pairs = memo(request, "claim pairs", version, lambda: claim_pairs(store))
    evidence, totals = map_evidence(store, loaded, pairs)
    view = actor_issue_map(loaded, evidence, Links(standalone=False, scenario=name))
    for row in view["rows"]:
        for cell in row["cells"]:
            if cell is not None:
                cell["claims"] = cell["claims"][:MAP_CLAIMS]
                cell["claims_total"] = totals[(cell["actor"], cell["issue"])]
    return page(
        request,
        "map.html",
        {
            "title": f"{loaded.title}: actors × issues",
            "summary": scenario_summary(loaded, _counts(request), None),
            "map": view,
            # The chart shows the scenario's values and each cell's number of claims.
            "map_figure": memo(
                request, "map", (stored.sha256, name, version), lambda: map_figure(view)
            ),
        },
    )


@router.get("/scenarios/{name}", response_class=HTMLResponse)
def scenario_page(request: Request, name: str) -> HTMLResponse:
    """A stored scenario: its summary, the models with intervals, the ZOPA, its questions."""
    from zopa.report.views import Links, scenario_summary

    found = _stored(request, name)
    if isinstance(found, HTMLResponse):
        return found
    stored, loaded = found
    try:
        models, figure = memo(request, "models", stored.sha256, lambda: _models(loaded))
    except ZopaError as exc:
        return error_page(request, 422, "Scenario cannot be solved", str(exc))
    links = Links(standalone=False, scenario=name)
    questions = [
        {"id": q.id, "text": q.text, "href": links.question(q.id), "status": status}
        for q, status in _statuses(loaded, _as_of(request, loaded))
    ]
    return page(
        request,
        "scenario.html",
        {
            "title": loaded.title,
            "summary": scenario_summary(loaded, _counts(request), None),
            "models": models,
            "models_figure": figure,
            "questions": questions,
        },
    )


def _models(scenario: Any) -> tuple[dict[str, Any], Any]:
    """A scenario solved with the report's seed: the models view and its chart."""
    from zopa.report import REPORT_SEED
    from zopa.report._html import models_figure
    from zopa.report.views import models_view
    from zopa.scenario import solve_scenario

    models = models_view(solve_scenario(scenario, rng=REPORT_SEED))
    return models, models_figure(models)


def _statuses(scenario: Any, day: date) -> list[tuple[Any, str]]:
    from zopa.forecast import question_status

    return [(q, question_status(q, day)) for q in scenario.questions]


@router.get("/questions/{question_id}", response_class=HTMLResponse)
def question_page(
    request: Request,
    question_id: str,
    scenario: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    """One question: every source side by side, their paths, the evidence, calibration."""
    from zopa.forecast import list_forecasts
    from zopa.report._html import calibration_figure, question_views
    from zopa.report.views import Links, scenario_summary
    from zopa.scenario import list_scenarios

    store = store_of(request)
    names = [scenario] if scenario else [s.name for s in list_scenarios(store)]
    for name in names:
        found = _stored(request, name)
        if isinstance(found, HTMLResponse):
            return found
        stored, loaded = found
        if any(q.id == question_id for q in loaded.questions):
            break
    else:
        return error_page(
            request,
            404,
            "No such question",
            f"no stored scenario has a question {quoted(question_id)}",
        )
    from zopa.extract._query import extraction_version

    day = _as_of(request, loaded)

    def views() -> tuple[dict[str, Any], dict[str, Any], Any]:
        records = list_forecasts(store, loaded.id, questions=[question_id], as_of=day)
        evidence = statement_evidence(store, records)
        links = Links(standalone=False, scenario=name)
        (one,), calibration = question_views(store, loaded, evidence, links, day, only=question_id)
        return one, calibration, calibration_figure(calibration)

    # Kept per version of what it shows: the scenario, the day, the forecasts and estimates.
    key = (stored.sha256, name, question_id, day, newest_forecast(store), extraction_version(store))
    question, calibration, figure = memo(request, "question", key, views)
    return page(
        request,
        "question.html",
        {
            "title": question["text"],
            "summary": scenario_summary(loaded, _counts(request), None),
            "q": question,
            "calibration": calibration,
            "calibration_figure": figure,
        },
    )

"""The pages: thin routes composing the report's view models and templates."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from importlib.resources import files
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from zopa.errors import MissingError, StoreError, ZopaError, quoted
from zopa.report._templates import STYLESHEET
from zopa.web._problems import ProblemError
from zopa.web.api._pages import Next, decode_key, encode_key
from zopa.web.pages._reads import (
    MAP_CLAIMS,
    SourceNames,
    cited_names,
    document_count,
    map_evidence,
    newest_documents,
    newest_forecast,
    newest_published,
    statement_evidence,
)
from zopa.web.pages._render import error_page, memo, page, store_of, stored_scenario

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
T = TypeVar("T")

PAGE_ROWS = 500
"""At most this many events, quotes or articles on one page (filters narrow the rest)."""

Rows = Annotated[int, Query(ge=1, le=PAGE_ROWS, description=f"rows per page, 1 to {PAGE_ROWS}")]

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


def _per_extraction(request: Request, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` kept per (``key``, the store's extraction version): for what is derived
    from the extracted evidence alone, computed again after an extraction writes."""
    from zopa.evidence import extraction_version

    return memo(request, kind, (key, extraction_version(store_of(request))), compute)


def _counts(request: Request) -> dict[str, int]:
    """How many documents (counted now) and items (counted once per extraction version:
    an ingest adds no item) the store holds."""
    from zopa.report.views import count_evidence

    store = store_of(request)
    items = _per_extraction(request, "counts", None, lambda: count_evidence(store))
    return items | {"documents": document_count(store)}


_BAD_PAGE = (
    "query parameter 'next' is not a page of this list; follow the page's \"next page\" "
    "link, or leave 'next' out for the first page"
)


def _after(listing: str, token: str | None, types: tuple[type, ...]) -> Any:
    """The key a page's ``next`` token holds (``None`` for the first page)."""
    return decode_key(listing, token, types) if token else None


def _next_href(request: Request, listing: str, more: bool, key: tuple[Any, ...]) -> str | None:
    """This page's address with the token of the page after ``key`` (filters kept), if
    ``more`` rows follow; a path, so the link stays on the server that sent it."""
    if not more:
        return None
    url = request.url.include_query_params(next=encode_key(listing, key))
    return f"{url.path}?{url.query}"


def _first_href(request: Request) -> str | None:
    """This page's address without its ``next`` token (``None`` on the first page)."""
    if "next" not in request.query_params:
        return None
    url = request.url.remove_query_params("next")
    return f"{url.path}?{url.query}" if url.query else url.path


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=60)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    limit: Rows = PAGE_ROWS,
    next: Next = None,
) -> HTMLResponse:
    """Events by date, filtered by actor, type and status, one page at a time (keyset
    pagination: a page reads its own rows, whatever the size of the store); each links
    to its sentence."""
    from zopa.evidence import EvidenceFilter, count_items, event_choices, list_items
    from zopa.report._figures import timeline_figure
    from zopa.report.views import Links, evidence_page, timeline

    store = store_of(request)
    filters = EvidenceFilter(actor=_blank(actor), type=_blank(type), status=_blank(status))
    try:
        after = _after("timeline", next, (date, int, int, int))
    except ProblemError:
        return error_page(request, 400, "Not a page of the timeline", _BAD_PAGE)

    def rows() -> tuple[bool, dict[str, Any], Any]:
        found = [
            listing.item
            for listing in list_items(
                store, "events", filters, after=after, limit=limit + 1, by_date=True
            )
        ]
        view = timeline(evidence_page(store, "events", found[:limit]), Links(standalone=False))
        return len(found) > limit, view, timeline_figure(view)

    # A page of events and its chart are kept per extraction: they change with it only.
    more, view, figure = _per_extraction(request, "timeline rows", (filters, after, limit), rows)
    shown, every, choices = _per_extraction(
        request,
        "timeline totals",
        filters,
        lambda: (
            count_items(store, "events", filters, by_date=True),
            count_items(store, "events", filters),
            event_choices(store),
        ),
    )
    last = view["events"][-1] if view["events"] else None
    key = (last["when"], last["document_id"], last["start"], last["id"]) if last else ()
    view = view | {  # the page's own rows, and the filters, totals and choices of the whole store
        "filters": {"actor": filters.actor, "type": filters.type, "status": filters.status},
        "choices": choices,
        "total": shown,
        "undated": every - shown,
        "next_href": _next_href(request, "timeline", more, key),
        "first_href": _first_href(request),
    }
    return page(
        request,
        "timeline.html",
        {
            "title": "Timeline",
            "timeline": view,
            "timeline_figure": figure,
            "filterable": True,
        },
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Rows = PAGE_ROWS,
    next: Next = None,
) -> HTMLResponse:
    """Quotes (those whose speaker or text holds ``q``) in document order, one page at a
    time (keyset pagination), each linked to its sentence."""
    from zopa.evidence import EvidenceFilter, count_items, list_items
    from zopa.report.views import Links, evidence_lists, evidence_page

    store = store_of(request)
    filters = EvidenceFilter(search=q or None)
    try:
        after = _after("quotes", next, (int, int, int))
    except ProblemError:
        return error_page(request, 400, "Not a page of the quotes", _BAD_PAGE)

    def rows() -> tuple[bool, list[dict[str, Any]]]:
        found = [
            listing.item
            for listing in list_items(store, "quotes", filters, after=after, limit=limit + 1)
        ]
        shown = evidence_page(store, "quotes", found[:limit])
        return len(found) > limit, evidence_lists(shown, Links(standalone=False))["quotes"]

    more, quotes = _per_extraction(request, "quotes rows", (filters, after, limit), rows)
    last = quotes[-1] if quotes else None
    key = (last["document_id"], last["start"], last["id"]) if last else ()
    return page(
        request,
        "quotes.html",
        {
            "title": "Quotes",
            "quotes": quotes,
            "total": _per_extraction(
                request, "quotes total", filters, lambda: count_items(store, "quotes", filters)
            ),
            "query": q,
            "next_href": _next_href(request, "quotes", more, key),
            "first_href": _first_href(request),
        },
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int) -> HTMLResponse:
    """The article with every extracted span highlighted by kind (``#claim-12`` scrolls to it)."""
    from zopa.report.views import article_view, load_evidence, spans_of

    def view() -> dict[str, Any]:
        evidence = load_evidence(store_of(request), document_id=document_id)
        return article_view(evidence.documents[document_id], spans_of(evidence, document_id))

    try:  # an article and its spans change with an extraction only
        article = _per_extraction(request, "article", document_id, view)
    except StoreError as exc:
        return error_page(request, 404, "No such article", str(exc))
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
    from zopa.report._figures import map_figure
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
    from zopa.evidence import claim_pairs, extraction_version

    store = store_of(request)
    version = extraction_version(store)  # claims come with an extraction only
    pairs = memo(request, "claim pairs", version, lambda: claim_pairs(store))
    # Kept per stored scenario: it reads only the documents stored since its last read.
    sources = memo(request, "source names", stored.sha256, lambda: SourceNames(cited_names(loaded)))

    def mapped() -> tuple[dict[str, Any], Any]:
        evidence, totals = map_evidence(store, loaded, pairs, sources)
        view = actor_issue_map(loaded, evidence, Links(standalone=False, scenario=name))
        for row in view["rows"]:
            for cell in row["cells"]:
                if cell is not None:
                    cell["claims"] = cell["claims"][:MAP_CLAIMS]
                    cell["claims_total"] = totals[(cell["actor"], cell["issue"])]
        return view, map_figure(view)

    # The map is kept per scenario text, extraction and cited documents: it shows them only.
    cited = tuple(sorted(sources.resolve(store).items()))
    view, figure = memo(request, "map", (stored.sha256, name, version, cited), mapped)
    return page(
        request,
        "map.html",
        {
            "title": f"{loaded.title}: actors × issues",
            "summary": scenario_summary(loaded, _counts(request), None),
            "map": view,
            "map_figure": figure,
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
    from zopa.report._figures import models_figure
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
    from zopa.report._figures import calibration_figure, question_views
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
    from zopa.evidence import extraction_version

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

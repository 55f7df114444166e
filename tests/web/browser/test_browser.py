"""Browser tests: the dashboard and the report in headless Debian Chromium, as a person uses them.

The report is opened from disk with the network off; the dashboard is served by
real uvicorn on loopback over the demo store (tests/web/browser/demo.py), which
holds the hostile article and the hostile scenario. Every test fails on a console
error, a page error, a dialog or a request leaving loopback (conftest.Watch).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.web.browser.checks import accessibility_problems, inert_problems, overflow_problems
from tests.web.browser.conftest import SCREENSHOTS, Watch, on_loopback, watch
from tests.web.browser.demo import demo_scenario
from tests.web.browser.hostile import CANARY, HOSTILE_MARKS, HOSTILE_SCENARIO, HOSTILE_TITLE
from tests.web.demo_store import SCENARIO
from zopa.web._security import CSP

pytestmark = pytest.mark.browser

NARROW = {"width": 400, "height": 800}


def highlighted(page: Page, anchor: str) -> None:
    """Assert the span ``#anchor`` is a highlighted mark in an article view, scrolled into view."""
    mark = page.locator(f"mark#{anchor}")
    expect(mark).to_have_count(1)
    expect(mark).to_be_in_viewport()
    assert mark.evaluate("m => m.closest('article') !== null && m.textContent.trim() !== ''")
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in {"rgba(0, 0, 0, 0)", "transparent"}, background


def fragment(page: Page) -> str:
    """The fragment of the page's URL, without ``#``."""
    return page.url.partition("#")[2]


def pages(hostile_document: int) -> list[str]:
    """Every page of the dashboard on the demo store (paths)."""
    first_question = demo_scenario().questions[0].id
    return [
        "/",
        "/timeline",
        "/timeline?actor=&type=&status=happened",
        "/quotes",
        "/quotes?q=Istanbul",
        "/documents/1",
        f"/documents/{hostile_document}",
        f"/scenarios/{SCENARIO}",
        f"/map?scenario={SCENARIO}",
        f"/questions/{first_question}?scenario={SCENARIO}",
        f"/scenarios/{HOSTILE_SCENARIO}",
        f"/map?scenario={HOSTILE_SCENARIO}",
    ]


def visit(page: Page, url: str) -> None:
    """Open ``url`` and assert it answered 200, under the app's CSP, with one visible h1."""
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    assert response.headers["content-security-policy"] == CSP
    expect(page.locator("h1")).to_be_visible()


# The dashboard, served by uvicorn on loopback.


@pytest.mark.slow
def test_every_page_loads_clean_accessible_and_narrow(
    live_server: str, hostile_document: int, page: Page, seen: Watch
):
    problems = {}
    for path in pages(hostile_document):
        page.set_viewport_size({"width": 1280, "height": 900})
        visit(page, f"{live_server}{path}")
        found = accessibility_problems(page)
        page.set_viewport_size(NARROW)
        found += overflow_problems(page)
        page.screenshot(path=SCREENSHOTS / f"page-{re.sub(r'[^a-z0-9]+', '-', path)}.png")
        if found:
            problems[path] = found
    assert problems == {}
    assert all(on_loopback(url) for url in seen.requests)
    assert seen.problems() == []


@pytest.mark.slow
def test_every_page_shows_the_hostile_article_and_scenario_inert(
    live_server: str, hostile_document: int, page: Page, seen: Watch
):
    problems = {}
    for path in pages(hostile_document):
        visit(page, f"{live_server}{path}")
        page.locator("h1").hover()  # a mouse handler left live in the title would fire
        if found := inert_problems(page, f"{live_server}/static/"):
            problems[path] = found
    assert problems == {}
    assert seen.problems() == []
    served = {urlsplit(url).path for url in seen.requests}
    assert served <= {urlsplit(p).path for p in pages(hostile_document)} | {"/static/zopa.css"}


def test_the_hostile_article_reads_as_text(live_server: str, hostile_document: int, page: Page):
    visit(page, f"{live_server}/documents/{hostile_document}")
    text = page.locator("main").inner_text()
    for mark in HOSTILE_MARKS:
        assert mark in text, mark
    assert HOSTILE_TITLE in page.locator("h1").inner_text()
    visit(page, f"{live_server}/scenarios/{HOSTILE_SCENARIO}")
    assert "<script>" in page.locator("h1").inner_text()


def test_timeline_filters_by_status(live_server: str, page: Page):
    visit(page, f"{live_server}/timeline")
    every = page.locator("[data-testid=timeline-table] tbody tr").count()
    page.get_by_test_id("filter-status").select_option("planned")
    page.get_by_test_id("filter-apply").click()
    page.wait_for_url(re.compile(r"status=planned"))
    statuses = page.locator("[data-testid=timeline-table] tbody tr td:nth-child(4)")
    assert 0 < statuses.count() < every
    assert set(statuses.all_inner_texts()) == {"planned"}


def test_timeline_point_opens_its_highlighted_sentence(live_server: str, page: Page):
    visit(page, f"{live_server}/timeline")
    point = page.locator("#timeline-chart svg a").last  # painted last: on top of any other
    target = point.get_attribute("href") or ""
    assert re.fullmatch(r"/documents/\d+#event-\d+", target), target
    point.click()
    page.wait_for_url(f"{live_server}{target}")
    highlighted(page, fragment(page))


def test_map_cell_opens_its_claims(live_server: str, page: Page):
    visit(page, f"{live_server}/map?scenario={SCENARIO}")
    with_claims = page.locator("div.cell:has(a[href*='#claim-'])").first
    cell_id = with_claims.get_attribute("id")
    page.locator(f"#map-chart svg a[href$='#{cell_id}']").last.click()  # the label, on top
    page.wait_for_url(re.compile(f"#{cell_id}$"))
    expect(with_claims).to_be_in_viewport()
    claim = with_claims.locator("a[href*='#claim-']").first
    target = claim.get_attribute("href") or ""
    claim.click()
    page.wait_for_url(f"{live_server}{target}")
    highlighted(page, fragment(page))


def test_forecast_opens_its_evidence(live_server: str, page: Page):
    for question in demo_scenario().questions:
        visit(page, f"{live_server}/questions/{question.id}?scenario={SCENARIO}")
        evidence = page.locator("[data-testid^=forecast-evidence-]")
        if evidence.count():
            break
    else:
        pytest.fail("no question page links a forecast to its evidence")
    target = evidence.first.get_attribute("href") or ""
    assert re.fullmatch(r"/documents/\d+#estimate-\d+", target), target
    evidence.first.click()
    page.wait_for_url(f"{live_server}{target}")
    highlighted(page, fragment(page))


# The report, opened from disk with the network off.


def test_report_opens_from_disk_offline(offline: tuple[Page, Watch], reports: dict[str, Path]):
    page, seen = offline
    url = reports["shipped"].as_uri()
    page.goto(url)
    expect(page.locator("h1")).to_have_count(1)
    assert page.locator("figure svg").count() >= 4
    assert page.evaluate("document.scripts.length") == 0
    assert seen.requests == [url]
    assert seen.problems() == []


def test_report_timeline_point_opens_its_highlighted_sentence(
    offline: tuple[Page, Watch], reports: dict[str, Path]
):
    page, seen = offline
    page.goto(reports["shipped"].as_uri())
    point = page.locator("#timeline-chart svg a").last  # painted last: on top of any other
    target = point.get_attribute("href")
    assert target is not None and re.fullmatch(r"#event-\d+", target), target
    point.click()
    assert fragment(page) == target[1:]
    highlighted(page, target[1:])
    assert seen.problems() == []


def test_report_map_cell_opens_its_claims(offline: tuple[Page, Watch], reports: dict[str, Path]):
    page, _ = offline
    page.goto(reports["shipped"].as_uri())
    cells = page.locator("[data-testid^=map-cell-]")
    assert cells.count() > 0
    with_claims = page.locator("div.cell:has(a[href^='#claim-'])").first
    cell_id = with_claims.get_attribute("id")
    page.locator(f"[data-testid^=map-cell-][href='#{cell_id}']").click()
    assert fragment(page) == cell_id
    expect(with_claims).to_be_in_viewport()
    claim = with_claims.locator("a[href^='#claim-']").first
    anchor = (claim.get_attribute("href") or "")[1:]
    claim.click()
    highlighted(page, anchor)


def test_report_forecast_opens_its_evidence(offline: tuple[Page, Watch], reports: dict[str, Path]):
    page, _ = offline
    page.goto(reports["shipped"].as_uri())
    evidence = page.locator("[data-testid^=forecast-evidence-]").first
    anchor = (evidence.get_attribute("href") or "")[1:]
    assert re.fullmatch(r"estimate-\d+", anchor), anchor
    evidence.click()
    highlighted(page, anchor)


@pytest.mark.parametrize("which", ["shipped", "hostile"])
def test_report_shows_hostile_text_inert(
    offline: tuple[Page, Watch], reports: dict[str, Path], which: str
):
    page, seen = offline
    page.goto(reports[which].as_uri())
    text = page.locator("body").inner_text()
    for mark in HOSTILE_MARKS:
        assert mark in text, mark
    assert HOSTILE_TITLE in text
    page.locator("h1").hover()
    assert inert_problems(page, None) == []
    assert seen.problems() == []


@pytest.mark.parametrize("which", ["shipped", "hostile"])
def test_report_accessibility_basics(
    offline: tuple[Page, Watch], reports: dict[str, Path], which: str
):
    page, _ = offline
    page.goto(reports[which].as_uri())
    assert accessibility_problems(page) == []
    page.set_viewport_size(NARROW)
    assert overflow_problems(page) == []


# The checks themselves: each finds what it looks for.


def test_the_checks_find_live_markup_and_layout_faults(context: BrowserContext):
    seen = watch(context, on_loopback)
    page = context.new_page()
    page.set_content(
        "<html><body><h2>first</h2><h4>jump</h4>"
        f'<img src="http://evil.example/x.png" onerror="window.{CANARY}=1">'
        '<a href="javascript:void(0)">x</a><svg width="900"></svg>'
        '<div style="width:900px">wide</div></body></html>'
    )
    page.wait_for_function(f"window.{CANARY} === 1")
    assert seen.blocked == ["http://evil.example/x.png"]
    inert = inert_problems(page, None)
    assert any(CANARY in p for p in inert) and any("onerror" in p for p in inert)
    assert any("javascript:" in p for p in inert)
    found = accessibility_problems(page)
    for expected in ("0 h1", 'h2 "first" then h4', "banner", "main", "no nav", "svg"):
        assert any(expected in p for p in found), (expected, found)
    page.set_viewport_size(NARROW)
    assert overflow_problems(page) != []

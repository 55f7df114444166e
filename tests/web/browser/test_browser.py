"""Browser tests: the dashboard and the report in headless Debian Chromium, as a person uses them.

The report is opened from disk with the network off; the dashboard is served by
real uvicorn on loopback over the demo store (tests/web/browser/demo.py), which
holds the hostile article and the hostile scenario. Every test fails on a console
error, a page error, a dialog or a request leaving loopback (conftest.Watch).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.web.browser.checks import accessibility_problems, inert_problems, overflow_problems
from tests.web.browser.conftest import Watch, on_loopback, watch
from tests.web.browser.hostile import CANARY, HOSTILE_MARKS, HOSTILE_TITLE

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
    page.locator("a").nth(0).hover()
    assert inert_problems(page, None) == []
    assert seen.problems() == []


def test_report_accessibility_basics(offline: tuple[Page, Watch], reports: dict[str, Path]):
    page, _ = offline
    page.goto(reports["shipped"].as_uri())
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

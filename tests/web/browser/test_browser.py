"""Browser tests: the dashboard and the report in headless Chromium, as a person uses them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.web.browser.conftest import Watch

pytestmark = pytest.mark.browser


def test_the_live_server_answers(live_server: str, page: Page, seen: Watch) -> None:
    response = page.goto(f"{live_server}/openapi.json")
    assert response is not None and response.ok
    assert seen.requests == [f"{live_server}/openapi.json"]

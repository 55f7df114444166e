"""The browser test bed: Debian's Chromium driven by Playwright, a live server over the demo store.

Chromium is launched from ``/usr/bin/chromium`` (``make test`` installs it through
apt when missing, see ``scripts/ensure-chromium.sh``); the tests skip, saying why,
only when it is absent. Every test gets a fresh browser context whose requests,
console errors, page errors and dialogs are recorded (:class:`Watch`); a request
to any host but loopback is aborted and fails the test. Each page open at the end
of a test is saved as a screenshot (its viewport) under ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Playwright,
    Request,
    Route,
    WebError,
    sync_playwright,
)
from sqlalchemy import select

from tests.conftest import REPO
from tests.web.browser.demo import build_browser_store, demo_scenario
from tests.web.browser.hostile import HOSTILE_FILE, HOSTILE_SCENARIO, hostile_scenario
from tests.web.demo_store import SCENARIO_FILE
from zopa.report import write_report
from zopa.scenario import load_for_models
from zopa.store import Document, open_store
from zopa.web import ServeConfig, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = frozenset({"127.0.0.1", "localhost"})
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"


@dataclass
class Watch:
    """What the pages of one browser context did: requests, errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Everything that should not have happened, one line each."""
        return [
            *(f"request leaving loopback: {url}" for url in self.blocked),
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"dialog: {text}" for text in self.dialogs),
        ]


def watch(context: BrowserContext, allowed: Callable[[str], bool]) -> Watch:
    """Record what ``context`` does; abort (and record) every request ``allowed`` refuses."""
    seen = Watch()

    def route(found: Route) -> None:
        if allowed(found.request.url):
            found.continue_()
        else:
            seen.blocked.append(found.request.url)
            found.abort()

    def request(made: Request) -> None:
        seen.requests.append(made.url)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def web_error(error: WebError) -> None:
        seen.page_errors.append(str(error.error))

    def dialog(opened: Dialog) -> None:
        seen.dialogs.append(f"{opened.type}: {opened.message}")
        opened.dismiss()

    context.route("**/*", route)
    context.on("request", request)
    context.on("console", console)
    context.on("weberror", web_error)
    context.on("dialog", dialog)
    return seen


def on_loopback(url: str) -> bool:
    """Whether ``url`` is an http(s) URL on this machine's loopback interface."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and parts.hostname in LOOPBACK


@pytest.fixture(scope="session")
def demo_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The browser tests' demo store (with the hostile article), built once per session."""
    return build_browser_store(tmp_path_factory.mktemp("browser-demo"))


@pytest.fixture(scope="session")
def reports(demo_store_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reports of the shipped scenario and of its hostile twin over the demo store."""
    folder = tmp_path_factory.mktemp("browser-reports")
    hostile = folder / f"{HOSTILE_SCENARIO}.yaml"
    hostile.write_text(hostile_scenario(SCENARIO_FILE.read_text(encoding="utf-8")), "utf-8")
    store = open_store(demo_store_url)
    try:
        return {
            "shipped": write_report(store, demo_scenario(), folder / "shipped"),
            "hostile": write_report(
                store, load_for_models(hostile, allow_placeholders=False), folder / "hostile"
            ),
        }
    finally:
        store.close()


@pytest.fixture(scope="session")
def hostile_document(demo_store_url: str) -> int:
    """The id of the hostile article in the demo store."""
    store = open_store(demo_store_url)
    try:
        with store.session() as session:
            found = session.scalar(
                select(Document.id).where(Document.source.endswith(f"{HOSTILE_FILE}:1"))
            )
    finally:
        store.close()
    assert found is not None, "the hostile article is not in the demo store"
    return found


@pytest.fixture(scope="session")
def live_server(demo_store_url: str) -> Iterator[str]:
    """The dashboard served by real uvicorn on a free loopback port; its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        create_app(ServeConfig(demo_store_url)), log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="live-server", daemon=True
    )
    thread.start()
    for _ in range(200):
        if server.started or not thread.is_alive():
            break
        threading.Event().wait(0.05)
    if not server.started:
        raise RuntimeError("the live server did not start within 10 s")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        listener.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The Playwright driver, or a skip saying why when Debian's Chromium is absent."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"Chromium is not installed at {CHROMIUM}: run 'make test' as root "
            "(scripts/ensure-chromium.sh installs Debian's chromium) or 'apt-get install chromium'"
        )
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Debian Chromium, background networking off; one for the session."""
    launched = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture
def context(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """A fresh browser context for one test; its open pages are screenshot at the end."""
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    # A page that solves a scenario takes seconds of CPU; on a machine shared with other
    # work it has taken more than 10 s: the bound is for a hang, not a speed target.
    fresh.set_default_timeout(45_000)
    try:
        yield fresh
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
        for number, page in enumerate(p for p in fresh.pages if not p.is_closed()):
            suffix = f"-{number}" if number else ""
            page.screenshot(path=SCREENSHOTS / f"{name}{suffix}.png")
        fresh.close()


@pytest.fixture
def seen(context: BrowserContext) -> Iterator[Watch]:
    """The record of ``context`` on the live server; the test fails on anything wrong in it."""
    record = watch(context, on_loopback)
    yield record
    assert record.problems() == []


@pytest.fixture
def page(context: BrowserContext, seen: Watch) -> Page:
    """A page of a fresh, watched context."""
    return context.new_page()


@pytest.fixture
def offline(context: BrowserContext) -> Iterator[tuple[Page, Watch]]:
    """A page of a fresh context with the network off: every request but a file's is
    aborted and fails the test."""
    context.set_offline(True)
    record = watch(context, lambda url: urlsplit(url).scheme == "file")
    yield context.new_page(), record
    assert record.problems() == []

"""The dashboard's pages through the in-process client, on the demo store and a hostile one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.report.hostile_store import PAYLOADS, add_hostile_article, hostile_scenario
from tests.report.html_checks import assert_inert, assert_outline, parse
from tests.web.demo_store import SCENARIO
from zopa.cli import app
from zopa.report.views import count_evidence
from zopa.scenario import dump_scenario, save_scenario
from zopa.store import open_store
from zopa.web import ServeConfig, create_app


@pytest.fixture(scope="module")
def client(demo_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(demo_db))) as opened:
        yield opened


def _pages(client: TestClient) -> list[str]:
    return [
        "/",
        "/timeline",
        "/timeline?actor=Russia&type=&status=happened",
        "/quotes",
        "/quotes?q=Istanbul",
        "/documents/1",
        f"/scenarios/{SCENARIO}",
        f"/map?scenario={SCENARIO}",
        f"/questions/leaders_meet_2025?scenario={SCENARIO}",
    ]


def _get(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_every_page_renders_with_landmarks_headings_in_order_and_nothing_to_run(
    client: TestClient,
) -> None:
    for url in _pages(client):
        html = _get(client, url)
        assert_outline(html)
        assert_inert(html)
        assert '<link rel="stylesheet" href="/static/zopa.css">' in html
    css = client.get("/static/zopa.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/..%2Fzopa.css").status_code == 404


def _target(client: TestClient, href: str) -> None:
    """The page ``href`` leads to holds the element its fragment names."""
    path, _, fragment = href.partition("#")
    assert fragment in parse(_get(client, path)).ids, href


def test_a_timeline_event_leads_to_its_highlighted_sentence(client: TestClient) -> None:
    parsed = parse(_get(client, "/timeline?status=happened"))
    links = [
        a["href"]
        for a in parsed.named("a")
        if str(a.get("data-testid")).startswith("timeline-event-")
    ]
    assert links and all("#event-" in str(link) for link in links)
    _target(client, str(links[0]))
    assert "timeline-chart" in parsed.ids


def test_a_map_cell_leads_to_the_claims_behind_it(client: TestClient) -> None:
    html = _get(client, f"/map?scenario={SCENARIO}")
    parsed = parse(html)
    cell = next(a for a in parsed.named("a") if a.get("data-testid") == "map-cell-russia-territory")
    assert cell["href"] == f"/map?scenario={SCENARIO}#cell-russia-territory"
    assert "cell-russia-territory" in parsed.ids
    claims = [str(a["href"]) for a in parsed.named("a") if "#claim-" in str(a.get("href"))]
    assert claims
    _target(client, claims[0])


def test_a_forecast_leads_to_the_evidence_behind_it(client: TestClient) -> None:
    html = _get(client, f"/scenarios/{SCENARIO}")
    questions = [
        str(a["href"])
        for a in parse(html).named("a")
        if str(a.get("data-testid")).startswith("question-link-")
    ]
    assert len(questions) > 10
    evidence = []
    for url in questions:
        page = parse(_get(client, url))
        evidence += [
            str(a["href"])
            for a in page.named("a")
            if str(a.get("data-testid")).startswith("forecast-evidence-")
        ]
        if evidence:
            break
    assert evidence, "no question page links a forecast to its evidence"
    _target(client, evidence[0])


def _testids(html: str, prefix: str) -> list[str]:
    """The ``data-testid`` of the links starting with ``prefix``, in page order."""
    named = parse(html).named("a")
    return [str(a["data-testid"]) for a in named if str(a.get("data-testid")).startswith(prefix)]


def _link(html: str, testid: str) -> str | None:
    """The ``href`` of the link with ``data-testid`` ``testid`` (``None`` if absent)."""
    found = [a["href"] for a in parse(html).named("a") if a.get("data-testid") == testid]
    return str(found[0]) if found else None


def _walk(client: TestClient, url: str, name: str, prefix: str) -> list[list[str]]:
    """The items (testids) of every page from ``url`` on, following the "next page" links."""
    pages, seen = [], set()
    while url is not None:
        assert url.startswith(f"/{name}?") and url not in seen, url
        seen.add(url)
        html = _get(client, url)
        assert_outline(html)
        pages.append(_testids(html, prefix))
        assert (_link(html, f"{name}-first") is None) == (len(pages) == 1)
        url = _link(html, f"{name}-next")  # type: ignore[assignment]
    return pages


def test_the_timeline_pages_by_date_with_next_links_that_keep_the_filters(
    client: TestClient,
) -> None:
    whole = _get(client, "/timeline?status=happened&actor=Russia")
    everything = _testids(whole, "timeline-event-")
    assert len(everything) > 7 and _link(whole, "timeline-next") is None
    pages = _walk(
        client, "/timeline?status=happened&actor=Russia&limit=3", "timeline", "timeline-event-"
    )
    assert [len(p) for p in pages[:-1]] == [3] * (len(pages) - 1) and 1 <= len(pages[-1]) <= 3
    assert [i for p in pages for i in p] == everything  # no row lost or repeated at a boundary
    second = _link(_get(client, "/timeline?status=happened&actor=Russia&limit=3"), "timeline-next")
    assert second is not None and "status=happened" in second and "actor=Russia" in second
    assert "limit=3" in second and "next=" in second
    first = _link(_get(client, second), "timeline-first")
    assert first == "/timeline?status=happened&actor=Russia&limit=3"
    # The chart draws the page's own events, dated in order across the boundary.
    dates = [
        row.split("<td>")[1][:10]
        for url in (first, second)
        for row in _get(client, url).split("<tr>")[2:]
    ]
    assert dates == sorted(dates)


def test_the_quotes_page_by_page_with_next_links_that_keep_the_search(
    client: TestClient,
) -> None:
    whole = _get(client, "/quotes?q=Ukrain")
    everything = _testids(whole, "evidence-quote-")
    assert len(everything) > 4 and _link(whole, "quotes-next") is None
    pages = _walk(client, "/quotes?q=Ukrain&limit=2", "quotes", "evidence-quote-")
    assert len(pages) > 2 and [i for p in pages for i in p] == everything
    second = _link(_get(client, "/quotes?q=Ukrain&limit=2"), "quotes-next")
    assert second is not None and "q=Ukrain" in second and "limit=2" in second


def test_a_page_token_that_is_not_ours_is_a_400_page(client: TestClient) -> None:
    for url in ("/timeline?next=bm90LW91cnM", "/quotes?next=WyJ0aW1lbGluZSIsMV0"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert_outline(response.text)
        assert "next page" in response.text and "Traceback" not in response.text


def test_missing_things_answer_404_with_a_page(client: TestClient) -> None:
    for url in ("/documents/99999", "/scenarios/nope", "/map?scenario=nope", "/questions/nope"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert_outline(response.text)
        assert "Traceback" not in response.text


def test_a_hostile_article_and_scenario_are_inert_in_every_page(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    store = open_store(url)
    document_id = add_hostile_article(store)
    scenario = hostile_scenario()
    save_scenario(store, None, dump_scenario(scenario.model_dump(mode="json", exclude_none=True)))
    store.close()
    with TestClient(create_app(ServeConfig(url))) as client:
        for page in (
            "/",
            "/timeline",
            "/quotes",
            f"/documents/{document_id}",
            "/scenarios/hostile",
            "/map?scenario=hostile",
            "/questions/meet?scenario=hostile",
            f"/quotes?q={quote(PAYLOADS[0])}",
            f"/timeline?actor={quote(PAYLOADS[1])}&type={quote(PAYLOADS[2])}",
        ):
            html = _get(client, page)
            assert_inert(html)
            for payload in PAYLOADS:
                assert payload not in html, (page, payload)


def test_a_scenario_stored_again_shows_its_new_version(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'z.db'}"
    data = hostile_scenario().model_dump(mode="json", exclude_none=True)
    store = open_store(url)
    save_scenario(store, None, dump_scenario({**data, "title": "First version"}))
    with TestClient(create_app(ServeConfig(url), store=store)) as client:
        for _ in range(2):  # the second answer comes from what the app kept
            assert "<h1>First version</h1>" in _get(client, "/scenarios/hostile")
        save_scenario(store, None, dump_scenario({**data, "title": "Second version"}))
        assert "<h1>Second version</h1>" in _get(client, "/scenarios/hostile")
        assert "Second version" in _get(client, "/map?scenario=hostile")
    store.close()


def _totals(client: TestClient) -> tuple[str, str, str]:
    """The overview's count sentence and the timeline's and quotes page's totals."""

    def sentence(html: str, start: str) -> str:
        return html.split(start, 1)[1].split("</p>", 1)[0]

    return (
        sentence(_get(client, "/"), "The store holds "),
        sentence(_get(client, "/timeline?limit=1"), '<p class="muted">'),
        sentence(_get(client, "/quotes?q=Vienna&limit=1"), '<p class="muted">'),
    )


@pytest.mark.slow  # the extraction loads spaCy
def test_kept_counts_follow_every_write_at_the_next_read(demo_copy: str, tmp_path: Path) -> None:
    article = tmp_path / "vienna.md"
    article.write_text(
        "---\npublished: 2025-05-20\n---\nRussia and Ukraine met in Vienna on Monday.\n\n"
        '"We will not give up Vienna talks," Ukraine\'s negotiator said on Monday.\n',
        encoding="utf-8",
    )
    store = open_store(demo_copy)
    with TestClient(create_app(ServeConfig(demo_copy), store=store)) as client:
        before = _totals(client)
        assert _totals(client) == before  # kept, and the same
        upload = client.post(
            "/api/v1/documents", files={"file": ("vienna.md", article.read_bytes())}
        )
        assert upload.status_code == 201, upload.text
        vienna = upload.json()["outcomes"][0]["document_id"]
        pages = (f"/documents/{vienna}", "/quotes?q=Vienna")
        unread = [_get(client, path) for path in pages]  # pages kept until an extraction
        listing = f"/api/v1/quotes?document={vienna}"
        unlisted = client.get(listing).json()["items"]
        ingested = _totals(client)
        documents = count_evidence(store)["documents"]
        assert ingested[0].startswith(f"{documents} document(s)")  # counted at once
        assert ingested[0] != before[0] and ingested[1:] == before[1:]  # no new item yet
        result = CliRunner().invoke(app, ["--db", demo_copy, "extract"])
        assert result.exit_code == 0, result.stderr
        extracted = _totals(client)
        read = [_get(client, path) for path in pages]
        listed = client.get(listing).json()["items"]
    counts = count_evidence(store)
    store.close()
    assert extracted[0] == (
        f"{counts['documents']} document(s), {counts['claims']} claims, "
        f"{counts['estimates']} estimates, {counts['events']} events, {counts['quotes']} quotes."
    )
    assert extracted[0] != ingested[0]
    assert extracted[1] != ingested[1] and extracted[2] != ingested[2]
    # The article's spans and the quotes (page and API), kept per extraction, show what it
    # found.
    assert 'id="quote-' not in unread[0] and 'id="quote-' in read[0]
    assert "give up Vienna talks" not in unread[1] and "give up Vienna talks" in read[1]
    assert unlisted == [] and [q["text"] for q in listed] == ["We will not give up Vienna talks"]

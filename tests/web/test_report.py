"""The self-contained HTML report on the demo store (``demo_db``, shared with the API
tests), and on a hostile one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.test_cli_imports import modules_imported
from tests.report.hostile_store import PAYLOADS, add_hostile_article, hostile_scenario
from tests.report.html_checks import assert_inert, assert_outline, parse
from tests.web.demo_store import SCENARIO_FILE
from zopa.cli import app
from zopa.report import REPORT_SEED, render_report, report_csp
from zopa.report._context import report_context
from zopa.report._templates import environment, stylesheet
from zopa.scenario import load_for_models, solve_scenario
from zopa.store import Store, open_store

SECTIONS = (
    "summary",
    "map",
    "models",
    "forecasts",
    "calibration",
    "timeline",
    "evidence",
    "articles",
)


def _write(url: str, out: Path) -> Path:
    result = CliRunner().invoke(app, ["--db", url, "report", str(SCENARIO_FILE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    path = out / "russia-ukraine-2025.html"
    assert f"wrote {path}" in result.output
    return path


@pytest.fixture(scope="session")
def example_report(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The report of the shipped scenario on the demo store, written once by the CLI."""
    return _write(demo_db, tmp_path_factory.mktemp("report")).read_text("utf-8")


@pytest.mark.slow
def test_the_report_is_byte_identical_when_written_again(
    demo_db: str, example_report: str, tmp_path: Path
) -> None:
    assert _write(demo_db, tmp_path).read_text("utf-8") == example_report


@pytest.mark.slow
def test_writing_the_report_imports_only_what_it_uses(demo_db: str, tmp_path: Path) -> None:
    # spaCy came with the evidence listings (zopa.extract), matplotlib with zopa.report's
    # other charts, scipy.stats and SALib/pandas with the simulator: seconds of imports.
    imported = modules_imported(
        "-m", "zopa", "--db", demo_db, "report", str(SCENARIO_FILE), "-o", str(tmp_path)
    )
    assert (tmp_path / "russia-ukraine-2025.html").is_file()
    unused = {"spacy", "matplotlib", "scipy.stats", "SALib", "pandas"}
    assert unused & imported == set()
    assert {"altair", "vl_convert", "jinja2"} <= imported


def test_the_report_holds_every_section_on_the_example_data(example_report: str) -> None:
    parsed = parse(example_report)
    for section in SECTIONS:
        assert section in parsed.ids, section
    assert "<svg" in example_report
    assert len(parsed.named("article")) > 28  # 28 articles plus the questions
    assert {"claim", "quote", "estimate", "event"} <= {
        a["class"].split()[1] for a in parsed.named("mark") if a.get("class")
    }


def test_every_link_of_the_report_lands_on_an_element_of_the_report(example_report: str) -> None:
    parsed = parse(example_report)
    links = parsed.links()
    assert any(link.startswith("#claim-") for link in links)
    assert any(link.startswith("#event-") for link in links)
    assert any(link.startswith("#cell-") for link in links)
    missing = {link for link in links if link.lstrip("#") not in parsed.ids}
    assert not missing, sorted(missing)[:5]


def test_the_report_fetches_nothing_and_runs_nothing(example_report: str) -> None:
    assert_inert(example_report)
    (meta,) = [m for m in parse(example_report).named("meta") if m.get("http-equiv")]
    assert meta["content"] == report_csp(stylesheet())
    assert "default-src 'none'" in str(meta["content"]) and "script" not in str(meta["content"])
    assert 'rel="stylesheet"' not in example_report


def test_the_report_inlines_the_stylesheet_verbatim_as_its_csp_hash_allows(
    example_report: str,
) -> None:
    # Escaped, its quotes became &#34; and the browser dropped the rules that held them.
    inlined = example_report.split("<style>", 1)[1].split("</style>", 1)[0]
    assert inlined == stylesheet()
    assert '"Segoe UI"' in inlined
    assert 'style="' not in example_report  # no style attribute the hash would not allow


def test_every_chart_of_the_report_has_a_text_alternative(example_report: str) -> None:
    parsed = parse(example_report)
    figures = parsed.named("figure")
    assert len(figures) >= 5  # map, models, calibration, timeline, a question's paths
    for figure in figures:
        assert f"{figure['id']}-caption" == figure["aria-labelledby"]
        assert figure["aria-labelledby"] in parsed.ids
    labelled = [d for d in parsed.named("div") if d.get("role") == "img"]
    assert len(labelled) == len(figures) and all(d["aria-label"] for d in labelled)
    assert_outline(example_report)


def test_a_hostile_article_and_scenario_are_inert_in_the_report(store: Store) -> None:
    add_hostile_article(store)
    html = render_report(store, hostile_scenario())
    assert_inert(html)
    for payload in PAYLOADS:
        assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert "javascript:alert(4)" in html  # the article's URL is text, never a link


def test_a_bad_as_of_date_is_refused_before_any_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            f"sqlite:///{tmp_path / 'z.db'}",
            "report",
            str(SCENARIO_FILE),
            "-o",
            str(tmp_path),
            "--as-of",
            "June",
        ],
    )
    assert result.exit_code == 2
    assert "is not a date" in result.output
    assert not list(tmp_path.glob("*.html"))


def test_a_report_as_of_a_date_leaves_out_what_was_published_after_it(
    sqlite_store: Store,
) -> None:
    add_hostile_article(sqlite_store)  # published on 1 June 2025
    parsed = parse(render_report(sqlite_store, hostile_scenario(), as_of=date(2025, 5, 31)))
    assert not [a for a in parsed.named("article") if str(a.get("id")).startswith("doc-")]
    assert not [m for m in parsed.named("mark") if m.get("id")]
    later = parse(render_report(sqlite_store, hostile_scenario(), as_of=date(2025, 6, 1)))
    assert "doc-1" in later.ids and "claim-1" in later.ids


def test_an_output_folder_that_cannot_be_made_is_refused_before_any_work(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "--db",
            f"sqlite:///{tmp_path / 'z.db'}",
            "report",
            str(SCENARIO_FILE),
            "-o",
            str(blocker / "out"),
        ],
    )
    assert result.exit_code == 1
    # The folder given is named whole (a path inside it could be cut to fit the line).
    assert f"-o {blocker / 'out'}: the folder {blocker} is not a folder" in result.output


def test_a_mistyped_output_path_makes_no_folders_on_the_way(tmp_path: Path) -> None:
    out = tmp_path / "typo" / "deeper" / "out"
    result = CliRunner().invoke(
        app,
        ["--db", f"sqlite:///{tmp_path / 'z.db'}", "report", str(SCENARIO_FILE), "-o", str(out)],
    )
    assert result.exit_code == 1
    assert f"the folder {out.parent} does not exist; create it first" in result.output
    assert not (tmp_path / "typo").exists()


@pytest.mark.slow
def test_the_report_solved_and_drawn_in_workers_is_the_report_made_here(demo_db: str) -> None:
    scenario = load_for_models(SCENARIO_FILE, allow_placeholders=False)
    store = open_store(demo_db)
    try:
        aside = render_report(store, scenario)
        context = report_context(
            store, scenario, None, lambda: solve_scenario(scenario, rng=REPORT_SEED)
        )
        here = environment().get_template("report.html").render(context)
    finally:
        store.close()
    assert aside == here

"""``zopa demo``: the main job on the bundled example corpus, stage by stage.

ingest → extract (with a digest of the evidence) → draft a scenario from it →
solve the shipped scenario with every model, its uncertainty and the ZOPA
verdict, and write the chart → replay the talks from 2019 (a backtest: every
forecast source as of every fourth week, stored, charted) → forecast the open
questions as of the scenario's date → score every stored forecast on the
resolved questions, with the reliability chart → store the scenario and write
the self-contained HTML report, then print its path and the command that opens
the dashboard on the same store. Each step calls the same library function as
its own command.
"""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import console, err_console, state
from zopa.cli._backtest import render_backtest
from zopa.cli._console import printable
from zopa.cli._docs import documents_table
from zopa.cli._extract import render_extraction_report
from zopa.cli._forecast import render_run, render_scores
from zopa.cli._ingest import render_report
from zopa.cli._placeholders import AllowPlaceholdersOption, load_computable, print_banner
from zopa.cli._scenario import render_solve

if TYPE_CHECKING:
    from zopa.report import Digest
    from zopa.scenario import Scenario
    from zopa.store import Store

__all__ = ["register", "render_digest"]

DEMO_SEED = 2025
BACKTEST_FROM = date(2019, 7, 1)
"""The backtest starts before the first shipped question opens (the 2019 prisoner swap)."""
BACKTEST_STEP_DAYS = 28
BACKTEST_RUNS = 500


def render_digest(digest: Digest) -> None:
    """Print the evidence digest: counts, then one table per kind of evidence."""
    counts = ", ".join(f"{n} {kind}" for kind, n in digest.counts.items())
    console.print(f"evidence in the store: {counts}")
    actors = Table(title="most mentioned actors")
    for column in ("actor", "kind", "country", "role", "mentions"):
        actors.add_column(column, justify="right" if column == "mentions" else "left")
    for actor in digest.actors:
        actors.add_row(
            actor["name"],
            actor["kind"],
            actor["country"] or "—",
            actor["role"] or "—",
            str(len(actor["mentions"])),
        )
    console.print(actors)
    events = Table(title="key events")
    for column in ("date", "type", "source", "target", "status", "doc"):
        events.add_column(column)
    for event in digest.events:
        events.add_row(
            event["date"] or "—",
            f"{event['type']}" + (f"/{event['mode']}" if event["mode"] else ""),
            event["source_actor"] or "—",
            event["target_actor"] or "—",
            event["status"],
            str(event["document_id"]),
        )
    console.print(events)
    quotes = Table(title="top quotes")
    quotes.add_column("speaker")
    quotes.add_column("quote", overflow="fold")
    quotes.add_column("doc", justify="right")
    for quote in digest.quotes:
        speaker = quote["speaker_actor"] or quote["speaker_text"] or "—"
        text = quote["text"] if len(quote["text"]) <= 160 else quote["text"][:157] + "…"
        quotes.add_row(speaker, f"[{quote['kind']}] {text}", str(quote["document_id"]))
    console.print(quotes)
    claims = Table(title="claims per actor and issue")
    claims.add_column("actor")
    claims.add_column("issues (number of claims)", overflow="fold")
    by_actor: dict[str, list[tuple[str, int]]] = {}
    for (claimant, issue), count in digest.claims_by_actor_issue.items():
        by_actor.setdefault(claimant, []).append((issue, count))
    for claimant, issues in sorted(by_actor.items(), key=lambda kv: -sum(n for _, n in kv[1])):
        ranked = sorted(issues, key=lambda pair: (-pair[1], pair[0]))
        claims.add_row(claimant, ", ".join(f"{issue} {n}" for issue, n in ranked))
    console.print(claims)
    estimates = Table(title="probability estimates")
    for column in ("holder", "phrase", "p", "interval", "about"):
        estimates.add_column(column, overflow="fold")
    for est in digest.estimates:
        estimates.add_row(
            est["holder_actor"] or est["holder_text"] or "(author)",
            est["phrase"],
            f"{est['probability']:.2f}",
            f"[{est['low']:.2f}, {est['high']:.2f}]",
            (est["about"] or "—")[:60],
        )
    console.print(estimates)


def _stage(name: str, what: str) -> Text:
    return Text.assemble((name, "bold"), " ", printable(what))


def demo(
    ctx: typer.Context,
    corpus: Annotated[Path, typer.Argument(help="Folder of articles to run on.")] = Path(
        "examples/corpus"
    ),
    scenario_file: Annotated[
        Path, typer.Option("--scenario", help="Scenario to solve with every model.")
    ] = Path("examples/scenarios/russia-ukraine-2025.yaml"),
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the drafted scenario and the chart.")
    ] = Path("out"),
    allow_placeholders: AllowPlaceholdersOption = False,
) -> None:
    """Run the pipeline on the example corpus and print what each stage found."""
    from zopa.extract import build_pipeline, extract_documents
    from zopa.ingest import ingest_paths
    from zopa.registry import models as model_registry
    from zopa.report import evidence_digest, write_solve_chart
    from zopa.scenario import draft_scenario, dump_scenario, solve_scenario
    from zopa.store import list_documents

    cli = state(ctx)
    if not corpus.is_dir():
        raise typer.BadParameter(f"{corpus} is not a folder", param_hint="CORPUS")
    scenario = load_computable(scenario_file, allow_placeholders)  # refused before any work
    print_banner(scenario)
    store = cli.store()
    out.mkdir(parents=True, exist_ok=True)

    console.rule(_stage("1. ingest", f"{corpus} → {store.display_url}"))
    report = ingest_paths(store, [corpus], max_file_bytes=cli.settings.max_file_bytes)
    render_report(report)
    console.print(documents_table(list_documents(store), title="stored documents"))

    console.rule(_stage("2. extract", "actors, events, quotes, claims, estimates"))
    extraction = extract_documents(store, build_pipeline())
    render_extraction_report(extraction)
    render_digest(evidence_digest(store))

    console.rule(_stage("3. scenario", "drafted from the evidence"))
    draft_path = out / "draft-scenario.yaml"
    draft = draft_scenario(store, scenario_id="demo-draft", title="Drafted from the example corpus")
    draft_path.write_text(dump_scenario(draft), encoding="utf-8")
    console.print(
        f"{len(draft.get('actors', []))} actors on {len(draft.get('issues', []))} issues, "
        f"every value citing its evidence → {draft_path} (edit it, then `zopa scenario check`)",
    )

    console.rule(_stage("4. solve", f"{scenario_file} with every model"))
    result = solve_scenario(scenario, models=model_registry.names(), rng=DEMO_SEED)
    result["scenario"]["file"] = str(scenario_file)
    render_solve(result)
    for path in write_solve_chart(result, out / "solve"):
        err_console.print(f"wrote {path}")
    _forecast_stages(store, scenario, out)
    _report_stage(store, scenario, scenario_file, out)


def _forecast_stages(store: Store, scenario: Scenario, out: Path) -> None:
    """Stages 5–7: backtest from 2019, forecast as of the scenario's date, scores."""
    from zopa.forecast import backtest, list_forecasts, run_forecasts, score_forecasts, store_run
    from zopa.report import write_backtest_chart, write_reliability_chart

    as_of = scenario.as_of or date.today()
    console.rule(_stage("5. backtest", f"every source from {BACKTEST_FROM} to {as_of}"))
    replay = backtest(
        scenario,
        store=store,
        start=BACKTEST_FROM,
        end=as_of,
        step_days=BACKTEST_STEP_DAYS,
        runs=BACKTEST_RUNS,
        seed=DEMO_SEED,
    )
    data = replay.to_dict()
    render_backtest(scenario.title, data)
    for path in write_backtest_chart(data, out / "backtest"):
        err_console.print(f"wrote {path}")

    console.rule(_stage("6. forecast", f"every question as of {as_of}, every source"))
    run = run_forecasts(scenario, as_of=as_of, store=store, seed=DEMO_SEED)
    store_run(store, run)
    render_run(run)

    console.rule(_stage("7. scores", "every stored forecast on the resolved questions"))
    scores = score_forecasts(scenario, list_forecasts(store, scenario.id))
    render_scores(scenario.title, scores)
    for path in write_reliability_chart(scores, out / "reliability", scenario.title):
        err_console.print(f"wrote {path}")


def _report_stage(store: Store, scenario: Scenario, scenario_file: Path, out: Path) -> None:
    """Stage 8: the scenario stored for the dashboard, the HTML report, how to open both."""
    from zopa.report import write_report
    from zopa.scenario import save_scenario

    console.rule(_stage("8. report", "one HTML file, and the dashboard"))
    save_scenario(store, None, scenario_file.read_text(encoding="utf-8"), source=str(scenario_file))
    path = write_report(store, scenario, out, seed=DEMO_SEED)
    console.print(Text.assemble("report: ", (str(path.resolve()), "bold")))
    command = f"zopa --db {shlex.quote(store.display_url)} serve"  # password masked
    console.print(
        Text.assemble("dashboard: ", (command, "bold"), "  (then open the address it prints)")
    )


def register(app: typer.Typer) -> None:
    """Add ``demo`` to ``app``."""
    app.command("demo")(demo)

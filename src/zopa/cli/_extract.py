"""``zopa extract`` and the evidence listings: actors, events, quotes, claims, estimates."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from zopa.cli._app import console, err_console, iso_date_option, parse_id, progress_bar, store_of
from zopa.cli._cluster import RayOption
from zopa.cli._console import printable, styled
from zopa.errors import one_line

if TYPE_CHECKING:  # zopa.extract loads spaCy: the commands import it when they run
    from zopa.evidence import EvidenceFilter, ItemListing
    from zopa.extract import (
        DocumentOutcome,
        ExtractionPlan,
        ExtractionReport,
        ExtractionSettings,
    )

__all__ = ["register", "render_extraction_report"]


def extract(
    ctx: typer.Context,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes for the spaCy pipeline (default 1); with --ray local, the "
            "CPUs of the local cluster (default: the machine's).",
            show_default=False,
        ),
    ] = None,
    ray: RayOption = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            min=1,
            max=10_000,
            help="Documents sent to a worker at a time (--workers, --ray).",
        ),
    ] = 8,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Extract every document again, even if current.")
    ] = False,
    gazetteer: Annotated[
        list[Path] | None,
        typer.Option(
            "--gazetteer",
            help="A YAML gazetteer added to the shipped one (repeatable); replaces the "
            "gazetteer files the store remembers.",
        ),
    ] = None,
    issues: Annotated[
        Path | None,
        typer.Option("--issues", help="An issue lexicon (YAML) replacing the shipped one."),
    ] = None,
    events: Annotated[
        Path | None,
        typer.Option("--events", help="An event lexicon (YAML) replacing the shipped one."),
    ] = None,
    shipped: Annotated[
        bool,
        typer.Option(
            "--shipped",
            help="Go back to the shipped gazetteer and lexicons (except those given "
            "with --gazetteer, --issues or --events).",
        ),
    ] = False,
    show_settings: Annotated[
        bool,
        typer.Option(
            "--show-settings",
            help="Print the extraction settings the store remembers, and extract nothing.",
        ),
    ] = False,
) -> None:
    """Extract actors, events, quotes, claims and estimates from stored documents.

    The store remembers the gazetteer files and lexicons it was extracted with;
    without --gazetteer, --issues, --events or --shipped the run uses them again.
    """
    from zopa.extract import (
        choose_settings,
        extract_documents,
        pipeline_for,
        plan_extraction,
        remembered_settings,
    )

    if ray is not None:
        from zopa.cluster import require_ray

        require_ray()  # before the pipeline loads: say at once what to install
    store = store_of(ctx)
    remembered = remembered_settings(store)
    if show_settings:
        render_settings(remembered)
        return
    settings = choose_settings(
        remembered, gazetteers=gazetteer, issues=issues, events=events, shipped=shipped
    )
    nlp = pipeline_for(settings)
    plan = plan_extraction(store, nlp, rebuild=rebuild)
    err_console.print(one_line(settings_notice(settings, remembered, plan)), markup=False)
    with progress_bar("extracting") as progress:
        task = progress.add_task("extract", total=None)

        def advance(_outcome: DocumentOutcome, total: int) -> None:
            progress.update(task, total=total, advance=1)

        report = extract_documents(
            store,
            nlp,
            rebuild=rebuild,
            workers=workers,
            batch_size=batch_size,
            on_progress=advance,
            ray=ray,
        )
    render_extraction_report(report)
    if not report.ok:
        raise typer.Exit(1)


def settings_notice(
    settings: ExtractionSettings, remembered: ExtractionSettings | None, plan: ExtractionPlan
) -> str:
    """The one line ``zopa extract`` says about its settings and what they make it re-read."""
    documents = f"{plan.reread} document{'s' * (plan.reread != 1)}"
    new = f"{plan.new} new document{'s' * (plan.new != 1)} to read" if plan.new else ""
    changes = settings.changes_from(remembered) if remembered is not None else []
    if changes:
        also = f"; {new}" if new else ""
        return (
            f"extraction settings changed: {'; '.join(changes)}; {documents} will be re-read" + also
        )
    whose = "recorded in the store" if remembered is None else "remembered by the store"
    todo = f"{new}, {plan.reread} to re-read" if new else f"{documents} to re-read"
    return f"extraction settings ({whose}): {settings.describe()}; {todo}"


def render_settings(settings: ExtractionSettings | None) -> None:
    """Print the store's remembered extraction settings (``--show-settings``)."""
    if settings is None:
        console.print("the store remembers no extraction settings yet; `zopa extract` records them")
        return
    table = Table(title="extraction settings remembered by the store")
    for column in ("setting", "file", "sha256", "bytes"):
        table.add_column(column)
    rows = [("gazetteer", None), *(("gazetteer", f) for f in settings.gazetteers)]
    rows += [(what, getattr(settings, what)) for what in ("issues", "events")]
    for what, file in rows:
        if file is None:
            table.add_row(what, "shipped", "—", "—")
        else:
            table.add_row(what, file.name, file.sha256[:16], f"{len(file.text.encode()):,}")
    console.print(table)


def render_extraction_report(report: ExtractionReport) -> None:
    for outcome in report.outcomes:
        if outcome.status in ("failed", "skipped") and outcome.message:
            level = "error" if outcome.status == "failed" else "note"
            err_console.print(one_line(f"{level}: {outcome.message}"))
    table = Table(title="extraction summary")
    for column in ("extracted", "up to date", "skipped", "failed"):
        table.add_column(column, justify="right")
    table.add_row(*(str(report.count(s)) for s in ("extracted", "current", "skipped", "failed")))
    console.print(table)
    items = report.items()
    if items:
        kinds = Table(title="items stored in this run")
        for kind in items:
            kinds.add_column(kind, justify="right")
        kinds.add_row(*(str(n) for n in items.values()))
        console.print(kinds)


def _marked(sentence: str, start: int, end: int) -> Text:
    start, end = max(0, start), max(0, end)
    return Text.assemble(
        printable(sentence[:start]),
        (printable(sentence[start:end]), "bold reverse"),
        printable(sentence[end:]),
    )


ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor key or part of its name.")]
FromOpt = Annotated[
    str | None, typer.Option("--from", help="Documents published on or after (YYYY-MM-DD).")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", help="Documents published on or before (YYYY-MM-DD).")
]
DocOpt = Annotated[
    int | None,
    typer.Option("--document", parser=parse_id, help="Only this document id."),
]
SentencesOpt = Annotated[
    bool, typer.Option("--sentences", help="Show each item's sentence with the span marked.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON array.")]


def _filters(
    actor: str | None,
    since: str | None,
    until: str | None,
    document: int | None,
    *,
    type_: str | None = None,
    issue: str | None = None,
    by_event_date: bool = False,
    kind: str = "events",
) -> EvidenceFilter:
    from zopa.evidence import EvidenceFilter, check_type

    if type_ is not None:
        check_type(kind, type_)

    first, last = iso_date_option(since, "--from"), iso_date_option(until, "--to")
    return EvidenceFilter(
        actor=actor,
        issue=issue,
        type=type_,
        published_from=None if by_event_date else first,
        published_to=None if by_event_date else last,
        dated_from=first if by_event_date else None,
        dated_to=last if by_event_date else None,
        document_id=document,
    )


def _print_json(items: Iterable[dict[str, Any]]) -> None:
    """Print ``items`` as one JSON array (indented), each item as soon as it comes."""
    opened = False
    for item in items:
        lines = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        typer.echo(f"{',' if opened else '['}\n  {lines}", nl=False)
        opened = True
    typer.echo("\n]" if opened else "[]")


_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("type", "status", "source_actor", "target_actor", "date", "date_precision", "place"),
    "quotes": ("kind", "speaker_actor", "speaker_text", "cue"),
    "claims": ("actor", "issue", "stance", "salience_cue", "attribution"),
    "estimates": ("holder_actor", "phrase", "probability", "low", "high", "about"),
}


def _show_items(kind: str, listings: Iterable[ItemListing], sentences: bool, as_json: bool) -> None:
    if as_json:
        _print_json(listing.item for listing in listings)
        return
    table = Table(title=kind)
    table.add_column("id", justify="right")
    table.add_column("doc", justify="right")
    for column in _COLUMNS[kind]:
        table.add_column(column)
    table.add_column("sentence" if sentences else "text")
    for listing in listings:
        item = listing.item
        cells = [str(item[c]) if item[c] is not None else "—" for c in _COLUMNS[kind]]
        if sentences:
            offset = listing.sentence_start
            last: Text | str = _marked(
                item["sentence"], item["start"] - offset, item["end"] - offset
            )
        else:
            last = item["text"][:120]
        table.add_row(str(item["id"]), str(item["document_id"]), *cells, last)
    console.print(table)


def actors(
    ctx: typer.Context,
    actor: ActorOpt = None,
    kind: Annotated[
        str | None, typer.Option("--type", help="Actor kind: state, person, organisation, group.")
    ] = None,
    since: FromOpt = None,
    until: ToOpt = None,
    document: DocOpt = None,
    sentences: SentencesOpt = False,
    as_json: JsonOpt = False,
    unsure: Annotated[
        bool,
        typer.Option(
            "--unsure", help="List the unsure resolutions (ambiguous names) with the reason."
        ),
    ] = False,
) -> None:
    """List the actors found, most mentioned first, with their mentions."""
    from zopa.evidence import list_actors, list_unsure, require_actor

    filters = _filters(actor, since, until, document, type_=kind, kind="actors")
    if actor is not None:
        require_actor(store_of(ctx), actor)
    if unsure:
        _show_unsure(list_unsure(store_of(ctx), filters), as_json)
        return
    listings = list_actors(store_of(ctx), filters)
    if as_json:
        _print_json([listing.item for listing in listings])
        return
    table = Table(title="actors")
    # The ids are what --actor and a scenario's `keys:` take: never cut, so they can be copied.
    widest = max((len(listing.item["id"]) for listing in listings), default=2)
    table.add_column("id", no_wrap=True, min_width=widest)
    for column in ("name", "kind", "country", "sector", "role", "mentions", "aliases"):
        table.add_column(column)
    for listing in listings:
        item = listing.item
        table.add_row(
            item["id"],
            item["name"],
            item["kind"],
            item["country"] or "—",
            item["sector"] or "—",
            item["role"] or "—",
            str(len(item["mentions"])),
            ", ".join(item["aliases"][:6]),
        )
    console.print(table)
    if sentences:
        for listing in listings:
            console.print(styled(listing.item["name"], "bold"))
            for mention, (sentence, offset) in zip(
                listing.item["mentions"], listing.sentences, strict=True
            ):
                line = _marked(sentence, mention["start"] - offset, mention["end"] - offset)
                console.print(Text(f"  [{mention['document_id']}] ") + line)


def _show_unsure(items: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        _print_json(items)
        return
    table = Table(title="unsure resolutions")
    for column in ("doc", "text", "actor", "reason"):
        table.add_column(column)
    for item in items:
        table.add_row(
            str(item["document_id"]), printable(item["text"]), item["actor"], item["reason"]
        )
    console.print(table)
    if not items:
        console.print("no unsure resolutions")


TypeOpt = Annotated[
    str | None,
    typer.Option(
        "--type", help="Event type (e.g. CONSULT), quote kind (direct, indirect) or claim stance."
    ),
]
IssueOpt = Annotated[str | None, typer.Option("--issue", help="Only claims on this issue.")]


EventFromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="Events dated on or after (YYYY-MM-DD): the event's own date, or its "
        "document's publication date for an event without one. A month- or year-precise "
        "date counts as its first day.",
    ),
]
EventToOpt = Annotated[
    str | None,
    typer.Option(
        "--to",
        help="Events dated on or before (YYYY-MM-DD), with the same fallback as --from.",
    ),
]


def _item_command(kind: str) -> Any:
    def command(
        ctx: typer.Context,
        actor: ActorOpt = None,
        type_: TypeOpt = None,
        issue: IssueOpt = None,
        since: FromOpt = None,
        until: ToOpt = None,
        document: DocOpt = None,
        sentences: SentencesOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        from zopa.evidence import iter_items, require_actor

        if actor is not None:
            require_actor(store_of(ctx), actor)
        filters = _filters(
            actor,
            since,
            until,
            document,
            type_=type_,
            issue=issue,
            by_event_date=kind == "events",
            kind=kind,
        )
        _show_items(kind, iter_items(store_of(ctx), kind, filters), sentences, as_json)

    if kind == "events":  # the same command, its --from/--to read as event dates
        command.__annotations__ = {
            **command.__annotations__,
            "since": EventFromOpt,
            "until": EventToOpt,
        }

    command.__doc__ = f"List the {kind} found, each with its document, span and sentence."
    command.__name__ = kind
    return command


def register(app: typer.Typer) -> None:
    """Add ``extract`` and the listings to ``app``."""
    app.command("extract")(extract)
    app.command("actors")(actors)
    for kind in _COLUMNS:
        app.command(kind)(_item_command(kind))

"""The view models: pure functions of plain data (no store, no rendering)."""

from __future__ import annotations

from typing import Any

from zopa.report.views import (
    Evidence,
    Links,
    Span,
    actor_issue_map,
    cited_evidence,
    issue_matches,
    models_view,
    segments,
    short_model,
    timeline,
)
from zopa.scenario import Evidence as Citation
from zopa.scenario import IssueSpec, Scenario


def test_segments_cut_at_every_boundary_and_nest_overlapping_spans() -> None:
    text = "Kyiv said no to the deal today."
    spans = [
        Span("quote", 1, 0, 24, "q"),
        Span("claim", 7, 5, 30, "c"),
        Span("mention", None, 0, 4, "actor Kyiv"),
    ]
    out = segments(text, spans)
    assert "".join(s["text"] for s in out) == text
    assert [s["text"] for s in out] == ["Kyiv", " ", "said no to the deal", " today", "."]
    first, _, middle, _, last = out
    assert [m["kind"] for m in first["marks"]] == ["quote", "mention"]  # outermost first
    assert first["marks"][0]["anchor"] == "quote-1" and first["marks"][1]["anchor"] is None
    assert [m["kind"] for m in middle["marks"]] == ["quote", "claim"]
    assert middle["marks"][1]["anchor"] == "claim-7"  # the claim starts here
    assert out[3]["marks"][0]["anchor"] is None  # the claim goes on, no second anchor
    assert last["marks"] == []


def test_segments_clip_spans_outside_the_text_and_drop_empty_ones() -> None:
    out = segments("abc", [Span("event", 3, 2, 10, "e"), Span("claim", 4, 1, 1, "empty")])
    assert [(s["text"], [m["anchor"] for m in s["marks"]]) for s in out] == [
        ("ab", []),
        ("c", ["event-3"]),
    ]
    assert segments("", []) == []


def test_links_point_into_the_report_or_to_the_dashboard_pages() -> None:
    report, pages = Links(standalone=True), Links(standalone=False, scenario="a b")
    assert report.span("claim", 12, 5) == "#claim-12"
    assert pages.span("claim", 12, 5) == "/documents/5#claim-12"
    assert report.cell("russia", "territory") == "#cell-russia-territory"
    assert pages.cell("russia", "territory") == "/map?scenario=a%20b#cell-russia-territory"
    assert pages.question("q1") == "/questions/q1?scenario=a%20b"
    assert report.document(3) == "#doc-3" and pages.document(3) == "/documents/3"


def test_a_lexicon_issue_speaks_to_a_scenario_issue_sharing_a_word() -> None:
    issue = IssueSpec.model_validate(
        {
            "id": "government",
            "label": "Legitimacy of Kyiv's government",
            "anchors": {0: "a", 100: "b"},
        }
    )
    assert issue_matches(issue, "government")
    assert issue_matches(issue, "government_legitimacy")
    assert not issue_matches(issue, "ceasefire")
    assert not issue_matches(issue, "of_the_war")  # words under four letters never match


def test_open_issues_match_by_their_own_words_not_by_the_draft_s_boilerplate() -> None:
    royalty = IssueSpec.model_validate(
        {
            "id": "open_royalty",
            "label": "Royalty (open issue: no lexicon word; rename it)",
            "anchors": {0: "a", 100: "b"},
        }
    )
    assert issue_matches(royalty, "open_royalty")
    assert issue_matches(royalty, "open_royalty_rate")
    assert not issue_matches(royalty, "open_concession_extension")  # "open" is no shared word
    assert not issue_matches(royalty, "open_issue_word")  # nor is the label's note
    renamed = IssueSpec.model_validate(
        {"id": "royalty", "label": "Royalty rate", "anchors": {0: "a", 100: "b"}}
    )
    assert issue_matches(renamed, "open_royalty")
    assert not issue_matches(renamed, "open_dredging")


def _claim(item_id: int, actor: str, issue: str, document_id: int = 1) -> dict[str, Any]:
    return {
        "id": item_id,
        "document_id": document_id,
        "source": "a.txt",
        "start": 0,
        "end": 4,
        "text": "t",
        "sentence": f"sentence {item_id}",
        "actor": actor,
        "issue": issue,
        "stance": "demand",
        "salience_cue": None,
        "attribution": "own",
    }


def _scenario() -> Scenario:
    return Scenario.model_validate(
        {
            "id": "s",
            "title": "S",
            "issues": [{"id": "land", "label": "Land", "anchors": {0: "a", 100: "b"}}],
            "actors": [
                {
                    "id": "north",
                    "name": "North (the Kremlin)",
                    "kind": "state",
                    "capability": 1,
                    "positions": {
                        "land": {
                            "position": {"value": 80, "evidence": [{"claim": 2}, "a note"]},
                            "salience": 50,
                        }
                    },
                },
                {"id": "south", "name": "South", "kind": "state", "capability": 1},
            ],
        }
    )


def test_a_map_cell_holds_the_cited_and_the_matching_stored_claims() -> None:
    evidence = Evidence(
        documents={
            1: {"id": 1, "source": "a.txt", "title": "A", "text": "text", "published": None}
        },
        items={
            "claims": [
                _claim(1, "North", "land"),
                _claim(2, "the Kremlin", "ceasefire"),
                _claim(3, "South", "land"),
            ]
        },
    )
    view = actor_issue_map(_scenario(), evidence, Links(standalone=True))
    assert [r["id"] for r in view["rows"]] == ["north"]  # South takes no position
    (cell,) = view["rows"][0]["cells"]
    assert cell["href"] == "#cell-north-land" and cell["anchor"] == "cell-north-land"
    assert [c["id"] for c in cell["claims"]] == [1]  # North's claim on land, not South's
    assert cell["claims"][0]["href"] == "#claim-1"
    assert cell["cited"] == [
        {"kind": "claim", "text": "sentence 2", "href": "#claim-2"},
        {"kind": "note", "text": "a note", "href": None},
    ]


def test_a_map_cell_holds_the_claims_of_the_people_the_actor_stands_for() -> None:
    data = _scenario().model_dump(mode="json", exclude_none=True)
    data["actors"][0]["keys"] = ["NTH", "unresolved:ines-dalmau"]
    data["issues"].append({"id": "water", "label": "Water rights", "anchors": {0: "a", 100: "b"}})
    data["actors"][0]["positions"]["water"] = {"position": 10, "salience": 20}
    evidence = Evidence(
        documents={1: {"id": 1, "source": "a.txt", "title": "A", "text": "t", "published": None}},
        items={
            "claims": [
                _claim(1, "Inés Dalmau", "land"),  # an official, resolved by the gazetteer later
                _claim(2, "Inés Dalmau", "open_water_rights"),
                _claim(3, "Inés Dalmauer", "land"),  # another person
            ]
        },
    )
    view = actor_issue_map(Scenario.model_validate(data), evidence, Links(standalone=True))
    land, water = view["rows"][0]["cells"]
    assert [c["id"] for c in land["claims"]] == [1]
    assert [c["id"] for c in water["claims"]] == [2]


def test_a_citation_the_store_does_not_hold_says_so_without_a_link() -> None:
    evidence = Evidence(documents={}, items={})
    cited = cited_evidence(
        [Citation(claim=9), Citation(document="x.txt", start=0, end=3)],
        evidence,
        Links(standalone=False),
    )
    assert cited == [
        {"kind": "claim", "text": "claim 9 (not in the store)", "href": None},
        {"kind": "document", "text": "x.txt (not in the store)", "href": None},
    ]


def _event(item_id: int, when: str | None, status: str, source: str | None) -> dict[str, Any]:
    return {
        "id": item_id,
        "document_id": item_id,
        "source": "a.txt",
        "start": 0,
        "end": 1,
        "text": "t",
        "sentence": "s",
        "type": "MEET",
        "mode": None,
        "cameo": None,
        "source_actor": source,
        "target_actor": None,
        "date": when,
        "date_precision": None,
        "place": None,
        "status": status,
    }


def test_the_timeline_dates_undated_events_by_their_article_and_filters() -> None:
    docs = {
        1: {"published": "2025-01-05"},
        2: {"published": "2025-01-01"},
        3: {"published": None},
    }
    evidence = Evidence(
        documents=docs,
        items={
            "events": [
                _event(1, None, "happened", "Russia"),
                _event(2, "2025-01-09", "planned", "Ukraine"),
                _event(3, None, "planned", None),
            ]
        },
    )
    view = timeline(evidence, Links(standalone=True))
    assert [(e["id"], e["when"], e["dated_by"]) for e in view["events"]] == [
        (1, "2025-01-05", "article"),
        (2, "2025-01-09", "event"),
    ]
    assert view["undated"] == 1
    assert view["choices"]["status"] == ["happened", "planned"]
    assert [e["id"] for e in timeline(evidence, Links(True), actor="russ")["events"]] == [1]
    assert [e["id"] for e in timeline(evidence, Links(True), status="planned")["events"]] == [2]
    assert view["events"][0]["href"] == "#event-1"


def test_the_models_view_keeps_the_model_order_and_names_the_ratifiers() -> None:
    prediction = {
        "point": 50.0,
        "low": 40.0,
        "high": 60.0,
        "within_zopa": True,
        "p_within_zopa": 0.9,
        "blocked_by": [],
    }
    result = {
        "seed": 1,
        "draws": 10,
        "interval": 0.9,
        "placeholders": [],
        "models": [{"name": "zopa.nash.v1"}, {"name": "zopa.median.v1"}],
        "issues": [
            {
                "id": "land",
                "positions": [
                    {"actor": "rada", "binds": "ratifier"},
                    {"actor": "kyiv", "binds": "negotiator"},
                ],
                "predictions": {"zopa.median.v1": prediction, "zopa.nash.v1": prediction},
            }
        ],
        "package": {
            "models": {
                "zopa.median.v1": {"within_zopa": True},
                "zopa.nash.v1": {"within_zopa": False},
            }
        },
        "formats": [],
    }
    view = models_view(result)
    assert [p["short"] for p in view["issues"][0]["predictions"]] == ["nash", "median"]
    assert view["ratifiers"] == ["rada"]
    assert [m["within_zopa"] for m in view["package"]["models"]] == [False, True]
    assert short_model("my.model") == "my.model"


def test_the_timeline_orders_the_events_by_date_and_counts_them() -> None:
    evidence = Evidence(
        documents={},
        items={"events": [_event(k, f"2025-01-0{k}", "happened", None) for k in (3, 1, 2)]},
    )
    view = timeline(evidence, Links(True))
    assert [e["id"] for e in view["events"]] == [1, 2, 3] and view["total"] == 3


def test_a_chart_asked_again_is_the_same_svg_with_its_own_ids() -> None:
    from zopa.report.specs import figure, render_svg

    spec = {
        "data": {"values": [{"x": 1, "c": 5}, {"x": 2, "c": 9}]},
        "mark": "rect",
        "encoding": {
            "x": {"field": "x", "type": "ordinal"},
            "color": {"field": "c", "type": "quantitative"},
        },
    }
    first = figure("one", "t", "d", spec)
    again = figure("one", "t", "d", spec)
    other = figure("two", "t", "d", spec)
    assert first is not None and again is not None and other is not None
    assert first.svg == again.svg == render_svg(spec, "one")  # the counter does not leak in
    assert 'id="one-0"' in first.svg and 'id="two-0"' in other.svg
    assert "url(#one-0)" in first.svg  # the gradient legend refers to its own id
    assert "xmlns" not in first.svg and "vega.github.io" not in first.svg


def test_the_summary_shows_the_formats_and_deadlines_by_name() -> None:
    from zopa.report._templates import environment
    from zopa.report.views import scenario_summary

    data = _scenario().model_dump(mode="json", exclude_none=True)
    data["actors"].append({"id": "umpire", "name": "Umpire", "kind": "mediator", "capability": 1})
    data["formats"] = [
        {
            "id": "rounds",
            "label": "Shuttle rounds",
            "kind": "mediated_trilateral",
            "participants": ["north", "south"],
            "mediators": ["umpire"],
            "venue": "Lakeside",
            "status": "ongoing",
        }
    ]
    data["deadlines"] = [
        {"id": "d1", "set_by": "north", "date": "2030-05-01", "applies_to": ["south"]}
    ]
    summary = scenario_summary(Scenario.model_validate(data), {"documents": 0}, None)
    (fmt,) = summary["formats"]
    assert (fmt["kind"], fmt["participants"], fmt["mediators"]) == (
        "mediated trilateral",
        ["North (the Kremlin)", "South"],
        ["Umpire"],
    )
    assert summary["deadlines"] == [
        {
            "id": "d1",
            "date": "2030-05-01",
            "set_by": "North (the Kremlin)",
            "applies_to": ["South"],
            "description": None,
        }
    ]
    html = environment().get_template("sections/summary.html").render(summary=summary)
    assert "Shuttle rounds" in html and "Lakeside" in html and "Umpire" in html
    assert "2030-05-01" in html and 'data-testid="deadlines"' in html


def test_a_pooled_statement_shows_its_resolved_holder_or_says_there_is_none() -> None:
    from zopa.report.views._forecasts import _holder

    assert _holder({"holder": "Ama Owu", "holder_text": "she"}, None) == "Ama Owu"
    assert _holder({"holder": None, "holder_text": "she"}, None) == "holder not resolved (“she”)"
    assert _holder({"holder": None, "holder_text": None}, None) == "no holder named"
    # a forecast stored before holder_text: the actor is read from the stored estimate
    assert _holder({"holder": "she"}, {"holder_actor": "Ama Owu"}) == "Ama Owu"
    assert _holder({"holder": "she"}, None) == "holder not resolved (“she”)"


def test_a_direction_is_labelled_as_one_not_as_a_level() -> None:
    from zopa.report.views._evidence import _label

    item = {"phrase": "more likely", "probability": 0.5, "low": 0.0, "high": 1.0}
    assert _label("estimates", {**item, "holder_actor": "Ama"}) == (
        "estimate more likely (a direction, no level) by Ama"
    )


def test_a_simulations_forecast_carries_how_its_runs_ended() -> None:
    from zopa.report.views._forecasts import _why

    made = {"parameters": {"paths": {"agreed": 0, "voided": 0, "walked": 0, "apart": 40},
                           "conceded": 0.03}}  # fmt: skip
    why = _why(made)
    assert why is not None and why.startswith("of 40 runs, 40 still apart at the date")
    assert "a median 3%" in why and "`talks_began`" in why
    assert _why({"parameters": {"weights": {}}}) is None  # the other sources: nothing to say

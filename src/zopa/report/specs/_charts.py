"""The chart specs of the report and the dashboard, written with Altair from view models.

Every mark that stands for evidence carries an ``href`` from its view model
(a timeline point → the event's sentence, a map cell → the claims behind it,
a question's path → the question); every chart has a ``description`` (the
SVG's ``aria-label``) and the templates add a caption and the data as a table.
Each function returns a Vega-Lite spec as a dict, or ``None`` when there is
nothing to draw.
"""

from __future__ import annotations

from typing import Any

import altair as alt

__all__ = [
    "calibration_spec",
    "map_spec",
    "models_spec",
    "paths_spec",
    "timeline_spec",
]

_WIDTH = 560
_STATUS_COLOURS = {
    "happened": "#1b7837",
    "planned": "#2166ac",
    "refused": "#b2182b",
    "hypothetical": "#8c8c8c",
}


def _data(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Inline data (never a URL: the renderer may fetch nothing), as a plain dict: Altair
    hashes the values of an ``alt.Data`` one by one, ten times slower."""
    return {"values": rows}


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite dict, without Altair's JSON-schema validation (two seconds on
    the shipped scenario; vl-convert refuses an invalid spec anyway, and the tests render
    every chart)."""
    return dict(chart.to_dict(validate=False))


def _tooltip(*fields: str) -> list[alt.Tooltip]:
    """Tooltip channels built as objects: Altair resolves a shorthand string against the
    whole Vega-Lite schema (``from_dict``), which took most of the time of a spec."""
    return [alt.Tooltip(f) for f in fields]


def timeline_spec(view: dict[str, Any], description: str) -> dict[str, Any] | None:
    """Events by date (x) and type (y), coloured by status, each point linked to its sentence."""
    rows = [
        {
            "when": e["when"],
            "type": e["type"],
            "status": e["status"],
            "who": " → ".join(a for a in (e["source_actor"], e["target_actor"]) if a) or "—",
            "href": e["href"],
        }
        for e in view["events"]
    ]
    if not rows:
        return None
    statuses = sorted({r["status"] for r in rows})
    chart = (
        alt.Chart(_data(rows), width=_WIDTH, description=description)
        .mark_point(filled=True, size=60, opacity=0.8, cursor="pointer")
        .encode(
            x=alt.X("when:T", title="date"),
            y=alt.Y("type:N", title="event type"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(
                    domain=statuses, range=[_STATUS_COLOURS.get(s, "#000") for s in statuses]
                ),
            ),
            href=alt.Href("href:N"),
            tooltip=_tooltip("when:T", "type:N", "status:N", "who:N"),
        )
    )
    return _spec(chart)


def map_spec(view: dict[str, Any], description: str) -> dict[str, Any] | None:
    """Actors (rows) × issues (columns): colour the position, the number the salience."""
    cells = [c for row in view["rows"] for c in row["cells"] if c is not None]
    if not cells:
        return None
    rows = [
        {
            "actor": c["actor_name"],
            "issue": c["issue_label"],
            "position": c["position"],
            "salience": c["salience"],
            # A dashboard cell lists its first claims and counts them all.
            "claims": c.get("claims_total", len(c["claims"])),
            "href": c["href"],
        }
        for c in cells
    ]
    actors = [r["name"] for r in view["rows"]]
    issues = [i["label"] for i in view["issues"]]
    base = alt.Chart(_data(rows), description=description).encode(
        x=alt.X("issue:N", sort=issues, title="issue", axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("actor:N", sort=actors, title=None),
    )
    cells_layer = base.mark_rect(cursor="pointer").encode(
        color=alt.Color(
            "position:Q", scale=alt.Scale(domain=[0, 100], scheme="blueorange"), title="position"
        ),
        href=alt.Href("href:N"),
        tooltip=_tooltip("actor:N", "issue:N", "position:Q", "salience:Q", "claims:Q"),
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("salience:Q"), href=alt.Href("href:N")
    )
    return _spec(alt.layer(cells_layer, labels).properties(width=_WIDTH))


def models_spec(view: dict[str, Any], description: str) -> dict[str, Any] | None:
    """Per issue on its 0–100 scale: positions (size = salience), each model's point and
    interval, the ZOPA as a band and the status quo as a rule."""
    panels = []
    for issue in view["issues"]:
        rows = [
            {
                "row": p["actor"],
                "x": p["position"],
                "low": p["low"],
                "high": p["high"],
                "size": p["salience"] or 0,
                "what": "position",
            }
            for p in issue["positions"]
        ] + [
            {
                "row": f"model: {m['short']}",
                "x": m["point"],
                "low": m["low"] if m["low"] is not None else m["point"],
                "high": m["high"] if m["high"] is not None else m["point"],
                "size": 40,
                "what": "prediction",
            }
            for m in issue["predictions"]
            if m["point"] is not None
        ]
        order = [r["row"] for r in rows]
        scale = alt.Scale(domain=[0, 100])
        y = alt.Y("row:N", sort=order, title=None)
        layers: list[alt.Chart] = []
        zopa = issue["zopa"]
        if zopa["nonempty"]:
            band = [{"low": zopa["low"], "high": zopa["high"]}]
            layers.append(
                alt.Chart(_data(band))
                .mark_rect(color="#4daf4a", opacity=0.18)
                .encode(x=alt.X("low:Q", scale=scale, title=None), x2=alt.X2("high:Q"))
            )
        if issue["status_quo"] is not None:
            layers.append(
                alt.Chart(_data([{"sq": issue["status_quo"]}]))
                .mark_rule(color="#666", strokeDash=[4, 3])
                .encode(x=alt.X("sq:Q", scale=scale))
            )
        data = _data(rows)
        layers.append(
            alt.Chart(data)
            .mark_rule(strokeWidth=2)
            .encode(
                x=alt.X("low:Q", scale=scale, title=issue["label"]),
                x2=alt.X2("high:Q"),
                y=y,
                color=alt.Color("what:N", title=None),
            )
        )
        layers.append(
            alt.Chart(data)
            .mark_point(filled=True)
            .encode(
                x=alt.X("x:Q", scale=scale),
                y=y,
                size=alt.Size("size:Q", legend=None),
                color=alt.Color("what:N", title=None),
                tooltip=_tooltip("row:N", "x:Q", "low:Q", "high:Q"),
            )
        )
        panels.append(alt.layer(*layers).properties(width=_WIDTH - 120, title=issue["label"]))
    if not panels:
        return None
    return _spec(alt.vconcat(*panels, description=description))


def paths_spec(question: dict[str, Any], description: str) -> dict[str, Any] | None:
    """Each source's probability over the dates it forecast (a step line per source)."""
    rows = [
        {"as_of": h["as_of"], "p": h["probability"], "source": h["source"]}
        for h in question["history"]
        if h["probability"] is not None
    ]
    if not rows:
        return None
    chart = (
        alt.Chart(_data(rows), width=_WIDTH, height=180, description=description)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("as_of:T", title="as of"),
            y=alt.Y("p:Q", scale=alt.Scale(domain=[0, 1]), title="P(yes)"),
            color=alt.Color("source:N"),
            tooltip=_tooltip("source:N", "as_of:T", "p:Q"),
        )
    )
    return _spec(chart)


def calibration_spec(view: dict[str, Any], description: str) -> dict[str, Any] | None:
    """CORP reliability diagrams (Dimitriadis, Gneiting & Jordan 2021): forecast vs
    calibrated probability per source, the diagonal being perfect calibration."""
    rows = [
        {"source": s["source"], "forecast": p["forecast"], "calibrated": p["calibrated"]}
        for s in view["sources"]
        for p in s["points"]
        if s["source_kind"] != "baseline"
    ]
    if not rows:
        return None
    unit = alt.Scale(domain=[0, 1])
    diagonal = (
        alt.Chart(_data([{"a": 0, "b": 1}]))
        .mark_rule(color="#999", strokeDash=[4, 3])
        .encode(
            x=alt.X("a:Q", scale=unit),
            y=alt.Y("a:Q", scale=unit),
            x2=alt.X2("b:Q"),
            y2=alt.Y2("b:Q"),
        )
    )
    lines = (
        alt.Chart(_data(rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("forecast:Q", scale=unit, title="forecast probability"),
            y=alt.Y("calibrated:Q", scale=unit, title="CORP calibrated probability"),
            color=alt.Color("source:N"),
            tooltip=_tooltip("source:N", "forecast:Q", "calibrated:Q"),
        )
    )
    return _spec(
        alt.layer(diagonal, lines, description=description).properties(width=320, height=320)
    )

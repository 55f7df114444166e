"""The actor × issue map: each actor's position and salience per issue, and the evidence.

A cell's evidence is what the scenario cites for the stance (claims, quotes,
estimates and document spans found in the store, and analysts' notes) and the
stored claims that speak to it: a claim belongs to the cell of actor A and issue
I when its holder's name is one A goes by (the names of
:func:`zopa.forecast._matching.actor_patterns`: its name, id, the name in
brackets, a leader's surname, the actor it represents) or the name of a store actor
A stands for (A's ``keys``: its officials, ``unresolved:luisa-nhantumbo`` for
"Luísa Nhantumbo", whatever the key's prefix) and its issue is I's id,
or shares a word of four letters or more with I's id or label (an open issue's
words are those of its key, not ``open``)
(``government_legitimacy`` speaks to an issue labelled "Legitimacy of Kyiv's
government").
"""

from __future__ import annotations

import re
from typing import Any

from zopa.forecast._matching import name_matcher
from zopa.issue_keys import is_open, key_words
from zopa.report.views._evidence import Evidence
from zopa.report.views._links import Links
from zopa.scenario import IssueSpec, Scenario

__all__ = ["actor_issue_map", "cited_evidence", "issue_matches"]

_WORD = re.compile(r"[a-z]{4,}")
_NOTE = re.compile(r"\([^)]*\)")


def _words(issue_key: str, label: str = "") -> set[str]:
    """The words of four letters or more of an issue's key and label.

    An open issue's key gives its content words (:func:`zopa.issue_keys.key_words`),
    not its ``open_`` prefix, and a drafted label's note in brackets ("(open issue:
    no lexicon word; rename it)") is no word of the issue: every open issue would
    otherwise speak to every other.
    """
    key = " ".join(key_words(issue_key)) if is_open(issue_key) else issue_key
    text = f"{key} {_NOTE.sub(' ', label)}".casefold().replace("_", " ")
    return set(_WORD.findall(text))


def issue_matches(issue: IssueSpec, claim_issue: str) -> bool:
    """Whether a stored claim's issue (a lexicon id or an open issue's key) speaks to ``issue``."""
    if claim_issue == issue.id:
        return True
    return bool(_words(issue.id, issue.label) & _words(claim_issue))


def cited_evidence(entries: list[Any], evidence: Evidence, links: Links) -> list[dict[str, Any]]:
    """A stance's ``evidence:`` entries resolved against the store, in file order.

    Each is ``{"kind", "text", "href"}``: a cited claim, quote or estimate with
    its sentence and span link when stored (else ``href`` is ``None``), a
    document span with its text when the document is stored, or a note.
    """
    by_source = {d["source"].rsplit("/", 1)[-1]: d for d in evidence.documents.values()}
    out = []
    for entry in entries:
        for kind in ("claim", "quote", "estimate"):
            row_id = getattr(entry, kind)
            if row_id is not None:
                item = evidence.by_id(f"{kind}s").get(row_id)
                out.append(
                    {
                        "kind": kind,
                        "text": item["sentence"] if item else f"{kind} {row_id} (not in the store)",
                        "href": links.span(kind, row_id, item["document_id"]) if item else None,
                    }
                )
                break
        else:
            if entry.document is not None:
                doc = (
                    evidence.documents.get(int(entry.document))
                    if entry.document.isdigit()
                    else by_source.get(entry.document)
                )
                if doc is None:
                    text = f"{entry.document} (not in the store)"
                elif entry.start is not None:
                    text = doc["text"][entry.start : entry.end]
                else:
                    text = doc["title"] or doc["source"]
                href = links.document(doc["id"]) if doc else None
                out.append({"kind": "document", "text": text, "href": href})
            elif entry.note is not None:
                out.append({"kind": "note", "text": entry.note, "href": None})
    return out


def actor_issue_map(scenario: Scenario, evidence: Evidence, links: Links) -> dict[str, Any]:
    """Rows of actors (those with a position), columns of issues, a cell per stance.

    Each cell: ``actor``, ``issue``, ``position``, ``salience``, ``red_line``,
    ``href`` (its evidence), ``cited`` (:func:`cited_evidence`) and ``claims``
    (stored claims of the actor on the issue, each with its span link).
    """
    goes_by = name_matcher(scenario)
    claims = evidence.items.get("claims", [])
    issues = [{"id": i.id, "label": i.label} for i in scenario.issues]
    rows = []
    for actor in scenario.actors:
        if not actor.positions:
            continue
        mine = [c for c in claims if c["actor"] and goes_by(actor.id, c["actor"])]
        cells: list[dict[str, Any] | None] = []
        for issue in scenario.issues:
            stance = actor.positions.get(issue.id)
            if stance is None:
                cells.append(None)
                continue
            cells.append(
                {
                    "actor": actor.id,
                    "actor_name": actor.name,
                    "issue": issue.id,
                    "issue_label": issue.label,
                    "position": stance.position.value,
                    "salience": stance.salience.value,
                    "red_line": stance.red_line.value if stance.red_line else None,
                    "anchor": f"cell-{actor.id}-{issue.id}",
                    "href": links.cell(actor.id, issue.id),
                    "cited": cited_evidence(
                        [*stance.position.evidence, *stance.salience.evidence, *stance.evidence],
                        evidence,
                        links,
                    ),
                    "claims": [
                        {**c, "href": links.span("claim", c["id"], c["document_id"])}
                        for c in mine
                        if issue_matches(issue, c["issue"])
                    ],
                }
            )
        rows.append({"id": actor.id, "name": actor.name, "kind": actor.kind, "cells": cells})
    return {"issues": issues, "rows": rows}

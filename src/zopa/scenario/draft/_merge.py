"""``scenario draft --base FILE``: merge a fresh draft into the analyst's file.

The analyst's file is read and written back by one round-trip YAML emitter
(:mod:`._yaml`), so its comments, values, key order and quoting survive. Issues
and actors of the draft are matched to the file's by id, by the store keys an actor
carries (``keys:``), by name or alias (a person's name matches the state they speak
for; an actor with ``represents:`` stands for the actor it represents), then by the
claims both cite — so an
actor or issue the analyst renamed is still found. A matched item keeps every
value; only citations it does not already hold are added. What matches nothing
is appended — unless the file was drafted from every document it cites (its
``drafted_from``): the analyst has seen it and left it out, so it stays out. Nothing
is ever added twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from zopa.scenario._id_ranges import IdRanges
from zopa.scenario.draft._yaml import flow_citations, guess_emitter, to_text

__all__ = ["Draft", "MergeSummary", "merge_draft"]

_CITING = ("claim", "estimate", "quote")


@dataclass
class Draft:
    """A drafted scenario (plain data) and the names each drafted actor goes by."""

    data: dict[str, Any]
    #: case-folded names, keys and people's names of each actor, by actor id
    aliases: dict[str, set[str]] = field(default_factory=dict)
    #: documents left out (published after the as-of date, or undated)
    left_out: int = 0


@dataclass
class MergeSummary:
    """What a merge changed in the analyst's file."""

    kept_actors: dict[str, str] = field(default_factory=dict)
    kept_issues: dict[str, str] = field(default_factory=dict)
    added_actors: list[str] = field(default_factory=list)
    added_issues: list[str] = field(default_factory=list)
    added_positions: list[str] = field(default_factory=list)
    added_evidence: int = 0
    #: values written with ``placeholder: true`` in what was added
    added_placeholders: int = 0
    #: drafted items left out: every document they cite had been drafted from already
    left_out: list[str] = field(default_factory=list)
    as_of: tuple[str, str] | None = None

    def lines(self) -> list[str]:
        """The summary as lines for the terminal."""

        def matched(pairs: dict[str, str]) -> str:
            return ", ".join(b if d == b else f"{d} → {b}" for d, b in sorted(pairs.items()))

        out = [
            f"kept the file's values of {len(self.kept_actors)} actor(s) "
            f"({matched(self.kept_actors) or 'none'}) and {len(self.kept_issues)} issue(s) "
            f"({matched(self.kept_issues) or 'none'})"
        ]
        for what, items in (
            ("actors", self.added_actors),
            ("issues", self.added_issues),
            ("positions", self.added_positions),
        ):
            if items:
                out.append(f"added {what}: {', '.join(items)}")
        out.append(f"added evidence: {self.added_evidence} new citation(s)")
        if self.added_placeholders:
            out.append(
                f"added {self.added_placeholders} placeholder value(s): set them before solving "
                "(`zopa scenario check` lists them)"
            )
        if self.left_out:
            out.append(
                "not added again (drafted before from the same documents; your file left them "
                f"out): {', '.join(self.left_out)}"
            )
        if self.as_of is not None:
            out.append(f"as_of: {self.as_of[0]} → {self.as_of[1]}")
        return out


def _norm(text: object) -> str:
    return " ".join(str(text).casefold().replace("_", " ").split())


def citation_key(entry: object) -> tuple[Any, ...] | None:
    """What an evidence entry cites (kind and id, or document span), ``None`` for a note."""
    if not isinstance(entry, Mapping):
        return None
    for kind in _CITING:
        if entry.get(kind) is not None:
            return (kind, int(entry[kind]))
    if entry.get("document") is not None:
        return ("span", str(entry["document"]), entry.get("start"), entry.get("end"))
    return None


def _citations(node: object) -> list[Mapping[str, Any]]:
    """Every citing evidence entry in ``node`` (mappings and lists walked), in order."""
    if isinstance(node, Mapping):
        own = [node] if citation_key(node) is not None else []
        return own + [c for value in node.values() for c in _citations(value)]
    if isinstance(node, list):
        return [c for value in node for c in _citations(value)]
    return []


def _keys(node: object) -> set[tuple[Any, ...]]:
    return {k for c in _citations(node) if (k := citation_key(c)) is not None}


def _claims(node: object) -> set[tuple[Any, ...]]:
    return {k for k in _keys(node) if k[0] == "claim"}


def _add(target: CommentedMap, entries: Iterable[Mapping[str, Any]], held: set[Any]) -> int:
    """Append to ``target['evidence']`` the entries whose citation is not in ``held``."""
    new: list[Mapping[str, Any]] = []
    for entry in entries:
        key = citation_key(entry)
        if key is not None and key not in held:
            held.add(key)
            new.append(flow_citations(dict(entry)))
    if new:
        if "evidence" not in target or target["evidence"] is None:
            target["evidence"] = CommentedSeq()
        target["evidence"].extend(new)
    return len(new)


def _best(candidates: Iterable[CommentedMap], wanted: set[Any], key: Any) -> CommentedMap | None:
    scored = [(len(key(c) & wanted), i, c) for i, c in enumerate(candidates)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: (s[0], -s[1]))[2] if scored else None


def _issue_claims(actors: Iterable[Mapping[str, Any]], issue: Mapping[str, Any]) -> set[Any]:
    """The claims an issue's evidence and every stance on it cite."""
    held = _claims(issue.get("evidence"))
    for actor in actors:
        held |= _claims((actor.get("positions") or {}).get(issue.get("id")))
    return held


def _match_issues(doc: CommentedMap, draft: dict[str, Any]) -> dict[str, CommentedMap]:
    base = list(doc.get("issues") or [])
    actors = list(doc.get("actors") or [])
    found: dict[str, CommentedMap] = {}
    for issue in draft["issues"]:
        names = {_norm(issue["id"]), _norm(issue["label"])}
        hit = next((b for b in base if b.get("id") == issue["id"]), None) or next(
            (b for b in base if {_norm(b.get("id")), _norm(b.get("label"))} & names), None
        )
        if hit is None:
            wanted = _issue_claims(draft["actors"], issue)
            hit = _best(base, wanted, lambda b: _issue_claims(actors, b))
        if hit is not None:
            found[issue["id"]] = hit
    return found


def _match_actors(doc: CommentedMap, draft: Draft) -> dict[str, CommentedMap]:
    base = list(doc.get("actors") or [])
    by_id = {b.get("id"): b for b in base}
    found: dict[str, CommentedMap] = {}
    for actor in draft.data["actors"]:
        names = {_norm(actor["id"]), _norm(actor["name"])} | {
            _norm(a) for a in draft.aliases.get(actor["id"], set())
        }
        keys = {_norm(k) for k in actor.get("keys", ())}
        hit = (
            by_id.get(actor["id"])
            or next((b for b in base if {_norm(k) for k in b.get("keys") or ()} & keys), None)
            or next((b for b in base if {_norm(b.get("id")), _norm(b.get("name"))} & names), None)
        )
        if hit is None:
            hit = _best(base, _claims(actor), _claims)
        if hit is not None and hit.get("represents") in by_id:
            hit = by_id[hit["represents"]]
        if hit is not None:
            found[actor["id"]] = hit
    return found


def _placeholders(node: object) -> int:
    """How many values in ``node`` are written with ``placeholder: true``."""
    if isinstance(node, Mapping):
        own = 1 if node.get("placeholder") is True else 0
        return own + sum(_placeholders(value) for value in node.values())
    if isinstance(node, list):
        return sum(_placeholders(value) for value in node)
    return 0


class _Seen:
    """Whether drafted evidence comes only from documents the file was drafted from."""

    def __init__(self, drafted_from: object) -> None:
        self.ranges = IdRanges.parse(str(drafted_from)) if drafted_from else None

    def old(self, *nodes: object) -> bool:
        """True when the file records what it was drafted from and ``nodes`` cite nothing else."""
        if self.ranges is None:
            return False
        for node in nodes:
            for entry in _citations(node):
                document = str(entry.get("document", ""))
                if not document.isdigit() or int(document) not in self.ranges:
                    return False
        return True


def merge_draft(base_text: str, draft: Draft) -> tuple[str, MergeSummary]:
    """Merge ``draft`` into the scenario YAML ``base_text``; the new text and what changed.

    ``base_text`` must be a valid scenario (check it first); its comments,
    values and layout are kept, and lines are added only for new actors,
    issues, positions and citations. When the file records the documents it was
    drafted from (``drafted_from``), an unmatched actor, issue or stance that cites
    only those documents is not added again (the analyst removed it, or never
    kept it); ``drafted_from`` grows by the documents this draft read.
    """
    yaml = guess_emitter(base_text)
    doc: CommentedMap = yaml.load(base_text)
    data = draft.data
    summary = MergeSummary()
    seen = _Seen(doc.get("drafted_from"))
    issue_hits = _match_issues(doc, data)
    issue_ids = {d: str(b["id"]) for d, b in issue_hits.items()}
    skipped: set[str] = set()
    for issue in data["issues"]:
        hit = issue_hits.get(issue["id"])
        if hit is None:
            stances = [(a.get("positions") or {}).get(issue["id"]) for a in data["actors"]]
            if seen.old(issue, *stances):
                skipped.add(issue["id"])
                summary.left_out.append(f"issue {issue['id']}")
                continue
            doc["issues"].append(flow_citations(issue))
            summary.added_issues.append(issue["id"])
            summary.added_placeholders += _placeholders(issue)
        else:
            summary.kept_issues[issue["id"]] = issue_ids[issue["id"]]
            summary.added_evidence += _add(hit, _citations(issue.get("evidence")), _keys(hit))
    actor_hits = _match_actors(doc, draft)
    for actor in data["actors"]:
        positions = {
            issue_ids.get(i, i): s
            for i, s in (actor.get("positions") or {}).items()
            if i not in skipped
        }
        hit = actor_hits.get(actor["id"])
        if hit is None:
            if seen.old(actor):
                summary.left_out.append(f"actor {actor['id']}")
                continue
            added = {**actor, **({"positions": positions} if positions else {})}
            if not positions:
                added.pop("positions", None)
            doc["actors"].append(flow_citations(added))
            summary.added_actors.append(actor["id"])
            summary.added_placeholders += _placeholders(added)
            continue
        summary.kept_actors[actor["id"]] = str(hit["id"])
        held = _keys(hit)
        summary.added_evidence += _add(hit, _citations(actor.get("evidence")), held)
        for issue_id, stance in positions.items():
            if hit.get("positions") is None:
                hit["positions"] = CommentedMap()
            if issue_id in hit["positions"]:
                summary.added_evidence += _add(hit["positions"][issue_id], _citations(stance), held)
            elif issue_id not in summary.added_issues and seen.old(stance):
                # (a stance on an issue added now comes with it, whatever it cites)
                summary.left_out.append(f"{hit['id']} on {issue_id}")
            else:
                hit["positions"][issue_id] = flow_citations(stance)
                held |= _keys(stance)
                summary.added_positions.append(f"{hit['id']} on {issue_id}")
                summary.added_placeholders += _placeholders(stance)
    summary.added_evidence += _add(doc, _citations(data.get("evidence")), _keys(doc))
    as_of = data.get("as_of")
    if as_of is not None and str(doc.get("as_of")) != str(as_of):
        summary.as_of = (str(doc.get("as_of", "none")), str(as_of))
        day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
        if "as_of" in doc:
            doc["as_of"] = day
        else:
            doc.insert(list(doc).index("title") + 1 if "title" in doc else 0, "as_of", day)
    _record_documents(doc, seen, data.get("drafted_from"))
    return to_text(yaml, doc), summary


def _record_documents(doc: CommentedMap, seen: _Seen, drafted: object) -> None:
    """Set ``drafted_from`` to what the file and this draft were drafted from (if it grew)."""
    if not drafted:
        return
    merged = IdRanges.parse(str(drafted)) | (seen.ranges or IdRanges())
    if seen.ranges == merged:
        return
    if "drafted_from" in doc:
        doc["drafted_from"] = str(merged)
    else:
        keys = list(doc)
        after = "as_of" if "as_of" in doc else "title" if "title" in doc else None
        doc.insert(keys.index(after) + 1 if after else 0, "drafted_from", str(merged))

"""Why gold events of the article sets are missed and stored events unmatched, by cause
(docs/extraction-events.md, "Version 10": causes over every article set).

    python training/events/diagnose.py blind blind-2 ... seeds [--json OUT]

Runs the shipped pipeline once over each set's documents (``seeds`` against
``../shared/seeds``, skipped where absent; the others against their own folder), scores the
events as ``zopa eval extraction`` does, then classes each gold event missed by the stored
events whose spans overlap it, and each stored event left unmatched by the gold events
overlapping it. Prints the F1 per set and a table of causes per set; ``--json`` writes
every miss with its cause and the gold hint, to read by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from zopa.errors import ExtractionError
from zopa.extract._actors import get_gazetteer
from zopa.extract._evaluate import _predicted, load_gold
from zopa.extract._event_scoring import (
    _known,
    _same_dyad,
    known_names,
    match_events,
    spelled_out_names,
)
from zopa.extract._matching import overlaps
from zopa.extract._pipeline import build_pipeline
from zopa.extract._sentence_scoring import same_actor
from zopa.files import MAX_DATA_FILE_BYTES, read_text
from zopa.ingest import date_from_dateline, normalise_text

GOLD = Path("tests/gold")
SEEDS = Path("../shared/seeds")
Event = Mapping[str, Any]


def _dyad(event: Event) -> str:
    return f"{event['type']} {event.get('source_actor')} -> {event.get('target_actor')}"


def _actor_cause(gold: Event, stored: Event, names: Mapping[str, str], side: str) -> str:
    theirs = _known(gold.get(f"{side}_actor"), names)
    ours = _known(stored.get(f"{side}_actor"), names)
    if ours is None:
        return f"{side} missing"
    if theirs is None:
        return f"{side} given, gold has none"
    if str(theirs).startswith("unresolved:") or str(ours).startswith("unresolved:"):
        return f"{side} wrong (an unresolved name)"
    if str(ours).split(":")[0] != str(theirs).split(":")[0]:
        return f"{side} wrong (person/body against state)"
    return f"{side} wrong (another actor)"


def miss_cause(gold: Event, stored: Sequence[Event], names: Mapping[str, str]) -> str:
    """The cause of one gold event missed, from the stored events ``stored`` (all of the
    document's)."""
    near = [p for p in stored if overlaps(p, gold)]
    same = [p for p in stored if _same_dyad(p, gold, names)]
    if same and not near:
        return "span: the same event stored elsewhere"
    if not near:
        return "not detected"
    typed = [p for p in near if p["type"] == gold["type"]]
    if not typed:
        return f"type: {near[0]['type']} for {gold['type']}"
    for p in typed:
        if same_actor(
            _known(gold.get("source_actor"), names), _known(p.get("source_actor"), names)
        ):
            return _actor_cause(gold, p, names, "target")
    if any(p.get("source_actor") == _known(gold.get("target_actor"), names) for p in typed):
        return "source and target swapped"
    return _actor_cause(gold, typed[0], names, "source")


def extra_cause(stored: Event, gold: Sequence[Event], names: Mapping[str, str]) -> str:
    """The cause of one stored event matching no gold event."""
    if stored.get("mode") in ("mediate", "host"):
        return "extra: a mediator's or host's event"
    near = [g for g in gold if overlaps(stored, g)]
    if not near:
        return "extra: no gold event there"
    if any(g["type"] == stored["type"] for g in near):
        if stored.get("target_actor") is None:
            return "extra: right type, no target"
        return "extra: right type, other dyad (a second dyad or wrong actor)"
    return "extra: another type than gold's"


def _documents(name: str) -> tuple[Path, Path] | None:
    gold = GOLD / name
    corpus = SEEDS if name == "seeds" else gold
    return (gold, corpus) if corpus.is_dir() else None


def diagnose(sets: Sequence[str]) -> dict[str, Any]:
    """Per set: counts (matched, stored, gold) and the causes of every miss."""
    nlp = build_pipeline()
    gazetteer = get_gazetteer(nlp)
    known = known_names(gazetteer)
    out: dict[str, Any] = {}
    for name in sets:
        folders = _documents(name)
        if folders is None:
            print(f"{name}: skipped (no documents)", file=sys.stderr)
            continue
        gold_dir, corpus = folders
        docs = []
        for path in sorted(gold_dir.glob("*.events.yaml")):
            stem = path.name.removesuffix(".events.yaml")
            text = normalise_text(
                read_text(
                    corpus / f"{stem}.txt",
                    max_bytes=MAX_DATA_FILE_BYTES,
                    error=ExtractionError,
                    what="document",
                )
            )
            doc = nlp.make_doc(text)
            doc._.zopa_published = date_from_dateline(text)
            docs.append((doc, (stem, load_gold(path))))
        causes: list[dict[str, Any]] = []
        matched = stored_n = gold_n = 0
        for doc, (stem, gold) in nlp.pipe(docs, as_tuples=True):
            stored = _predicted(doc)["events"]
            names = {**known, **spelled_out_names(doc, gazetteer)}
            pairs = match_events(gold, stored, names)
            matched += len(pairs)
            stored_n += len(stored)
            gold_n += len(gold)
            hit_g = {g for g, _ in pairs}
            hit_p = {p for _, p in pairs}
            for i, g in enumerate(gold):
                if i not in hit_g:
                    causes.append(
                        {
                            "doc": stem,
                            "kind": "missed",
                            "cause": miss_cause(g, stored, names),
                            "hint": g.get("hint"),
                            "gold": _dyad(g),
                            "near": [_dyad(p) for p in stored if overlaps(p, g)],
                            "text": doc.text[g["start"] : g["end"]],
                        }
                    )
            for j, p in enumerate(stored):
                if j not in hit_p:
                    causes.append(
                        {
                            "doc": stem,
                            "kind": "extra",
                            "cause": extra_cause(p, gold, names),
                            "stored": _dyad(p),
                            "text": doc.text[p["start"] : p["end"]],
                        }
                    )
        out[name] = {"matched": matched, "stored": stored_n, "gold": gold_n, "causes": causes}
    return out


def _f1(m: int, s: int, g: int) -> float:
    return 2 * m / (s + g) if s + g else 0.0


def main(argv: Sequence[str] | None = None) -> None:
    """Print F1 per set and the cause table; write the misses with ``--json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = diagnose(args.sets)
    names = list(result)
    for name in names:
        r = result[name]
        print(
            f"{name}: F1 {_f1(r['matched'], r['stored'], r['gold']):.3f} "
            f"{r['matched']}/{r['stored']}/{r['gold']}"
        )
    counts = {n: Counter(c["cause"] for c in result[n]["causes"]) for n in names}
    every = sorted({c for n in names for c in counts[n]}, key=lambda c: (c.startswith("extra"), c))
    print("| cause | " + " | ".join(names) + " | sets |")
    print("| --- |" + " --- |" * (len(names) + 1))
    for cause in every:
        row = [counts[n][cause] for n in names]
        print(f"| {cause} | " + " | ".join(map(str, row)) + f" | {sum(1 for x in row if x)} |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

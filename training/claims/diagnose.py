"""Why the gold claims of draft sets were missed, by cause (docs/extraction-estimates-claims.md,
"Why gold claims are missed").

    zopa eval draft tests/gold/drafts-6 --json > drafts-6.json
    python training/claims/diagnose.py drafts-6.json tests/gold/drafts-6

Each gold claim whose sentence held no stored claim (``found: []`` in the evaluation's
``wrong`` list) is looked up in its article, re-parsed by the shipped pipeline (or the model
``ZOPA_CLAIMS_MODEL`` names: use the held-out one for a set the shipped model was trained on),
and the claims component's steps are checked in turn: the gold text in one sentence, a cue,
then its holder and issue, else the classifier's probability of a stance. Prints one line per
miss and a count per cause.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from zopa.extract._claim_classifier import NONE, claim_predicate
from zopa.extract._claim_combine import CLASSIFIED, Thresholds, added_stance, find, read
from zopa.extract._claim_cues import Cue, find_cues
from zopa.extract._claim_holders import claim_holders
from zopa.extract._claim_scope import circumstantial, cue_scope
from zopa.extract._claims import _SUBJECT_KINDS, ClaimsComponent, _is_question
from zopa.extract._doc import ACTORS, CLAIMS
from zopa.extract._open_issues import open_issue
from zopa.extract._pipeline import build_pipeline
from zopa.files import MAX_DATA_FILE_BYTES
from zopa.ingest import prepare, read_file


def _cause(comp: ClaimsComponent, doc: Doc, start: int, end: int) -> tuple[str, str]:
    sents = [s for s in doc.sents if s.start_char < end and s.end_char > start]
    if len(sents) != 1:
        return "gold text split over sentences", ""
    sent = sents[0]
    if _is_question(sent):
        return "a question", ""
    if any(c.sent.start == sent.start for c in doc.spans[CLAIMS]):
        return "a claim now", ""
    hits = [h for h in comp.issue_matcher(doc) if sent.start <= h.start < sent.end]
    hits = [h for h in hits if not circumstantial(doc, h)]
    cues = find_cues(doc, comp.cue_matcher)
    cue_tokens = {c.token.i for c in cues}
    actor_tokens = {t.i for span in doc.spans.get(ACTORS, []) for t in span}
    mine = [c for c in cues if sent.start <= c.token.i < sent.end]
    if mine:
        notes, holder, issue = [], False, False
        for cue in mine:
            scope = cue_scope(cue.token, cue_tokens, keep_subject=cue.kind in _SUBJECT_KINDS)
            issues = [h.issue for h in hits if h.start in scope]
            opened = open_issue(cue, actor_tokens) if not issues else None
            issues += [opened.issue] if opened else []
            holders = [h.actor for h in claim_holders(doc, cue, comp.known) if h.actor]
            holder, issue = holder or bool(holders), issue or bool(issues)
            notes.append(
                f"{cue.kind}:{cue.token.text}/{cue.stance} holders={holders} issues={issues}"
            )
        cause = (
            "a cue, no holder"
            if not holder
            else "a cue and a holder, no issue"
            if not issue
            else "holder and issue on different cues"
        )
        return cause, "; ".join(notes)
    assert comp.classifier is not None
    reading = read(comp.classifier, [sent])[0]
    stance = added_stance(reading, Thresholds())
    predicate = claim_predicate(sent)
    note = f"P(stance)={1.0 - reading.of(NONE):.2f} predicate={predicate.text}"
    if stance is None:
        return "no cue, classifier NONE", note
    cue = Cue(predicate, stance, (predicate,), CLASSIFIED)
    if not any(h.actor for h in claim_holders(doc, cue, comp.known)):
        return "classifier sure, no holder", note
    if not find(doc, sent, stance, hits, cue_tokens, actor_tokens, comp.known):
        return "classifier sure, no issue or a future not the holder's", note
    return "a claim now", note


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("evaluation", type=Path, help="zopa eval draft --json output")
    parser.add_argument("gold", type=Path, help="the draft gold set it scored")
    args = parser.parse_args()
    nlp = build_pipeline()
    comp = nlp.get_pipe("zopa_claims")
    assert isinstance(comp, ClaimsComponent)
    data = json.loads(args.evaluation.read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    for name, scores in data["negotiations"].items():
        docs: dict[str, Doc] = {}
        for miss in (w for w in scores["claims"]["wrong"] if not w["found"]):
            if miss["document"] not in docs:
                path = args.gold / name / f"{miss['document']}.md"
                raw = next(iter(read_file(path, MAX_DATA_FILE_BYTES)))
                if isinstance(raw, Exception):
                    raise SystemExit(f"{path}: cannot be read ({raw})")
                docs[miss["document"]] = nlp(prepare(raw)[0].text)
            doc = docs[miss["document"]]
            pattern = r"\s+".join(re.escape(w) for w in miss["text"].split())
            found = re.search(pattern, doc.text)
            cause, note = (
                _cause(comp, doc, found.start(), found.end())
                if found
                else ("gold text not in the article", "")
            )
            counts[cause] += 1
            print(f"{name} | {miss['expected']} | {cause} | {miss['text'][:100]} | {note[:240]}")
    print()
    for cause, count in counts.most_common():
        print(f"{count:4d}  {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Claims: an actor's demand, red line, offer, goal or position on an issue.

The ``zopa_claims`` spaCy component combines three cheap token matches per
document — *issue terms* from the issue lexicon (:mod:`zopa.extract._issues`),
*stance cues* and *salience cues* — with the parse:

- **Stance** comes from the cue: demand (demand, insist, call for, condition,
  urge, adamant; "must"/"should" in a clause someone says; "can/will only ..."),
  red_line (unacceptable, non-negotiable, red line, never, rule out, out of the
  question, off the table), offer (offer, propose, promise, ready/willing/prepared
  to, give up, concede), goal (want, seek, aim, pursue, achieve, goal, priority,
  attempt, effort, bid, interested in; a purpose clause "in order to ...") and
  position (reject, refuse, oppose, resist, dismiss, ignore, support, accept,
  recognise, declare, claim, agreeable; "will not ...", "cannot accept ...").
- **Holder** (the claim's actor) is the subject of the cue verb or of the
  predicate adjective's copula ("Hamas insists", "Yerevan was ready"), the
  possessor of a cue noun ("Moscow's demands", "Putin's primary goal"), the
  subject of the verb that names a cue noun ("officials describe X as their top
  priority"), the object of "for"/"to" after a red-line word or its copula
  ("unacceptable to Washington", "is unacceptable for Kyiv"), else the subject of
  the nearest clause above, else the speaker of the quotation containing the cue.
  A relative pronoun stands for the noun its clause qualifies ("Trump, who has
  urged ..."); pronouns take the nearest fitting actor before them; first-person
  pronouns in a quotation take its speaker; an unnamed group qualified by a
  nationality ("Iranian officials", "Russian envoys") is its state. A claim needs
  an actor: cues whose holder resolves to no actor are dropped.
- **Issues** are the issue terms in the cue's clause: its verb's subtree without
  coordinated clauses that have their own subject, concessive or causal clauses
  with their own subject ("although ...", "because ..."), and relative or
  adverbial clauses holding a cue of their own. A cue inside a relative clause
  also governs the noun the clause qualifies ("a ceasefire, which Russia has
  resisted"). Issue words that only set the time or the occasion ("on the eve of
  elections", "in case of failed negotiations", "at a meeting with ...") do not
  count. Carry-over between sentences: a cue that points back ("these demands",
  "such a plan", "describe that as ...") takes the issues of the previous
  sentence's claims (else all its issue words); a cue with no issue that announces
  a list takes the issues after a colon in its sentence, or — for a list noun or a
  clause qualifying one ("several conditions that Kyiv says are unacceptable") —
  those of the next sentence ("Among them: ..."); a sentence that spells out what
  came before ("This would mean ...", "That includes ...") and makes no claim of
  its own carries the holders and stances of the claims of the two sentences
  before it to its issues.
- **Attribution** is ``own`` when the actor says it: a speech-act cue (demand,
  insist, propose, reject, declare, ...), a cue inside a quotation by the actor,
  or a cue under a reporting verb whose subject is the actor; otherwise
  ``reported`` (someone else says the actor wants it).
- **Salience cue**: "primary goal", "top priority", "most important",
  "(very) secondary (concern)" ... as written, given to the claims whose issue
  words lie in the cue's clause or whose cue it qualifies; a clause that only
  weighs what its governing clause says ("..., though its officials call that a
  secondary concern") weighs that clause's claims; a sentence that only weighs an
  issue ("Territory is very secondary") speaks for the actors of the previous
  sentence's claims.

Each claim is a span in ``doc.spans["zopa_claims"]`` covering the cue and the
issue words, with ``span._.zopa_fields`` = ``actor``, ``issue``, ``stance``,
``salience_cue``, ``attribution``. One claim per (actor, issue) per sentence;
when several cues give one, the strongest stance wins (red_line > demand >
offer > goal > position) and the span covers all of their words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from zopa.extract._actors import get_gazetteer
from zopa.extract._attribution import (
    REPORTING_LEMMAS,
    Holder,
    clause_subjects,
    holder_of_subject,
    quote_of,
)
from zopa.extract._doc import CLAIMS, FIELDS
from zopa.extract._gazetteer import Gazetteer
from zopa.extract._issues import IssueHit, IssueLexicon, IssueMatcher, load_issue_lexicon

__all__ = ["ClaimsComponent", "make_claims"]

_VERB_CUES: dict[str, str] = {
    "demand": "demand",
    "insist": "demand",
    "require": "demand",
    "urge": "demand",
    "press": "demand",
    "condition": "demand",
    "offer": "offer",
    "propose": "offer",
    "concede": "offer",
    "want": "goal",
    "seek": "goal",
    "aim": "goal",
    "pursue": "goal",
    "hope": "goal",
    "strive": "goal",
    "reject": "position",
    "refuse": "position",
    "oppose": "position",
    "resist": "position",
    "dismiss": "position",
    "support": "position",
    "accept": "position",
    "recognize": "position",
    "recognise": "position",
    "declare": "position",
    "claim": "position",
    "favour": "position",
    "favor": "position",
    "deny": "position",
    "warn": "demand",
    "threaten": "demand",
    "promise": "offer",
    "pledge": "offer",
    "vow": "offer",
    "achieve": "goal",
    "ignore": "position",
}
_NOUN_CUES: dict[str, str] = {
    "demand": "demand",
    "condition": "demand",
    "precondition": "demand",
    "ultimatum": "demand",
    "requirement": "demand",
    "call": "demand",
    "offer": "offer",
    "proposal": "offer",
    "concession": "offer",
    "goal": "goal",
    "aim": "goal",
    "objective": "goal",
    "priority": "goal",
    "desire": "goal",
    "ambition": "goal",
    "attempt": "goal",
    "effort": "goal",
    "bid": "goal",
    "push": "goal",
    "quest": "goal",
    "intention": "goal",
}
_ADJ_CUES: dict[str, str] = {
    "unacceptable": "red_line",
    "non-negotiable": "red_line",
    "nonnegotiable": "red_line",
    "inadmissible": "red_line",
    "adamant": "demand",
    "ready": "offer",
    "willing": "offer",
    "prepared": "offer",
    "open": "offer",
    "interested": "goal",
    "agreeable": "position",
    "opposed": "position",
}
_SPEECH_ACTS = frozenset(
    {
        "demand",
        "insist",
        "urge",
        "press",
        "offer",
        "propose",
        "reject",
        "refuse",
        "dismiss",
        "declare",
        "claim",
        "deny",
        "call",
        "ultimatum",
        "adamant",
        "say",
        "state",
        "announce",
        "warn",
        "threaten",
    }
)
_SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "declare",
        "insist",
        "announce",
        "write",
        "add",
        "stress",
        "confirm",
        "note",
        "argue",
        "claim",
        "explain",
        "reiterate",
        "repeat",
        "make",
    }
)
#: Verbs whose object noun ("put forth conditions", "achieve a goal") belongs to their subject.
_HOLDING_VERBS = frozenset(
    {
        "put",
        "make",
        "issue",
        "set",
        "present",
        "lay",
        "table",
        "submit",
        "advance",
        "repeat",
        "reiterate",
        "state",
        "voice",
        "pursue",
        "achieve",
        "abandon",
        "have",
        "drop",
        "soften",
        "harden",
        "keep",
        "list",
        "outline",
    }
)
_CIRCUMSTANTIAL_PREPS = frozenset({"at", "during", "in", "before", "after", "ahead", "on"})
_STANCE_RANK = {"red_line": 5, "demand": 4, "offer": 3, "goal": 2, "position": 1}
_LIST_NOUNS = frozenset(
    {"demand", "condition", "goal", "term", "objective", "precondition", "aim", "requirement"}
)
_ANAPHORIC_DETS = frozenset({"this", "these", "such", "those"})
_ANAPHORIC_NOUNS = frozenset({"idea", "proposal", "plan", "offer", "suggestion", "request"})
#: Adjectives that are a cue only with a complement ("ready to talk", not "a ready answer").
_NEEDS_COMPLEMENT = frozenset({"ready", "willing", "prepared", "open", "interested", "opposed"})
#: Subordinators of clauses that set a contrast, a cause or a time, not the cue's content.
_CONTRAST_MARKS = frozenset({"whereas", "although", "though", "because", "since"})
_TEMPORAL_PREPS = frozenset({"before", "after", "during", "until", "since", "amid"})
_SCENE_NOUNS = frozenset(
    {"eve", "ahead", "wake", "aftermath", "sidelines", "margins", "case", "event"}
)
#: "This would mean ...": verbs of a sentence that spells out what came before.
_ELABORATING_VERBS = frozenset({"mean", "include", "entail", "involve", "imply", "require"})
#: Heads of unnamed groups that speak for a state when qualified by its demonym.
_ROLE_NOUNS = frozenset(
    {
        "official",
        "officer",
        "envoy",
        "negotiator",
        "diplomat",
        "minister",
        "ministry",
        "government",
        "authority",
        "delegation",
        "delegate",
        "side",
        "leadership",
        "source",
        "representative",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mediator",
        "administration",
        "aide",
        "adviser",
        "advisor",
        "lawmaker",
        "commander",
        "military",
    }
)
_SALIENT_ADJECTIVES = frozenset(
    {
        "primary",
        "main",
        "top",
        "overriding",
        "key",
        "core",
        "central",
        "chief",
        "principal",
        "paramount",
        "first",
        "foremost",
        "highest",
    }
)
_SALIENT_NOUNS = frozenset({"goal", "priority", "demand", "aim", "objective", "concern"})


@dataclass(frozen=True)
class _Cue:
    token: Token
    stance: str
    words: tuple[Token, ...]
    kind: str


@dataclass
class _Claim:
    actor: str
    issue: str
    stance: str
    attribution: str
    start: int
    end: int
    sentence: int
    salience: str | None
    issue_start: int
    cue: int


_ASSENT_VERBS = frozenset(
    {"accept", "agree", "allow", "tolerate", "cede", "give", "recognise", "recognize", "sign"}
)
_CUE_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "VERB": [[{"LEMMA": {"IN": sorted(_VERB_CUES)}, "POS": {"IN": ["VERB", "AUX"]}}]],
    "NOUN": [[{"LEMMA": {"IN": sorted(_NOUN_CUES)}, "POS": "NOUN"}]],
    "ADJ": [[{"LOWER": {"IN": sorted(_ADJ_CUES)}}]],
    "NON_NEGOTIABLE": [[{"LOWER": "non"}, {"ORTH": "-"}, {"LOWER": "negotiable"}]],
    "RED_LINE": [[{"LOWER": "red"}, {"LEMMA": "line"}]],
    "OUT_OF_QUESTION": [
        [{"LOWER": "out"}, {"LOWER": "of"}, {"LOWER": "the"}, {"LOWER": "question"}]
    ],
    "OFF_TABLE": [[{"LOWER": "off"}, {"LOWER": "the"}, {"LOWER": "table"}]],
    "NEVER": [[{"LOWER": "never"}]],
    "RULE_OUT": [[{"LEMMA": "rule"}, {"LOWER": "out"}]],
    "GIVE_UP": [[{"LEMMA": "give"}, {"LOWER": "up"}]],
    "NOT_VERB": [
        [
            {"LEMMA": {"IN": ["will", "would", "shall"]}},
            {"LOWER": {"IN": ["not", "n't", "never"]}},
            {"POS": "VERB"},
        ],
        # "cannot" is a stance only with a verb of assent ("cannot accept"), not an
        # inability ("cannot hold elections under martial law")
        [
            {"LEMMA": "can"},
            {"LOWER": {"IN": ["not", "n't", "never"]}},
            {"LEMMA": {"IN": sorted(_ASSENT_VERBS)}},
        ],
    ],
    "PURPOSE": [
        [{"LOWER": {"IN": ["in", "so"]}}, {"LOWER": {"IN": ["order", "as"]}}, {"LOWER": "to"}]
    ],
    "MODAL": [[{"LOWER": {"IN": ["must", "should"]}, "DEP": "aux"}]],
    "ONLY": [[{"LEMMA": {"IN": ["can", "will", "would"]}, "DEP": "aux"}, {"LOWER": "only"}]],
}


class ClaimsComponent:
    """spaCy component writing ``doc.spans["zopa_claims"]`` (see the module docstring)."""

    version = "2"

    def __init__(self, vocab: Vocab, lexicon: IssueLexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.nationalities = _nationalities(gazetteer)
        self.issue_matcher = IssueMatcher(vocab, lexicon)
        self.cue_matcher = Matcher(vocab)
        for kind, patterns in _CUE_PATTERNS.items():
            self.cue_matcher.add(kind, patterns)
        self.salience_matcher = Matcher(vocab)
        self.salience_matcher.add(
            "SALIENCE",
            [
                [
                    {"LOWER": {"IN": sorted(_SALIENT_ADJECTIVES)}},
                    {"LEMMA": {"IN": sorted(_SALIENT_NOUNS)}},
                ],
                [{"LOWER": "most"}, {"LOWER": {"IN": ["important", "pressing"]}}],
                [
                    {"LOWER": "very", "OP": "?"},
                    {"LOWER": "secondary"},
                    {"LEMMA": {"IN": ["concern", "issue", "matter", "importance"]}, "OP": "?"},
                ],
                [
                    {"LOWER": {"IN": ["minor", "lesser", "marginal"]}},
                    {"LEMMA": {"IN": ["concern", "issue"]}},
                ],
            ],
        )

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(doc.sents)
        sentence_of = {token.i: index for index, sent in enumerate(sentences) for token in sent}
        by_sentence: dict[int, list[IssueHit]] = {}
        for hit in self.issue_matcher(doc):
            if not _circumstantial(doc, hit):
                by_sentence.setdefault(sentence_of[hit.start], []).append(hit)
        cues = _cues(doc, self.cue_matcher)
        cue_tokens = {cue.token.i for cue in cues}
        claims: dict[tuple[int, str, str], _Claim] = {}
        for cue in cues:
            index = sentence_of[cue.token.i]
            if _is_question(sentences[index]):
                continue
            scope = _scope(cue.token, cue_tokens)
            issues = [hit for hit in by_sentence.get(index, []) if hit.start in scope]
            from_cue = True
            anaphor = _points_back(cue.token) if cue.kind != "MODAL" else None
            if anaphor is not None and index > 0:
                issues = _referred_issues(claims, by_sentence, index - 1)
            elif not issues:
                issues, from_cue = _issues_announced(
                    cue.token, sentences[index], by_sentence, index, len(sentences)
                )
            if not issues:
                continue
            for holder in _holders(doc, cue, self.nationalities):
                if holder.actor is None:
                    continue
                attribution = _attribution(doc, cue, holder)
                for hit in issues:
                    hit_sentence = sentence_of[hit.start]
                    span = _claim_span(cue, hit, from_cue, hit_sentence == index)
                    key = (index if from_cue else hit_sentence, holder.actor, hit.issue)
                    _keep(claims, key, cue, attribution, span, hit.start)
        _carry_elaboration(doc, claims, by_sentence, sentences)
        _mark_salience(doc, claims, by_sentence, self.salience_matcher, sentence_of)
        doc.spans[CLAIMS] = _distinct_spans(doc, sorted(claims.values(), key=_order))
        return doc


def _keep(
    claims: dict[tuple[int, str, str], _Claim],
    key: tuple[int, str, str],
    cue: _Cue,
    attribution: str,
    span: tuple[int, int],
    issue_start: int,
) -> None:
    """Keep one claim per (sentence, actor, issue): the strongest stance, "own" if any is."""
    previous = claims.get(key)
    if previous is not None:
        # the claim's span covers every cue and issue word that makes it
        previous.start = min(previous.start, span[0])
        previous.end = max(previous.end, span[1])
        span = (previous.start, previous.end)
    if previous is not None and _STANCE_RANK[cue.stance] <= _STANCE_RANK[previous.stance]:
        if attribution == "own":
            previous.attribution = "own"
        return
    if previous is not None and previous.attribution == "own":
        attribution = "own"
    claims[key] = _Claim(
        actor=key[1],
        issue=key[2],
        stance=cue.stance,
        attribution=attribution,
        start=span[0],
        end=span[1],
        sentence=key[0],
        salience=None,
        issue_start=issue_start,
        cue=cue.token.i,
    )


def _referred_issues(
    claims: dict[tuple[int, str, str], _Claim],
    by_sentence: dict[int, list[IssueHit]],
    index: int,
) -> list[IssueHit]:
    """What "these demands", "such a plan" or "the idea" refer to: the issues of the claims
    made in sentence ``index``, else all issue words of that sentence."""
    hits = by_sentence.get(index, [])
    claimed = {key[2] for key in claims if key[0] == index}
    return [hit for hit in hits if hit.issue in claimed] or hits


def _is_question(sentence: Span) -> bool:
    return sentence.text.rstrip().rstrip("\"'”’").endswith("?")


def _issues_announced(
    token: Token,
    sentence: Span,
    by_sentence: dict[int, list[IssueHit]],
    index: int,
    count: int,
) -> tuple[list[IssueHit], bool]:
    """Issues a cue with none in its scope announces elsewhere: after a colon in its own
    sentence ("X could seek: for example, to amend the constitution"), or in the next
    sentence when the cue is, or qualifies, a list noun ("several conditions", "conditions
    that Kyiv says are unacceptable"). Returns the issues and whether they are the cue's own
    words (False: the claim's span is the issue words alone)."""
    colon = next((t.i for t in sentence if t.i > token.i and t.text in (":", "—")), None)
    if colon is not None:
        after = [hit for hit in by_sentence.get(index, []) if hit.start > colon]
        if after:
            return after, False
    nouns = [token] if token.pos_ == "NOUN" else []
    antecedent = _relative_antecedent(token)
    if antecedent is not None:
        # "conditions for peace that Kyiv says are unacceptable": the clause may hang on
        # the complement of the list noun
        nouns.append(antecedent)
        if antecedent.dep_ == "pobj" and antecedent.head.head.pos_ == "NOUN":
            nouns.append(antecedent.head.head)
    if any(noun.lemma_ in _LIST_NOUNS for noun in nouns) and index + 1 < count:
        return by_sentence.get(index + 1, []), False
    return [], True


def _relative_antecedent(token: Token) -> Token | None:
    """The noun a relative clause around ``token`` qualifies ("a ceasefire, which Russia
    has resisted" → ceasefire), looking up through complement clauses."""
    node = token
    for _ in range(6):
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ not in ("ccomp", "xcomp", "acomp", "aux", "neg", "advmod", "conj"):
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _carry_elaboration(
    doc: Doc,
    claims: dict[tuple[int, str, str], _Claim],
    by_sentence: dict[int, list[IssueHit]],
    sentences: list[Span],
) -> None:
    """A sentence that spells out what came before ("This would mean a ban on ...",
    "That includes ...") carries the holders and stances of the nearest claims in the two
    sentences before it to its own issues, when it makes no claim of its own."""
    claimed = {key[0] for key in claims}
    for index, sentence in enumerate(sentences):
        if index in claimed or index not in by_sentence or _is_question(sentence):
            continue
        root = sentence.root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if root.lemma_ not in _ELABORATING_VERBS or not subjects:
            continue
        if subjects[0].lower_ not in ("this", "that", "it", "these", "which"):
            continue
        earlier = [i for i in (index - 1, index - 2) if i >= 0 and i in claimed]
        if not earlier:
            continue
        previous = [claim for key, claim in claims.items() if key[0] == earlier[0]]
        for hit in by_sentence[index]:
            for claim in previous:
                claims.setdefault(
                    (index, claim.actor, hit.issue),
                    _Claim(
                        claim.actor,
                        hit.issue,
                        claim.stance,
                        claim.attribution,
                        hit.start,
                        hit.end,
                        index,
                        None,
                        hit.start,
                        root.i,
                    ),
                )


def _mark_salience(
    doc: Doc,
    claims: dict[tuple[int, str, str], _Claim],
    by_sentence: dict[int, list[IssueHit]],
    matcher: Matcher,
    sentence_of: dict[int, int],
) -> None:
    """Give each salience cue to the claims it weighs.

    A cue weighs the claims whose issue words lie in its clause ("X's top priority is
    ...", "described ... as the top priority", "... is a secondary concern"), or whose cue
    it qualifies ("their main goal"). A sentence that only weighs an issue ("Territory is
    very secondary") speaks for the actors of the claims in the sentence before it.
    """
    for _, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        text = doc[start:end].text
        index = sentence_of[start]
        scope = _clause_of(doc[end - 1])
        in_sentence = [claim for key, claim in claims.items() if key[0] == index]
        if not any(hit.start in scope for hit in by_sentence.get(index, [])):
            # "..., though its officials call that a secondary concern": a clause that
            # only weighs what its governing clause says
            clause = doc[min(scope)] if scope else doc[start]
            governing = _governing_clause(doc[end - 1])
            if governing is not None and clause.sent == governing.sent:
                scope |= _clause_of(governing)
        weighed = [
            claim
            for claim in in_sentence
            if claim.salience is None
            and (claim.issue_start in scope or start <= claim.cue < end + 1)
        ]
        for claim in weighed:
            claim.salience = text
        if in_sentence or index == 0:
            continue
        previous = [claim for key, claim in claims.items() if key[0] == index - 1]
        for hit in by_sentence.get(index, []):
            for actor in dict.fromkeys(claim.actor for claim in previous):
                attribution = next(c.attribution for c in previous if c.actor == actor)
                claims.setdefault(
                    (index, actor, hit.issue),
                    _Claim(
                        actor,
                        hit.issue,
                        "position",
                        attribution,
                        hit.start,
                        hit.end,
                        index,
                        text,
                        hit.start,
                        start,
                    ),
                )


def _governing_clause(token: Token) -> Token | None:
    """The verb above the clause of ``token`` (None at the root)."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return None if head.head.i == head.i else head.head


def _clause_of(token: Token) -> set[int]:
    """Token indices of the nearest clause around ``token``, without coordinated clauses
    that have their own subject."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return _without_own_clauses(head, token, set())


def _claim_span(cue: _Cue, hit: IssueHit, from_cue: bool, same_sentence: bool) -> tuple[int, int]:
    """Token range of a claim: cue and issue words together when they share a sentence."""
    cue_start = min(w.i for w in cue.words)
    cue_end = max(w.i + 1 for w in cue.words)
    if not from_cue:
        return hit.start, hit.end
    if same_sentence:
        return min(hit.start, cue_start), max(hit.end, cue_end)
    return cue_start, cue_end


def _order(claim: _Claim) -> tuple[int, int, str, str]:
    return (claim.start, claim.end, claim.actor, claim.issue)


@Language.factory("zopa_claims", default_config={"issues": None})
def make_claims(nlp: Language, name: str, issues: str | None) -> ClaimsComponent:
    """Factory of the ``zopa_claims`` component.

    ``issues`` is the path of an issue-lexicon YAML file; None uses the shipped one. The
    gazetteer (to read "Iranian officials" as Iran) is the one of the pipeline's
    ``zopa_actors`` component, else the shipped one.
    """
    return ClaimsComponent(
        nlp.vocab, load_issue_lexicon(Path(issues) if issues else None), get_gazetteer(nlp)
    )


# --- matching ----------------------------------------------------------------------------------


def _cues(doc: Doc, matcher: Matcher) -> list[_Cue]:
    cues: list[_Cue] = []
    used: set[int] = set()
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        if start in used:
            continue
        kind = doc.vocab.strings[match_id]
        words = tuple(doc[start:end])
        token = _cue_head(doc, kind, words)
        stance = _stance(kind, words, token) if token is not None else None
        if token is None or stance is None:
            continue
        used.update(range(start, end))
        cues.append(_Cue(token, stance, words, kind))
    return cues


def _cue_head(doc: Doc, kind: str, words: tuple[Token, ...]) -> Token | None:
    """The word of a cue that the parse hangs its arguments on."""
    if kind in ("NEVER", "RULE_OUT", "GIVE_UP"):
        return words[0] if words[0].pos_ in ("VERB", "AUX") else words[0].head
    if kind in ("NOT_VERB", "RED_LINE", "NON_NEGOTIABLE"):
        return words[-1]
    if kind in ("OUT_OF_QUESTION", "OFF_TABLE"):
        return words[0]
    if kind == "PURPOSE":
        following = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
        return following if following is not None and following.pos_ == "VERB" else None
    if kind in ("MODAL", "ONLY"):
        head = words[0].head
        return head if head.pos_ in ("VERB", "AUX") and head.i != words[0].i else None
    return words[0]


def _stance(kind: str, words: tuple[Token, ...], token: Token) -> str | None:
    fixed = {
        "NEVER": "red_line",
        "RULE_OUT": "red_line",
        "RED_LINE": "red_line",
        "NON_NEGOTIABLE": "red_line",
        "OUT_OF_QUESTION": "red_line",
        "OFF_TABLE": "red_line",
        "GIVE_UP": "offer",
        "PURPOSE": "goal",
        "ONLY": "demand",
    }
    if kind in fixed:
        return fixed[kind]
    if kind == "NOT_VERB":
        return "red_line" if _reporter(token) is not None else "position"
    if kind == "MODAL":
        return "demand" if _speech_above(token) is not None else None
    word = words[0]
    if kind == "ADJ":
        if word.lower_ in _NEEDS_COMPLEMENT and not any(
            c.dep_ in ("xcomp", "prep") for c in word.children
        ):
            return None
        return _ADJ_CUES[word.lower_]
    if kind == "NOUN":
        if word.lemma_ == "call" and not any(
            c.dep_ == "prep" and c.lower_ == "for" for c in word.children
        ):
            return None
        return _NOUN_CUES.get(word.lemma_)
    if word.lemma_ == "call":
        return None
    return _VERB_CUES.get(word.lemma_)


# --- who, what, how ----------------------------------------------------------------------------


def _holders(doc: Doc, cue: _Cue, nationalities: Mapping[str, str]) -> list[Holder]:
    token = cue.token
    if token.pos_ == "NOUN" and cue.kind == "NOUN":
        return _noun_holders(doc, cue, nationalities)
    if cue.kind == "MODAL":
        return _modal_holders(doc, cue, nationalities)
    if cue.stance == "red_line" and token.pos_ in ("ADJ", "NOUN"):
        objects = _experiencers(token)
        if objects:
            return [
                h
                for obj in objects
                for h in _resolved(doc, obj, cue, nationalities, conjuncts=False)
            ]
    for subject in clause_subjects(token):
        if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Trump, who has urged ..."
        if subject.lower_ in ("it", "this", "that", "which", "what", "who"):
            continue
        holders = _resolved(doc, subject, cue, nationalities)
        if any(h.actor for h in holders):
            return holders
    reporter = _reporter(token, _SPEECH_VERBS | REPORTING_LEMMAS)
    if reporter is not None:
        return _resolved(doc, reporter, cue, nationalities)
    return _quote_speaker(doc, token)


def _experiencers(token: Token) -> list[Token]:
    """Who finds something unacceptable: the object of "to"/"for" after the red-line word
    or its copula ("unacceptable to Washington", "is unacceptable for Kyiv"), including a
    second "and to X" that the parser hangs on the copula as a conjunct."""
    heads = [token, token.head] if token.dep_ in ("acomp", "attr") else [token]
    objects = [
        obj
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("for", "to")
        for part in (prep, *prep.conjuncts)
        for obj in part.children
        if obj.dep_ == "pobj"
    ]
    for head in heads:
        objects.extend(
            conj
            for conj in head.children
            if conj.dep_ == "conj"
            and conj.pos_ in ("PROPN", "NOUN")
            and any(c.lower_ in ("to", "for") and c.i < conj.i for c in conj.children)
        )
    return objects


def _speech_above(token: Token) -> Token | None:
    """The speech or insisting word whose complement clause holds ``token`` ("says that
    Ukraine must ...", "adamant that ...")."""
    node = token
    for _ in range(8):
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_ in _SPEECH_VERBS or node.lemma_ in ("demand", "adamant", "insist"):
            return node
    return None


def _modal_holders(doc: Doc, cue: _Cue, nationalities: Mapping[str, str]) -> list[Holder]:
    """A "must"/"should" clause under a speech verb is a demand of the speech verb's
    subject ("Russia says Ukraine must withdraw", "by saying the talks should ...")."""
    speech = _speech_above(cue.token)
    if speech is None:
        return []
    for subject in clause_subjects(speech):
        holders = _resolved(doc, subject, cue, nationalities)
        if any(h.actor for h in holders):
            return holders
    return _quote_speaker(doc, speech)


def _noun_holders(doc: Doc, cue: _Cue, nationalities: Mapping[str, str]) -> list[Holder]:
    token = cue.token
    candidates = [c for c in token.children if c.dep_ == "poss"]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "by", "from"):
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
    if token.dep_ == "dobj" and token.head.lemma_ in _HOLDING_VERBS:
        candidates.extend(c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    naming = token.head.head if token.head.lower_ == "as" else token.head
    if token.dep_ in ("oprd", "xcomp") or (token.dep_ == "pobj" and token.head.lower_ == "as"):
        # "X called / described ... (as) its top priority"
        candidates.extend(c for c in naming.children if c.dep_ in ("nsubj", "nsubjpass"))
    if token.dep_ in ("nsubj", "attr"):
        candidates.extend(
            obj
            for prep in token.head.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for obj in prep.children
            if obj.dep_ == "pobj"
        )
    for candidate in candidates:
        holders = _resolved(doc, candidate, cue, nationalities)
        if any(h.actor for h in holders):
            return holders
    return []


def _quote_speaker(doc: Doc, token: Token) -> list[Holder]:
    quote = quote_of(doc, token.i, token.i + 1)
    if quote is None:
        return []
    fields = quote._.get(FIELDS) or {}
    return [Holder(fields.get("speaker_actor"), fields.get("speaker_text"))]


def _resolved(
    doc: Doc, token: Token, cue: _Cue, nationalities: Mapping[str, str], *, conjuncts: bool = True
) -> list[Holder]:
    if token.lower_ in ("we", "us", "our", "i", "my", "me"):
        speaker = _quote_speaker(doc, cue.token)
        if speaker:
            return speaker
    holders = [_by_demonym(doc, h, nationalities) for h in holder_of_subject(doc, token)]
    return holders if conjuncts else holders[:1]


def _nationalities(gazetteer: Gazetteer) -> dict[str, str]:
    """State keys by the demonyms and names that can qualify a group ("Iranian", "US")."""
    found: dict[str, str] = {}
    for surface, target in gazetteer.aliases.items():
        info = gazetteer.actor(target.key) if target.key else None
        if target.cls in ("demonym", "name") and info is not None and info.kind == "state":
            found[surface] = info.key
    return found


def _by_demonym(doc: Doc, holder: Holder, nationalities: Mapping[str, str]) -> Holder:
    """An unnamed group described by nationality ("Iranian officials", "Russian envoys",
    "the Azerbaijani side") speaks for its state."""
    head = holder.token
    if holder.actor is not None or head is None or head.lemma_.lower() not in _ROLE_NOUNS:
        return holder
    for child in head.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
            continue
        if child.i > 0 and doc[child.i - 1].text in ("-", "pro", "anti"):
            continue
        state = nationalities.get(child.text)
        if state is not None:
            return Holder(state, holder.text, head)
    return holder


def _reporter(token: Token, verbs: frozenset[str] = REPORTING_LEMMAS) -> Token | None:
    """Subject of the nearest verb in ``verbs`` strictly above ``token``."""
    node = token
    for _ in range(12):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_ in verbs:
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects[0]
    return None


def _scope(token: Token, cue_tokens: set[int]) -> set[int]:
    """Token indices that the cue governs: where its issue words are looked for.

    A cue noun with a complement ("call for a ceasefire") governs its own
    phrase, a cue noun that is the subject of a copula ("the priority is X")
    the copula's clause; a cue verb its clause without its subject; a cue
    adjective its clause with the subject ("X is non-negotiable"). Left out:
    coordinated clauses with their own subject, contrasting or causal clauses
    with their own subject ("while Washington wants ..."), and relative or
    adverbial clauses holding a cue of their own (that cue speaks for its own
    holder). A cue inside a relative clause also governs the noun the clause
    qualifies ("a ceasefire, which Russia has resisted").
    """
    predicative = token.dep_ in ("nsubj", "nsubjpass", "attr", "oprd") or (
        token.dep_ == "pobj" and token.head.lower_ == "as"
    )
    if token.pos_ == "NOUN" and not predicative:
        scope = {t.i for t in token.subtree} - _nested(token, token, cue_tokens)
    else:
        head = token
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        drop_subject = token.pos_ in ("VERB", "AUX")
        scope = _without_own_clauses(head, token, cue_tokens, drop_subject=drop_subject)
    antecedent = _relative_antecedent(token)
    if antecedent is not None:
        clause = next(c for c in antecedent.children if c.dep_ == "relcl")
        inside = {t.i for t in clause.subtree}
        scope |= {t.i for t in antecedent.subtree if t.i not in inside}
    return scope


def _without_own_clauses(
    head: Token, token: Token, cue_tokens: set[int], *, drop_subject: bool = False
) -> set[int]:
    excluded: set[int] = set()
    for child in head.children:
        if child.left_edge.i <= token.i <= child.right_edge.i:
            continue
        own_clause = child.dep_ in ("conj", "parataxis") and _has_subject(child)
        if own_clause or (drop_subject and child.dep_ in ("nsubj", "nsubjpass")):
            excluded.update(t.i for t in child.subtree)
    return {t.i for t in head.subtree} - excluded - _nested(head, token, cue_tokens)


def _nested(head: Token, token: Token, cue_tokens: set[int]) -> set[int]:
    """Subordinate clauses below ``head`` (not holding ``token``) that speak for someone
    else: a contrast, cause or time clause with its own subject, or a relative or adverbial
    clause with a cue of its own."""
    excluded: set[int] = set()
    for node in head.subtree:
        if node.dep_ not in ("advcl", "relcl") or node.i == token.i:
            continue
        if node.left_edge.i <= token.i <= node.right_edge.i:
            continue
        words = {t.i for t in node.subtree}
        contrast = _has_subject(node) and any(
            c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in node.children
        )
        if contrast or words & cue_tokens:
            excluded |= words
    return excluded


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _points_back(token: Token) -> Token | None:
    """The anaphoric noun the cue is or governs ("these demands", "the idea"), or None."""
    nouns = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))]
    if token.dep_ in ("acomp", "attr"):
        nouns.extend(c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    for noun in nouns:
        if noun.lower_ in ("this", "that") and noun.tag_ == "DT" and noun.dep_ != "det":
            return noun
        for child in noun.children:
            if child.dep_ in ("det", "predet", "amod") and child.lower_ in _ANAPHORIC_DETS:
                return noun
            if child.lower_ == "the" and noun.lemma_ in _ANAPHORIC_NOUNS:
                return noun
    return None


def _circumstantial(doc: Doc, hit: IssueHit) -> bool:
    """Issue words that only set the scene: a meeting word as a place or occasion ("at a
    meeting with Putin"), any issue word as a point in time ("on the eve of elections",
    "ahead of the summit", "after the ceasefire")."""
    root = doc[hit.start : hit.end].root
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in _TEMPORAL_PREPS:
        return True
    if prep.lower_ == "of" and prep.head.lower_ in _SCENE_NOUNS:
        return True
    return hit.issue == "meeting_format" and prep.lower_ in _CIRCUMSTANTIAL_PREPS


def _attribution(doc: Doc, cue: _Cue, holder: Holder) -> str:
    token = cue.token
    quote = quote_of(doc, token.i, token.i + 1)
    if quote is not None:
        fields = quote._.get(FIELDS) or {}
        if fields.get("speaker_actor") == holder.actor:
            return "own"
    if token.lemma_ in _SPEECH_ACTS or token.lower_ in _SPEECH_ACTS:
        return "own"
    reporter = _reporter(token, _SPEECH_VERBS)
    if reporter is not None:
        said = holder_of_subject(doc, reporter)
        if said and said[0].actor == holder.actor:
            return "own"
    return "reported"


def _distinct_spans(doc: Doc, claims: list[_Claim]) -> list[Span]:
    """One span per claim (fields are keyed by offsets, issue and actor, so claims on the
    same words stay apart as long as their actor or issue differs)."""
    seen: set[tuple[int, int, str, str]] = set()
    spans: list[Span] = []
    for claim in claims:
        key = (claim.start, claim.end, claim.actor, claim.issue)
        if key not in seen:
            seen.add(key)
            spans.append(_to_span(doc, claim))
    return spans


def _to_span(doc: Doc, claim: _Claim) -> Span:
    span = Span(doc, claim.start, claim.end, label=claim.issue, kb_id=claim.actor)
    span._.set(
        FIELDS,
        {
            "actor": claim.actor,
            "issue": claim.issue,
            "stance": claim.stance,
            "salience_cue": claim.salience,
            "attribution": claim.attribution,
        },
    )
    return span

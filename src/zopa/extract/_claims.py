"""Claims: an actor's demand, goal, position, offer, acceptance, rejection, condition or
red line on an issue.

The ``zopa_claims`` spaCy component combines three cheap token matches per
document — *issue terms* from the issue lexicon (:mod:`zopa.extract._issues`),
*stance cues* (:mod:`zopa.extract._claim_cues`) and *salience cues* — with the parse.
The rooms: cues and stances in :mod:`~zopa.extract._claim_cues`, holders and
attribution in :mod:`~zopa.extract._claim_holders`, the issue words a cue governs in
:mod:`~zopa.extract._claim_scope`; this module assembles claims and salience.

- **Stance** (:data:`zopa.extract.STANCES`) comes from the cue: red_line
  (non-negotiable, not negotiable, red line, will never, under no circumstances, rule
  out, unacceptable said of a thing), reject (reject, refuse, dismiss; unacceptable said
  of a demand or proposal; "cannot accept"), condition ("only if", "provided that", "on
  condition that", "would depend on", "contingent on"; a speaker's threat after "if ...":
  "the negotiation is over"), demand (demand, insist, call for, call on, urge, adamant,
  ask someone to / ask for, request, expect someone to act; "must"/"should"/"have
  to"/"need to" and "needs X" in a clause someone says; "can/will only ..."), accept
  (accept, agree to, welcome, endorse, acceptable), offer (offer, propose, invite,
  promise, ready/willing to, give up), goal (want, seek, aim, goal, priority, effort; "in
  order to ...") and position (oppose, resist, support, back a proposal named with what
  it asks, recognise, declare, committed to; "will not ..."; a stated intention: "we
  will hold a referendum", "X said she would appeal").
- **Holder** (the claim's actor) is the speaker whose stance it is, not the nearest
  actor: the subject of the cue verb or of the predicate adjective's copula ("Hamas
  insists", "Yerevan was ready") when an actor names that subject (an actor in a
  complement, "the withdrawal of the M23", does not), the possessor of a cue noun
  ("Moscow's demands", "Putin's primary goal"), the subject of the verb that names a cue
  noun ("officials describe X as their top priority"), the object of "for"/"to" after a
  red-line word or its copula ("unacceptable to Washington"), else the subject of the
  nearest reporting verb, else the speaker of the quotation containing the cue; the
  actor of the clause a condition conditions. A relative pronoun stands for the noun its
  clause qualifies ("Trump, who has urged ..."); pronouns take the nearest fitting actor
  before them (he/she: else the latest person named in the text); a definite office
  ("the envoy", "the Rwandan leader") the latest person named before it who holds it,
  "the rebels" the latest group named; "the union", "the employers" the organisation
  whose name has that head word or plural member word (:mod:`zopa.extract._bodies`); a
  noun cue owned by an unnamed body in a reported clause ("X said the government's
  priority ...") the reporter;
  first-person pronouns in a quotation take its speaker; an unnamed group qualified by a
  nationality ("Iranian officials", "Russian envoys") or placed in a seat of government
  ("officials in Kigali") is its state; a body named by what it is ("the government",
  "his government", "the kingdom", "government negotiators") is the actor
  :mod:`zopa.extract._bodies` ties it to. Outlets ("told
  Reuters") never hold a claim. A claim needs an actor: cues whose holder resolves to no
  actor, or whose verb's subject is someone unnamed who is not the speaker's side ("the
  two sides", "both parties", a name no one knows, "this strategy"), are dropped; the
  speaker's own people and things in a reported clause ("X said the federations would
  accept ...", "X said disarmament would begin only after ...") are the speaker's.
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
  before it to its issues; a red line or rejection with no issue word said of what
  came before and nothing more ("Manila rejected the condition", "Venezuela refused")
  takes the issues of the nearest claims of the two sentences before it. A cue still
  without an issue speaks about an *open issue* named from the object of its stance
  ("demanded the reopening of the roads into Cusco" → ``open_reopening_road_cusco``;
  :mod:`zopa.extract._open_issues`); a proposal named before ("welcomed the offer")
  takes, for an acceptance, rejection or red line, the issues of the nearest claims of
  the two sentences before it.
- **Attribution** is ``own`` when the actor says it: a cue inside a quotation by the
  actor, a cue under a reporting verb whose subject is the actor, or a speech-act cue
  (demand, insist, propose, reject, declare, ...) that nobody else is reported saying;
  otherwise ``reported`` ("the envoy said Washington wanted ..." is Washington's goal,
  reported).
- **Salience cue**: "primary goal", "top priority", "most important",
  "(very) secondary (concern)" ... as written, given to the claims whose issue
  words lie in the cue's clause or whose cue it qualifies; a clause that only
  weighs what its governing clause says ("..., though its officials call that a
  secondary concern") weighs that clause's claims; a sentence that only weighs an
  issue ("Territory is very secondary") speaks for the actors of the previous
  sentence's claims.

- **Classifier**: a sentence in which no cue gave a claim, and which the claim-sentence
  classifier (:mod:`zopa.extract._claim_classifier`, trained on the team's claim gold) is
  confident states a party's stance, gets a claim of the classifier's stance, its holder
  and issues found by the steps above from the sentence's main predicate
  (:mod:`zopa.extract._claim_combine`). News often states a stance as plain policy, with
  no cue word.

Each claim is a span in ``doc.spans["zopa_claims"]`` covering the cue and the
issue words, with ``span._.zopa_fields`` = ``actor``, ``issue``, ``stance``,
``salience_cue``, ``attribution``. One claim per (actor, issue) per sentence;
when several cues give one, the strongest stance wins (red_line > reject >
condition > demand > accept > offer > goal > position) and the span covers all of their
words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from zopa.extract import _claim_combine as combine
from zopa.extract._actors import get_gazetteer
from zopa.extract._claim_classifier import ClaimClassifier, load_claim_classifier
from zopa.extract._claim_combine import Thresholds
from zopa.extract._claim_cues import CUE_PATTERNS, STANCE_RANK, Cue, find_cues
from zopa.extract._claim_holders import KnownActors, claim_attribution, claim_holders
from zopa.extract._claim_scope import (
    circumstantial,
    clause_of,
    cue_scope,
    governing_clause,
    issues_announced,
    points_back,
)
from zopa.extract._doc import ACTORS, CLAIMS, FIELDS
from zopa.extract._gazetteer import Gazetteer
from zopa.extract._issues import IssueHit, IssueLexicon, IssueMatcher, load_issue_lexicon
from zopa.extract._open_issues import (
    open_issue,
    points_to_proposal,
    pronoun_back,
    stance_object,
)

__all__ = ["ClaimsComponent", "make_claims"]

#: Stances strong enough to speak about the issue of the claims just before them when their
#: clause names none.
_STRONG_STANCES = frozenset({"red_line", "reject"})


#: Cue kinds whose clause's subject is what they are about ("the sanctions must end", "the
#: closure would stay", "ownership is not on the table", "no deal without X").
_SUBJECT_KINDS = frozenset(
    {
        "MODAL",
        "HAVE_TO",
        "CONDITION",
        "PERSIST",
        "NOT_ON_TABLE",
        "NO_WITHOUT",
        "COME_FIRST",
        "DEPEND",
        "IF_THEN",
        "INTENT",
    }
)


#: Stances that take the issue of a proposal named just before ("welcomed the offer",
#: "rejected the plan"); a softer one ("supported the condition") takes nothing.
_BACK_STANCES = _STRONG_STANCES | {"accept"}


_BACK_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such", "it"})


_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "acl", "relcl", "advcl", "pcomp", "csubj"})


#: How many sentences back a stance without an issue word looks for the claims it answers.
_TOPIC_REACH = 2


_ELABORATING_VERBS = frozenset({"mean", "include", "entail", "involve", "imply", "require"})


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


class ClaimsComponent:
    """spaCy component writing ``doc.spans["zopa_claims"]`` (see the module docstring)."""

    # 4: open issues; 5: bodies ("the government"); 6: labour and election cues;
    # 7: bodies by a describing word, expect X to, requests, threats, intentions;
    # 8: the claim-sentence classifier (its corpus digest follows the number)
    _rules_version = "8"

    def __init__(
        self,
        vocab: Vocab,
        lexicon: IssueLexicon,
        gazetteer: Gazetteer,
        classifier: ClaimClassifier | None = None,
        thresholds: Thresholds = Thresholds(),
    ) -> None:
        self.lexicon = lexicon
        self.classifier = classifier
        self.thresholds = thresholds
        self.known = KnownActors.from_gazetteer(gazetteer)
        self.issue_matcher = IssueMatcher(vocab, lexicon)
        self.cue_matcher = Matcher(vocab)
        for kind, patterns in CUE_PATTERNS.items():
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

    @property
    def version(self) -> str:
        """The rules' version, and the digest of the classifier's corpus (none: rules only)."""
        if self.classifier is None:
            return f"{self._rules_version}+rules"
        digest = str(self.classifier.training.get("corpus_digest", "?"))
        return f"{self._rules_version}+{digest[:8]}"

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(doc.sents)
        sentence_of = {token.i: index for index, sent in enumerate(sentences) for token in sent}
        by_sentence: dict[int, list[IssueHit]] = {}
        for hit in self.issue_matcher(doc):
            if not circumstantial(doc, hit):
                by_sentence.setdefault(sentence_of[hit.start], []).append(hit)
        cues = find_cues(doc, self.cue_matcher)
        actor_tokens = {t.i for span in doc.spans.get(ACTORS, []) for t in span}
        cue_tokens = {cue.token.i for cue in cues}
        claims: dict[tuple[int, str, str], _Claim] = {}
        for cue in cues:
            index = sentence_of[cue.token.i]
            if _is_question(sentences[index]):
                continue
            scope = cue_scope(cue.token, cue_tokens, keep_subject=cue.kind in _SUBJECT_KINDS)
            issues = [hit for hit in by_sentence.get(index, []) if hit.start in scope]
            from_cue = True
            anaphor = points_back(cue.token) if cue.kind not in ("MODAL", "HAVE_TO") else None
            if anaphor is not None and index > 0:
                issues = _referred_issues(claims, by_sentence, index - 1)
            elif not issues:
                issues, from_cue = issues_announced(
                    cue.token, sentences[index], by_sentence, index, len(sentences)
                )
            if not issues and cue.stance in _STRONG_STANCES and _answers_back(doc, cue, scope):
                issues = _nearby_issues(claims, by_sentence, index)
            opened = None
            if not issues:
                obj = stance_object(cue)
                if obj is not None and pronoun_back(obj):
                    # "Peru would oppose it", "had rejected them": what came before
                    issues = _nearby_issues(claims, by_sentence, index)
                elif obj is not None and points_to_proposal(obj):
                    if cue.stance in _BACK_STANCES:
                        issues = _nearby_issues(claims, by_sentence, index)
                else:
                    opened = open_issue(cue, actor_tokens)
                    issues = [opened] if opened is not None else []
            if not issues:
                continue
            for holder in claim_holders(doc, cue, self.known):
                if holder.actor is None or (
                    cue.kind == "INTENT" and combine.foretold(cue.token, holder, cue, self.known)
                ):
                    continue  # "Peru said Chile would hold a referendum": a forecast
                if opened is not None:
                    # later cues of the sentence, salience and carry-over see it too
                    by_sentence.setdefault(index, []).append(opened)
                    opened = None
                attribution = claim_attribution(doc, cue, holder, self.known)
                for hit in issues:
                    hit_sentence = sentence_of[hit.start]
                    span = _claim_span(cue, hit, from_cue, hit_sentence == index)
                    key = (index if from_cue else hit_sentence, holder.actor, hit.issue)
                    _keep(claims, key, cue, attribution, span, hit.start)
        _carry_elaboration(doc, claims, by_sentence, sentences)
        if self.classifier is not None:
            self._classify(doc, claims, by_sentence, sentences, cue_tokens, actor_tokens)
        _mark_salience(doc, claims, by_sentence, self.salience_matcher, sentence_of)
        doc.spans[CLAIMS] = _distinct_spans(doc, sorted(claims.values(), key=_order))
        return doc

    def _classify(
        self,
        doc: Doc,
        claims: dict[tuple[int, str, str], _Claim],
        by_sentence: dict[int, list[IssueHit]],
        sentences: list[Span],
        cue_tokens: set[int],
        actor_tokens: set[int],
    ) -> None:
        """Add claims where the rules found none and the classifier is sure
        (:mod:`zopa.extract._claim_combine`)."""
        assert self.classifier is not None
        readings = combine.read(self.classifier, sentences)
        claimed = {key[0] for key in claims}
        for index, sent in enumerate(sentences):
            if index in claimed or _is_question(sent):
                continue
            stance = combine.added_stance(readings[index], self.thresholds)
            if stance is None:
                continue
            hits = by_sentence.get(index, [])
            for found in combine.find(
                doc, sent, stance, hits, cue_tokens, actor_tokens, self.known
            ):
                if found.issue not in hits:
                    hits.append(found.issue)  # an open issue: salience sees it too
                    by_sentence[index] = hits
                span = _claim_span(found.cue, found.issue, True, True)
                key = (index, found.actor, found.issue.issue)
                _keep(claims, key, found.cue, found.attribution, span, found.issue.start)


def _keep(
    claims: dict[tuple[int, str, str], _Claim],
    key: tuple[int, str, str],
    cue: Cue,
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
    if previous is not None and STANCE_RANK[cue.stance] <= STANCE_RANK[previous.stance]:
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


def _answers_back(doc: Doc, cue: Cue, scope: set[int]) -> bool:
    """Whether a cue's clause is a stance on what was said before and nothing more ("rejected
    the condition", "this is unacceptable", "will never surrender"): its object (a verb's
    object, a predicate's subject) is missing or a definite or demonstrative noun phrase
    without an owner, and it has no clause of its own, which would say what the stance is
    about ("rejected the demand that its fighters withdraw"). A new thing ("will not give up
    our ports", "a permanent closure is unacceptable") is not what came before."""
    if any(doc[i].dep_ in _CLAUSE_DEPS for i in scope if i != cue.token.i):
        return False
    head = cue.token.head if cue.token.dep_ in ("acomp", "attr") else cue.token
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    if cue.token.pos_ in ("VERB", "AUX"):
        objects = [c for c in objects if c.dep_ == "dobj"]
    return all(
        obj.lower_ in _BACK_DETERMINERS
        or (
            obj.pos_ == "NOUN"
            and any(c.dep_ == "det" and c.lower_ in _BACK_DETERMINERS for c in obj.children)
            and not any(c.dep_ == "poss" for c in obj.children)
        )
        for obj in objects
    )


def _nearby_issues(
    claims: dict[tuple[int, str, str], _Claim],
    by_sentence: dict[int, list[IssueHit]],
    index: int,
) -> list[IssueHit]:
    """What a strong stance with no issue word of its own is about ("Manila rejected the
    condition within hours"): the issues of the claims of the nearest of the two sentences
    before it. A paragraph break is no barrier: news paragraphs are a sentence or two, and a
    reply often opens the paragraph after the stance it answers."""
    for earlier in range(index - 1, max(index - 1 - _TOPIC_REACH, -1), -1):
        if any(key[0] == earlier for key in claims):
            return _referred_issues(claims, by_sentence, earlier)
    return []


def _is_question(sentence: Span) -> bool:
    return sentence.text.rstrip().rstrip("\"'”’").endswith("?")


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
        scope = clause_of(doc[end - 1])
        in_sentence = [claim for key, claim in claims.items() if key[0] == index]
        if not any(hit.start in scope for hit in by_sentence.get(index, [])):
            # "..., though its officials call that a secondary concern": a clause that
            # only weighs what its governing clause says
            clause = doc[min(scope)] if scope else doc[start]
            governing = governing_clause(doc[end - 1])
            if governing is not None and clause.sent == governing.sent:
                scope |= clause_of(governing)
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


def _claim_span(cue: Cue, hit: IssueHit, from_cue: bool, same_sentence: bool) -> tuple[int, int]:
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


@Language.factory(
    "zopa_claims", default_config={"issues": None, "claim_model": None, "classify": True}
)
def make_claims(
    nlp: Language, name: str, issues: str | None, claim_model: str | None, classify: bool
) -> ClaimsComponent:
    """Factory of the ``zopa_claims`` component.

    ``issues`` is the path of an issue-lexicon YAML file; None uses the shipped one. The
    gazetteer (to read "Iranian officials" as Iran) is the one of the pipeline's
    ``zopa_actors`` component, else the shipped one. ``claim_model``: a path to a trained
    claim-sentence classifier (default: ``$ZOPA_CLAIMS_MODEL``, else the shipped one);
    ``classify``: false runs the rules alone.
    """
    classifier = load_claim_classifier(claim_model) if classify else None
    return ClaimsComponent(
        nlp.vocab,
        load_issue_lexicon(Path(issues) if issues else None),
        get_gazetteer(nlp),
        classifier,
    )


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

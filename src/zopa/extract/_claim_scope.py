"""Claim scope: which issue words a claim cue governs.

A cue's scope is the part of its sentence whose issue words it speaks about (its
clause without clauses that speak for someone else); issue words that only set the
time or the occasion do not count; a cue with no issue of its own may announce those
of a list that follows. The rules are listed in :mod:`zopa.extract._claims`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from zopa.extract._issues import IssueHit

__all__ = [
    "circumstantial",
    "clause_of",
    "cue_scope",
    "governing_clause",
    "issues_announced",
    "points_back",
    "relative_antecedent",
    "without_own_clauses",
]

_CIRCUMSTANTIAL_PREPS = frozenset({"at", "during", "in", "before", "after", "ahead", "on"})


_LIST_NOUNS = frozenset(
    {"demand", "condition", "goal", "term", "objective", "precondition", "aim", "requirement"}
)


_ANAPHORIC_DETS = frozenset({"this", "these", "such", "those"})


_ANAPHORIC_NOUNS = frozenset({"idea", "proposal", "plan", "offer", "suggestion", "request"})


_CONTRAST_MARKS = frozenset({"whereas", "although", "though", "because", "since"})


_TEMPORAL_PREPS = frozenset({"before", "after", "during", "until", "since", "amid"})


_SCENE_NOUNS = frozenset(
    {"eve", "ahead", "wake", "aftermath", "sidelines", "margins", "case", "event"}
)


def cue_scope(token: Token, cue_tokens: set[int], *, keep_subject: bool = False) -> set[int]:
    """Token indices that the cue governs: where its issue words are looked for.

    A cue noun with a complement ("call for a ceasefire") governs its own
    phrase, a cue noun that is the subject of a copula ("the priority is X")
    the copula's clause; a cue verb its clause without its subject (with it when
    ``keep_subject``: "the sanctions must end" demands what its subject names); a cue
    adjective its clause with the subject ("X is non-negotiable"). A predicate coordinated
    with the one before it and without a subject of its own keeps the subject they share
    ("the border was ... and should be opened"). Left out:
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
        drop_subject = token.pos_ in ("VERB", "AUX") and not keep_subject
        scope = without_own_clauses(head, token, cue_tokens, drop_subject=drop_subject)
        if not drop_subject:
            scope |= _shared_subject(head)
    antecedent = relative_antecedent(token)
    if antecedent is not None:
        clause = next(c for c in antecedent.children if c.dep_ == "relcl")
        inside = {t.i for t in clause.subtree}
        scope |= {t.i for t in antecedent.subtree if t.i not in inside}
    return scope


def _shared_subject(verb: Token) -> set[int]:
    """The words of the subject a coordinated predicate shares with the one before it ("the
    border was a matter for parliament and could not be a condition"), or nothing."""
    if verb.dep_ != "conj" or _has_subject(verb):
        return set()
    return {
        t.i
        for c in verb.head.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i
        for t in c.subtree
    }


def without_own_clauses(
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


def points_back(token: Token) -> Token | None:
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


def circumstantial(doc: Doc, hit: IssueHit) -> bool:
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


def issues_announced(
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
    antecedent = relative_antecedent(token)
    if antecedent is not None:
        # "conditions for peace that Kyiv says are unacceptable": the clause may hang on
        # the complement of the list noun
        nouns.append(antecedent)
        if antecedent.dep_ == "pobj" and antecedent.head.head.pos_ == "NOUN":
            nouns.append(antecedent.head.head)
    if any(noun.lemma_ in _LIST_NOUNS for noun in nouns) and index + 1 < count:
        return by_sentence.get(index + 1, []), False
    return [], True


def relative_antecedent(token: Token) -> Token | None:
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


def governing_clause(token: Token) -> Token | None:
    """The verb above the clause of ``token`` (None at the root)."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return None if head.head.i == head.i else head.head


def clause_of(token: Token) -> set[int]:
    """Token indices of the nearest clause around ``token``, without coordinated clauses
    that have their own subject."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return without_own_clauses(head, token, set())

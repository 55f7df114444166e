"""Parse helpers for attribution, shared by the quotes, claims and estimates components.

The questions every component asks of a parsed ``Doc`` whose actor mentions
(``doc.spans["zopa_actors"]``) and quotations (``doc.spans["zopa_quotes"]``) are set:
which actor mentions lie in a phrase and which of them names its head, which quotation
contains a span, which verb reports a clause and who its subject is. Who a speaker is —
names, pronouns, offices, statements, unnamed sources — is decided in one place on top of
these, :mod:`zopa.extract.speakers`.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from zopa.extract._doc import ACTORS, FIELDS, QUOTES

__all__ = [
    "REPORTING_LEMMAS",
    "ROLE_NOUNS",
    "SPEECH_VERBS",
    "Holder",
    "actors_in",
    "after_dateline",
    "clause_subjects",
    "names_head",
    "quote_of",
    "reporter",
    "speech_above",
    "subjects_of",
]

#: Verbs that attribute a statement or a belief to their subject.
REPORTING_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "suggest",
        "argue",
        "believe",
        "think",
        "expect",
        "estimate",
        "predict",
        "warn",
        "write",
        "note",
        "add",
        "claim",
        "insist",
        "judge",
        "reckon",
        "assess",
        "consider",
        "explain",
        "conclude",
        "report",
        "stress",
        "state",
        "declare",
        "acknowledge",
        "feel",
        "doubt",
        "fear",
        "hope",
        "describe",
        "call",
        "put",
        "imagine",
    }
)

#: Verbs of saying: a cue under one is said by the verb's subject.
SPEECH_VERBS = frozenset(
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

#: Heads of phrases naming someone by office or group: "Rwanda's foreign minister", "the
#: leader of the M23", "Iranian officials", "the envoy".
ROLE_NOUNS = frozenset(
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
        "president",
        "presidency",
        "premier",
        "chancellor",
        "secretary",
        "leader",
        "chief",
        "head",
        "office",
        "cabinet",
        "team",
        "camp",
        "bureau",
    }
)
#: How a word qualifies the noun it names an actor in: "the M23 rebels", "Congolese
#: President Tshisekedi", "Hamas, the group" — not "the withdrawal of the M23".
_QUALIFYING_DEPS = frozenset({"compound", "amod", "appos", "nmod", "npadvmod", "flat", "nummod"})


@dataclass(frozen=True)
class Holder:
    """An actor key (or None) and the words naming it as written (or None for the writer).

    ``token`` is the head word of an unresolved holder's phrase ("officials" in "Iranian
    officials"), so a caller can try other ways to resolve it.
    """

    actor: str | None
    text: str | None
    token: Token | None = field(default=None, compare=False)
    #: character offsets of the words naming the holder as written, when known
    start: int | None = field(default=None, compare=False)
    end: int | None = field(default=None, compare=False)


def actors_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Actor mentions overlapping tokens ``start``–``end`` (exclusive), in text order."""
    if ACTORS not in doc.spans:
        return []
    return sorted(
        (span for span in doc.spans[ACTORS] if span.start < end and start < span.end),
        key=lambda span: span.start,
    )


def quote_of(doc: Doc, start: int, end: int) -> Span | None:
    """The quotation containing tokens ``start``–``end``, preferring the innermost."""
    if QUOTES not in doc.spans:
        return None
    inside = [
        span
        for span in doc.spans[QUOTES]
        if span.start <= start and end <= span.end and span._.get(FIELDS)
    ]
    return min(inside, key=len) if inside else None


def names_head(mention: Span, head: Token) -> bool:
    """Whether an actor mention inside a phrase names the phrase's head: it contains the
    head word or qualifies it ("the M23 rebels", "Congolese President Tshisekedi"), or owns
    an office or group ("Rwanda's foreign minister", "the leader of the M23"). An actor in
    the complement of another noun does not ("the withdrawal of the M23 rebels")."""
    if mention.start <= head.i < mention.end:
        return True
    if head.lemma_.lower() in ROLE_NOUNS:
        return True
    node = mention.root
    for _ in range(8):
        if node.i == head.i:
            return True
        if node.dep_ not in _QUALIFYING_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return False


_DASHES = frozenset({"—", "–", "--"})


_DATELINE_WORDS = 12  # a dateline ("GOMA, May 4 (Lake Wire) —") is at most this long
_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def after_dateline(start: int, doc: Doc) -> int:
    """Where words starting at token ``start`` begin once a dateline opening their sentence
    is cut ("OSLO — Chief negotiator X said", "March 19, 2023 — Serbia and Kosovo agreed
    ..."): after its dash, if the sentence starts at ``start`` with a verbless phrase that
    opens with a word in capitals or a month and ends in a dash; else ``start``."""
    first = doc[start]
    if first.sent.start != start or not (
        (first.is_upper and len(first.text) > 1) or first.lower_ in _MONTHS
    ):
        return start  # a dateline opens with a place in capitals or a date
    for token in doc[start : min(len(doc), start + _DATELINE_WORDS)]:
        if token.text in _DASHES:
            return token.i + 1 if token.i + 1 < len(doc) else start
        if token.pos_ in ("VERB", "AUX"):
            return start
    return start


def subjects_of(verb: Token, deps: Container[str] = ("nsubj", "nsubjpass")) -> list[Token]:
    """The subjects of ``verb``, without a dateline the parser took for one ("GOMA, May 4
    (Lake Wire) — The rebels said ...": a phrase that ends in a dash before the subject,
    or a dateline word with the subject as its apposition: "OSLO — X said")."""
    subjects = [_past_dateline(c) for c in verb.children if c.dep_ in deps]
    real = [s for s in subjects if s.doc[s.right_edge.i].text not in _DASHES]
    return real if real else subjects


def _past_dateline(subject: Token) -> Token:
    """The subject the parser hung on a dateline as its apposition ("OSLO — Chief
    negotiator X said": X)."""
    doc = subject.doc
    if subject.i + 1 < len(doc) and doc[subject.i + 1].text in _DASHES:
        return next((c for c in subject.rights if c.dep_ == "appos"), subject)
    return subject


def clause_subjects(token: Token) -> list[Token]:
    """The subjects of the nearest clause above ``token`` that has one."""
    node: Token | None = token
    seen = 0
    while node is not None and seen < 12:
        subjects = subjects_of(node)
        if subjects:
            return subjects
        if node.head.i == node.i:
            break
        node = node.head
        seen += 1
    return []


def speech_above(token: Token) -> Token | None:
    """The speech or insisting word whose complement clause holds ``token`` ("says that
    Ukraine must ...", "adamant that ...")."""
    node = token
    for _ in range(8):
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_ in SPEECH_VERBS or node.lemma_ in ("demand", "adamant", "insist"):
            return node
    return None


def reporter(token: Token, verbs: frozenset[str] = REPORTING_LEMMAS) -> Token | None:
    """Subject of the nearest verb in ``verbs`` strictly above ``token``."""
    node = token
    for _ in range(12):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_ in verbs:
            subjects = subjects_of(node)
            if subjects:
                return subjects[0]
    return None

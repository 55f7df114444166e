"""Who holds a view: shared by the claims and estimates components.

Both components ask the same questions of a parsed ``Doc`` whose actor mentions
(``doc.spans["zopa_actors"]``) and quotations (``doc.spans["zopa_quotes"]``)
are already set: which actor does this token (or phrase) name, which quotation
contains this span, and which actor does a pronoun most plausibly refer to.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from zopa.extract._doc import ACTORS, FIELDS, QUOTES

__all__ = [
    "REPORTING_LEMMAS",
    "ROLE_NOUNS",
    "SPEECH_VERBS",
    "Holder",
    "actors_in",
    "clause_subjects",
    "holder_of_subject",
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

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


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


def _antecedent(
    doc: Doc, before: int, pronoun: str, skip: Container[str] = frozenset()
) -> Span | None:
    """The actor a pronoun at token ``before`` most plausibly refers to.

    Candidates are actor mentions of a fitting kind (persons for he/she, also one the
    gazetteer does not know, whom the draft links to a party later; states, organisations
    and groups the gazetteer knows for it/they), never one in ``skip`` (outlets), in the
    pronoun's sentence and the one before; a mention that is a grammatical subject or
    possessor wins over a nearer one that is not (centering: the subject is the
    likeliest antecedent). With none there, he/she is the latest person named earlier in
    the text ("Kagame spoke on Monday. [...] He said ...").
    """
    wanted: Iterable[str]
    people = pronoun in _PERSON_PRONOUNS
    wanted = ("person",) if people else ("state", "organisation", "group")
    sentence = doc[before].sent
    window_start = sentence.start
    if window_start > 0:
        window_start = doc[window_start - 1].sent.start
    candidates = [
        span
        for span in actors_in(doc, 0, before)
        if span.label_ in wanted
        and (people or not span.kb_id_.startswith("unresolved:"))
        and span.kb_id_ not in skip
    ]
    near = [span for span in candidates if span.start >= window_start]
    if not near:
        return candidates[-1] if candidates and people else None
    subjects = [span for span in near if span.root.dep_ in ("nsubj", "nsubjpass", "poss")]
    return (subjects or near)[-1]


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


def holder_of_subject(
    doc: Doc, subject: Token, *, skip: Container[str] = frozenset()
) -> list[Holder]:
    """Resolve a grammatical subject (with its conjuncts) to holders.

    An actor mention inside the subject's phrase that names its head wins (see
    :func:`names_head`; never an actor in ``skip``, such as an outlet); a third-person pronoun
    takes the nearest preceding actor of a fitting kind (persons for he/she,
    states, organisations and groups for it/they); a first-person pronoun inside
    a quotation takes the quotation's speaker. Anything else is kept as written
    with no actor (``Holder(None, text)``).
    """
    heads = [subject, *subject.conjuncts]
    holders: list[Holder] = []
    for head in heads:
        phrase = doc[head.left_edge.i : head.right_edge.i + 1]
        if head.i == subject.i and subject.conjuncts:
            phrase = doc[head.left_edge.i : head.i + 1]
        lower = head.lower_
        mentions = [
            mention
            for mention in actors_in(doc, phrase.start, phrase.end)
            if mention.kb_id_ not in skip and names_head(mention, head)
        ]
        name = doc[head.left_edge.i : head.i + 1].text.strip(" \n\t,;:\"'“”‘’")
        if mentions:
            mention = _closest(mentions, head)
            holders.append(Holder(mention.kb_id_ or None, name or mention.text))
        elif lower in _FIRST_PERSON:
            quote = quote_of(doc, head.i, head.i + 1)
            fields = quote._.get(FIELDS) if quote is not None else None
            if fields:
                holders.append(Holder(fields.get("speaker_actor"), fields.get("speaker_text")))
            else:
                holders.append(Holder(None, None))
        elif lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS:
            reporter = _reporting_subject(head)
            if reporter is not None and reporter.lower_ not in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
                holders.extend(holder_of_subject(doc, reporter, skip=skip)[:1])
                continue
            spoken = _speaker_named_by(doc, head)
            if spoken is not None:
                holders.append(spoken)
                continue
            antecedent = _antecedent(doc, head.i, lower, skip)
            if antecedent is not None:
                holders.append(Holder(antecedent.kb_id_ or None, head.text))
        else:
            holders.append(Holder(None, name or None, head))
    return holders


def _speaker_named_by(doc: Doc, pronoun: Token) -> Holder | None:
    """The speaker a quotation gives a pronoun that introduces it ("She said that ..."), so
    a claim and the quotation it sits in agree on who speaks."""
    if QUOTES not in doc.spans:
        return None
    for quote in doc.spans[QUOTES]:
        fields = quote._.get(FIELDS) or {}
        if fields.get("speaker_start") == pronoun.idx and fields.get("speaker_actor"):
            return Holder(fields["speaker_actor"], pronoun.text)
    return None


def _reporting_subject(pronoun: Token) -> Token | None:
    """Subject of the reporting verb whose that-clause the pronoun is the subject of
    ("the president has stated that he supports ...")."""
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if verb.lemma_ not in REPORTING_LEMMAS:
        return None
    subjects = subjects_of(verb)
    return subjects[0] if subjects else None


def _closest(mentions: list[Span], head: Token) -> Span:
    """The mention containing the head word, else the one nearest to it."""
    for mention in mentions:
        if mention.start <= head.i < mention.end:
            return mention
    return min(mentions, key=lambda span: abs(span.start - head.i))


_DASHES = frozenset({"—", "–", "--"})


def subjects_of(verb: Token, deps: Container[str] = ("nsubj", "nsubjpass")) -> list[Token]:
    """The subjects of ``verb``, without a dateline the parser took for one ("GOMA, May 4
    (Lake Wire) — The rebels said ...": a phrase that ends in a dash before the subject)."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    real = [s for s in subjects if s.doc[s.right_edge.i].text not in _DASHES]
    return real if real else subjects


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

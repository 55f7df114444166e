"""Reported speech: the clause a speech verb reports and where it ends.

The complement clause of a speech verb ("Peskov said *that …*", also where the parser hangs
it on the medium: "said in a statement *that …*"), or the clause set off by a parenthetical
attribution ("…, Chesnakov said, *it would …*"). It ends before another report ("…, and the
ministry said …", "…, which he said …", "…, saying “…”") or the speaker's next act ("said
a deal was unlikely *and urged* both sides to …": a verb of saying or judging in the simple
past, joined to the clause with no subject of its own), at the paragraph, and keeps the
marks of a quoted phrase it holds. Negated, infinitival and modal speech verbs report
nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from zopa.extract._attribution import REPORTING_LEMMAS, after_dateline, subjects_of
from zopa.extract._quote_marks import CLOSE, EITHER, OPEN
from zopa.extract.speakers._words import WORDS

__all__ = [
    "SPEECH_VERBS",
    "clause_in_medium",
    "has_clause",
    "host_clause",
    "parenthetical",
    "reported_clause",
    "reports",
    "same_paragraph",
    "says_more",
    "strip",
]

SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "argue", "note", "stress", "warn", "explain", "conclude",
        "suggest", "insist", "claim", "state", "announce", "report", "write", "confirm",
        "deny", "acknowledge", "admit", "reply", "respond", "declare", "assert", "maintain",
        "emphasize", "emphasise", "predict", "recall", "comment", "reiterate", "caution",
        "remark", "observe", "complain", "tweet", "post", "quip", "concede", "contend",
        "hint", "propose", "demand", "promise", "pledge", "vow", "assure",
    }
)  # fmt: skip
"""Lemmas of verbs that report speech."""

_MODALS = {"would", "could", "might", "may", "should", "will", "can", "must", "to"}
_CONJUNCTIONS = frozenset({"and", "but", "or"})


def reports(token: Token) -> bool:
    """A speech verb that reports speech: not negated, not an infinitive or a modal's."""
    if token.lemma_ not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"}:
        return False
    return not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS) for c in token.children
    )


def clause_in_medium(verb: Token) -> Token | None:
    """The that-clause the parser hangs on the medium: "said in a statement that …",
    "wrote in a post that …" (a clause of the noun opened by "that" with its own subject)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during"):
            continue
        for medium in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in medium.children:
                if (
                    clause.dep_ == "acl"
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
                ):
                    return clause
    return None


def has_clause(verb: Token) -> bool:
    """Whether ``verb`` has a complement clause of its own."""
    return any(c.dep_ == "ccomp" for c in verb.children)


def parenthetical(verb: Token) -> bool:
    """ "…, Chesnakov said, it would …" / "…, The New York Times reports, …": a verb set off
    inside or after the clause it reports, with its own subject."""
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "…, as The Moscow Times has previously reported."
    left = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    return verb.dep_ == "conj" and left is not None and left.text == ","


def host_clause(verb: Token) -> Span:
    """The clause a parenthetical attribution is set in, on the longer side of it ("If
    Putin appeared, Chesnakov said, it would …")."""
    host = verb.head
    doc = verb.doc
    left, right = host.left_edge.i, host.right_edge.i + 1
    inner_left, inner_right = verb.left_edge.i, verb.right_edge.i + 1
    # Keep the longer side of the attribution ("If Putin appeared, Chesnakov said, it would …").
    if inner_left - left >= right - inner_right:
        right = inner_left
    else:
        left = inner_right
    return strip(doc[left:right])


def same_paragraph(content: Span, verb: Token) -> Span:
    """``content`` cut at paragraph breaks, to the part on the verb's side."""
    doc = content.doc
    breaks = [t.i for t in content if t.is_space and "\n\n" in t.text]
    if not breaks:
        return content
    before = [i for i in breaks if i < verb.i]
    after = [i for i in breaks if i > verb.i]
    start = max(before) + 1 if before else content.start
    end = min(after) if after else content.end
    return strip(doc[start:end])


def strip(span: Span, *, conjunction: bool = False) -> Span:
    """``span`` without a dateline opening it ("OSLO —"), punctuation and spaces at either
    end (and, with ``conjunction``, a
    conjunction at its end: "…, and" before a report cut off), keeping the quotation marks
    of a quoted phrase it holds (“real progress” had been made; would stay closed “until
    further notice”)."""
    doc, start, end = span.doc, span.start, span.end
    if start < end:
        start = min(after_dateline(start, doc), end)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or (conjunction and doc[end - 1].dep_ == "cc" and doc[end - 1].lower_ in _CONJUNCTIONS)
    ):
        end -= 1
    if start < end:
        marks = [t.text for t in doc[start:end] if t.text in (OPEN, CLOSE, EITHER)]
        if start > 0 and doc[start - 1].text in (OPEN, EITHER) and _unopened(marks):
            start -= 1
        if end < len(doc) and doc[end].text in (CLOSE, EITHER) and _unclosed(marks):
            end += 1
    return doc[start:end]


def _unopened(marks: list[str]) -> bool:
    """Whether quotation marks read left to right close one more than they open."""
    if EITHER in marks:
        return len(marks) % 2 == 1 and marks[0] == EITHER
    return marks.count(CLOSE) > marks.count(OPEN)


def _unclosed(marks: list[str]) -> bool:
    """Whether quotation marks read left to right open one more than they close."""
    if EITHER in marks:
        return len(marks) % 2 == 1 and marks[-1] == EITHER
    return marks.count(OPEN) > marks.count(CLOSE)


def reported_clause(verb: Token, clause: Token) -> Span:
    """The reported clause on the verb's side, without a leading "that" or punctuation."""
    doc = verb.doc
    left, right = clause.left_edge.i, clause.right_edge.i + 1
    if clause.i > verb.i:
        left = max(left, verb.i + 1)
    else:
        right = min(right, verb.i)
    for word in clause.subtree:
        # "X said A, and Y said B", "… goals, which he said …", "…, saying “…”": another
        # report (with its own subject, or the speaker's participle) is not part of this one
        if (
            word.i > clause.i
            and word.i < right
            and (_another_report(word, clause) or _speakers_next_act(word, clause))
        ):
            right = min(right, word.left_edge.i)
    span = strip(doc[left:right], conjunction=True)
    if span and _opens_clause(span[0]):
        span = strip(doc[span.start + 1 : span.end])
    return span


def _opens_clause(word: Token) -> bool:
    """Whether ``word`` is the "that", "whether" or "if" opening a reported clause, also
    where the parser tags "that" as a pronoun ("said that Mali “…”"), but not "that" as the
    clause's subject or determiner ("said that was unlikely", "said that deal …")."""
    if word.lower_ in ("whether", "if"):
        return word.tag_ == "IN"
    return word.lower_ == "that" and word.dep_ not in ("nsubj", "nsubjpass", "det", "attr")


#: Acts a speaker goes on to ("… and urged", "… and proposed", "… and gave the truce a month").
_SPEAKERS_ACTS = SPEECH_VERBS | REPORTING_LEMMAS | WORDS.judging_verbs


def _speakers_next_act(word: Token, clause: Token) -> bool:
    """ "said the talks were stalled and urged both sides to return": a verb of saying or
    judging in the simple past joined to the reported clause's verb with no subject of its
    own is the speaker's next act, not what was said."""
    return (
        word.dep_ == "conj"
        and word.head.i == clause.i
        and word.tag_ == "VBD"
        and word.lemma_ in _SPEAKERS_ACTS
        and not subjects_of(word)
    )


def _another_report(word: Token, clause: Token) -> bool:
    """Whether ``word``, inside the reported ``clause``, opens a report of its own: a verb of
    saying or reporting with its own subject joined to the clause or describing a word of it
    ("…, and the ministry said …", "…, which he said …"), or a speech participle set off by
    a comma ("…, saying “…”")."""
    if word.lemma_ not in SPEECH_VERBS and word.lemma_ not in REPORTING_LEMMAS:
        return False
    if word.pos_ not in ("VERB", "AUX"):
        return False
    if word.dep_ in ("conj", "relcl") and subjects_of(word):
        return True
    before = word.doc[word.i - 1] if word.i > clause.i else None
    return (
        word.tag_ == "VBG"
        and word.dep_ in ("advcl", "xcomp")
        and before is not None
        and before.text == ","
    )


def says_more(content: Span, quoted: set[int]) -> bool:
    """Whether reported speech names outside its quotations what it is about: the subject
    of a clause of it, other than a pronoun ("said the West “would never …”", "said that
    while Moscow welcomes talks, “…”"; not "said they were “…”" or "said that aside from
    X, “my instinct is …”")."""
    return any(
        t.i not in quoted and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
        for t in content
    )

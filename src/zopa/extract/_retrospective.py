"""Whether a probability statement looks back on something already decided.

"The vote was always going to pass" or "a meeting was not possible after the talks
collapsed in January" say nothing about the future: they judge an outcome that
was known when they were said, and a forecast must not count them. A statement is
*retrospective* (:func:`is_retrospective`) when its clause — the verb or copula
that carries the probability word, with everything under it — is in the past and

1. it is an idiom of hindsight: "was always going to", "was never going to", "was
   bound to", "was doomed";
2. or it is in the past perfect ("had never been likely", "had seemed possible");
3. or it says when, in the past: "in hindsight", "in retrospect", "with
   hindsight", "afterwards" (also on the verb that reports it: "…, the minister
   conceded afterwards"), a year before the year of publication, or a month
   named with "in" or "on" that comes before the month of publication in the same
   year ("the round in January", said in March);
4. or it is placed after an outcome: "after / once / when" with a verb of an
   outcome in the past ("after the talks collapsed", "once the incident
   happened");
5. or it is what everyone knew was coming ("everybody knew the cabinet was going
   to fall"), or what a past cause made certain ("the drought made a second default
   inevitable").

A predicate coordinated with a past one shares its tense ("had been foreseeable and
always going to happen").

A clause that names a future time ("next week", "tomorrow", "in the coming days")
is never retrospective. Reported speech shifts tenses back ("she said a deal was
unlikely"), so a past tense alone proves nothing and none of the rules relies on
it alone.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

__all__ = ["clause_head", "is_retrospective"]

_HINDSIGHT = frozenset({"hindsight", "retrospect", "afterwards", "afterward"})
_FUTURE = frozenset({"next", "tomorrow", "coming", "upcoming", "later", "soon", "future"})
_OUTCOME_LEMMAS = frozenset(
    {"collapse", "fail", "end", "break", "happen", "occur", "founder", "stall", "resume"}
)
_AFTER_MARKS = frozenset({"after", "once", "when"})
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_UP_DEPS = frozenset(
    {
        "acomp",
        "attr",
        "oprd",
        "dobj",
        "pobj",
        "prep",
        "amod",
        "advmod",
        "nsubj",
        "nsubjpass",
        "npadvmod",
        "det",
        "compound",
        "neg",
        "xcomp",
        "conj",
    }
)


def clause_head(token: Token) -> Token:
    """The verb or copula whose clause holds ``token`` (itself when it is a verb)."""
    node = token
    for _ in range(8):
        if node.dep_ in ("aux", "auxpass") and node.head.i != node.i:
            return node.head
        predicate = node.dep_ in ("acomp", "attr", "oprd") or (
            node.dep_ == "xcomp" and node.tag_ == "VB"
        )
        if node.pos_ in ("VERB", "AUX") and not predicate:
            return node
        if node.head.i == node.i or node.dep_ not in _UP_DEPS:
            return node
        node = node.head
    return node


def _past(head: Token) -> bool:
    if head.tag_ == "VBD":
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children):
        return True
    return head.dep_ == "conj" and head.tag_ == "VBG" and _past(head.head)


#: Verbs by which a cause makes an outcome certain ("made a default inevitable").
_CAUSING = frozenset({"make", "render"})


def _foreknown_or_caused(head: Token) -> bool:
    """ "Everybody knew ... was coming" (the estimate's clause is the past "knew"), or a past
    "made ... inevitable" (the estimate's word predicates the object of the past cause)."""
    return head.lemma_ == "know" or head.lemma_ in _CAUSING


def _past_perfect(head: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in head.children) and (
        head.tag_ == "VBN"
    )


def _hindsight_idiom(words: list[str]) -> bool:
    text = " ".join(words)
    return any(
        idiom in text for idiom in ("always going to", "never going to", "bound to", "doomed")
    )


def _past_time(clause: list[Token], published: date | None) -> bool:
    for token in clause:
        lower = token.lower_
        if lower in _HINDSIGHT:
            return True
        if published is None:
            continue
        year = int(lower) if token.like_num and len(lower) == 4 and lower.isdigit() else 0
        if 1900 < year < published.year and token.head.lower_ not in ("by", "until"):
            return True
        if lower in _MONTHS and token.i > 0:
            before = token.doc[token.i - 1].lower_
            if before in ("in", "on", "of") and _MONTHS.index(lower) + 1 < published.month:
                return True
    return False


def _after_an_outcome(clause: list[Token]) -> bool:
    return any(
        token.dep_ == "advcl"
        and token.tag_ == "VBD"
        and token.lemma_ in _OUTCOME_LEMMAS
        and any(c.dep_ == "mark" and c.lower_ in _AFTER_MARKS for c in token.children)
        for token in clause
    )


def is_retrospective(anchor: Token, published: date | None) -> bool:
    """Whether the statement carried by ``anchor`` looks back (module docstring)."""
    head = clause_head(anchor)
    caused = head.dep_ in ("ccomp", "oprd") and head.head.lemma_ in _CAUSING
    if head.pos_ == "ADJ" and caused and head.lower_ == "inevitable":
        head = head.head  # "made a default inevitable": the clause of "made"
    clause = list(head.subtree)
    if any(t.lower_ in _FUTURE for t in clause):
        return False
    if not _past(head):
        return False
    words = [t.lower_ for t in clause]
    said_after = any(  # "…, the minister conceded afterwards": said once it was known
        child.lower_ in _HINDSIGHT for above in head.ancestors for child in above.children
    )
    return (
        said_after
        or _hindsight_idiom(words)
        or _past_perfect(head)
        or _past_time(clause, published)
        or _after_an_outcome(clause)
        or (head.tag_ == "VBD" and _foreknown_or_caused(head))
    )

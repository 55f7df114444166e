"""Probability statements ("the chance of success seems illusory") read as numbers.

The ``zopa_estimates`` spaCy component finds words of estimative probability
with a token :class:`~spacy.matcher.Matcher` and reads each match through the
parse: the probability adjective or adverb itself ("unlikely", "probably", "most
likely", "hardly possible" — "possible" and "certain" only as predicates), a
chance noun with its qualifier ("slim chance", "the probability … remains
extremely small", "the odds … were about even", "no chance"), expectation verbs
("I expect nothing", "no reason to expect", "do not think … will", "cannot
imagine"), idioms of chance ("a long shot", "touch and go", "odds-on", "was always
going to"), negations and hedges ("far from certain", "hardly likely") and chances
written as numbers (:mod:`zopa.extract._chance_numbers`: "a 30 percent chance",
"one in four", "50-50", "two to one against", "put it at around 70 percent", "below
10 percent"; a hedge beside a number qualifies it: "perhaps 10%" is one statement).
Bare modal verbs ("may", "could") are not estimates, nor is an attributive
"likely" ("the likely successor"). A comparison ("made a strike more likely", "less
likely than in May") is a direction, not a level: it is kept with ``direction`` "up" or
"down" and the whole interval [0, 1] (:func:`zopa.extract._probability.direction`).

Each match becomes a span in ``doc.spans["zopa_estimates"]`` with
``span._.zopa_fields`` = ``holder_actor``, ``holder_text``, ``phrase`` (the
original words), ``probability``, ``low``, ``high``, ``about`` (the outcome
phrase, or None) with ``about_start``/``about_end`` (its characters),
``about_actors`` (actor keys named in it) and ``about_type`` (the PLOVER type of
an event coded on it), ``retrospective`` (it judges an outcome already known:
:mod:`zopa.extract._retrospective`) and ``direction`` ("up", "down" for a comparison,
else None). Numbers come from the survey-derived scale of
:mod:`zopa.extract._probability` with its stated extension, intensifier and
negation rules. The holder is the speaker of the quotation containing the
phrase, else the subject of the reporting or believing verb above it, else the
writer of the article (``holder_actor`` and ``holder_text`` both None), by the
statement frames of the shared speaker rules (:func:`zopa.extract.speakers.words_holder`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from zopa.extract._actors import get_gazetteer
from zopa.extract._attribution import REPORTING_LEMMAS, ROLE_NOUNS
from zopa.extract._chance_numbers import (
    CHANCE_NOUNS,
    NUMBER_PATTERNS,
    followed_by_that_clause,
    read_number,
)
from zopa.extract._doc import ACTORS, ESTIMATES, EVENTS, FIELDS, PUBLISHED
from zopa.extract._probability import (
    INTENSIFIERS,
    Estimate,
    direction,
    estimate_for,
    explicit_estimate,
)
from zopa.extract._retrospective import clause_head, is_retrospective
from zopa.extract.speakers import SPEAKER_WORDS, KnownActors, Speakers, words_holder
from zopa.number_words import word_number

__all__ = ["EstimatesComponent", "make_estimates"]

_CORE_WORDS = (
    "likely",
    "likelier",
    "unlikely",
    "probable",
    "improbable",
    "probably",
    "possible",
    "impossible",
    "possibly",
    "certain",
    "certainly",
    "doubtful",
    "inevitable",
    "sure",
    "confident",
    "predictable",
    "foreseeable",
)
#: Words of hindsight: an estimate only in a perfect clause ("had been predictable"), not a
#: judgement of quality ("the weather was predictable").
_HINDSIGHT_ONLY = frozenset({"predictable", "foreseeable"})
_PREDICATE_ONLY = frozenset(
    {"possible", "impossible", "certain", "inevitable", "doubtful", "sure", "confident"}
    | _HINDSIGHT_ONLY
)
#: Predicates that are estimates only with what they are sure of ("sure the union would
#: accept", "confident of a release"), never alone ("she was confident", "make sure").
_NEEDS_COMPLEMENT = frozenset({"sure", "confident"})
#: Probability adjectives that qualify a person or thing, not an outcome, when put before
#: a noun ("the likely successor", "an unlikely mediator", "the probable cause").
_NOT_ATTRIBUTIVE = frozenset({"likely", "unlikely", "probable", "improbable"})
#: Words before a probability word that negate it ("far from certain", "by no means sure").
_NEGATING_PHRASES = (("far", "from"), ("by", "no", "means"), ("anything", "but"))
_CHANCE_LEMMAS = ("chance", "probability", "likelihood", "odds", "odd", "prospect", "possibility")
_EXPECTATION_LEMMAS = ("expectation",)
_COPULAS = frozenset({"be", "seem", "remain", "look", "appear", "stay", "become", "sound"})
_HARDLY = frozenset({"hardly", "barely", "scarcely"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_WHOLE_MODIFIERS = frozenset({"almost", "most", "about", "nearly"})
_MODALS = frozenset({"will", "would", "may", "might", "can", "could", "shall"})
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)$")


#: Idioms of chance (lower-case token sequences) → the extension they read as, with what
#: must hold: "be" (after a form of "be" or a copula), "odds" (in a sentence speaking of
#: odds or chances), "negated" (only negated: "not out of the question"; unnegated it is a
#: red line, a claim) or "" (always).
_IDIOMS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("long", "shot"), "long shot", ""),
    (("safe", "bet"), "safe bet", ""),
    (("coin", "toss"), "coin toss", ""),
    (("coin", "flip"), "coin flip", ""),
    (("toss", "-", "up"), "toss-up", ""),
    (("toss-up",), "toss-up", ""),
    (("touch", "and", "go"), "touch and go", ""),
    (("non", "-", "starter"), "non-starter", ""),
    (("non-starter",), "non-starter", ""),
    (("odds", "-", "on"), "odds-on", ""),
    (("odds-on",), "odds-on", ""),
    (("more", "likely", "than", "not"), "more likely than not", ""),
    (("slim", "to", "none"), "slim to none", ""),
    (("slim", "to", "no", "chance"), "slim to none", ""),
    (("stacked", "against"), "stacked against", "odds"),
    (("within", "reach"), "within reach", "be"),
    (("always", "going", "to"), "always going to", "be"),
    (("never", "going", "to"), "never going to", "be"),
    (("not", "going", "to", "happen"), "not going to happen", ""),
    (("n't", "going", "to", "happen"), "not going to happen", ""),
    (("bound", "to"), "bound to", "be"),
    (("doomed",), "doomed", "be"),
    (("could", "well"), "could well", ""),
    (("no", "guarantee"), "no guarantee", ""),
    (("out", "of", "the", "question"), "out of the question", "negated"),
    (("better", "than", "even"), "better than even", ""),
    (("surprised", "if"), "surprised", "be"),
    (("foregone", "conclusion"), "foregone conclusion", ""),
    (("beyond", "doubt"), "beyond doubt", ""),
    (("never", "in", "doubt"), "beyond doubt", ""),
    (("never", "been", "in", "doubt"), "beyond doubt", ""),
    (("sure", "thing"), "sure thing", ""),
    (("not", "in", "doubt"), "beyond doubt", ""),
)


_About = tuple[Span, ...]
"""What an estimate is about: the words of the outcome, in one or two parts (a subject and
its complement: "a deal … to be signed")."""


@dataclass(frozen=True)
class _Found:
    tokens: tuple[Token, ...]
    phrase: str
    estimate: Estimate
    about: _About
    anchor_token: Token
    #: indices of the hedges that qualify a chance written as a number ("perhaps 10%")
    hedges: tuple[int, ...] = ()


class EstimatesComponent:
    """spaCy component writing ``doc.spans["zopa_estimates"]`` (see the module docstring)."""

    version = "8"  # 2: holders by the shared speaker resolver (zopa.extract.speakers); 3: hedges
    # beside numbers, bounds as intervals, comparisons as directions, more outcomes (about);
    # 4: hyphenated ratios, "a foregone conclusion", speakers before a colon; 5: holders by
    # the speaker resolver's statement frames (speakers.words_holder); 6: state organs,
    # hindsight forms ("had been predictable", "everybody knew"), "expected X to happen",
    # "not a chance", "the odds are against", "even odds", "a sure thing", "would say 1 in 4";
    # 7: risks put at a level, "not going to happen", a number set off after
    # a probability word ("very likely, I would say 70 percent"); 8: unnamed people hold
    # anonymously (convention 5), "few / nobody expect" (convention 4), a pronoun holder
    # shown by its name

    def __init__(self, vocab: Vocab, known: KnownActors | None = None) -> None:
        self.known = known if known is not None else KnownActors()
        self.matcher = Matcher(vocab)
        for label, patterns in NUMBER_PATTERNS.items():
            self.matcher.add(label, patterns)
        self.idioms = PhraseMatcher(vocab, attr="LOWER")
        for index, (words, _, _) in enumerate(_IDIOMS):
            self.idioms.add(f"IDIOM_{index}", [Doc(vocab, words=list(words))])
        self.matcher.add("CORE", [[{"LOWER": {"IN": list(_CORE_WORDS)}}]])
        self.matcher.add(
            "CHANCE",
            [[{"LEMMA": {"IN": list(_CHANCE_LEMMAS + _EXPECTATION_LEMMAS)}}], [{"LOWER": "odds"}]],
        )
        self.matcher.add("RISK", [[{"LEMMA": "risk", "POS": "NOUN"}]])
        self.matcher.add("EXPECT", [[{"LEMMA": "expect"}]])
        self.matcher.add("KNEW", [[{"LEMMA": "know", "TAG": "VBD"}]])
        self.matcher.add(
            "NO_REASON",
            [[{"LOWER": "no"}, {"LOWER": "reason"}, {"LOWER": "to"}, {"LEMMA": "expect"}]],
        )
        self.matcher.add(
            "IMAGINE",
            [
                [
                    {"LEMMA": {"IN": ["can", "could"]}},
                    {"LOWER": {"IN": ["not", "n't"]}},
                    {"LEMMA": "imagine"},
                ]
            ],
        )
        self.matcher.add("BELIEVE_NOT", [[{"LEMMA": {"IN": ["think", "believe"]}}]])
        self.matcher.add("DOUBT", [[{"LEMMA": "doubt", "POS": "VERB"}]])
        self.matcher.add(
            "PUT_AT",
            [[{"LEMMA": {"IN": ["put", "estimate", "rate", "place"]}}]],
        )

    def __call__(self, doc: Doc) -> Doc:
        matches = [*self.matcher(doc), *self.idioms(doc)]
        read = [
            _read(doc.vocab.strings[match_id], doc, start, end)
            for match_id, start, end in sorted(matches, key=lambda m: (m[1], -m[2]))
        ]
        items = [item for item in read if item is not None]
        # a hedge beside a chance written as a number qualifies the number: no statement
        hedged = {i for item in items for i in item.hedges}
        found: list[_Found] = []
        taken: set[int] = set()
        for item in items:
            if any(token.i in taken for token in item.tokens) or (
                not item.hedges and any(token.i in hedged for token in item.tokens)
            ):
                continue
            taken.update(token.i for token in item.tokens)
            found.append(item)
        speakers = Speakers.of(doc, self.known)
        doc.spans[ESTIMATES] = [_to_span(doc, item, speakers) for item in found]
        return doc


@Language.factory("zopa_estimates", default_config={})
def make_estimates(nlp: Language, name: str) -> EstimatesComponent:
    """Factory of the ``zopa_estimates`` component (no settings; the pipeline's gazetteer
    tells the speaker resolver about people and outlets)."""
    return EstimatesComponent(nlp.vocab, KnownActors.from_gazetteer(get_gazetteer(nlp)))


# --- reading one match -------------------------------------------------------------------------


def _read(label: str, doc: Doc, start: int, end: int) -> _Found | None:
    token = doc[start]
    if label.startswith("NUM_"):
        number = read_number(label, doc, start, end)
        if number is None:
            return None
        tokens = tuple(doc[number.start : number.end])
        about = _about_of_number(doc, number.start, number.number_start, number.end)
        item = _found(tokens, number.estimate, about, doc[number.number_start])
        return replace(item, hedges=number.hedges) if item is not None else None
    if label.startswith("IDIOM_"):
        return _read_idiom(_IDIOMS[int(label.removeprefix("IDIOM_"))], doc, start, end)
    if label == "CORE":
        return _read_core(token)
    if label == "CHANCE":
        return _read_chance(token)
    if label == "RISK":
        return _read_risk(token)
    if label == "EXPECT":
        return _read_expect(token)
    if label == "KNEW":
        return _read_knew(token)
    if label == "NO_REASON":
        span = doc[start:end]
        estimate = estimate_for("no reason to expect")
        objects = [c for c in doc[end - 1].children if c.dep_ in ("dobj", "ccomp", "xcomp")]
        about = _text(objects[0]) if objects else ()
        return _found(tuple(span), estimate, about, doc[end - 1])
    if label == "IMAGINE":
        verb = doc[end - 1]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
        about = _text(objects[0]) if objects else ()
        return _found(tuple(doc[start:end]), estimate_for("cannot imagine"), about, verb)
    if label == "BELIEVE_NOT":
        return _read_believe_not(token)
    if label == "DOUBT":
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if not clauses or not _has_subject(token):
            return None
        return _found((token,), estimate_for("doubt"), _text(clauses[0]), token)
    if label == "PUT_AT":
        return _read_put_at(token)
    return None


def _found(
    tokens: tuple[Token, ...], estimate: Estimate | None, about: _About, anchor: Token
) -> _Found | None:
    if estimate is None:
        return None
    ordered = tuple(sorted(set(tokens), key=lambda t: t.i))
    if not about or (len(about) == 1 and all(t.tag_ == "PRP" for t in about[0])):
        about = _outcome_of_clause(ordered, anchor)
    return _Found(ordered, _phrase(ordered), estimate, about, anchor)


def _phrase(tokens: tuple[Token, ...]) -> str:
    """The original words as written, with "…" where the phrase skips words."""
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            gap = token.i != previous.i + 1
            parts.append(" … " if gap else previous.whitespace_)
        parts.append(token.text)
        previous = token
    return "".join(parts)


def _modifiers(word: Token) -> tuple[list[Token], Token | None, bool]:
    """Adverbs in front of ``word`` that change its reading, plus negation.

    Returns (whole-phrase modifiers such as "almost"/"most", the intensifier,
    negated?). Negation is looked for on the word and, for predicates, on its
    copula ("was not likely").
    """
    whole: list[Token] = []
    intensifier: Token | None = None
    negated = False
    holders = [word]
    if word.dep_ in ("acomp", "attr", "oprd") or word.pos_ == "ADV":
        holders.append(word.head)
    for holder in holders:
        for child in holder.children:
            lower = child.lower_
            if child.dep_ == "neg" or (lower in _NEGATIONS and child.dep_ in ("advmod", "det")):
                negated = True
            elif holder.i == word.i and child.dep_ in ("advmod", "amod", "npadvmod"):
                if lower in _WHOLE_MODIFIERS or lower in _HARDLY:
                    whole.append(child)
                elif lower in INTENSIFIERS:
                    intensifier = child
    return whole, intensifier, negated


def _lookup(
    word: str,
    whole: list[Token],
    intensifier: Token | None,
    negated: bool,
    *,
    negates_outcome: bool = False,
) -> Estimate | None:
    """Try "<modifier> <word>" as one phrase first ("most likely", "hardly possible")."""
    for modifier in whole:
        lower = modifier.lower_
        combined = estimate_for(
            f"{lower} {word}",
            intensifier=intensifier.lower_ if intensifier is not None else None,
            negated=negated,
            negates_outcome=negates_outcome,
        )
        if combined is not None:
            return combined
        if lower in _HARDLY:
            return estimate_for(word, negated=True)
    return estimate_for(
        word,
        intensifier=intensifier.lower_ if intensifier is not None else None,
        negated=negated,
        negates_outcome=negates_outcome,
    )


def _read_core(token: Token) -> _Found | None:
    lower = token.lower_
    phrase_negation = _negating_phrase(token)
    if lower in _NOT_ATTRIBUTIVE and _attributive(token):
        return None
    if (
        lower in _PREDICATE_ONLY
        and token.dep_ not in ("acomp", "attr", "oprd", "ROOT", "conj")
        and not phrase_negation
        and not (lower == "inevitable" and token.head.lemma_ in ("make", "render"))
    ):
        return None  # but "made a default inevitable" predicates the object
    if lower in _HINDSIGHT_ONLY and not _perfect(token.head if token.dep_ != "ROOT" else token):
        return None
    if lower in _NEEDS_COMPLEMENT and not _has_complement(token):
        return None
    if lower in ("possible", "impossible") and _is_as_possible(token):
        return None
    compared = _comparison(token)
    if compared is not None:
        way, words = compared
        if _negators(token) or any(c.dep_ == "neg" for w in words for c in w.children):
            return None  # "no more likely than a month ago": no change, no statement
        return _found((token, *words), direction(way), _about_of_predicate(token), token)
    whole, intensifier, negated = _modifiers(token)
    if (
        lower in ("certain", "certainly")
        and not any(m.lower_ == "almost" for m in whole)
        and (lower == "certainly" or token.head.lemma_ == "make")
    ):
        return None
    if phrase_negation:
        negated = not negated
    # "almost certainly not": an adverb before its negation denies the outcome, not itself
    negates_outcome = token.pos_ == "ADV" and all(n.i > token.i for n in _negators(token))
    estimate = _lookup(lower, whole, intensifier, negated, negates_outcome=negates_outcome)
    tokens = [token, *whole, *phrase_negation]
    if intensifier is not None:
        tokens.append(intensifier)
    tokens.extend(_negators(token) if negated else [])
    about = () if phrase_negation else _about_of_predicate(token)
    return _found(tuple(tokens), estimate, about, token)


def _comparison(word: Token) -> tuple[Literal["up", "down"], tuple[Token, ...]] | None:
    """A comparative of a probability word that compares chances ("made a strike more
    likely", "less likely than in May", "likelier"): the way the chance moves and the
    comparative's words. Not one before a noun, which names the favoured of the outcomes
    ("the more probable outcome is …"), nor one with "than not" (an idiom)."""
    if word.dep_ == "amod" and word.i < word.head.i:
        return None
    if word.lower_ == "likelier":
        return "up", ()
    for child in word.children:
        if child.dep_ in ("advmod", "amod") and child.lower_ in ("more", "less"):
            return ("up" if child.lower_ == "more" else "down"), (child,)
    return None


def _attributive(word: Token) -> bool:
    """``word`` stands before the noun it qualifies ("the likely successor"); a superlative
    or comparative ("the most probable site", "the more probable next step") still ranks
    outcomes and counts."""
    return (
        word.dep_ == "amod"
        and word.head.pos_ in ("NOUN", "PROPN")
        and word.i < word.head.i
        and not any(c.lower_ in ("most", "least", "more", "less") for c in word.children)
    )


def _negating_phrase(token: Token) -> list[Token]:
    """The words of "far from", "by no means", "anything but" just before ``token``
    (intensifiers may stand between: "far from very likely")."""
    doc = token.doc
    end = token.i
    while end > 0 and doc[end - 1].lower_ in INTENSIFIERS:
        end -= 1
    for words in _NEGATING_PHRASES:
        start = end - len(words)
        if start >= 0 and tuple(t.lower_ for t in doc[start:end]) == words:
            return list(doc[start:end])
    return []


def _perfect(verb: Token) -> bool:
    """``verb`` is in a perfect tense ("had been", "has been")."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _has_complement(word: Token) -> bool:
    """A clause or an "of" phrase saying what one is sure of ("confident of a release";
    not "confident about the substance", a judgement of quality)."""
    if word.head.lemma_ == "make":
        return False
    return any(
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ == "of")
        for c in word.children
    )


def _read_idiom(
    idiom: tuple[tuple[str, ...], str, str], doc: Doc, start: int, end: int
) -> _Found | None:
    _, key, condition = idiom
    first = doc[start]
    if condition == "be" and not _after_be(first):
        return None
    if key == "bound to" and _under_modal(first):
        return None  # "would be bound to defend it": an obligation
    if condition == "odds" and not {t.lower_ for t in first.sent} & {"odds", "chances", "chance"}:
        return None
    negators = [
        t
        for t in doc[max(first.sent.start, start - 3) : start]
        if t.lower_ in ("not", "n't", "never")
    ]
    if condition == "negated" and not negators:
        return None
    # "far from a sure thing": a negating phrase before the idiom and its article
    article = start > 0 and doc[start - 1].lower_ in ("a", "an", "the")
    negators += _negating_phrase(doc[start - 1] if article else first)
    tokens = (*doc[start:end], *negators)
    anchor = doc[start:end].root
    return _found(
        tokens, estimate_for(key, negated=bool(negators)), _about_of_idiom(doc, start, end), anchor
    )


def _under_modal(token: Token) -> bool:
    """A modal verb stands within the three words before ``token`` ("would be bound to")."""
    doc = token.doc
    return any(doc[i].tag_ == "MD" for i in range(max(token.sent.start, token.i - 3), token.i))


def _after_be(token: Token) -> bool:
    """``token`` comes after a form of "be" or a copula in its clause ("was always going to",
    "is within reach", "were doomed")."""
    doc = token.doc
    verb = token.head
    if verb.dep_ == "conj" and verb.head.lemma_ in _COPULAS:
        return True  # "had been foreseeable and always going to happen"
    for i in range(token.i - 1, max(token.sent.start, token.i - 4) - 1, -1):
        if doc[i].lemma_ in _COPULAS:
            return True
        if doc[i].pos_ not in ("ADV", "PART", "AUX") and not doc[i].is_quote:
            return False
    return False


def _is_as_possible(token: Token) -> bool:
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return before in ("as", "if", "where", "when", "whenever") or after == "as"


def _negators(word: Token) -> list[Token]:
    holders = [word, word.head] if word.dep_ in ("acomp", "attr", "oprd") else [word]
    return [
        child
        for holder in holders
        for child in holder.children
        if child.dep_ == "neg" or child.lower_ in _NEGATIONS
    ]


def _read_chance(noun: Token) -> _Found | None:
    lemma = "odds" if noun.lower_ == "odds" else noun.lemma_.lower()
    qualifier: Token | None = None
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.pos_ in ("ADJ", "NOUN", "NUM"):
            qualifier = child
        elif child.dep_ == "advmod" and child.i < noun.i and estimate_for(child.lower_):
            qualifier = child  # "even odds" parsed as an adverb
    tokens: list[Token] = [noun]
    negated = any(c.lower_ == "no" and c.dep_ == "det" for c in noun.children)
    determiner = next((c for c in noun.children if c.dep_ == "det"), None)
    number = _percent_near(noun)
    if number is not None:
        value, number_tokens = number
        return _found((noun, *number_tokens), explicit_estimate(value), _about_of_noun(noun), noun)
    if qualifier is None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_ in _COPULAS:
        predicates = [
            c
            for c in noun.head.children
            if (c.dep_ in ("acomp", "attr", "oprd") and c.pos_ == "ADJ")
            or (c.dep_ == "advmod" and estimate_for(c.lower_) is not None)
        ]
        if predicates:
            qualifier = predicates[0]
            tokens.append(noun.head)
        elif lemma == "odds" and (
            against := next(
                (c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "against"),
                None,
            )
        ):  # "the odds are against us"
            return _found(
                (noun, noun.head, against),
                estimate_for("stacked against"),
                _about_of_noun(noun),
                noun,
            )
    if qualifier is None:
        if (
            determiner is not None
            and determiner.lower_ == "a"
            and lemma == "chance"
            and (denial := next((c for c in noun.children if c.dep_ == "neg"), None))
        ):  # "Not a chance."
            estimate = estimate_for("no chance")
            return _found((denial, determiner, noun), estimate, _about_of_noun(noun), noun)
        if determiner is not None and determiner.lower_ in ("no", "every", "all", "little"):
            if lemma not in _CHANCE_LEMMAS:
                return None
            whole, _, _ = _modifiers(determiner)
            estimate = _lookup(f"{determiner.lower_} {noun.lower_}", whole, None, False) or (
                _lookup(f"{determiner.lower_} chance", whole, None, False)
            )
            return _found((noun, determiner, *whole), estimate, _about_of_noun(noun), noun)
        return None
    whole, intensifier, negated_q = _modifiers(qualifier)
    word = qualifier.lower_
    if lemma in _EXPECTATION_LEMMAS:
        word = f"{word} expectations"
    elif word in ("little", "remote"):
        word = f"{word} chance"
    estimate = _lookup(word, whole, intensifier, negated or negated_q)
    tokens.extend([qualifier, *whole])
    if intensifier is not None:
        tokens.append(intensifier)
    if determiner is not None and determiner.lower_ == "no":
        tokens.append(determiner)
    return _found(tuple(tokens), estimate, _about_of_noun(noun), noun)


#: Levels a risk is put at that are a chance of the harm ("the risk of a default is low");
#: a risk said to be "real" or "serious" warns of a harm and puts no level on it.
_RISK_LEVELS = frozenset(
    {"small", "low", "high", "slim", "minimal", "negligible", "remote", "tiny", "trivial"}
)


def _read_risk(noun: Token) -> _Found | None:
    """ "The risk of a missed payment was very small", "a low risk of escalation": a risk put
    at a level reads as the chance of the harm (its number, if any, is read as a number)."""
    found = _read_chance(noun)
    if found is None or not any(t.lower_ in _RISK_LEVELS for t in found.tokens):
        return None
    return found


def _read_expect(verb: Token) -> _Found | None:
    if verb.doc[max(0, verb.i - 3) : verb.i].text.lower().endswith("no reason to"):
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    few = _few_holding(verb)
    if few is not None and objects:
        return _found((*few.subtree, verb), estimate_for("do not expect"), _text(objects[0]), verb)
    if any(o.lower_ in ("nothing", "little") for o in objects):
        obj = next(o for o in objects if o.lower_ in ("nothing", "little"))
        key = "expect nothing" if obj.lower_ == "nothing" else "do not expect"
        return _found((verb, obj), estimate_for(key), (), verb)
    negators = [c for c in verb.children if c.dep_ == "neg"]
    if negators and _has_subject(verb) and objects:
        return _found((verb, *negators), estimate_for("do not expect"), _text(objects[0]), verb)
    thing = _thing_expected(verb)
    if thing is not None:
        return _found((verb, *thing.subtree), estimate_for("expect"), _text(thing), verb)
    return None


#: Subjects that deny or generalise an expectation ("nobody expects ..."): no holder's estimate.
_NO_ONE = frozenset({"nobody", "none", "no", "one", "few"})
#: Words that make a subject a group that mostly does not hold a belief ("few observers",
#: "nobody in the room", "no one"): the statement is a low chance with no holder named.
_FEW = frozenset({"few", "nobody", "none"})
_PRESCRIBING = frozenset({"should", "must", "need", "ought", "can", "could"})


def _few_holding(verb: Token) -> Token | None:
    """The subject of an expecting or believing verb that says few or none hold the belief
    ("Few observers expect ...", "Nobody in the room thinks ...", "No one believes ..."; not
    "a few", "quite a few"), or None. The team's convention: such a statement is an
    estimate whose holder is a described, unnamed group (``tests/gold/README.md``)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _PRESCRIBING) for c in verb.children
    ):
        return None  # "nobody should expect ...": advice, not a belief
    first = subject.doc[subject.left_edge.i]
    second = subject.doc[first.i + 1] if first.i + 1 < len(subject.doc) else first
    if first.lower_ in _FEW or (first.lower_ == "no" and second.lower_ == "one"):
        return subject
    return None


def _thing_expected(verb: Token) -> Token | None:
    """The clause of "X expected <a thing> to <happen>" ("expected the truce to hold"): an
    active "expect" with a subject and no negation, whose infinitive's subject is a thing —
    not a name, a pronoun or a body that can act ("expected Peru to withdraw" asks Peru to
    act: a demand, which the claims read)."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if (
        not subjects
        or any(c.dep_ in ("neg", "auxpass") for c in children)
        or any(t.lower_ in _NO_ONE for t in subjects[0].subtree)
    ):
        return None
    actors = {t.i for span in verb.doc.spans.get(ACTORS, []) for t in span}
    for clause in children:
        if clause.dep_ not in ("ccomp", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        ):
            continue
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            if (
                subject.pos_ == "NOUN"
                and subject.i not in actors
                and subject.lemma_.lower() not in ROLE_NOUNS
                and subject.lemma_.lower() not in SPEAKER_WORDS.body_nouns
            ):
                return clause
    return None


#: Subjects of "knew" that make it common knowledge in hindsight ("everybody knew ...").
_EVERYONE = frozenset({"everybody", "everyone", "we", "all"})


def _read_knew(verb: Token) -> _Found | None:
    """ "Everybody knew the cabinet was going to fall", "we all knew it was coming": an
    outcome everyone saw coming, in hindsight (certain, retrospective)."""
    if not any(c.dep_ == "nsubj" and c.lower_ in _EVERYONE for c in verb.children):
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.tag_ != "VBG":
            continue
        coming = clause.lemma_ == "come" and not any(c.dep_ == "dobj" for c in clause.children)
        going = clause.lemma_ == "go" and any(c.dep_ == "xcomp" for c in clause.children)
        if coming or going:
            words = [t for t in clause.subtree if t.dep_ not in ("nsubj", "nsubjpass")]
            return _found((verb, *words), estimate_for("knew"), _outcome_subject(clause), verb)
    return None


def _read_believe_not(verb: Token) -> _Found | None:
    negators = [c for c in verb.children if c.dep_ == "neg"]
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    few = _few_holding(verb)
    if few is not None and clauses and not negators:
        # "few in the region believe the withdrawal will ...": a low chance, held by no one named
        return _found((*few.subtree, verb), estimate_for("do not think"), _text(clauses[0]), verb)
    if not negators or not clauses or not _has_subject(verb):
        return None
    clause = clauses[0]
    if not any(c.lower_ in _MODALS for c in clause.children if c.dep_ == "aux"):
        return None
    return _found((verb, *negators), estimate_for("do not think"), _text(clause), verb)


def _read_put_at(verb: Token) -> _Found | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "at":
            for obj in prep.children:
                value = _percent_value(obj)
                if value is not None:
                    things = [c for c in verb.children if c.dep_ == "dobj"]
                    about: _About = ()
                    if things and things[0].lemma_ in _CHANCE_LEMMAS:
                        about = _about_of_noun(things[0])
                    numbers = tuple(t for t in obj.subtree)
                    return _found((verb, *numbers), explicit_estimate(value), about, verb)
    return None


def _percent_near(noun: Token) -> tuple[float, tuple[Token, ...]] | None:
    """A percentage or "one in N" attached to a chance noun ("a 30 percent chance")."""
    candidates = [c for c in noun.children if c.dep_ in ("compound", "nummod", "amod", "npadvmod")]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at"):
            candidates.extend(prep.children)
    for candidate in candidates:
        value = _percent_value(candidate)
        if value is not None:
            return value, tuple(candidate.subtree)
    return None


def _percent_value(token: Token) -> float | None:
    """Value of "30 percent" / "30%" headed by ``token`` (the word percent, % or the number)."""
    words = list(token.subtree)
    text = " ".join(t.text for t in words).lower()
    text = re.sub(r"^(around|about|roughly|some|nearly|almost|perhaps|maybe)\s+", "", text)
    text = text.replace(" %", "%")
    match = _PERCENT.match(text)
    if match:
        return float(match.group(1)) / 100.0
    one_in = re.match(r"^(one|1) in (\w+)$", text)
    if one_in:
        denominator = one_in.group(2)
        number = word_number(denominator)
        if number:
            return 1.0 / float(number)
    return None


# --- what the estimate is about ---------------------------------------------------------------


def _text(token: Token) -> _About:
    words = [t for t in token.subtree if t.dep_ != "mark" or t.head.i != token.i]
    if not words:
        return (token.doc[token.i : token.i + 1],)
    return (_trimmed(token.doc[words[0].i : words[-1].i + 1]),)


def _trimmed(span: Span) -> Span:
    """``span`` without punctuation and quotation marks at its edges."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_quote or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_quote or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else span


def _about_of_noun(noun: Token) -> _About:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "that"):
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                first = objects[0]
                return (_trimmed(noun.doc[first.left_edge.i : prep.right_edge.i + 1]),)
    clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    return _text(clauses[0]) if clauses else ()


def _about_of_predicate(word: Token) -> _About:
    """The outcome a probability adjective/adverb qualifies ("made a strike more likely":
    a strike)."""
    if (
        word.tag_ in ("JJ", "JJR")
        and word.dep_ in ("advmod", "oprd", "ccomp")
        and word.head.lemma_ in _CAUSATIVES
    ):
        objects = [c for c in word.head.children if c.dep_ == "dobj"]
        return _text(objects[0]) if objects else ()
    if word.pos_ == "ADV" or word.dep_ == "advmod":
        return _around(word)
    if word.dep_ == "amod":
        return _text(word.head)
    head = word.head if word.dep_ in ("acomp", "attr", "oprd") else word
    complements = [c for c in (*word.children, *head.children) if c.dep_ in ("ccomp", "xcomp")]
    parts: list[Span] = list(_outcome_subject(head))
    if complements:
        parts.extend(_text(complements[0]))
    return tuple(parts)


def _around(word: Token) -> _About:
    """The clause of a probability adverb without its own words: the words before and after
    it ("a resolution was "almost certainly" not going to pass": a resolution was … not
    going to pass), without a mark opening the clause ("that")."""
    verb = word.head
    own = [t.i for t in word.subtree]
    words = [t.i for t in verb.subtree if t.i not in own and t.dep_ not in ("punct", "mark")]
    if not words:
        return ()
    first, last, low, high = words[0], words[-1] + 1, min(own), max(own) + 1
    pieces = [(first, min(last, low)), (max(first, high), last)] if low > first else []
    pieces = pieces or [(max(first, high), last)]
    doc = word.doc
    return tuple(_trimmed(doc[a:b]) for a, b in pieces if b > a and _trimmed(doc[a:b]).text)


_EMPTY_SUBJECTS = frozenset({"it", "there", "this", "that"})
#: Verbs whose object a probability adjective predicates ("made a strike more likely",
#: "deemed a deal unlikely", "called an accord possible").
_CAUSATIVES = frozenset({"make", "render", "deem", "consider", "call", "find"})


def _outcome_subject(head: Token) -> _About:
    """The subject of ``head`` as an outcome: not a pronoun, an expletive or a chance noun;
    a relative pronoun stands for the noun its clause qualifies ("a step that was hardly
    likely to please": a step)."""
    for subject in head.children:
        if subject.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if subject.lower_ in ("that", "which") and head.dep_ == "relcl":
            noun = head.head
            return (_trimmed(noun.doc[noun.left_edge.i : noun.i + 1]),)
        if subject.tag_ in ("PRP", "WDT", "EX", "DT") or subject.lower_ in _EMPTY_SUBJECTS:
            continue
        if subject.lemma_.lower() in _CHANCE_LEMMAS or subject.lower_ in CHANCE_NOUNS:
            return _about_of_noun(subject)
        return _text(subject)
    return ()


def _outcome_of_clause(tokens: tuple[Token, ...], anchor: Token) -> _About:
    """What a statement is about when its words name nothing: the subject of its clause
    ("a deal was a safe bet"), else a clause it governs ("it was fifty-fifty whether …",
    "I would be surprised if …"), else the object of "of"/"about" ("confident of …")."""
    head = clause_head(anchor)
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < anchor.i]
    chances = [o for o in objects if o.lemma_.lower() in _CHANCE_LEMMAS]
    if chances and _about_of_noun(chances[0]):
        return _about_of_noun(chances[0])  # "put the chance of a summit at about even odds"
    if anchor.dep_ in ("oprd", "attr") and objects:
        return _text(objects[0])  # "called a full ceasefire a remote possibility"
    subject = _outcome_subject(head)
    if subject:
        return subject
    inside = {t.i for t in tokens}
    for owner in (*tokens, head):
        for child in owner.children:
            if child.i in inside:
                continue
            if child.dep_ == "ccomp" or (
                child.dep_ == "advcl" and _marked(child, ("if", "whether"))
            ):
                return _text(child)
            if child.dep_ == "prep" and child.lower_ in ("of", "about", "against"):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return _text(objects[0])
    return _said_of(anchor.sent)


def _said_of(sentence: Span) -> _About:
    """What a statement whose clause names nothing is said of: the object of "said of" or
    "said about" ("'It is 50-50,' she said of the Vienna round"), else the question put
    ("Asked whether the border could reopen, she said that was not likely")."""
    for token in sentence:
        asked = token.lemma_ == "ask" and token.tag_ == "VBN"
        if token.lemma_ not in REPORTING_LEMMAS and not asked:
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "about"):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return _text(objects[0])
            if asked and child.dep_ == "ccomp" and _marked(child, ("whether", "if")):
                return _text(child)
    return ()


def _marked(verb: Token, marks: tuple[str, ...]) -> bool:
    """``verb`` opens a clause with one of ``marks`` ("whether", "if")."""
    return any(m.dep_ == "mark" and m.lower_ in marks for m in verb.children)


def _about_of_number(doc: Doc, start: int, number_start: int, end: int) -> _About:
    """What a chance written as a number is about: the object of the "against"/"on" that
    ends or follows it ("two to one against a settlement"), the "that" clause after it ("I
    would say 35% that we get a text"), its chance noun's outcome ("a 70-30 chance that …",
    "the chances of ratification are one in three"), the thing a chance is given to ("gave
    a truce a 25% chance"), else the subject of the copula it is the predicate of ("It is
    50-50": nothing). ``start`` is where the words of the number begin (a bound or a
    hedge before it: "below 10 percent"), ``number_start`` the number itself."""
    sentence = doc[start].sent
    for token in doc[end - 1 : min(end + 1, sentence.end)]:
        if token.lower_ in ("against", "on", "for"):
            objects = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return _text(objects[0])
    clause = _that_clause(doc, end)
    if clause:
        return clause
    after = end
    while after < sentence.end and not doc[after].is_alpha:
        after += 1
    nouns = [t for t in doc[after : min(after + 2, sentence.end)] if t.lower_ in CHANCE_NOUNS]
    for token in (*nouns, *sentence):
        if token.lower_ in CHANCE_NOUNS and not start <= token.i < end:
            about = _before(_about_of_noun(token), start)
            if about:
                return about
    given = _given_to(nouns[0], start) if nouns else ()
    return given or _about_of_predicate(doc[number_start])


def _that_clause(doc: Doc, end: int) -> _About:
    """The clause a "that" right after ``end`` opens ("35% that we get a text", "not out of
    the question that we end up …"), without the "that"."""
    if not followed_by_that_clause(doc, end):
        return ()
    verb = doc[end].head
    return (_trimmed(doc[end + 1 : verb.right_edge.i + 1]),)


def _before(about: _About, start: int) -> _About:
    """``about`` cut where the statement's own words begin ("the chance of a breakthrough
    below 10 percent": a breakthrough)."""
    if not about or not about[0].start <= start < about[-1].end:
        return about
    return _up_to(about[0].doc, about[0].start, start)


def _up_to(doc: Doc, first: int, last: int) -> _About:
    """The words from ``first`` up to ``last``, without a preposition, an article, a
    conjunction or a mark left dangling at the end."""
    while last > first and (
        doc[last - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT") or doc[last - 1].is_quote
    ):
        last -= 1
    return (_trimmed(doc[first:last]),) if last > first else ()


#: Verbs that give an outcome its chance ("gave a truce a 25% chance", "rate a deal …").
_GIVING_LEMMAS = frozenset({"give", "put", "rate", "place", "assign"})


def _given_to(noun: Token, start: int) -> _About:
    """What a chance noun is given to ("I give a settlement before the holidays no more
    than a 10% chance"): the words from the object of "give" up to the chance's own."""
    verb = noun
    for _ in range(6):  # up through "less than", "a … chance" and a mis-parsed clause
        if verb.lemma_ in _GIVING_LEMMAS or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.lemma_ not in _GIVING_LEMMAS:
        return ()
    for child in verb.children:
        if (
            child.dep_ in ("dobj", "dative")
            and child.i < start
            and child.lemma_.lower() not in _CHANCE_LEMMAS
            and child.tag_ not in ("PRP", "JJR", "RBR")
        ):
            return _up_to(child.doc, child.left_edge.i, start)
    return ()


def _about_of_idiom(doc: Doc, start: int, end: int) -> _About:
    """A phrase idiom's outcome: the object of "stacked against", the clause after it ("not
    out of the question that …", "no guarantee that …"), the outcome of the chance noun it
    qualifies ("a better than even chance of …"), else the subject of its clause."""
    last = doc[end - 1]
    objects = [c for c in last.children if c.dep_ in ("pobj", "pcomp")]
    if objects:
        return _text(objects[0])
    clause = _that_clause(doc, end)
    if clause:
        return clause
    if end < len(doc) and doc[end].lower_ in CHANCE_NOUNS and _about_of_noun(doc[end]):
        return _about_of_noun(doc[end])
    noun = doc[start:end].root
    if noun.pos_ != "NOUN":
        return ()
    if noun.dep_ == "attr":  # "a deal was a safe bet"
        return _outcome_subject(clause_head(noun)) or _about_of_noun(noun)
    return _about_of_noun(noun)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _about_fields(doc: Doc, about: _About) -> dict[str, Any]:
    """``about`` (text), its characters, the actors named in it and the type of an event
    coded in it."""
    if not about:
        return {
            "about": None,
            "about_start": None,
            "about_end": None,
            "about_actors": [],
            "about_type": None,
        }
    start, end = about[0].start, about[-1].end
    actors = [
        span.kb_id_
        for span in doc.spans.get(ACTORS, [])
        if start <= span.start and span.end <= end and span.kb_id_
    ]
    types = [
        (span._.get(FIELDS) or {}).get("type")
        for span in doc.spans.get(EVENTS, [])
        if span.start < end and start < span.end
    ]
    return {
        "about": " ".join(part.text for part in about),
        "about_start": about[0].start_char,
        "about_end": about[-1].end_char,
        "about_actors": list(dict.fromkeys(actors)),
        "about_type": next((t for t in types if t), None),
    }


def _to_span(doc: Doc, item: _Found, speakers: Speakers) -> Span:
    span = doc[item.tokens[0].i : item.tokens[-1].i + 1]
    holder = words_holder(speakers, span, item.anchor_token)
    rule = item.estimate.rule
    span._.set(
        FIELDS,
        {
            "holder_actor": holder.actor,
            "holder_text": holder.text,
            "phrase": item.phrase,
            "probability": item.estimate.probability,
            "low": item.estimate.low,
            "high": item.estimate.high,
            **_about_fields(doc, item.about),
            "retrospective": is_retrospective(item.anchor_token, doc._.get(PUBLISHED)),
            "direction": rule.removeprefix("direction:") if rule.startswith("direction:") else None,
        },
    )
    return span

"""Chances written as numbers: percentages, "one in five", "50-50", odds.

The press writes a chance as a percentage ("a 25% chance", "25 per cent"), a
ratio ("one in five", "one chance in five"), a split ("50-50", "fifty-fifty",
"70-30") or odds ("two to one against", "four to one on", a bookmaker's "three to
one"). The same shapes also write shares, scores and votes ("a 25% tariff", "one
in five farms", "a fifty-fifty split", "a 2-1 vote"), so a number counts as a
chance only in a chance context (:func:`read_number`):

- it is followed by a chance noun ("a 70-30 chance", "an 80 percent chance");
- odds: followed by "against", "on" or "in favour", or in a sentence that speaks of
  odds, bets or bookmakers ("at odds with" does not) with no noun after them ("two to
  three years" is no chance);
- a split: its two numbers add up to 100 and no other noun follows ("it is 50-50");
- a percentage or ratio: no noun and no "of" follows, and its sentence has a chance
  noun, "risk" among them ("the chances of ratification are around one in three", "put
  the chances of a deal at no more than 20 percent"), it is set off after a probability
  word it puts a number on ("very likely, I would say 70 percent", "far from certain —
  call it one in three"), a "that" clause follows it ("I would say 35% that we get a
  text") or it is the whole answer of a hedged "would say" ("I would say one in four, if
  that").

Values are exact (:func:`zopa.extract._probability.odds_estimate` for odds). The words
just before a number belong to it (:func:`lead_in`): an approximation ("about",
"roughly"), a hedge ("maybe", "perhaps": it qualifies the number and is no second
statement) and a bound, which keeps its side as the interval ("below 10 percent" is
[0, 0.1], "more than a 70% chance" [0.7, 1]: :func:`zopa.extract._probability.bounded`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from zopa.extract._probability import Bound, Estimate, bounded, explicit_estimate, odds_estimate
from zopa.number_words import word_number

__all__ = [
    "CHANCE_NOUNS",
    "HEDGES",
    "NUMBER_PATTERNS",
    "ChanceNumber",
    "LeadIn",
    "lead_in",
    "number_value",
    "read_number",
]

#: Nouns that make a number next to them a chance.
CHANCE_NOUNS = frozenset(
    {
        "chance", "chances", "probability", "likelihood", "odds", "prospect", "prospects", "bet",
        "risk", "risks",
    }
)  # fmt: skip
_ODDS_CONTEXT = frozenset({"odds", "bet", "bets", "bookmaker", "bookmakers", "betting"})
#: Hedges: before a number they qualify it ("perhaps 10%"), and make no statement of their own.
HEDGES = frozenset({"maybe", "perhaps", "possibly", "probably"})
#: Words of approximation before a number, and articles ("roughly a one-in-five chance").
_APPROXIMATIONS = frozenset(
    {"about", "around", "roughly", "some", "nearly", "almost", "approximately", "a", "an"}
)
#: Bounds before a number (lower-case token sequences) and the side of the number they leave
#: open: "upper" — the chance is at most the number; "lower" — at least.
_BOUNDS: tuple[tuple[tuple[str, ...], Bound], ...] = (
    (("no", "more", "than"), "upper"),
    (("not", "more", "than"), "upper"),
    (("no", "higher", "than"), "upper"),
    (("no", "better", "than"), "upper"),
    (("less", "than"), "upper"),
    (("lower", "than"), "upper"),
    (("fewer", "than"), "upper"),
    (("at", "most"), "upper"),
    (("up", "to"), "upper"),
    (("below",), "upper"),
    (("under",), "upper"),
    (("no", "less", "than"), "lower"),
    (("not", "less", "than"), "lower"),
    (("more", "than"), "lower"),
    (("greater", "than"), "lower"),
    (("higher", "than"), "lower"),
    (("better", "than"), "lower"),
    (("at", "least"), "lower"),
    (("upwards", "of"), "lower"),
    (("in", "excess", "of"), "lower"),
    (("above",), "lower"),
    (("over",), "lower"),
)
_SPLIT_TOKEN = re.compile(r"^(\d+)[-–/](\d+)$")
_PERCENT_TOKEN = re.compile(r"^(\d+(?:\.\d+)?)%$")
# Word shapes (cheaper to match than a regular expression on every token): "50-50", "3-1",
# "30%", "2.5%".
_SPLIT_SHAPES = tuple(
    f"{a}{dash}{b}" for a in ("d", "dd", "ddd") for b in ("d", "dd", "ddd") for dash in "-–"
)
_PERCENT_SHAPES = ("d%", "dd%", "ddd%", "d.d%", "dd.d%", "d.dd%")
_DASH: dict[str, object] = {"TEXT": {"IN": ["-", "–"]}, "OP": "?"}
_NUM: dict[str, object] = {"LIKE_NUM": True}

#: Token-matcher patterns by label (added to the estimates component's matcher).
NUMBER_PATTERNS: dict[str, list[list[dict[str, object]]]] = {
    "NUM_ODDS": [[_NUM, _DASH, {"LOWER": "to"}, _DASH, _NUM]],
    "NUM_SPLIT": [
        [_NUM, {"TEXT": {"IN": ["-", "–"]}}, _NUM],
        [{"SHAPE": {"IN": list(_SPLIT_SHAPES)}}],
        [{"LOWER": "fifty-fifty"}],
    ],
    "NUM_RATIO": [
        [
            _NUM,
            _DASH,
            {"LOWER": {"IN": ["chance", "chances"]}, "OP": "?"},
            {"LOWER": "in"},
            _DASH,
            _NUM,
        ]
    ],
    "NUM_PERCENT": [
        [_NUM, {"LOWER": {"IN": ["%", "percent"]}}],
        [_NUM, {"LOWER": "per"}, {"LOWER": "cent"}],
        [{"SHAPE": {"IN": list(_PERCENT_SHAPES)}}],
    ],
}


@dataclass(frozen=True)
class LeadIn:
    """The words before a number that belong to it: they start at ``start``; ``hedges`` are
    the indices of its hedges, ``bound`` the side a bound leaves open (or None)."""

    start: int
    hedges: tuple[int, ...] = ()
    bound: Bound | None = None


@dataclass(frozen=True)
class ChanceNumber:
    """A number read as a chance: its tokens (start, end, with its :class:`LeadIn`), the
    first token of the number itself and its estimate."""

    start: int
    end: int
    estimate: Estimate
    number_start: int
    hedges: tuple[int, ...] = ()


def number_value(token: Token) -> float | None:
    """The value of a number token ("3", "2.5", "three"), or None."""
    return word_number(token.lower_)


def _after(doc: Doc, end: int) -> Token | None:
    return doc[end] if end < len(doc) else None


def _followed_by_chance(doc: Doc, end: int) -> bool:
    after = _after(doc, end)
    return after is not None and after.lower_ in CHANCE_NOUNS


def _free_of_noun(doc: Doc, end: int) -> bool:
    """No noun, adjective or "of" follows the number ("a 25% tariff", "40 percent of")."""
    after = _after(doc, end)
    if after is None:
        return True
    return after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") and after.lower_ != "of"


def _sentence_words(doc: Doc, start: int) -> set[str]:
    return {t.lower_ for t in doc[start].sent}


def _speaks_of_odds(doc: Doc, start: int) -> bool:
    """The sentence speaks of odds, bets or bookmakers ("at odds with" does not)."""
    return any(
        t.lower_ in _ODDS_CONTEXT and not (t.i > 0 and doc[t.i - 1].lower_ == "at")
        for t in doc[start].sent
    )


def _odds(doc: Doc, start: int, end: int) -> ChanceNumber | None:
    numbers = [number_value(t) for t in doc[start:end] if t.like_num]
    if len(numbers) != 2 or None in numbers:
        return None
    first, second = (float(n) for n in numbers if n is not None)
    after = _after(doc, end)
    word = after.lower_ if after is not None else ""
    following = doc[end : end + 2].text.lower()
    if word == "against":
        estimate, end = odds_estimate(first, second, against=True), end + 1
    elif word == "on" and (after is None or after.dep_ != "prep" or not list(after.children)):
        estimate, end = odds_estimate(first, second, against=False), end + 1
    elif following in ("in favour", "in favor"):
        estimate, end = odds_estimate(first, second, against=False), end + 2
    elif _speaks_of_odds(doc, start) and _free_of_noun(doc, end):
        estimate = odds_estimate(first, second, against=True)
    else:
        return None
    return ChanceNumber(start, end, estimate, start) if estimate is not None else None


def _split(doc: Doc, start: int, end: int) -> ChanceNumber | None:
    tokens = doc[start:end]
    if len(tokens) == 1:
        text = tokens[0].lower_
        match = _SPLIT_TOKEN.match(text)
        if text == "fifty-fifty":
            pair: tuple[float | None, float | None] = (50.0, 50.0)
        elif match:
            pair = (float(match.group(1)), float(match.group(2)))
        else:
            return None
    else:
        pair = (number_value(tokens[0]), number_value(tokens[-1]))
    first, second = pair
    if first is None or second is None or abs(first + second - 100.0) > 1e-9:
        return None
    if not (_followed_by_chance(doc, end) or _free_of_noun(doc, end)):
        return None
    return ChanceNumber(start, end, explicit_estimate(first / 100.0), start)


def followed_by_that_clause(doc: Doc, end: int) -> bool:
    """A "that" opening a clause with a subject of its own follows ("35% that we get a
    text"), not "that year" nor a relative clause whose subject "that" is ("30% that
    voted")."""
    after = _after(doc, end)
    if after is None or after.lower_ != "that":
        return False
    verb = after.head
    return (
        verb.i > after.i
        and verb.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i != after.i for c in verb.children)
    )


#: Verbs of a guess whose hedged object is a chance ("I would say one in four").
_GUESS_VERBS = frozenset({"say", "guess", "reckon"})


def _a_hedged_guess(doc: Doc, start: int) -> bool:
    """The number is the object of "would say" / "I'd guess" ("I would say one in four")."""
    verb = doc[start].head
    return (
        doc[start].dep_ == "dobj"
        and verb.lemma_ in _GUESS_VERBS
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children)
    )


#: Probability words a number set off after them restates ("very likely, I would say 70
#: percent", "far from certain — call it one in three").
_RESTATED = frozenset(
    {
        "likely", "unlikely", "probable", "improbable", "possible", "impossible", "certain",
        "uncertain", "doubtful", "inevitable", "slim", "trivial", "negligible",
    }
)  # fmt: skip
_RESTATING_WINDOW = 8  # words between the probability word and the number, at most
_SETTING_OFF = frozenset({",", "—", "–", "-", ":", ";"})


def _restates_a_word(doc: Doc, start: int) -> bool:
    """The number comes shortly after a probability word of its sentence, set off from it by
    a comma, dash or colon: the speaker puts a number on the word ("very likely, I would say
    70 percent"), not a share the clause speaks of ("likely to reach 70 percent")."""
    floor = max(doc[start].sent.start, start - _RESTATING_WINDOW)
    for i in range(start - 1, floor - 1, -1):
        if doc[i].lower_ in _RESTATED:
            return any(t.text in _SETTING_OFF for t in doc[i + 1 : start])
    return False


def _chance_context(doc: Doc, start: int, end: int) -> bool:
    if _followed_by_chance(doc, end):
        return True
    if _restates_a_word(doc, start) and _free_of_noun(doc, end):
        return True
    if _a_hedged_guess(doc, start) and _free_of_noun(doc, end):
        return True
    if followed_by_that_clause(doc, end):  # not a share the clause qualifies ("the 30% that")
        return start == 0 or doc[start - 1].lower_ not in ("the", "this", "that", "these")
    return _free_of_noun(doc, end) and bool(_sentence_words(doc, start) & CHANCE_NOUNS)


def _ratio(doc: Doc, start: int, end: int) -> ChanceNumber | None:
    first, second = number_value(doc[start]), number_value(doc[end - 1])
    if first is None or second is None or not 0 < first <= second:
        return None
    chance_inside = any(t.lower_ in ("chance", "chances") for t in doc[start:end])
    if not (chance_inside or _chance_context(doc, start, end)):
        return None
    return ChanceNumber(start, end, explicit_estimate(first / second), start)


def _percent(doc: Doc, start: int, end: int) -> ChanceNumber | None:
    match = _PERCENT_TOKEN.match(doc[start].text) if end - start == 1 else None
    value = float(match.group(1)) if match else number_value(doc[start])
    if value is None or not 0 <= value <= 100 or not _chance_context(doc, start, end):
        return None
    return ChanceNumber(start, end, explicit_estimate(value / 100.0), start)


def _bound_ending_at(doc: Doc, end: int, floor: int) -> tuple[int, Bound] | None:
    """A bound phrase whose last word is ``doc[end - 1]``, not before ``floor``."""
    for words, side in _BOUNDS:
        start = end - len(words)
        if start >= floor and tuple(t.lower_ for t in doc[start:end]) == words:
            return start, side
    return None


def lead_in(doc: Doc, start: int) -> LeadIn:
    """The words before the number at ``start`` that belong to it, nearest first: articles,
    approximations ("about", "roughly"), hedges ("maybe", "perhaps") and one bound ("less
    than", "below", "at least"): "perhaps less than a 10% chance"."""
    floor = doc[start].sent.start
    first, hedges, bound = start, [], None
    while first > floor:
        word = doc[first - 1].lower_
        if word in _APPROXIMATIONS or word in HEDGES:
            first -= 1
            if word in HEDGES:
                hedges.append(first)
            continue
        found = _bound_ending_at(doc, first, floor) if bound is None else None
        if found is None:
            break
        first, bound = found
    while first < start and doc[first].lower_ in ("a", "an"):
        first += 1  # an article alone before the words kept is not part of them
    return LeadIn(first, tuple(sorted(hedges)), bound)


def _read(label: str, doc: Doc, start: int, end: int) -> ChanceNumber | None:
    if label == "NUM_ODDS":
        return _odds(doc, start, end)
    if label == "NUM_SPLIT":
        return _split(doc, start, end)
    if label == "NUM_RATIO":
        return _ratio(doc, start, end)
    if label == "NUM_PERCENT":
        return _percent(doc, start, end)
    return None


def read_number(label: str, doc: Doc, start: int, end: int) -> ChanceNumber | None:
    """The chance a number match (a label of :data:`NUMBER_PATTERNS`) writes, with the
    words before it that belong to it (:func:`lead_in`), or None."""
    number = _read(label, doc, start, end)
    if number is None:
        return None
    lead = lead_in(doc, number.start)
    estimate = number.estimate
    if lead.bound is not None:
        estimate = bounded(estimate.probability, lead.bound)
    return ChanceNumber(lead.start, number.end, estimate, number.start, lead.hedges)

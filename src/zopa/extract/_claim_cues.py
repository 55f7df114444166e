"""Claim cues: the words that say an actor wants, demands, offers or refuses something.

The cue tables (verbs, nouns, adjectives by lemma or form) and the token patterns of
multi-word cues ("red line", "will not ...", "in order to") drive one
:class:`spacy.matcher.Matcher`; :func:`find_cues` turns its matches into :class:`Cue`
records with the word the parse hangs the cue's arguments on and the stance it
expresses (see :mod:`zopa.extract._claims` for the vocabulary).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from zopa.extract._attribution import reporter, speech_above

__all__ = ["CUE_PATTERNS", "STANCE_RANK", "Cue", "find_cues"]

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


STANCE_RANK = {"red_line": 5, "demand": 4, "offer": 3, "goal": 2, "position": 1}


_NEEDS_COMPLEMENT = frozenset({"ready", "willing", "prepared", "open", "interested", "opposed"})


_ASSENT_VERBS = frozenset(
    {"accept", "agree", "allow", "tolerate", "cede", "give", "recognise", "recognize", "sign"}
)


CUE_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
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


@dataclass(frozen=True)
class Cue:
    token: Token
    stance: str
    words: tuple[Token, ...]
    kind: str


def find_cues(doc: Doc, matcher: Matcher) -> list[Cue]:
    cues: list[Cue] = []
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
        cues.append(Cue(token, stance, words, kind))
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
        return "red_line" if reporter(token) is not None else "position"
    if kind == "MODAL":
        return "demand" if speech_above(token) is not None else None
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

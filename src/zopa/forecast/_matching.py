"""Which probability statements speak to a question: actors, event or issue, time frame.

A statement (an extracted estimate with its sentence) matches an event question
when all three hold:

* **actors** — the sentence, the statement's holder or the document's title names at least
  ``min(2, k)`` of the question's ``k`` actors (an actor is named by its name
  without the parenthesis, the words in the parenthesis, its id, a leader's
  surname, or the name of the actor it represents or that represents it);
* **event** — what the statement is about (its ``about``: "a deal on data
  sharing", "the leaders would meet"), or its sentence when extraction found no
  ``about``, has a word of the question's event (:data:`EVENT_WORDS`: "meet",
  "summit", "talks" for a format held; "deal", "agreement", "sign" for an
  agreement; the lever's kind for a lever; the PLOVER type, or its mode when the
  question names one) — so of "a summit is likely but a deal unlikely" only the
  first speaks to the summit;
* **time frame** — the statement was published on or after the question
  ``opens`` and on or before its resolution date, and every year the sentence
  names (1900–2199) is, if any, no later than the resolution year, with at least
  one no earlier than the year of the statement.

Value questions are not matched: a probability does not say where an issue stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from zopa.forecast._asof import Statement
from zopa.scenario import (
    AgreementSigned,
    DeadlineMet,
    FormatHeld,
    LeverImposed,
    PloverEvent,
    Question,
    Scenario,
)

__all__ = ["EVENT_WORDS", "Match", "actor_patterns", "match_statement", "question_actors"]

EVENT_WORDS: dict[str, tuple[str, ...]] = {
    "format_held": ("meet", "meeting", "summit", "talks", "face-to-face", "sit down"),
    "agreement_signed": ("agree", "agreement", "deal", "accord", "treaty", "settlement", "sign"),
    "deadline_met": ("deadline", "ultimatum"),
    "sanctions": ("sanction",),
    "tariffs": ("tariff",),
    "aid": ("aid",),
    "arms": ("arms", "weapon"),
    "withdrawal": ("walk away", "withdraw", "pull out"),
    "other": ("impose",),
    "CONSULT": ("meet", "meeting", "talks", "call", "visit", "summit"),
    "AGREE": ("agree", "agreement", "deal", "accord"),
    "SUPPORT": ("support", "endorse", "back"),
    "CONCEDE": ("concede", "concession", "yield"),
    "COOPERATE": ("cooperat",),
    "AID": ("aid", "assistance"),
    "RETREAT": ("withdraw", "retreat", "ceasefire", "cease-fire", "truce", "release", "exchange"),
    "REQUEST": ("request", "demand", "ask"),
    "ACCUSE": ("accus", "blame"),
    "REJECT": ("reject", "refus"),
    "THREATEN": ("threat",),
    "PROTEST": ("protest",),
    "SANCTION": ("sanction", "tariff"),
    "MOBILIZE": ("mobili",),
    "COERCE": ("coerc", "seize", "arrest"),
    "ASSAULT": ("attack", "assault", "strike", "offensive"),
    "ceasefire": ("ceasefire", "cease-fire", "truce", "armistice"),
    "release": ("prisoner", "exchange", "release", "swap"),
}
"""Word stems that name each event: ``what`` types, lever kinds, PLOVER types and modes."""

_YEAR = re.compile(r"\b(19\d\d|2[01]\d\d)\b")


@dataclass(frozen=True)
class Match:
    """A statement that speaks to a question, and why."""

    statement: Statement
    actors: tuple[str, ...]
    word: str


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


def actor_patterns(scenario: Scenario) -> dict[str, re.Pattern[str]]:
    """Per actor id, a case-insensitive pattern of the names it goes by (module docstring)."""
    own: dict[str, set[str]] = {}
    for actor in scenario.actors:
        main, _, inner = actor.name.partition("(")
        names = {main.strip(), actor.id.replace("_", " ")}
        inner = inner.rstrip(") ").strip()
        if inner:
            names.add(re.sub(r"^the\s+", "", inner, flags=re.IGNORECASE))
        if actor.kind == "leader" and " " in main.strip():
            names.add(main.strip().rsplit(" ", 1)[1])
        own[actor.id] = {n for n in names if len(n) >= 2}
    linked = {a.id: set(own[a.id]) for a in scenario.actors}
    for actor in scenario.actors:
        if actor.represents is not None and actor.represents in own:
            linked[actor.id] |= own[actor.represents]
            linked[actor.represents] |= own[actor.id]
    patterns = {}
    for actor_id, names in linked.items():
        # Names of four letters or more match as prefixes ("Russia" in "Russian").
        parts = [re.escape(n) + (r"\b" if len(n) < 4 else "") for n in sorted(names)]
        patterns[actor_id] = re.compile(r"\b(" + "|".join(parts) + ")", re.IGNORECASE)
    return patterns


def question_actors(question: Question, scenario: Scenario) -> list[str]:
    """The actor ids an event question is about (participants, parties, lever holder, ...)."""
    what = question.what
    if isinstance(what, FormatHeld):
        if what.participants:
            return list(what.participants)
        fmt = next((f for f in scenario.formats if f.id == what.format), None)
        return list(fmt.participants) if fmt else []
    if isinstance(what, AgreementSigned):
        return list(what.parties)
    if isinstance(what, LeverImposed):
        lever = next((lv for lv in scenario.levers if lv.id == what.lever), None)
        return [lever.holder, *lever.targets] if lever else []
    if isinstance(what, DeadlineMet):
        deadline = next((d for d in scenario.deadlines if d.id == what.deadline), None)
        return [deadline.set_by, *deadline.applies_to] if deadline else []
    if isinstance(what, PloverEvent):
        return list(what.between) or [a for a in (what.source, what.target) if a]
    return []


def _event_words(question: Question, scenario: Scenario) -> tuple[str, ...]:
    what = question.what
    if isinstance(what, LeverImposed):
        lever = next((lv for lv in scenario.levers if lv.id == what.lever), None)
        return EVENT_WORDS[lever.kind] if lever else ()
    if isinstance(what, PloverEvent):
        if what.mode is not None:
            return EVENT_WORDS.get(what.mode, (what.mode,))
        return EVENT_WORDS[what.event]
    if isinstance(what, AgreementSigned):
        labels = tuple(scenario.issue(i).label.lower() for i in what.issues)
        return EVENT_WORDS["agreement_signed"] + labels
    return EVENT_WORDS[what.type] if what is not None else ()


def _in_time_frame(question: Question, sentence: str, published: date) -> bool:
    if question.opens is not None and published < question.opens:
        return False
    if published > question.resolution_date:
        return False
    years = [int(y) for y in _YEAR.findall(sentence)]
    if not years:
        return True
    return max(years) <= question.resolution_date.year and any(y >= published.year for y in years)


def match_statement(
    question: Question,
    scenario: Scenario,
    statement: Statement,
    patterns: dict[str, re.Pattern[str]],
) -> Match | None:
    """The :class:`Match` of ``statement`` to an event ``question``, or ``None``."""
    if question.kind != "event" or question.what is None:
        return None
    if not _in_time_frame(question, statement.sentence, statement.published):
        return None
    wanted = question_actors(question, scenario)
    said = "\n".join(t for t in (statement.sentence, statement.holder, statement.title) if t)
    named = tuple(a for a in wanted if a in patterns and patterns[a].search(said))
    if len(named) < min(2, len(wanted)):
        return None
    words = _event_words(question, scenario)
    said_of = statement.about or statement.sentence
    found = _words_pattern(words).search(said_of) if words else None
    if found is None:
        return None
    return Match(statement, named, found.group(0).lower())

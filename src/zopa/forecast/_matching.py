"""Which probability statements speak to a question: actors, event or issue, time frame.

A statement (an extracted estimate with its sentence) matches an event question
when all three hold:

* **actors** — the sentence, the statement's holder or the document's title names at least
  ``min(2, k)`` of the question's ``k`` actors (an actor is named by its name
  without the parenthesis, the words in the parenthesis, its id, a leader's
  surname, or the name of the actor it represents or that represents it);
* **event** — what the statement is about (its ``about``: "a deal on data
  sharing", "the leaders would meet"), or, when extraction found no ``about``, its
  sentence (or, when the sentence has none of the event's words and refers back with
  "it", "this" or "that", what the stored quote it belongs to said before it), has a word
  of the question's event (:data:`EVENT_WORDS`: "meet",
  "summit", "talks" for a format held; "deal", "agreement", "sign" for an
  agreement; the lever's kind for a lever; the PLOVER type, or its mode when the
  question names one) — so of "a summit is likely but a deal unlikely" only the
  first speaks to the summit;
* **time frame** — the statement was published on or after the question
  ``opens`` and on or before its resolution date, and every year the sentence
  names (1900–2199) is, if any, no later than the resolution year, with at least
  one no earlier than the year of the statement.

A statement that names fewer of the actors still speaks to the question when it
names the question's **event and horizon** — "a binding tripartite agreement by the
end of 2021", "a deal in 2021" for a question resolving on 31 December 2021: its
extracted ``about`` has a word of the event and a deadline within
:data:`HORIZON_SLACK_DAYS` of the question's resolution date
(:func:`~zopa.forecast._horizon.deadlines`; read from the sentence when the ``about``
names no time and the sentence exactly one), the ``about`` names no one else (no
capitalised word that is not a question actor's name or a word of the question's
text, the scenario's title or its issues' labels), and its article names at least
``min(2, k)`` of the actors — the article is about them. A statement without an
extracted ``about`` is about the clause of its sentence (or quote) that names the event:
from the event's word nearest the probability to the next comma, semicolon, colon, full
stop or quotation mark ("a signing by November 30" of "I put an 80% chance on a signing
by November 30," she said).

A statement that gives a direction and no level ("more likely": the whole interval
[0, 1]) and one held by an actor of the scenario with a side (a party, its leader, its
officials: a store actor among its ``keys``, whatever the key's prefix; not a mediator)
are never matched: the first is no probability, the second a party's message, not an
expert's. Both are listed as near misses with that reason. A nearer or later deadline
("before the filling in July 2021") is another question's horizon: such a statement
is listed as a near miss, to pin if the analyst judges it speaks to this one.

Every statement left out gets a one-line reason (:class:`Miss`); the ones published
while the question was open that have its event or name one of its actors are
*near*, listed for the analyst to pin.

Value questions are not matched: a probability does not say where an issue stands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from zopa.forecast._asof import Statement
from zopa.forecast._horizon import deadlines
from zopa.scenario import (
    AgreementSigned,
    DeadlineMet,
    FormatHeld,
    LeverImposed,
    PloverEvent,
    Question,
    Scenario,
)

__all__ = [
    "EVENT_WORDS",
    "Match",
    "Miss",
    "QuestionMatcher",
    "actor_patterns",
    "holder_slug",
    "match_statement",
    "name_matcher",
    "name_slug",
    "party_slugs",
    "question_actors",
]

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
    horizon: date | None = None
    """The question's resolution date, when the statement was matched by naming its event
    and horizon rather than its actors."""

    @property
    def why(self) -> str:
        """Why it was taken, as a forecast's ``parameters.statements[].taken`` says."""
        if self.horizon is not None:
            return f"names the event and its horizon ({self.horizon}); '{self.word}'"
        return f"names {', '.join(self.actors) or 'the event'}; '{self.word}'"


@dataclass(frozen=True)
class Miss:
    """A statement that does not speak to a question, and why (one line).

    ``near`` when it was published while the question was open and has the question's
    event or names one of its actors: one the analyst may want to pin.
    """

    statement: Statement
    reason: str
    near: bool
    has_event: bool = False


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


def _time_frame_miss(question: Question, sentence: str, published: date) -> str | None:
    """Why a statement falls outside the question's time frame, or ``None`` if inside."""
    if question.opens is not None and published < question.opens:
        return f"published before the question opened ({question.opens})"
    if published > question.resolution_date:
        return f"published after the resolution date ({question.resolution_date})"
    years = [int(y) for y in _YEAR.findall(sentence)]
    if years and max(years) > question.resolution_date.year:
        return f"its sentence names {max(years)}, after the resolution year"
    if years and not any(y >= published.year for y in years):
        return f"its sentence names only years before it was said ({', '.join(map(str, years))})"
    return None


HORIZON_SLACK_DAYS = 31
"""How far the deadline a statement names may lie from the question's resolution date
for the statement to name the question's horizon ("by the end of April" for a question
resolving on 30 April; "this year" for one resolving on 31 December)."""

_CLAUSE_END = re.compile(r"[,;:.!?\"“”]")
"""What ends a clause read from a sentence (:meth:`QuestionMatcher._clause`)."""

_REFERS_BACK = re.compile(r"\b(?:it|this|that)\b", re.IGNORECASE)
"""A pronoun by which a sentence may speak of what its quote said before it."""

_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_PLAIN_CAPITALS = frozenset(
    "I A An The This That Any No Some Its Their Mr Ms January February March April May June "
    "July August September October November December Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday".split()
)
"""Capitalised words that name no one: a sentence's first word, months and weekdays."""


class QuestionMatcher:
    """Judges statements against one event question (module docstring).

    Built once per question: its actors, their name patterns, its event words and the
    words its own text, the scenario's title and its issues' labels use.
    """

    def __init__(
        self, question: Question, scenario: Scenario, patterns: dict[str, re.Pattern[str]]
    ) -> None:
        self.question = question
        self.wanted = question_actors(question, scenario) if question.what is not None else []
        self.patterns = {a: patterns[a] for a in self.wanted if a in patterns}
        words = _event_words(question, scenario) if question.what is not None else ()
        self.words = words
        self.event = _words_pattern(words) if words else None
        own = " ".join([question.text, scenario.title, *(i.label for i in scenario.issues)])
        self.own_words = {w.casefold() for w in re.findall(r"[\w'’-]+", own)}
        self.parties = party_slugs(scenario)

    def judge(
        self, statement: Statement, document_text: Callable[[int], str] | None = None
    ) -> Match | Miss:
        """The :class:`Match` of ``statement``, or the :class:`Miss` saying why not.

        ``document_text`` gives a document's text by id; without it a statement is
        matched only by the actors it names.
        """
        q = self.question
        if q.kind != "event" or q.what is None:
            return Miss(statement, "a value question: statements give probabilities", False)
        late = _time_frame_miss(q, statement.sentence, statement.published)
        if late is not None:
            return Miss(statement, late, False)
        said = "\n".join(t for t in (statement.sentence, statement.holder, statement.title) if t)
        named = tuple(a for a, p in self.patterns.items() if p.search(said))
        said_of = statement.about or self._context(statement)[0]
        found = self.event.search(said_of) if self.event is not None else None
        if found is None:
            where = f"what it is about ({_cut(said_of)})"
            return Miss(statement, f"{where} has no word of the event", bool(named))
        word = found.group(0).lower()
        if statement.direction_only:
            why = f"'{statement.phrase}' gives a direction, not a level"
            return Miss(statement, why, True, has_event=True)
        party = self.parties.get(holder_slug(statement.holder_key))
        if party is not None:
            why = f"held by a party to the talks ({statement.holder_actor}, of {party})"
            return Miss(statement, why, True, has_event=True)
        need = min(2, len(self.wanted))
        if len(named) >= need:
            return Match(statement, named, word)
        missing = self._by_horizon(statement, document_text)
        if missing is None:
            return Match(statement, named, word, horizon=q.resolution_date)
        names = f"names {len(named)} of its {len(self.wanted)} actors"
        return Miss(statement, f"'{word}', but {names} and {missing}", True, has_event=True)

    def _by_horizon(
        self, statement: Statement, document_text: Callable[[int], str] | None
    ) -> str | None:
        """``None`` if the statement speaks to the question by its event and horizon, else
        what it lacks: an ``about`` naming the question's horizon and no one else, in an
        article naming the question's actors."""
        about = statement.about or self._clause(statement)
        if not about:
            return "no `about` was extracted, nor an event in its sentence or quote to read one"
        due = self.question.resolution_date
        found = deadlines(about, statement.published) or _one_deadline(statement)
        if not found:
            return "names no deadline (a year, 'this year', a month, 'within N months')"
        if not any(abs((d - due).days) <= HORIZON_SLACK_DAYS for d in found):
            nearest = min(found, key=lambda d: abs((d - due).days))
            return f"its deadline is {nearest}, not {due}"
        others = self._others(about)
        if others:
            return f"its `about` names others ({', '.join(others)})"
        if document_text is None:
            return "its article was not read"
        text = document_text(statement.document_id)
        in_article = [a for a, p in self.patterns.items() if p.search(text)]
        if len(in_article) < min(2, len(self.wanted)):
            return f"its article names {len(in_article)} of them"
        return None

    def _context(self, statement: Statement) -> tuple[str, int]:
        """Where to read what a statement without an extracted ``about`` is about, and where
        its probability's words start there: its sentence, or, when the sentence has no word
        of the event and refers back ("I'd put **it** at 30%"), what the stored quote it
        belongs to said before it, if that has one — an antecedent comes first."""
        sentence = (statement.sentence, statement.phrase_at)
        if self.event is None or self.event.search(statement.sentence) or not statement.quote:
            return sentence
        before = statement.quote[: statement.quote_phrase_at]
        if _REFERS_BACK.search(statement.sentence) and self.event.search(before):
            return before, len(before)
        return sentence

    def _clause(self, statement: Statement) -> str:
        """What a statement without an extracted ``about`` is about, read from its sentence
        or quote (:meth:`_context`): from the word of the event nearest the probability's
        words to the end of its clause (the next comma, semicolon, colon, full stop or
        quotation mark) — "a signing by November 30" of "I put an 80% chance on a signing by
        November 30," she said."""
        if self.event is None:
            return ""
        text, phrase_at = self._context(statement)
        words = list(self.event.finditer(text))
        if not words:
            return ""
        nearest = min(words, key=lambda m: abs(m.start() - phrase_at))
        end = _CLAUSE_END.search(text, nearest.end())
        return text[nearest.start() : end.start() if end else len(text)].strip()

    def _others(self, about: str) -> list[str]:
        """Capitalised words of ``about`` that name none of the question's actors and are
        not words of the question, the scenario's title or its issues."""
        out = []
        for found in _CAPITALISED.finditer(about):
            word = found.group(0)
            if word in _PLAIN_CAPITALS or word.casefold() in self.own_words:
                continue
            if any(p.match(about, found.start()) for p in self.patterns.values()):
                continue
            out.append(word)
        return out


def holder_slug(key: str | None) -> str | None:
    """The words of a store actor key, without its prefix: ``person:luisa-nhantumbo`` and
    ``unresolved:luisa-nhantumbo`` are one person, found by the gazetteer or not."""
    if key is None:
        return None
    return key.rsplit(":", 1)[-1].casefold()


def name_slug(name: str) -> str:
    """A stored actor's name as the words of its key: lower-case, accents dropped, joined by
    hyphens ("Luísa Nhantumbo" → ``luisa-nhantumbo``), to compare with :func:`holder_slug`."""
    folded = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def name_matcher(scenario: Scenario) -> Callable[[str, str], bool]:
    """``goes_by(actor_id, name)``: whether a stored actor's ``name`` is one the scenario's
    actor goes by — a name of :func:`actor_patterns`, or the name of a store actor among
    its ``keys`` (its officials: "Luísa Nhantumbo" for ``unresolved:luisa-nhantumbo``)."""
    patterns = actor_patterns(scenario)
    slugs = {a.id: {s for k in a.keys if (s := holder_slug(k))} for a in scenario.actors}

    def goes_by(actor_id: str, name: str) -> bool:
        return bool(patterns[actor_id].search(name)) or name_slug(name) in slugs[actor_id]

    return goes_by


def party_slugs(scenario: Scenario) -> dict[str | None, str]:
    """The store keys (as :func:`holder_slug`) of every actor of the scenario with a side —
    a party, its leader, its officials (its ``keys``); not a mediator — to that actor's
    name. A probability such an actor holds is a party's message, not an expert's."""
    return {
        holder_slug(key): actor.name
        for actor in scenario.actors
        if actor.kind != "mediator"
        for key in actor.keys
    }


def _one_deadline(statement: Statement) -> list[date]:
    """The horizon of the statement's sentence, when it names exactly one."""
    found = deadlines(statement.sentence, statement.published)
    return found if len(found) == 1 else []


def _cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1]}…'"


def match_statement(
    question: Question,
    scenario: Scenario,
    statement: Statement,
    patterns: dict[str, re.Pattern[str]],
    document_text: Callable[[int], str] | None = None,
) -> Match | None:
    """The :class:`Match` of ``statement`` to an event ``question``, or ``None``."""
    judged = QuestionMatcher(question, scenario, patterns).judge(statement, document_text)
    return judged if isinstance(judged, Match) else None

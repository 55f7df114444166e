"""Events coded in PLOVER with the nearest CAMEO code: the spaCy component ``zopa_events``.

An event is an act of one actor towards another that a reader could put on a timeline:
a meeting, a proposal to meet, a refusal, a threat, a sanction, an attack. The component

1. finds trigger words with :class:`spacy.matcher.PhraseMatcher` over lemmas, driven by the
   editable lexicon ``data/events.yaml`` (:class:`EventLexicon`);
2. composes a *frame* with the event it governs ("proposed talks" -> AGREE 036,
   "refused to meet" -> REJECT 125, "threatened to impose sanctions" -> THREATEN 1312);
3. reads source and target from the dependency parse (subject or "by" agent vs object
   and "with/on/to/against" phrases; control verbs, relative clauses, coordination)
   and resolves them through ``doc.spans["zopa_actors"]`` (pronouns to the nearest
   fitting actor before them; "the two sides" and "between them" to the latest pair named;
   "rejected the idea" to the maker of the proposal reported just before);
4. sets status (hypothetical, refused, planned, happened), the date (resolved against
   ``doc._.zopa_published``) and the place.

A third party that mediates or hosts is coded CONSULT with mode ``mediate`` (CAMEO 045) or
``host`` (CAMEO 043): the mediator or host is the source, each party it brings together a
target, and coordinated mediators are never each other's counterpart.

An event needs a named source actor (PLOVER codes no event without one); events whose
source cannot be resolved are dropped. Each event is one span in ``doc.spans["zopa_events"]``
running from the first to the last of: the source mention (when it is in the same
sentence), the trigger, the frame word, and the target mention, within the sentence.
Its fields are in ``span._.zopa_fields``: ``type``, ``mode``, ``cameo``,
``source_actor``, ``target_actor`` (actor keys), ``date`` (ISO string or None),
``date_precision`` (day, week, month or year; see :mod:`zopa.extract._dates`),
``date_text``, ``place``, ``status``.

References
----------
Halterman, A., Schrodt, P. A., Beger, A., Bagozzi, B. E. & Scarborough, G. I. (2023).
*PLOVER and POLECAT: A New Political Event Ontology and Dataset*. International Studies
Association Annual Convention. https://osf.io/preprints/socarxiv/rm5dw/
Gerner, D. J., Schrodt, P. A., Yilmaz, O. & Abu-Jabr, R. (2002). *Conflict and Mediation
Event Observations (CAMEO): A New Event Data Framework for the Analysis of Foreign Policy
Interactions*. International Studies Association, New Orleans.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from zopa.errors import ExtractionError
from zopa.extract._actors import get_gazetteer
from zopa.extract._dates import ResolvedDate, resolve_date
from zopa.extract._doc import ACTORS, EVENTS, FIELDS, PUBLISHED, QUOTES
from zopa.files import MAX_DATA_FILE_BYTES, display_path, read_text

__all__ = [
    "EVENT_FIELDS",
    "EventEntry",
    "EventExtractor",
    "EventLexicon",
    "load_event_lexicon",
]

EVENT_FIELDS = (
    "type",
    "mode",
    "cameo",
    "source_actor",
    "target_actor",
    "date",
    "date_text",
    "place",
    "status",
)
PLOVER_TYPES = frozenset(
    "CONSULT AGREE SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
_POS = {"verbs": ("VERB",), "nouns": ("NOUN", "PROPN"), "adjectives": ("ADJ",)}
_TARGET_PREPS = frozenset({"with", "to", "on", "against", "toward", "towards", "into", "upon"})
_COMPLEMENT_PREPS = frozenset({"for", "to", "on", "of", "about", "toward", "towards"})
_CLIMB = frozenset(
    {
        "xcomp",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "acomp",
        "attr",
        "oprd",
        "conj",
        "nsubj",
        "nsubjpass",
        "compound",
        "appos",
        "dative",
        "agent",
        "acl",
        "ccomp",
        "aux",
        "auxpass",
    }
)
_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must"})
_FUTURE = frozenset({"will", "shall", "'ll"})
_CONDITIONS = frozenset({"if", "unless", "whether"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
# "the two sides", "both countries", "the two men": the parties of the latest pair named
# before. Nouns of people take two people; the others two states (people count as theirs).
_PAIR_NOUNS = frozenset(
    {
        "side",
        "party",
        "country",
        "nation",
        "state",
        "government",
        "capital",
        "delegation",
        "team",
        "negotiator",
        "neighbour",
        "neighbor",
        "rival",
        "adversary",
        "foe",
        "enemy",
    }
)
_PAIR_PERSONS = frozenset({"man", "woman", "leader", "president", "minister", "envoy"})
# Nouns that name a proposal already reported ("rejected the idea"): its maker is the one
# answered, and its subject the topic of the answer.
_ANAPHORIC_PROPOSALS = frozenset(
    {
        "idea",
        "proposal",
        "offer",
        "plan",
        "suggestion",
        "initiative",
        "request",
        "demand",
        "call",
        "invitation",
        "overture",
        "ultimatum",
        "charge",
        "accusation",
        "allegation",
    }
)
# How far (in tokens) a rule climbs the parse or looks back for an antecedent. Longer than
# any sentence of ordinary prose, so it only matters for run-on input (a file without full
# stops), where it keeps the cost per event constant instead of growing with the sentence.
_WINDOW = 200
#: PLOVER CONSULT modes of a third party: a mediator (CAMEO 045) or a host (CAMEO 043) acts
#: towards the parties it brings together and is never one of them.
THIRD_PARTY_MODES = frozenset({"mediate", "host"})
#: Nouns naming a third party's role; they make an event only beside or predicated of the
#: actor ("Norway, the mediator,", "Mexico acts as guarantor"), never from a nationality.
_ROLE_NOUNS = frozenset({"mediator", "guarantor", "facilitator"})
#: What a guarantor of which is an ally, not a third party ("guarantors of Ukraine's security").
_ALLY_GUARANTEES = frozenset({"security", "defence", "defense", "independence", "sovereignty"})
#: Nouns whose "of" phrase names the parties a host receives ("the delegations of X and Y").
_PARTY_NOUNS = frozenset({"delegation", "leader", "president", "minister", "envoy", "negotiator"})
_HOSTILE_TYPES = frozenset({"ACCUSE", "THREATEN", "COERCE", "ASSAULT", "PROTEST"})
# People who comment on events rather than take part: never the antecedent of a pronoun
# outside their own words (sectors: CAMEO-style NGO, education, media).
_COMMENTATOR_ROLES = ("analyst", "expert", "scholar", "researcher", "professor", "commentator")
_COMMENTATOR_SECTORS = frozenset({"NGO", "EDU", "MED", "JRN"})
_OFFICES = {
    "president": ("president",),
    "leader": ("president", "prime minister", "supreme leader"),
    "premier": ("prime minister",),
    "spokesman": ("spokesman", "spokesperson"),
    "spokesperson": ("spokesman", "spokesperson"),
    "counterpart": ("president", "prime minister"),
}


@dataclass(frozen=True)
class EventEntry:
    """One trigger sense of the lexicon: a PLOVER type and mode with its CAMEO code."""

    id: str
    type: str
    cameo: str
    mode: str | None = None
    topic: str | None = None
    needs_prep: frozenset[str] = frozenset()
    needs_doer: bool = False
    objects: frozenset[str] = frozenset()
    #: entity labels whose names also count as objects ("hosted Netanyahu": PERSON)
    named_objects: frozenset[str] = frozenset()
    standalone: bool = True
    unless_amod: frozenset[str] = frozenset()
    complement: dict[str, dict[str, str]] = field(default_factory=dict)
    when_negated: dict[str, dict[str, str]] = field(default_factory=dict)
    kinds: tuple[str, ...] = ()
    symmetric: bool = False


@dataclass(frozen=True)
class EventLexicon:
    """The event lexicon: trigger entries plus the word lists the argument rules use."""

    entries: tuple[EventEntry, ...]
    phrases: tuple[tuple[str, str, tuple[str, ...]], ...]  # (entry id, kind, lemmas)
    light_verbs: frozenset[str]
    proxy_nouns: frozenset[str]
    intent_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    hypothetical_words: frozenset[str]
    partitive_nouns: frozenset[str] = frozenset()

    def entry(self, entry_id: str) -> EventEntry:
        """The entry called ``entry_id``."""
        return self._by_id[entry_id]

    @cached_property
    def _by_id(self) -> dict[str, EventEntry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def third_party_verbs(self) -> frozenset[str]:
        """One-word verbs of the entries a mediator or host does ("host", "mediate")."""
        return frozenset(
            lemmas[0]
            for entry_id, kind, lemmas in self.phrases
            if kind == "verbs"
            and len(lemmas) == 1
            and self._by_id[entry_id].mode in THIRD_PARTY_MODES
        )


def _words(value: Any, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExtractionError(f"event lexicon {where}: expected a list of words, got {value!r}")
    return frozenset(v.lower() for v in value)


def _mapping(value: Any, where: str) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ExtractionError(f"event lexicon {where}: expected topic: {{cameo: ...}} mapping")
    out: dict[str, dict[str, str]] = {}
    for topic, spec in value.items():
        if not isinstance(spec, dict) or not set(spec) <= {"type", "mode", "cameo"}:
            raise ExtractionError(
                f"event lexicon {where}.{topic}: expected keys type/mode/cameo, got {spec!r}"
            )
        if "type" in spec and spec["type"] not in PLOVER_TYPES:
            raise ExtractionError(f"event lexicon {where}.{topic}: unknown type {spec['type']!r}")
        out[str(topic)] = {k: str(v) for k, v in spec.items()}
    return out


def _parse_lexicon(data: Any, source: str) -> EventLexicon:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ExtractionError(f"event lexicon {source}: expected a mapping with an 'entries' list")
    entries: list[EventEntry] = []
    phrases: list[tuple[str, str, tuple[str, ...]]] = []
    for number, raw in enumerate(data["entries"], start=1):
        where = f"{source} entry {number}"
        if not isinstance(raw, dict) or not {"id", "type", "cameo"} <= set(raw):
            raise ExtractionError(f"event lexicon {where}: needs id, type and cameo")
        if raw["type"] not in PLOVER_TYPES:
            raise ExtractionError(
                f"event lexicon {where}: unknown PLOVER type {raw['type']!r}; "
                f"use one of {', '.join(sorted(PLOVER_TYPES))}"
            )
        kinds = tuple(k for k in _POS if raw.get(k))
        for kind in kinds:
            for phrase in _words(raw[kind], f"{where}.{kind}"):
                phrases.append((str(raw["id"]), kind, tuple(phrase.split())))
        entries.append(
            EventEntry(
                id=str(raw["id"]),
                type=str(raw["type"]),
                cameo=str(raw["cameo"]),
                mode=raw.get("mode"),
                topic=raw.get("topic"),
                needs_prep=_words(raw.get("needs_prep"), f"{where}.needs_prep"),
                needs_doer=bool(raw.get("needs_doer", False)),
                objects=_words(raw.get("objects"), f"{where}.objects"),
                named_objects=_words(raw.get("named_objects"), f"{where}.named_objects"),
                standalone=bool(raw.get("standalone", True)) and "adjectives" not in kinds,
                unless_amod=_words(raw.get("unless_amod"), f"{where}.unless_amod"),
                complement=_mapping(raw.get("complement"), f"{where}.complement"),
                when_negated=_mapping(raw.get("when_negated"), f"{where}.when_negated"),
                kinds=kinds,
                symmetric=bool(raw.get("symmetric", raw["type"] in _SYMMETRIC)),
            )
        )
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise ExtractionError(f"event lexicon {source}: entry ids must be unique")
    return EventLexicon(
        entries=tuple(entries),
        phrases=tuple(phrases),
        light_verbs=_words(data.get("light_verbs"), f"{source} light_verbs"),
        proxy_nouns=_words(data.get("proxy_nouns"), f"{source} proxy_nouns"),
        intent_verbs=_words(data.get("intent_verbs"), f"{source} intent_verbs"),
        reporting_verbs=_words(data.get("reporting_verbs"), f"{source} reporting_verbs"),
        hypothetical_words=_words(data.get("hypothetical_words"), f"{source} hypothetical_words"),
        partitive_nouns=_words(data.get("partitive_nouns"), f"{source} partitive_nouns"),
    )


def load_event_lexicon(path: str | Path | None = None) -> EventLexicon:
    """Read an event lexicon (the shipped ``data/events.yaml`` when ``path`` is None).

    Raises
    ------
    ExtractionError
        The file is missing, is not YAML, or an entry is malformed (the message names it).
    """
    if path is None:
        text = resources.files("zopa.extract").joinpath("data/events.yaml").read_text("utf-8")
        source = "data/events.yaml"
    else:
        source = display_path(path)
        text = read_text(
            path, max_bytes=MAX_DATA_FILE_BYTES, error=ExtractionError, what="event lexicon"
        )
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ExtractionError(
            f"event lexicon {source}{line}: not valid YAML; fix the syntax there"
        ) from exc
    return _parse_lexicon(data, source)


@dataclass
class _Trigger:
    entry: EventEntry
    root: Token
    tokens: tuple[int, int]  # token start, end
    frame: _Trigger | None = None
    absorbed: bool = False


@dataclass
class _Context:
    """Per-document lookups: actor spans by token and in order, entities, quote speakers.

    ``ignored`` holds tokens that name no participant: a dateline ("MUSCAT, April 12,
    2025 —") gives the place of writing, not a party. ``speakers`` maps each token inside
    a direct quotation to the speaker actors of the quotations it is in.

    Everything a rule looks up repeatedly is indexed here once per document (sentence of
    each token, entities by the words they attach to, actors by position), so the cost
    of an event does not grow with the length of its sentence: one enormous sentence
    (a file without full stops) is handled in near-linear time.
    """

    doc: Doc
    by_token: dict[int, Span]
    actors: list[Span]
    ignored: frozenset[int] = frozenset()
    speakers: dict[int, frozenset[str]] = field(default_factory=dict)
    headline_end: int = 0
    sents: tuple[Span, ...] = ()
    sent_of: tuple[int, ...] = ()  # token index -> sentence number
    # token index -> the entities of its sentence whose root is 1-3 heads below it
    ents_below: dict[int, list[Span]] = field(default_factory=dict)
    actor_starts: list[int] = field(default_factory=list)
    # pairs of parties named so far, by token position: coordinated actors ("Armenia and
    # Azerbaijan") and the dyads of the events coded so far; the latest one before a
    # pair noun ("the two sides") or "between them" is the pair meant
    pairs: list[tuple[int, str, str]] = field(default_factory=list)
    # events coded so far that a later sentence may answer ("Baku rejected the idea"):
    # position, source and topic
    proposals: list[tuple[int, str, str]] = field(default_factory=list)
    _main_subjects: dict[int, list[Token]] = field(default_factory=dict)

    def add_pair(self, position: int, first: str, second: str) -> None:
        """Record that ``first`` and ``second`` were named together at ``position``."""
        if first != second:
            insort(self.pairs, (position, first, second))

    def pairs_before(self, i: int) -> Iterator[tuple[str, str]]:
        """The pairs named before token ``i``, latest first, within the look-back window."""
        for position, first, second in reversed(self.pairs[: bisect_left(self.pairs, (i,))]):
            if i - position > 2 * _WINDOW:
                return
            yield first, second

    def proposals_before(self, i: int) -> Iterator[tuple[str, str]]:
        """Events another may answer, coded before token ``i`` in its or the two previous
        sentences, latest first."""
        first_sentence = max(0, self.sent_of[i] - 2)
        for position, source, topic in reversed(
            self.proposals[: bisect_left(self.proposals, (i,))]
        ):
            if self.sent_of[position] < first_sentence or i - position > 2 * _WINDOW:
                return
            yield source, topic

    def sent(self, i: int) -> Span:
        """The sentence of token ``i`` (a look-up: ``Token.sent`` scans the sentence)."""
        return self.sents[self.sent_of[i]]

    def ents_near(self, anchors: set[int]) -> list[Span]:
        """The entities hanging 1-3 heads below one of ``anchors``, in text order.

        Dates and places attach to an event's words through at most three arcs; looking
        them up by head keeps the cost per event independent of the sentence's length.
        """
        found = {e.start: e for a in anchors for e in self.ents_below.get(a, ())}
        return [found[start] for start in sorted(found)]

    def actors_in(self, start: int, end: int) -> list[Span]:
        """Actor spans lying within tokens ``start``..``end``, latest first."""
        lo = bisect_left(self.actor_starts, start)
        hi = bisect_left(self.actor_starts, end)
        return [s for s in reversed(self.actors[lo:hi]) if s.end <= end]

    def main_subjects(self, sent: Span) -> list[Token]:
        """Subjects of the sentence's root verb and of the verbs coordinated with it."""
        number = self.sent_of[sent.start]
        if number not in self._main_subjects:
            root = sent.root
            self._main_subjects[number] = [
                child
                for verb in (root, *root.conjuncts)
                for child in verb.children
                if child.dep_ in ("nsubj", "nsubjpass")
            ]
        return self._main_subjects[number]

    @classmethod
    def of(cls, doc: Doc) -> _Context:
        spans = sorted(doc.spans[ACTORS], key=lambda s: s.start) if ACTORS in doc.spans else []
        ignored = _dateline(doc)
        by_token: dict[int, Span] = {}
        for span in spans:
            if span.start in ignored:
                continue
            for i in range(span.start, span.end):
                by_token.setdefault(i, span)
        speakers: dict[int, frozenset[str]] = {}
        for quote in doc.spans.get(QUOTES, []):
            speaker = (quote._.get(FIELDS) or {}).get("speaker_actor")
            if quote.label_ == "direct" and speaker:
                for i in range(quote.start, quote.end):
                    speakers[i] = speakers.get(i, frozenset()) | {str(speaker)}
        actors = [s for s in spans if s.start not in ignored]
        sents = tuple(doc.sents)
        sent_of = [0] * len(doc)
        for number, sent in enumerate(sents):
            sent_of[sent.start : sent.end] = [number] * len(sent)
        ents_below: dict[int, list[Span]] = {}
        for ent in doc.ents:
            number = sent_of[ent.start]
            if sent_of[ent.end - 1] != number:
                continue
            tok = ent.root
            for _ in range(3):
                if tok.head is tok:
                    break
                tok = tok.head
                if sent_of[tok.i] == number:
                    ents_below.setdefault(tok.i, []).append(ent)
        pairs: list[tuple[int, str, str]] = []
        for span in actors:
            for conj in span.root.conjuncts:
                other = by_token.get(conj.i)
                if conj.i > span.root.i and other is not None and other.kb_id_ != span.kb_id_:
                    pairs.append((conj.i, span.kb_id_, other.kb_id_))
                    break
        return cls(
            doc,
            by_token,
            actors,
            ignored,
            speakers,
            _headline_end(doc),
            sents,
            tuple(sent_of),
            ents_below,
            [s.start for s in actors],
            sorted(p for p in pairs if p[1] and p[2]),
        )


_DASHES = frozenset({"—", "–", "--", "-"})


def _headline_end(doc: Doc) -> int:
    """The token after a headline: a first line without final punctuation, then a newline."""
    first_line = doc.text.split("\n", 1)[0].strip()
    if (
        not first_line
        or "\n" not in doc.text
        or first_line[-1] in '.!?"\u201d'
        or len(first_line) > 200
    ):
        return 0
    end = doc.text.index("\n")
    return next((t.i for t in doc if t.idx >= end), len(doc))


def _dateline(doc: Doc) -> frozenset[int]:
    """Tokens of a news dateline ("MUSCAT, April 12, 2025 —") at the start of a paragraph."""
    ignored: set[int] = set()
    for sent in islice(doc.sents, 3):
        head = sent[:12]
        dash = next((t.i for t in head if t.text in _DASHES), None)
        if dash is None or not head[0].is_upper or len(head[0].text) < 3:
            continue
        if any(t.ent_type_ == "DATE" or t.like_num for t in doc[sent.start : dash]):
            ignored.update(range(sent.start, dash + 1))
    return frozenset(ignored)


def _lemma(token: Token) -> str:
    """The lower-case lemma; a capitalised plural the tagger took for a name
    ("Negotiators for Israel") loses its plural ending."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s"):
        return lemma[:-1]
    return lemma


def _reciprocal(verb: Token) -> bool:
    """Whether a verb's subject names both sides ("X and Y talked", "the two men spoke"),
    and not what they spoke about ("both sides have spoken about it" is no meeting)."""
    if any(c.dep_ == "prep" and c.lower_ in ("about", "of", "on") for c in verb.children):
        return False
    return any(
        c.dep_ == "nsubj"
        and (
            bool(c.conjuncts)
            or any(
                (g.dep_ == "nummod" and g.lower_ == "two") or g.lower_ == "both" for g in c.children
            )
        )
        for c in verb.children
    )


def _is_person(span: Span) -> bool:
    return span.kb_id_.startswith("person:") or span.label_ == "person"


class EventExtractor:
    """The ``zopa_events`` spaCy component (see the module docstring for the rules)."""

    version = "5"  # 4: mediation, hosting; 5: the agents of passive hosted talks host, no side

    def __init__(self, nlp: Language, name: str, lexicon: EventLexicon) -> None:
        self.name = name
        self.lexicon = lexicon
        self._inner: dict[int, _Trigger] = {}  # per document: frame -> its complement
        self.gazetteer = get_gazetteer(nlp)
        holders: dict[tuple[str, str], list[str]] = {}
        for info in self.gazetteer.actors.values():
            if info.kind == "person" and info.country and info.role:
                holders.setdefault((info.country, info.role.lower()), []).append(info.key)
        # a role held by exactly one known person of a state ("the Russian leader")
        self.office_holders = {k: v[0] for k, v in holders.items() if len(v) == 1}
        # Phrase matchers over lemmas (and lower-cased forms, for words the lemmatizer
        # leaves inflected): hash look-ups, so the cost does not grow with the lexicon.
        self.matchers = (PhraseMatcher(nlp.vocab, attr="LEMMA"), PhraseMatcher(nlp.vocab, "LOWER"))
        nouns: set[str] = set()
        for entry_id, kind, lemmas in lexicon.phrases:
            words = [t.lower_ for t in nlp.make_doc(" ".join(lemmas))]
            if kind == "nouns":
                nouns.add(words[-1] if len(words) == 1 or "of" not in words else words[0])
            pattern = Doc(nlp.vocab, words=words, lemmas=words)
            for matcher in self.matchers:
                matcher.add(f"{entry_id}|{kind}", [pattern])
        self.event_nouns = frozenset(nouns)
        # words of hostile acts, whose "at" phrase names the target ("lashed out at")
        self.hostile_words = frozenset(
            lemmas[0]
            for entry_id, kind, lemmas in lexicon.phrases
            if kind == "verbs" and lexicon.entry(entry_id).type in _HOSTILE_TYPES
        )

    # ------------------------------------------------------------------ pipeline
    def __call__(self, doc: Doc) -> Doc:
        ctx = _Context.of(doc)
        spans: list[Span] = []
        seen: set[tuple[int, int, str, str | None, str | None]] = set()
        for trigger in self._compose(self._triggers(doc)):
            if trigger.root.i < ctx.headline_end:
                continue  # a headline repeats the story's events in telegraphic style
            for span in self._events(trigger, ctx):
                fields = span._.get(FIELDS)
                key = (
                    span.start,
                    span.end,
                    fields["type"],
                    fields["source_actor"],
                    fields["target_actor"],
                )
                if key not in seen:
                    seen.add(key)
                    spans.append(span)
        doc.spans[EVENTS] = _deduplicate(spans, ctx)
        return doc

    # ------------------------------------------------------------------ triggers
    def _triggers(self, doc: Doc) -> list[_Trigger]:
        by_root: dict[int, list[tuple[int, _Trigger]]] = {}
        matches = {m for matcher in self.matchers for m in matcher(doc)}
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], m[2])):
            entry_id, kind = doc.vocab.strings[match_id].split("|")
            entry = self.lexicon.entry(entry_id)
            span = doc[start:end]
            root = span.root
            if root.pos_ not in _POS[kind] or not self._fits(entry, root):
                continue
            rank = (2 if entry.objects or entry.needs_prep or entry.needs_doer else 0) + (
                end - start
            )
            by_root.setdefault(root.i, []).append((rank, _Trigger(entry, root, (start, end))))
        chosen: list[_Trigger] = []
        for options in by_root.values():
            options.sort(key=lambda pair: -pair[0])
            chosen.append(options[0][1])
        covered = {i for t in chosen for i in range(*t.tokens) if t.tokens[1] - t.tokens[0] > 1}
        return sorted(
            (t for t in chosen if t.tokens[1] - t.tokens[0] > 1 or t.root.i not in covered),
            key=lambda t: t.root.i,
        )

    def _fits(self, entry: EventEntry, root: Token) -> bool:
        if (
            entry.needs_prep
            and not any(c.dep_ == "prep" and c.lower_ in entry.needs_prep for c in root.children)
            and not (entry.symmetric and _reciprocal(root))
        ):
            return False
        if entry.needs_doer and not any(
            c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children) for c in root.children
        ):
            return False  # "wants Beijing to lift": a demand; "wants to meet": an intent
        if entry.unless_amod and any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in entry.unless_amod
            for c in root.children
        ):
            return False
        if entry.objects and root.pos_ == "VERB":
            return any(
                t.lemma_.lower() in entry.objects
                or t.lower_ in entry.objects
                or t.ent_type_.lower() in entry.named_objects
                for t in self._object_words(root)
            )
        return True

    @staticmethod
    def _object_words(root: Token) -> Iterator[Token]:
        for child in root.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr", "dative"):
                yield child
                yield from (c for c in child.children if c.dep_ in ("compound", "amod", "prep"))
            elif child.dep_ == "prep" and child.lower_ in ("from", "of", "on", "to"):
                for pobj in child.children:
                    yield pobj
                    yield from (c for c in pobj.children if c.dep_ in ("compound", "amod"))
            elif child.dep_ == "prt":
                yield from (g for c in root.children if c.dep_ == "prep" for g in c.children)
        if root.dep_ in ("amod", "compound", "acl"):
            yield root.head  # "talks hosted by Qatar"

    # ------------------------------------------------------------------ frames
    def _compose(self, triggers: list[_Trigger]) -> list[_Trigger]:
        at = {t.root.i: t for t in triggers}
        self._inner = {}
        for trigger in triggers:
            if not (trigger.entry.complement or trigger.entry.when_negated):
                continue
            inner = self._complement_of(trigger.root, at, depth=0)
            if inner is not None and inner is not trigger:
                inner.frame = trigger
                self._inner[id(trigger)] = inner
                for conj in inner.root.conjuncts:  # "proposed sending X and resuming talks"
                    if conj.i in at and at[conj.i] is not trigger and at[conj.i].frame is None:
                        at[conj.i].frame = trigger
        for trigger in triggers:
            frame = trigger.frame
            if frame is not None and self._mapping(frame, trigger) is not None:
                frame.absorbed = True
        # a frame absorbed by its own complement still counts when it is itself framed
        # ("ignored [Ukraine's call for a ceasefire]": the call and its rejection)
        return [
            t
            for t in triggers
            if not t.absorbed or (t.frame is not None and self._mapping(t.frame, t) is not None)
        ]

    def _complement_of(self, token: Token, at: dict[int, _Trigger], depth: int) -> _Trigger | None:
        if depth > 3:
            return None
        children = list(token.children)
        if token.pos_ == "ADJ" and token.dep_ == "acomp":
            # "envoys have been adamant that Ukraine must ...": the parser hangs the
            # clause on the copula
            children += [c for c in token.head.children if c.dep_ == "ccomp"]
        for child in children:
            candidates: list[Token] = []
            if child.dep_ in ("xcomp", "ccomp", "dobj", "attr", "acl", "oprd", "nsubjpass"):
                candidates.append(child)
            elif child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS:
                candidates.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            for cand in candidates:
                if cand.tag_ in ("WDT", "WP") and cand.head.dep_ == "relcl":
                    cand = cand.head.head
                if cand.i in at:
                    return at[cand.i]
                if child.dep_ == "ccomp" and cand.pos_ in ("VERB", "AUX"):
                    # "warned that tariffs could rise", "insists that a withdrawal is ..."
                    subjects = [c for c in cand.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subjects and subjects[0].i in at:
                        return at[subjects[0].i]
                clause = [
                    c for c in cand.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
                ]
                if cand.pos_ in ("NOUN", "PROPN") and clause and clause[0].i in at:
                    return at[clause[0].i]  # "does not rule out the US withdrawing"
                if cand.lemma_.lower() in self.lexicon.light_verbs | self.lexicon.intent_verbs:
                    found = self._complement_of(cand, at, depth + 1)
                    if found is not None:
                        return found
        if token.dep_ == "relcl" and any(
            c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") for c in token.children
        ):
            return at.get(token.head.i)
        return None

    def _mapping(self, frame: _Trigger, inner: _Trigger) -> dict[str, str] | None:
        topic = self._topic(inner)
        if topic is None:
            return None
        table = frame.entry.complement
        if self._negated(frame.root) and frame.entry.when_negated:
            table = frame.entry.when_negated
        return table.get(topic)

    def _topic(self, trigger: _Trigger) -> str | None:
        """A trigger's topic; a frame composed with its complement passes that one's on.

        "urged Moscow to accept a ceasefire": what is asked for is the ceasefire.
        """
        inner = self._inner.get(id(trigger))
        if inner is not None and inner.frame is trigger:
            topic = inner.entry.topic
            table = trigger.entry.complement
            if topic is not None and topic in table:
                return topic
        return trigger.entry.topic

    # ------------------------------------------------------------------ events
    def _events(self, trigger: _Trigger, ctx: _Context) -> Iterator[Span]:
        entry = trigger.entry
        frame = trigger.frame
        mapping = self._mapping(frame, trigger) if frame is not None else None
        outer = frame.frame if frame is not None else None
        if (
            mapping is not None
            and frame is not None
            and outer is not None
            and frame.root.pos_ == "VERB"
            and self._mapping(outer, frame) is not None
        ):
            return  # "urged Moscow to accept a ceasefire": one request, not also an agreement
        if mapping is not None and frame is not None:
            anchor = frame.root
            etype = mapping.get("type", frame.entry.type)
            mode = mapping.get("mode", frame.entry.mode if "type" not in mapping else None)
            cameo = mapping["cameo"]
            negated_frame = self._negated(frame.root) and bool(frame.entry.when_negated)
        else:
            if not entry.standalone and not self._under_light_verb(trigger.root):
                return
            if trigger.root.dep_ == "acl" and trigger.root.tag_ == "VBG":
                return  # "Ukraine ceding five regions": a state of affairs named, not an act
            anchor = trigger.root
            etype, mode, cameo = entry.type, entry.mode, entry.cameo
            negated_frame = False
        third_party = mapping is None and mode in THIRD_PARTY_MODES
        if third_party:
            sources, source_tok = self._third_party(anchor, ctx)
            if not sources:
                return
        else:
            sources, source_tok = self._sources(anchor, ctx)
            if not sources and anchor is not trigger.root:
                sources, source_tok = self._sources(trigger.root, ctx)
        if not sources and etype == "CONSULT" and anchor.pos_ == "NOUN":
            sources, source_tok = self._participant(anchor, ctx)
            partners, _ = self._targets(anchor, ctx, set(sources))
            if not partners:
                return  # "relies on negotiations with leaders": no named partner, no event
        if not sources:
            return
        between = source_tok is not None and source_tok.head.lower_ == "between" and not third_party
        if third_party:
            # the parties the mediator or host brings together, never a dyad of mediators
            targets, target_tok = self._parties(anchor, ctx, set(sources))
        elif between:
            targets, target_tok = [], None
        else:
            targets, target_tok = self._targets(anchor, ctx, set(sources))
        if not targets and anchor is not trigger.root and not between and not third_party:
            targets, target_tok = self._targets(trigger.root, ctx, exclude=set(sources))
        nominal = (
            anchor.pos_ in ("NOUN", "PROPN")
            and source_tok is not None
            and anchor in (source_tok.head, source_tok.head.head)
        )
        status = self._status(trigger, anchor, etype, cameo, negated_frame, nominal)
        if status is None:
            return
        date_text, resolved = self._date(ctx, trigger, anchor, status)
        when = resolved.date if resolved is not None else None
        if when is not None and status == "happened":
            published = ctx.doc._.get(PUBLISHED)
            if published is not None and when > published:
                status = "planned"
        place = self._place(ctx, trigger, anchor)
        if etype == "CONSULT" and mode is None and place and _multilateral(place):
            mode = "multilateral"
        if not targets and mapping is not None and etype in ("REQUEST", "AGREE"):
            # "insisted that Ukraine must hand over ...": the one asked is the inner doer;
            # "proposed that he and Aliyev meet": the other party of the proposed meeting
            inner, _ = self._sources(trigger.root, ctx)
            targets = [k for k in inner if k not in sources]
        if not targets and etype == "REQUEST" and anchor.pos_ == "VERB":
            # "demanded that Armenia remove ...", "insists that an Israeli withdrawal ..."
            targets = self._clause_doer(anchor, ctx, set(sources))
        answering = frame.entry if mapping is not None and frame is not None else entry
        if not targets and etype == answering.type and etype in ("REJECT", "AGREE", "SUPPORT"):
            # "Baku rejected the idea": the answer to a proposal reported just before
            answered = self._answered(anchor, ctx, sources)
            if answered is not None:
                targets = [answered[0]]
                coded = answering.complement.get(answered[1], {})
                cameo, mode = coded.get("cameo", cameo), coded.get("mode", mode)
        if not targets and (
            etype == "THREATEN" or (etype == "SANCTION" and trigger.entry.topic == "walkout")
        ):
            # "warned that tariffs could rise if Beijing does not ...": who must comply
            targets = self._condition_doer((anchor, trigger.root), ctx, set(sources))
        if (
            not targets
            and etype == "REQUEST"
            and self._bare(anchor)
            and any(c.dep_ == "dobj" for c in anchor.children)
        ):
            # a demand naming no addressee is made to the other party of the latest pair
            # the doer was named in ("Israel in turn demanded a full list" -> Hamas)
            targets = self._counterpart(sources, trigger.tokens[0], ctx)
        if not targets and (etype == "ACCUSE" or (etype == "REQUEST" and self._bare(anchor))):
            return  # an accusation, or a demand of nothing named from no one: too unsure
        symmetric = not third_party and (
            between or (answering.symmetric and etype == answering.type)
        )
        pairs = self._pairs(symmetric, sources, targets)
        sent = ctx.sent(anchor.i)
        for source, target in pairs:
            if source == target:
                continue
            positions = [trigger.tokens[0], trigger.tokens[1] - 1, anchor.i]
            for tok in (source_tok, target_tok):
                if tok is not None and sent.start <= tok.i < sent.end:
                    positions.append(tok.i)
            span = Span(
                ctx.doc,
                min(positions),
                max(positions) + 1,
                label=etype,
                kb_id=f"{cameo}:{source}>{target or ''}",
            )
            span._.set(
                FIELDS,
                {
                    "type": etype,
                    "mode": mode,
                    "cameo": cameo,
                    "source_actor": source,
                    "target_actor": target,
                    "date": when.isoformat() if when else None,
                    "date_precision": resolved.precision if resolved is not None else None,
                    "date_text": date_text,
                    "place": place,
                    "status": status,
                },
            )
            if target is not None and not third_party and not cameo.startswith("045"):
                ctx.add_pair(span.start, source, target)  # a mediator or host is no party
            if etype in ("REQUEST", "ACCUSE", "THREATEN") or (
                etype == "AGREE" and cameo.startswith("03")
            ):
                insort(ctx.proposals, (span.start, source, trigger.entry.topic or ""))
            yield span

    def _third_party(self, anchor: Token, ctx: _Context) -> tuple[list[str], Token | None]:
        """The mediators or hosts: the noun a relative clause qualifies ("Qatar, which is
        mediating ..."), else the doer found as for any event ("mediated by the United
        States and Qatar", "Qatar hosted ...") unless it is a "between" party, else the
        actor the noun stands beside ("the mediator, Norway," or "Norway, the mediator,");
        the noun "mediator" only so ("an Egyptian mediator said" names no mediation)."""
        if anchor.lemma_.lower() in _ROLE_NOUNS and any(
            prep.lower_ == "of" and pobj.lemma_.lower() in _ALLY_GUARANTEES
            for prep in anchor.children
            for pobj in prep.children
        ):
            return [], None  # "guarantors of Ukraine's security" take a side
        if anchor.lower_ == "auspices":  # "under the auspices of X" (lemma: "auspex")
            for pobj in (g for c in anchor.children if c.lower_ == "of" for g in c.children):
                keys = self._actors(pobj, ctx, exclude=set())
                if keys:
                    return keys, pobj
            return [], None
        near: list[Token] = [anchor.head] if anchor.dep_ == "relcl" else []
        role_of = _role_verb(anchor)
        if role_of is not None:  # "Oman will remain the mediator", "Norway acted as mediator"
            near += [c for c in role_of.children if c.dep_ in ("nsubj", "nsubjpass")]
        for token in near:
            keys = self._actors(token, ctx, exclude=set())
            if keys:
                return keys, token
        if anchor.lemma_.lower() not in _ROLE_NOUNS:  # "an Egyptian mediator said": who, unsure
            sources, source_tok = self._sources(anchor, ctx)
            if sources and source_tok is not None and source_tok.head.lower_ != "between":
                return sources, source_tok
        near = [c for c in anchor.children if c.dep_ == "appos"]
        if anchor.dep_ == "appos":
            near.append(anchor.head)
        for token in near:
            keys = self._actors(token, ctx, exclude=set())
            if keys:
                return keys, token
        return [], None

    def _parties(
        self, anchor: Token, ctx: _Context, exclude: set[str]
    ) -> tuple[list[str], Token | None]:
        """Whom a mediator or host brings together, when they are named.

        "mediating between X and Y", "hosted talks between X and Y", "hosting the
        delegations of X and Y", "the talks between X and Y were mediated by ...", "talks
        hosted by Qatar resumed between X and Y": the "between" (or "of"/"with") phrase of
        the mediating verb, of the talks it names (object, passive subject, or the noun it
        qualifies) and of the verb those talks are the subject of; else the latest pair
        named earlier in the sentence ("the DRC and the M23 held talks in Doha mediated by
        Qatar").
        """
        holders = [anchor]
        role_of = _role_verb(anchor)
        if role_of is not None:
            holders.append(role_of)
        for child in anchor.children:
            if child.dep_ in ("dobj", "nsubjpass", "nsubj") and child.pos_ in ("NOUN", "PROPN"):
                holders.append(child)
        if anchor.dep_ in ("acl", "relcl", "appos") or (
            anchor.dep_ == "pobj" and anchor.head.dep_ == "prep"
        ):
            holders.append(anchor.head if anchor.dep_ != "pobj" else anchor.head.head)
        for noun in list(holders[1:]):
            if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i != anchor.i:
                holders.append(noun.head)  # "talks hosted by Qatar resumed ... between"
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("between", "of", "with", "among"):
                    continue
                if prep.lower_ == "of" and holder.lemma_.lower() not in _PARTY_NOUNS:
                    continue
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    keys = self._actors(obj, ctx, exclude, target=True)
                    if keys:
                        return keys, obj
        sent = ctx.sent(anchor.i)
        named = [
            (first, second)
            for position, first, second in ctx.pairs
            if sent.start <= position < anchor.i and not {first, second} & exclude
        ]
        return (list(named[-1]), None) if named else ([], None)

    @staticmethod
    def _pairs(
        symmetric: bool, sources: list[str], targets: list[str]
    ) -> list[tuple[str, str | None]]:
        if symmetric and len(sources) > 1 and not targets:
            return [(sources[0], s) for s in sources[1:]]
        if not targets:
            return [(s, None) for s in sources]
        return [(s, t) for s in sources for t in targets]

    def _carrier(self, token: Token) -> Token:
        """The noun carrying an event noun: "a third day of talks", "a new round of talks"."""
        head = token.head
        if (
            token.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.lemma_.lower() in self.lexicon.partitive_nouns
        ):
            return head.head
        return token

    @staticmethod
    def _bare(verb: Token) -> bool:
        """A demand verb naming neither whom it asks nor, in a for/on phrase, what for.

        "Israel demanded a full list", "X insisted that the format was the only one": an
        accusation or demand whose addressee the parse missed is not coded (an unsure
        event is worse than none); "Ukraine insists on X", "calls for a ceasefire" are.
        """
        return verb.pos_ in ("VERB", "ADJ") and not any(
            c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in verb.children
        )

    def _clause_doer(self, verb: Token, ctx: _Context, exclude: set[str]) -> list[str]:
        """Who must act in a demand's that-clause: its subject, or the owner of the act."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            # the tagger often reads a subjunctive ("that Armenia remove") as a noun
            roles = (
                ("nsubj", "nsubjpass", "compound")
                if clause.pos_ == "NOUN"
                else ("nsubj", "nsubjpass")
            )
            for subj in (c for c in clause.children if c.dep_ in roles):
                keys = self._actors(subj, ctx, exclude, target=True)
                if not keys and subj.lemma_.lower() in self.event_nouns:
                    for owner in self._noun_targets(subj):
                        key = self._actor(owner, ctx, exclude, depth=1)
                        keys = [key] if key and key not in exclude else []
                        if keys:
                            break
                if keys:
                    return keys
        return []

    def _state_of(self, key: str) -> str:
        """The state an actor acts for (a person's or organisation's country), else itself."""
        info = self.gazetteer.actor(key)
        return info.country if info is not None and info.country else key

    def _level(self, key: str, like: list[str]) -> str:
        """``key`` at the level of ``like``: a state answers a state ("Baku rejected the
        idea" of Armenia's prime minister answers Armenia)."""
        if like and all(":" not in k for k in like):
            return self._state_of(key)
        return key

    def _answered(self, verb: Token, ctx: _Context, sources: list[str]) -> tuple[str, str] | None:
        """Who made the proposal a verb answers, and its topic, when its object points
        back to one ("rejected the idea", "accepted the offer") with no owner of its own.

        The latest proposal, demand or threat coded in the sentence or the two before it
        whose maker is not the one answering.
        """
        objects = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "nsubjpass")
            and c.lemma_.lower() in _ANAPHORIC_PROPOSALS
            and any(d.dep_ == "det" and d.lower_ in _ANAPHORIC_DETS for d in c.children)
            and not any(d.dep_ in ("poss", "prep", "acl", "relcl", "amod") for d in c.children)
        ]
        if not objects:
            return None
        for source, topic in ctx.proposals_before(objects[0].i):
            if source not in sources and self._state_of(source) not in sources:
                return self._level(source, sources), topic
        return None

    def _condition_doer(
        self, tokens: tuple[Token, ...], ctx: _Context, exclude: set[str]
    ) -> list[str]:
        """The subject of an if/unless clause on a threat: the one who must comply
        ("tariffs could rise again if Beijing does not open its market")."""
        seen: set[int] = set()
        for tok in tokens:
            for word in (tok, tok.head, *(c for c in tok.children if c.dep_ == "ccomp")):
                if word.i in seen:
                    continue
                seen.add(word.i)
                for clause in word.children:
                    if clause.dep_ != "advcl" or not any(
                        m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in clause.children
                    ):
                        continue
                    for subj in clause.children:
                        if subj.dep_ in ("nsubj", "nsubjpass") and subj.pos_ != "PRON":
                            keys = self._actors(subj, ctx, exclude, target=True)
                            if keys:
                                return keys
        return []

    def _counterpart(self, sources: list[str], i: int, ctx: _Context) -> list[str]:
        """The other party of the latest pair a lone source was named in before token ``i``
        (at the source's level: a state's counterpart is a state)."""
        if len(sources) != 1:
            return []
        source = sources[0]
        for first, second in ctx.pairs_before(i):
            levels = (self._level(first, sources), self._level(second, sources))
            if source in levels and levels[0] != levels[1]:
                return [levels[1] if levels[0] == source else levels[0]]
        return []

    def _pair(self, token: Token, ctx: _Context) -> list[str]:
        """The two parties "the two sides", "both countries", "the two men" stand for: the
        latest pair named before (two people for nouns of people, else two states or
        groups), in the order they were named."""
        lemma = _lemma(token)
        if lemma not in _PAIR_NOUNS and lemma not in _PAIR_PERSONS:
            return []
        if not any(
            (c.dep_ == "nummod" and c.lower_ == "two")
            or (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
            for c in token.children
        ):
            return []
        persons = lemma in _PAIR_PERSONS
        for first, second in ctx.pairs_before(token.i):
            if persons:
                if first.startswith("person:") and second.startswith("person:"):
                    return [first, second]
                continue
            pair = [self._state_of(first), self._state_of(second)]
            if pair[0] != pair[1] and not any(k.startswith("person:") for k in pair):
                return pair
        return []

    def _plural(self, token: Token, ctx: _Context, exclude: set[str]) -> list[str]:
        """The actors "they"/"them" stands for: the coordinated subject of a clause it sits
        in ("Britain, France and Germany warned that they ..."), or for "between them" the
        latest pair named before it."""
        for anc in islice(token.ancestors, 6):
            for child in anc.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < token.i and child.conjuncts:
                    keys = [
                        k
                        for t in (child, *child.conjuncts)
                        if (k := self._actor(t, ctx, exclude, depth=1)) is not None
                    ]
                    if len(keys) > 1:
                        return keys
        if token.head.lower_ in ("between", "among"):
            for first, second in ctx.pairs_before(token.i):
                return [first, second]
        return []

    def _under_light_verb(self, token: Token) -> bool:
        token = self._carrier(token)
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        elif token.dep_ not in ("dobj", "nsubjpass", "attr", "conj"):
            return False
        if token.dep_ == "conj":
            return self._under_light_verb(head)
        return head.lemma_.lower() in self.lexicon.light_verbs and not any(
            c.dep_ == "prt" for c in head.children
        )

    # ------------------------------------------------------------------ arguments
    def _sources(self, token: Token, ctx: _Context) -> tuple[list[str], Token | None]:
        """Actor keys of the event's doer, and the token naming it."""
        for arg in self._source_tokens(token, depth=0):
            if arg.i in ctx.ignored:
                # "DOHA, January 14 — Negotiators for Israel ... held": the parser made the
                # dateline's place the subject and the real one its apposition
                arg = next((c for c in arg.children if c.dep_ == "appos"), arg)
            keys = self._actors(arg, ctx, exclude=set())
            if keys:
                return keys, arg
        return [], None

    def _participant(self, noun: Token, ctx: _Context) -> tuple[list[str], Token | None]:
        """The other side of "a meeting with X" when the noun names no owner.

        The doer of the clause the phrase sits in: "Zelensky at a meeting with Putin",
        "what should Zelensky watch out for during negotiations with Putin", "in talks
        with Trump, Putin will ...", "prepare Zelensky for talks with Putin"; or who a
        meeting matters to ("a meeting with Zelensky would be interesting to Putin").
        Only with a named partner ("with X"), never through a verb of saying or thinking
        ("Peskov said a meeting with Kyiv ..."): there the speaker is no participant.
        """
        if not any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
            return [], None
        tok = noun
        for _ in range(5):
            head = tok.head
            if head is tok:
                break
            candidates: list[Token] = []
            if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
                candidates = [
                    g
                    for a in head.children
                    if a.dep_ == "acomp"
                    for p in a.children
                    if p.dep_ == "prep" and p.lower_ in ("to", "for")
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
            elif head.pos_ in ("VERB", "AUX"):
                if head.lemma_.lower() in self.lexicon.reporting_verbs:
                    break
                candidates = [c for c in head.children if c.dep_ == "nsubj" and c is not tok]
                candidates = candidates or [c for c in head.children if c.dep_ == "dobj"]
            elif head.pos_ == "PROPN" and head.i in ctx.by_token and tok.dep_ == "prep":
                candidates = [head]
            elif tok.dep_ in ("pobj", "prep", "dobj", "appos"):
                tok = head
                continue
            for cand in candidates:
                keys = self._actors(cand, ctx, exclude=set())
                if keys:
                    return keys, cand
            break
        return [], None

    def _source_tokens(self, token: Token, depth: int) -> Iterator[Token]:
        if depth > 4:
            return
        children = list(token.children)
        agent = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        yield from agent
        if token.pos_ in ("NOUN", "PROPN"):
            yield from (c for c in children if c.dep_ == "poss")
            for c in children:
                if c.dep_ == "prep" and c.lower_ in ("by", "between", "among"):
                    yield from (g for g in c.children if g.dep_ == "pobj")
            yield from (
                c for c in children if c.dep_ in ("amod", "compound", "nmod") and c.pos_ == "ADJ"
            )
            carrier = self._carrier(token)
            if carrier.dep_ == "pobj" and carrier.head.lower_ == "with":
                carrier = carrier.head  # "answered with tariffs": the doer of the answer
            if carrier.dep_ in ("dobj", "attr", "nsubjpass", "oprd", "prep"):
                verb = carrier.head
                hosted = carrier.dep_ == "nsubjpass" and (
                    verb.lemma_.lower() in self.lexicon.third_party_verbs
                )  # "talks were hosted by X and Y": X and Y host, they are no side
                light = self.lexicon.light_verbs | self.lexicon.intent_verbs
                if verb.lemma_.lower() in light and not hosted:
                    yield from self._source_tokens(verb, depth + 1)
            elif token.dep_ == "conj":
                yield from self._source_tokens(token.head, depth + 1)
            return
        subjects = [c for c in children if c.dep_ in ("nsubj", "csubj", "expl")]
        if subjects:
            yield from (s for s in subjects if s.dep_ == "nsubj")
            return
        if token.dep_ == "xcomp":
            objects = [c for c in token.head.children if c.dep_ in ("dobj", "dative")]
            yield from objects
            yield from self._source_tokens(token.head, depth + 1)
        elif token.dep_ == "pcomp" and token.head.lower_ in ("of", "for"):
            # "accused Israel of escalating": the object, not the accuser, is the doer
            yield from (c for c in token.head.head.children if c.dep_ == "dobj")
        elif token.dep_ in ("conj", "advcl", "pcomp", "ccomp", "acomp") or (
            token.dep_ == "prep" or token.head.dep_ == "prep"
        ):
            head = token.head.head if token.head.dep_ == "prep" else token.head
            if not (token.dep_ == "ccomp" and head.lemma_.lower() in self.lexicon.reporting_verbs):
                yield from self._source_tokens(head, depth + 1)
        elif (token.dep_ in ("acl", "relcl") and token.pos_ == "VERB") or (
            token.pos_ == "ADJ" and token.dep_ == "amod"
        ):
            yield token.head

    def _targets(
        self, token: Token, ctx: _Context, exclude: set[str]
    ) -> tuple[list[str], Token | None]:
        """Actor keys of the event's recipient, and the token naming it."""
        for arg in self._target_tokens(token):
            if arg.dep_ == "amod":  # "condemned American airstrikes": the owner of the act
                key = self._actor(arg, ctx, exclude, depth=1)
                keys = [key] if key and key not in exclude else []
            else:
                keys = self._actors(arg, ctx, exclude=exclude, target=True)
            if keys:
                return keys, arg
        return [], None

    def _target_tokens(self, token: Token) -> Iterator[Token]:
        children = list(token.children)
        if (
            token.dep_ == "relcl"
            and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in children)
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in children)
        ):
            yield token.head  # "lawmakers it accused of bias": the head is the object
        if any(c.dep_ == "agent" for c in children):
            yield from (c for c in children if c.dep_ == "nsubjpass")
        for c in children:
            if c.dep_ in ("dobj", "dative", "iobj") and not any(
                g.dep_ == "acl" and g.pos_ == "VERB" for g in c.children
            ):  # "rule out [the US withdrawing]": the object is the inner event's doer
                yield c
                yield from self._noun_targets(c)
        hostile = token.lemma_.lower() in self.hostile_words
        for c in children:
            if c.dep_ == "prep" and (
                c.lower_ in _TARGET_PREPS
                or (c.lower_ == "of" and token.pos_ == "NOUN")
                or (c.lower_ == "at" and hostile)  # "took aim at X", "fired at X"
            ):
                yield from (g for g in c.children if g.dep_ == "pobj")
            if c.dep_ == "prep" and c.lower_ == "between":
                for g in c.children:
                    yield from g.conjuncts
                    if g.lower_ in _PLURAL_PRONOUNS:
                        yield g  # "carried messages between them"
        for c in children:
            if c.dep_ in ("xcomp", "acl") and c.pos_ == "VERB":
                yield from self._target_tokens(c)
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass"):
            verb = token.head
            if verb.lemma_.lower() in self.lexicon.light_verbs:
                for c in verb.children:
                    if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                        yield from (g for g in c.children if g.dep_ == "pobj")

    def _noun_targets(self, noun: Token) -> Iterator[Token]:
        # "accept Zelensky's offer", "ignored Ukraine's call": the owner of an event object
        if noun.lemma_.lower() in self.event_nouns or noun.lower_ in self.event_nouns:
            # "condemned American airstrikes": the one accused is the doer of the act named
            yield from (
                c
                for c in noun.children
                if c.dep_ == "poss" or (c.dep_ == "amod" and c.pos_ == "ADJ")
            )
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                yield from (g for g in c.children if g.dep_ == "pobj")

    def _actors(
        self, token: Token, ctx: _Context, exclude: set[str], target: bool = False
    ) -> list[str]:
        keys: list[str] = []
        for tok in (token, *token.conjuncts):
            if target and tok.lower_ in _THING_PRONOUNS:
                continue  # "agree to end it": a thing, not an actor
            if tok.lower_ in _PLURAL_PRONOUNS:
                found = self._plural(tok, ctx, exclude)
            else:
                found = self._group(tok, ctx, exclude) or self._pair(tok, ctx)
            if not found:
                key = self._actor(tok, ctx, exclude, depth=0)
                found = [key] if key else []
            keys.extend(k for k in found if k not in keys and k not in exclude)
        return keys

    def _group(self, token: Token, ctx: _Context, exclude: set[str]) -> list[str]:
        """Several actors named by one noun with coordinated owners.

        "the Russian and Ukrainian presidents", "the presidents of Ukraine and Russia"
        (each state's holder of the office), "Ukrainian and Russian delegations",
        "negotiators for Israel and Hamas" (each owner). Empty unless two or more resolve.
        """
        lemma = _lemma(token)
        if token.i in ctx.by_token or lemma not in self.lexicon.proxy_nouns:
            return []
        owners: list[Token] = []
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                owners.extend((child, *child.conjuncts))
            elif child.dep_ == "prep" and child.lower_ in ("of", "from", "for"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        owners.extend((pobj, *pobj.conjuncts))
        keys: list[str] = []
        for owner in owners:
            key = self._actor(owner, ctx, exclude, depth=1)
            if key is None:
                continue
            if lemma in _OFFICES:
                roles = _OFFICES[lemma]
                key = next((h for r in roles if (h := self.office_holders.get((key, r)))), None)
                if key is None:
                    return []  # an office whose holder is unknown: name no one
            if key not in keys:
                keys.append(key)
        return keys if len(keys) > 1 else []

    def _actor(self, token: Token, ctx: _Context, exclude: set[str], depth: int) -> str | None:
        span = ctx.by_token.get(token.i)
        if span is not None:
            return span.kb_id_ or None
        if token.tag_ in ("WDT", "WP", "WP$") and token.head.dep_ in ("relcl", "acl"):
            return self._actor(token.head.head, ctx, exclude, depth + 1)
        if token.pos_ == "PRON":
            return self._pronoun(token, ctx, exclude)
        if token.pos_ in ("ADJ", "PROPN") and (depth > 0 or token.dep_ in ("amod", "compound")):
            alias = self.gazetteer.resolve(token.text)
            if alias is not None and alias.key:
                return alias.key  # "Ukrainian cities", "Russian delegation"
        lemma = _lemma(token)
        if lemma in _OFFICES and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            for c in token.children
        ):
            state = next(
                (
                    key
                    for c in token.children
                    if c.dep_ in ("amod", "compound", "poss", "nmod")
                    for key in [self._actor(c, ctx, exclude, depth + 1)]
                    if key and ":" not in key
                ),
                None,
            )
            for role in _OFFICES[lemma]:
                holder = self.office_holders.get((state or "", role))
                if holder and holder not in exclude:
                    return holder
        if depth < 2 and lemma in self.lexicon.proxy_nouns:
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound", "nmod"):
                    key = self._actor(child, ctx, exclude, depth + 1)
                    if key:
                        return key
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    for pobj in child.children:
                        key = self._actor(pobj, ctx, exclude, depth + 1)
                        if key:
                            return key
        return None

    def _pronoun(
        self, token: Token, ctx: _Context, exclude: set[str], depth: int = 0
    ) -> str | None:
        """The actor a third-person pronoun refers to, or None when no reading is safe.

        In order: the subject of a clause that contains the pronoun ("Trump, who hinted
        he may travel", "after months in which he criticised Kyiv, Trump ..."; an object
        pronoun skips its own clause, a speaker named after the words skips the reporting
        verb); the latest subject or possessor before it in its sentence (for "it" then
        any state or organisation there); the subject of the main clause of the previous
        sentences (up to three back); the latest subject or possessor in that window.
        Never the speaker of the direct quotation it is in, never a person the gazetteer
        makes a commentator (an analyst, an expert; an NGO, academic or media sector): a
        reporter's pronoun continues the story's actors, not its sources.
        "It" in "it is important to ..." refers to nothing.
        """
        word = token.lower_
        if word in _PERSON_PRONOUNS:
            want_person = True
        elif word in _THING_PRONOUNS:
            want_person = False
            head = token.head
            if (
                token.dep_ == "nsubj"
                and head.lemma_ == "be"
                and any(c.dep_ in ("xcomp", "ccomp") for c in head.children)
            ):
                return None
        else:
            return None
        # "he" in someone's own direct quotation is not the speaker
        speakers = ctx.speakers.get(token.i, frozenset())

        def fits(tok: Token) -> str | None:
            if tok.i == token.i:
                return None
            if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
                tok = tok.head.head
            if tok.pos_ == "PRON":
                if depth > 2 or tok.lower_ not in (_PERSON_PRONOUNS | _THING_PRONOUNS):
                    return None
                key = self._pronoun(tok, ctx, exclude, depth + 1)
                same_kind = (tok.lower_ in _PERSON_PRONOUNS) == want_person
                return key if same_kind else None
            span = ctx.by_token.get(tok.i)
            if span is None or not span.kb_id_ or span.kb_id_ in exclude:
                return None
            if _is_person(span) != want_person or self._commentator(span.kb_id_):
                return None
            if span.kb_id_ in speakers:
                return None
            return str(span.kb_id_)

        # 1. the subject of a clause the pronoun sits in (its own clause only for subjects
        #    and possessors: "Putin told him" cannot mean Putin)
        own = token.head if token.dep_ not in ("poss",) else None
        for anc in token.ancestors:
            if abs(anc.i - token.i) > _WINDOW:
                break
            if anc.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            if anc is own and token.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            postposed_reporter = anc.lemma_.lower() in self.lexicon.reporting_verbs
            for child in anc.children:
                if postposed_reporter and child.i > token.i:
                    continue  # "..., he proposed X, explained Y": Y is the source, not "he"
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
                    key = fits(child)
                    if key is not None:
                        return key
        # 2. the latest subject or possessor before it in its sentence; for "it", else the
        #    nearest state or organisation there ("sanctions on Moscow if it does not ...")
        sent = ctx.sent(token.i)
        before = ctx.actors_in(max(sent.start, token.i - _WINDOW), token.i)
        for span in before:
            if span.root.dep_ in ("nsubj", "nsubjpass", "poss"):
                key = fits(span.root)
                if key is not None:
                    return key
        for span in before if not want_person else ():
            key = fits(span.root)
            if key is not None:
                return key
        # 3. the main-clause subject of the previous sentences, latest first
        for _ in range(3):
            if sent.start == 0:
                break
            sent = ctx.sent(sent.start - 1)
            for child in ctx.main_subjects(sent):
                key = fits(child)
                if key is not None:
                    return key
        # 4. the latest subject or possessor before it in the window
        for span in ctx.actors_in(max(sent.start, token.i - _WINDOW), token.i):
            if span.root.dep_ in ("nsubj", "nsubjpass", "poss"):
                key = fits(span.root)
                if key is not None:
                    return key
        return None

    def _commentator(self, key: str) -> bool:
        info = self.gazetteer.actor(key)
        if info is None:
            return False
        role = (info.role or "").lower()
        return info.sector in _COMMENTATOR_SECTORS or any(w in role for w in _COMMENTATOR_ROLES)

    # ------------------------------------------------------------------ status
    def _path(self, token: Token, nominal: bool = False) -> tuple[list[Token], Token | None]:
        """``token`` and the heads above it within its clause; and the reporting verb met.

        ``nominal``: the token is an event noun with its own source ("Zelensky's offer"); the
        verb above it says something about the event only when the noun is its subject
        ("the meeting did not take place"), not when it is its object ("never planned to
        accept Zelensky's offer").
        """
        path = [token]
        current = token
        if nominal and token.dep_ not in ("nsubj", "nsubjpass", "conj"):
            return path, None
        while current.dep_ in _CLIMB and current.head is not current:
            head = current.head
            if abs(head.i - token.i) > _WINDOW:
                break
            if head.lemma_.lower() in self.lexicon.reporting_verbs and current.dep_ == "ccomp":
                return path, head
            path.append(head)
            current = head
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in self.lexicon.reporting_verbs:
            return path, current.head
        return path, None

    @staticmethod
    def _negated_path(path: list[Token]) -> bool:
        verbs_seen = 0
        for index, tok in enumerate(path):
            if tok.pos_ in ("VERB", "AUX"):
                verbs_seen += 1
            if verbs_seen > 3 or (index > 0 and path[index - 1].dep_ == "conj"):
                break
            for child in tok.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "det" and child.lower_ == "no" and tok.pos_ == "NOUN"
                ):
                    return True
                if child.dep_ == "advmod" and child.lower_ == "never":
                    return True
        return False

    def _negated(self, token: Token) -> bool:
        return self._negated_path(self._path(token)[0])

    def _status(
        self,
        trigger: _Trigger,
        anchor: Token,
        etype: str,
        cameo: str,
        negated_frame: bool,
        nominal: bool,
    ) -> str | None:
        """hypothetical, refused, planned or happened (rules in docs/extraction-events.md)."""
        path, reporter = self._path(anchor, nominal and anchor is trigger.root)
        if anchor is not trigger.root:
            inner, _ = self._path(trigger.root, nominal)
            path = [t for t in inner if t.i < anchor.i or t not in path] + path
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for t in path for c in t.children):
            return "hypothetical"  # the event sits inside an if/unless clause
        if any(
            a.lemma_.lower() in ("event", "case") and a.head.lower_ == "in"
            for a in islice(trigger.root.ancestors, 4)
        ):
            return "hypothetical"  # "in the event of his capitulation", "in case of failure"
        if etype != "THREATEN" and any(
            c.dep_ == "advcl" and any(m.lower_ in _CONDITIONS for m in c.children)
            for t in path
            for c in t.children
        ):
            return "hypothetical"  # an if-clause hangs on it (a conditional threat is a threat)
        negated = self._negated_path(path) and not negated_frame
        if negated and etype == "REJECT":
            return None  # "could not refuse": no rejection took place
        if negated:
            return "refused"
        auxes = {c.lower_ for t in path for c in t.children if c.dep_ in ("aux", "auxpass")}
        reported_past = reporter is not None and reporter.tag_ in ("VBD", "VBN")
        if auxes & _MODALS and not (reported_past and auxes & _MODALS <= {"would"}):
            return "hypothetical"
        lemmas = {t.lemma_.lower() for t in path} | {
            c.lemma_.lower()
            for t in path
            for c in t.children
            if c.dep_ in ("acomp", "advmod", "dobj", "attr")
        }
        if lemmas & self.lexicon.hypothetical_words:
            return "hypothetical"
        if etype == "REJECT":
            return "refused"
        if (
            auxes & _FUTURE
            or "would" in auxes
            or {t.lemma_.lower() for t in path[1:]} & self.lexicon.intent_verbs
            or (etype == "AGREE" and cameo.startswith("03"))
        ):
            return "planned"
        return "happened"

    # ------------------------------------------------------------------ date, place
    def _anchors(self, trigger: _Trigger, anchor: Token) -> set[int]:
        anchors = {trigger.root.i, anchor.i}
        for tok in (trigger.root, anchor):
            head = tok.head
            steps = 0
            while tok.dep_ in ("dobj", "pobj", "prep", "xcomp", "nsubj", "nsubjpass", "attr") and (
                steps < 3
            ):
                anchors.add(head.i)
                tok, head = head, head.head
                steps += 1
        return anchors

    def _date(
        self, ctx: _Context, trigger: _Trigger, anchor: Token, status: str
    ) -> tuple[str | None, ResolvedDate | None]:
        anchors = self._anchors(trigger, anchor)
        best: tuple[int, Span] | None = None
        for ent in ctx.ents_near(anchors):
            if ent.label_ != "DATE" or ent.root.dep_ in ("amod", "compound", "nummod", "nmod"):
                continue  # "a 30-day ceasefire" names a duration, not the event's date
            if ent.root.head.lower_ in ("for", "within", "over", "during", "throughout"):
                continue  # "for months": a duration
            tok = ent.root
            for _ in range(3):
                if tok.head.i in anchors and tok.head is not tok:
                    distance = abs(ent.start - trigger.root.i)
                    if best is None or distance < best[0]:
                        best = (distance, ent)
                    break
                if tok.head is tok or tok.head.pos_ in ("VERB", "AUX"):
                    break  # the date belongs to another clause
                tok = tok.head
        if best is None:
            return None, None
        ent = best[1]
        text = ent.text
        prep = ent.root.head
        if prep.dep_ == "prep" and prep.i == ent.start - 1:
            text = f"{prep.text} {text}"
        forward = status in ("planned", "hypothetical") or prep.lower_ == "by"
        return text, resolve_date(text, ctx.doc._.get(PUBLISHED), forward=forward)

    def _place(self, ctx: _Context, trigger: _Trigger, anchor: Token) -> str | None:
        anchors = self._anchors(trigger, anchor)
        for ent in ctx.ents_near(anchors):
            if ent.label_ not in ("GPE", "LOC", "FAC", "EVENT", "ORG"):
                continue
            head = ent.root.head
            if ent.root.dep_ == "compound" and head.i == trigger.root.i and ent.label_ != "ORG":
                return ent.text
            located = head.lower_ in ("in", "at") or (
                head.lower_ == "to" and trigger.entry.mode == "visit"
            )
            if (
                ent.root.dep_ == "pobj"
                and head.dep_ == "prep"
                and head.head.i in anchors
                and located
            ):
                if ent.label_ == "ORG" and not _multilateral(ent.text):
                    continue
                return ent.text
        return None


def _deduplicate(spans: list[Span], ctx: _Context) -> list[Span]:
    """One event per sentence, type, CAMEO code and dyad; a dyad beats a one-sided twin.

    "is preparing to meet with Putin ... to negotiate an end to the war" names one
    meeting: the version with a target wins over the one without.
    """
    kept: dict[tuple[int, str, str, str | None], Span] = {}
    for span in spans:
        f = span._.get(FIELDS)
        key = (ctx.sent_of[span.start], f["type"], f["source_actor"], f["target_actor"])
        if key not in kept:
            kept[key] = span
    with_target = {(k[0], k[1], k[2]) for k in kept if k[3] is not None}
    result = [
        span for key, span in kept.items() if key[3] is not None or key[:3] not in with_target
    ]
    return sorted(result, key=lambda s: (s.start, s.end))


def _role_verb(noun: Token) -> Token | None:
    """The verb a noun names its subject's role with: "Oman will remain the mediator",
    "Norway acted as mediator"."""
    if noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def _multilateral(place: str) -> bool:
    lowered = place.lower()
    return any(
        word in lowered
        for word in ("summit", "assembly", "g20", "g7", "g-20", "g-7", "conference", "forum")
    )


@Language.factory(
    "zopa_events",
    default_config={"lexicon": None},
    requires=["token.dep", "token.lemma"],
)
def make_event_extractor(nlp: Language, name: str, lexicon: str | None) -> EventExtractor:
    """Build the ``zopa_events`` component; ``lexicon`` is a path to a user event lexicon."""
    return EventExtractor(nlp, name, load_event_lexicon(lexicon))


def iter_event_fields(doc: Doc) -> Iterable[dict[str, Any]]:
    """The events of ``doc`` as plain dicts with ``start``/``end`` character offsets."""
    for span in doc.spans.get(EVENTS, []):
        yield {"start": span.start_char, "end": span.end_char, **span._.get(FIELDS)}

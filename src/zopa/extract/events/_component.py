"""The ``zopa_events`` spaCy component: PLOVER events with the nearest CAMEO code.

An event is an act of one actor towards another that a reader could put on a timeline:
a meeting, a proposal to meet, a refusal, a threat, a sanction, an attack. The component
runs the steps of this package in order:

1. trigger finding (:mod:`~zopa.extract.events._triggers`) over the lexicon
   ``data/events.yaml`` (:mod:`~zopa.extract.events._lexicon`);
2. frame composition (:mod:`~zopa.extract.events._frames`): "proposed talks" -> AGREE
   036, "threatened to impose sanctions" -> THREATEN 1312 ("refused to meet" is no frame:
   CONSULT 040 with status refused);
3. argument finding (:mod:`~zopa.extract.events._arguments`, actors resolved by
   :mod:`~zopa.extract.events._resolve`): source and target from the dependency parse;
4. status (:mod:`~zopa.extract.events._status`), date and place
   (:mod:`~zopa.extract.events._time`).

A third party that mediates or hosts is coded CONSULT with mode ``mediate`` (CAMEO 045) or
``host`` (CAMEO 043): the mediator or host is the source, each party it brings together a
target, and coordinated mediators are never each other's counterpart. The talks it brings
about are also coded as the parties' own: CONSULT, mode ``third-party``, CAMEO 046, the
first party named the source and the other the target (the mediator is never a target).

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

from bisect import insort
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from zopa.extract._doc import EVENTS, FIELDS, PUBLISHED
from zopa.extract.events._arguments import ArgumentFinder
from zopa.extract.events._classifier import TypeClassifier, load_type_classifier
from zopa.extract.events._combine import CLASSIFIED, Coded, TypeCombiner
from zopa.extract.events._constructions import (
    CONDITION_MARKS,
    DEADLINE,
    THREAT,
    conditional,
    deadline_act,
    deadline_verb,
    unnamed_complier,
)
from zopa.extract.events._context import Context
from zopa.extract.events._frames import FrameComposer
from zopa.extract.events._lexicon import (
    THIRD_PARTY_MODES,
    EventEntry,
    EventLexicon,
    load_event_lexicon,
)
from zopa.extract.events._resolve import ActorResolver
from zopa.extract.events._status import StatusReader
from zopa.extract.events._time import event_date, event_place, multilateral
from zopa.extract.events._triggers import Trigger, TriggerFinder
from zopa.extract.events._words import WORDS

__all__ = ["EventExtractor", "iter_event_fields", "make_event_extractor"]


#: The mode and CAMEO code of the parties' talks a mediator or host brings about.
_MEDIATED_MODE, _MEDIATED_CODE = "third-party", "046"

#: Acts two coordinated doers do with each other when they name no one else ("Armenia and
#: Azerbaijan signed", "Russian and Ukrainian negotiators agreed to exchange prisoners").
_BETWEEN_SOURCES = frozenset({"AGREE", "CONSULT", "COOPERATE"})

#: Acts done in words, which said to the press are a statement, not an act towards it.
_STATEMENT_TYPES = frozenset(
    {"CONSULT", "THREATEN", "REQUEST", "ACCUSE", "SUPPORT", "REJECT", "AGREE", "PROTEST"}
)

#: Answers of one party to the other that news often reports without naming the other
#: ("Peru refused.", "Bolivia agreed.", "made concessions"), and conditional threats.
_ANSWER_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE"})

#: Acts done to a place, whose target a city or country names ("Russia hit Odesa").
_PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "AID", "MOBILIZE", "RETREAT"})


class EventExtractor:
    """The ``zopa_events`` spaCy component (see the module docstring for the steps)."""

    # 4: mediation, hosting; 5: the agents of passive hosted talks host, no side; 6: the whole
    # PLOVER ontology, unnamed groups, owners as targets, refusals, "yet to", deadlines;
    # 7: the type classifier (its corpus digest follows the number); 8: the press as audience,
    # nationals, agreements reached, negotiators for each side; 9: bare answers answer the
    # other party, mediators are no pair, the story's pair holds the next round, deadlines
    # given, conditional acts as threats (events/_constructions.py); 10: the team's
    # conventions (talks broken off are SANCTION 164 and no meeting, a meeting refused is
    # REJECT 125, a strike by workers is PROTEST 143), an event noun's own pair, talks measured
    # by their length, descriptions repeated, figures of speech, funding, people handed back
    _rules_version = "10"

    def __init__(
        self,
        nlp: Language,
        name: str,
        lexicon: EventLexicon,
        classifier: TypeClassifier | None = None,
    ) -> None:
        self.name = name
        self.lexicon = lexicon
        self.combiner = TypeCombiner(classifier, lexicon) if classifier is not None else None
        self.triggers = TriggerFinder(nlp, lexicon)
        self.status = StatusReader(lexicon)
        self.frames = FrameComposer(lexicon, self.status)
        self.resolver = ActorResolver(nlp, lexicon)
        self.arguments = ArgumentFinder(
            lexicon, self.resolver, self.triggers.event_nouns, self.triggers.hostile_words
        )

    @property
    def version(self) -> str:
        """The rules' version, and the digest of the classifier's corpus (none: rules only)."""
        if self.combiner is None:
            return f"{self._rules_version}+rules"
        digest = str(self.combiner.classifier.training.get("corpus_digest", "?"))
        return f"{self._rules_version}+{digest[:8]}"

    # ------------------------------------------------------------------ pipeline
    def __call__(self, doc: Doc) -> Doc:
        ctx = Context.of(doc)
        coded: list[Coded] = []
        seen: set[tuple[int, int, str, str | None, str | None]] = set()
        found = self.triggers.find(doc)
        verbs = {t.root.i: t.entry.type for t in found if t.root.pos_ == "VERB"}
        halts = {t.root.i for t in found if t.root.pos_ == "VERB" and t.entry.topic == "walkout"}
        for trigger in self.frames.compose(found):
            if trigger.root.i < ctx.headline_end:
                continue  # a headline repeats the story's events in telegraphic style
            if self._coded_by_verb(trigger, verbs) or _halted(trigger, halts):
                continue
            for span, anchor in self._events(trigger, ctx):
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
                    coded.append((span, anchor))
        # a deadline given is read from the parse before the classifier guesses at the
        # verb ("gave Peru until November 20 to accept": a demand, not an agreement)
        constructions = _constructions(ctx)
        deadlines = list(
            self._constructed(ctx, [span for span, _ in coded], constructions, (DEADLINE,))
        )
        if self.combiner is not None:
            spans = self.combiner.combine(ctx, coded, self._events)
        else:
            spans = [span for span, _ in coded]
        if deadlines:
            ruled = {(span.start, span.end, span.label_) for span, _ in coded}
            given = {anchor.i for _, anchor in deadlines}
            spans = [
                span
                for span in spans
                if (span.start, span.end, span.label_) in ruled
                or not any(span.start <= i < span.end for i in given)
            ]
            spans.extend(span for span, _ in deadlines)
        spans.extend(
            span for span, _ in self._constructed(ctx, spans, constructions, (DEADLINE, THREAT))
        )
        doc.spans[EVENTS] = _deduplicate(spans, ctx)
        return doc

    def _constructed(
        self,
        ctx: Context,
        spans: list[Span],
        constructions: list[tuple[Token, EventEntry]],
        kinds: tuple[EventEntry, ...],
    ) -> Iterator[Coded]:
        """The acts stated by the ``constructions`` of ``kinds`` where no event of
        ``spans`` holds the verb."""
        covered = {i for span in spans for i in range(span.start, span.end)}
        for token, entry in constructions:
            if entry in kinds and token.i not in covered:
                yield from self._events(Trigger(entry, token, (token.i, token.i + 1)), ctx)

    def _coded_by_verb(self, trigger: Trigger, verbs: dict[int, str]) -> bool:
        """Whether a noun trigger is the object of a verb trigger of the same type that
        codes the act ("signed the agreement", "hosted talks"; also under "refused to
        sign"), so that the noun adds no event of its own; a noun with its own parties
        ("talks between X and Y") still counts."""
        if trigger.entry.standalone or trigger.root.pos_ not in ("NOUN", "PROPN"):
            return False
        verb = self.arguments.light_verb(trigger.root)
        if verb is None or verbs.get(verb.i) != trigger.entry.type:
            return False
        return not any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("between", "among", "by"))
            for c in trigger.root.children
        )

    # ------------------------------------------------------------------ events
    def _events(self, trigger: Trigger, ctx: Context) -> Iterator[Coded]:
        entry = trigger.entry
        if entry is not DEADLINE and deadline_act(trigger.root):
            return  # "gave Peru until Friday to accept": the acceptance is only asked for
        frame = trigger.frame
        mapping = self.frames.mapping(frame, trigger) if frame is not None else None
        outer = frame.frame if frame is not None else None
        if (
            mapping is not None
            and frame is not None
            and outer is not None
            and frame.root.pos_ == "VERB"
            and self.frames.mapping(outer, frame) is not None
        ):
            return  # "urged Moscow to accept a ceasefire": one request, not also an agreement
        if mapping is not None and frame is not None:
            anchor = frame.root
            etype = mapping.get("type", frame.entry.type)
            mode = mapping.get("mode", frame.entry.mode if "type" not in mapping else None)
            cameo = mapping["cameo"]
            negated_frame = self.status.negated(frame.root) and bool(frame.entry.when_negated)
        else:
            if not entry.standalone and not self.arguments.under_light_verb(trigger.root):
                return
            if trigger.root.dep_ == "acl" and trigger.root.tag_ == "VBG":
                return  # "Ukraine ceding five regions": a state of affairs named, not an act
            if _put_to_subject(trigger.root):
                return  # "Asked whether ..., Diba said": asked by someone unnamed
            anchor = trigger.root
            etype, mode, cameo = entry.type, entry.mode, entry.cameo
            negated_frame = False
            if etype == "CONSULT" and mode not in THIRD_PARTY_MODES and _refused(anchor):
                # "Peru refused to meet Chile": a meeting refused is a rejection (CAMEO 125,
                # the team's convention), not a meeting that did not take place
                etype, mode, cameo = "REJECT", "meet", "125"
        instruments = entry.objects if entry.instrument_objects else frozenset()
        # acts done to a place; a visit or an envoy sent to a capital goes to its state
        places = etype in _PLACE_TARGETS or (
            mapping is None and (mode == "visit" or entry.id == "send-delegation")
        )
        third_party = mapping is None and mode in THIRD_PARTY_MODES
        if third_party:
            sources, source_tok = self.arguments.third_party(anchor, ctx)
            if not sources:
                return
            ctx.third_parties.update(sources)
        else:
            loose = trigger.entry.id.startswith(CLASSIFIED)
            sources, source_tok = self.arguments.sources(anchor, ctx, loose)
            if not sources and anchor is not trigger.root:
                sources, source_tok = self.arguments.sources(trigger.root, ctx)
        pair: tuple[str, str] | None = None
        if not sources and etype == "CONSULT" and anchor.pos_ == "NOUN" and _next(anchor):
            # "The next round of talks is planned for April 14": the talks of the pair the
            # story is about (named most often), not of the latest two names coordinated
            pair = ctx.story_pair(anchor.i)
            sources = [pair[0]] if pair is not None else []
        if not sources and etype in _BETWEEN_SOURCES and anchor.pos_ == "NOUN":
            # "the Chile-Peru summit", "a meeting of Chilean and Peruvian negotiators"
            pair = self.arguments.named_pair(anchor, ctx)
            sources = [pair[0]] if pair is not None else []
        if not sources and etype == "CONSULT" and anchor.pos_ == "NOUN":
            sources, source_tok = self.arguments.participant(anchor, ctx)
            partners, _ = self.arguments.targets(anchor, ctx, set(sources))
            if not partners and _measured(anchor):
                # "Two days of talks in Accra ended", "a three-hour meeting": talks the
                # story reports as held, by the pair it is about
                pair = ctx.story_pair(anchor.i)
                sources, source_tok = ([pair[0]] if pair is not None else []), None
            elif not partners:
                return  # "relies on negotiations with leaders": no named partner, no event
        if not sources:
            return
        between = source_tok is not None and source_tok.head.lower_ == "between" and not third_party
        if third_party:
            # the parties the mediator or host brings together, never a dyad of mediators
            targets, target_tok = self.arguments.parties(anchor, ctx, set(sources))
        elif between:
            targets, target_tok = [], None
        elif pair is not None:
            targets, target_tok = [pair[1]], None
        elif entry is THREAT:
            targets = self.arguments.condition_doer((anchor,), ctx, set(sources), CONDITION_MARKS)
            target_tok = None
        else:
            own = instruments if anchor is trigger.root else frozenset()
            targets, target_tok = self.arguments.targets(anchor, ctx, set(sources), own, places)
        if (
            len(sources) > 1
            and etype in _BETWEEN_SOURCES
            and target_tok is not None
            and target_tok.pos_ == "NOUN"
            and all(t.startswith("unresolved:") for t in targets)
        ):
            # "Russian and Ukrainian negotiators agreed to exchange prisoners": the two sides
            # agree with each other; the prisoners are what the deal is about
            targets, target_tok = [], None
        if not targets and anchor is not trigger.root and not between and not third_party:
            targets, target_tok = self.arguments.targets(
                trigger.root, ctx, set(sources), instruments, places
            )
        if (
            len(sources) > 1
            and etype == "AGREE"
            and anchor.lemma_.lower() in WORDS.agreement_verbs
            and not _own_argument(target_tok, anchor)
        ):
            # "Chile and Peru agreed to ask the World Bank": the two agree with each other;
            # whom the act agreed on is done to is that act's target
            targets, target_tok, between = [], None, True
        if (
            etype in _STATEMENT_TYPES
            and targets
            and all(self.resolver.audience(k, target_tok) for k in targets)
        ):
            return  # "Speaking to the BBC, Asif ...", "warned reporters that ...": a statement
        nominal = (
            anchor.pos_ in ("NOUN", "PROPN")
            and source_tok is not None
            and anchor in (source_tok.head, source_tok.head.head)
        )
        status = self.status.status(trigger, anchor, etype, cameo, negated_frame, nominal)
        if status is None:
            return
        date_text, resolved = event_date(ctx, trigger, anchor, status)
        when = resolved.date if resolved is not None else None
        if when is not None and status == "happened":
            published = ctx.doc._.get(PUBLISHED)
            if published is not None and when > published:
                status = "planned"
        place = event_place(ctx, trigger, anchor)
        if etype == "CONSULT" and mode is None and place and multilateral(place):
            mode = "multilateral"
        if not targets and mapping is not None and etype in ("REQUEST", "AGREE"):
            # "insisted that Ukraine must hand over ...": the one asked is the inner doer;
            # "proposed that he and Aliyev meet": the other party of the proposed meeting
            inner, _ = self.arguments.sources(trigger.root, ctx)
            targets = [k for k in inner if k not in sources]
        if not targets and etype == "REQUEST" and anchor.pos_ == "VERB":
            # "demanded that Armenia remove ...", "insists that an Israeli withdrawal ..."
            targets = self.arguments.clause_doer(anchor, ctx, set(sources))
        answering = frame.entry if mapping is not None and frame is not None else entry
        if not targets and etype == answering.type and etype in ("REJECT", "AGREE", "SUPPORT"):
            # "Baku rejected the idea": the answer to a proposal reported just before
            answered = self.arguments.answered(anchor, ctx, sources)
            if answered is not None:
                targets = [answered[0]]
                coded = answering.complement.get(answered[1], {})
                cameo, mode = coded.get("cameo", cameo), coded.get("mode", mode)
        if not targets and etype in ("ACCUSE", "SUPPORT", "REJECT") and anchor.pos_ == "VERB":
            # "Washington condemned the arrests": the doer of the act reported before
            doer = self.arguments.act_doer(anchor, ctx, sources)
            targets = [doer] if doer is not None else []
        halt = trigger.entry.topic == "walkout" and etype in ("SANCTION", "THREATEN")
        if not targets and halt:
            # "walked out of the negotiations with Peru", "threatened to walk out of the
            # talks with Peru": the other side of the talks left
            for talks in TriggerFinder.object_words(trigger.root):
                if talks.pos_ == "NOUN" and talks.lemma_.lower() in self.triggers.event_nouns:
                    targets, target_tok = self.arguments.targets(talks, ctx, set(sources))
                    break
        if not targets and (etype == "THREATEN" or (halt and etype == "SANCTION")):
            # "warned that tariffs could rise if Beijing does not ...": who must comply
            targets = self.arguments.condition_doer((anchor, trigger.root), ctx, set(sources))
        if (
            not targets
            and etype == "REQUEST"
            and self.arguments.bare(anchor)
            and any(c.dep_ == "dobj" for c in anchor.children)
        ):
            # a demand naming no addressee is made to the other party of the latest pair
            # the doer was named in ("Israel in turn demanded a full list" -> Hamas)
            targets = self.arguments.counterpart(sources, trigger.tokens[0], ctx)
        if not targets and (
            (entry is THREAT and unnamed_complier(anchor))
            or (etype in _ANSWER_TYPES and mapping is None and self.arguments.unspecified(anchor))
        ):
            # "Peru refused.", "Bolivia agreed.", "Dakar rejected the list": an answer that
            # names nothing of its own answers the other party of the latest pair its doer
            # was named in (a third party, in no pair, stays without a target); so does a
            # conditional act whose condition is a passive naming no one ("would take the
            # matter to the WTO unless the ban is lifted")
            targets = self.arguments.counterpart(sources, trigger.tokens[0], ctx)
        if not targets and etype == "ACCUSE" and anchor.pos_ == "VERB":
            # "alleged that Russia ran a sabotage campaign": the doer of what is alleged
            targets = self.arguments.clause_doer(anchor, ctx, set(sources))
        if not targets and etype == "PROTEST" and place:
            # a protest in a capital or a country addresses that state's government
            targets = [k for k in [self.resolver.state_at(place)] if k and k not in sources]
        unsure = (
            entry is THREAT
            or (etype == "ACCUSE" and mode != "investigate")
            or entry.needs_target
            or (etype == "REQUEST" and self.arguments.bare(anchor))
        )
        if not targets and unsure:
            return  # an accusation, praise or a demand of nothing named from no one: too unsure
        symmetric = not third_party and (
            between
            or (answering.symmetric and etype == answering.type)
            or (len(sources) > 1 and etype in _BETWEEN_SOURCES and not targets)
        )
        dyads = [
            (source, target, etype, mode, cameo)
            for source, target in self.arguments.pairs(symmetric, sources, targets)
        ]
        if third_party and len(targets) > 1:
            # the talks a mediator or host brings about are the parties' own (CAMEO 046)
            dyads.append((targets[0], targets[1], "CONSULT", _MEDIATED_MODE, _MEDIATED_CODE))
        sent = ctx.sent(anchor.i)
        positions = [trigger.tokens[0], trigger.tokens[1] - 1, anchor.i]
        for tok in (source_tok, target_tok):
            if tok is not None and sent.start <= tok.i < sent.end:
                positions.append(tok.i)
        when_fields = {
            "date": when.isoformat() if when else None,
            "date_precision": resolved.precision if resolved is not None else None,
            "date_text": date_text,
            "place": place,
            "status": status,
        }
        for source, target, kind, how, code in dyads:
            if source == target:
                continue
            span = Span(
                ctx.doc,
                min(positions),
                max(positions) + 1,
                label=kind,
                kb_id=f"{code}:{source}>{target or ''}",
            )
            span._.set(
                FIELDS,
                {
                    "type": kind,
                    "mode": how,
                    "cameo": code,
                    "source_actor": source,
                    "target_actor": target,
                    **when_fields,
                },
            )
            unnamed = target_tok is not None and target_tok.pos_ == "NOUN"
            if (
                target is not None
                and not third_party
                and not code.startswith("045")
                and not (unnamed and target.startswith("unresolved:"))
            ):
                # a mediator or host is no party; nor are the prisoners freed
                ctx.add_pair(span.start, source, target)
            if kind in ("REQUEST", "ACCUSE", "THREATEN") or (
                kind == "AGREE" and code.startswith("03")
            ):
                insort(ctx.proposals, (span.start, source, trigger.entry.topic or ""))
            insort(ctx.acts, (span.start, source, trigger.root.lemma_.lower(), kind))
            yield span, anchor


def _put_to_subject(verb: Token) -> bool:
    """Whether a verb is a passive participle clause with no subject of its own on the
    main verb ("Asked whether the talks had failed, he said ..."): what it names was done
    to the main clause's subject by someone unnamed (a reporter), not by that subject."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)
    )


def _own_argument(arg: Token | None, verb: Token) -> bool:
    """Whether ``arg`` hangs on ``verb`` itself, directly or by a preposition ("agreed with
    Benin"), not on a verb below it ("agreed to ask the World Bank")."""
    if arg is None:
        return False
    return arg.head is verb or (arg.head.dep_ == "prep" and arg.head.head is verb)


def _next(noun: Token) -> bool:
    """Whether talks are named as the next ones ("the next round of talks", "the next
    meeting"): the talks of the parties the story is about."""
    words = list(noun.children)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "the next round of talks"
        words += list(noun.head.head.children)
    return any(c.dep_ == "amod" and c.lower_ == "next" for c in words)


_TIME_UNITS = frozenset({"hour", "day", "week", "month"})


def _measured(noun: Token) -> bool:
    """Whether talks are measured by how long they took ("two days of talks", "a
    three-hour meeting", "the two-week visit"): talks held, as a story reports them."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        unit = noun.head.head
        if unit.lemma_.lower() in _TIME_UNITS and any(c.dep_ == "nummod" for c in unit.children):
            return True
    return any(
        c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in _TIME_UNITS
        for c in noun.children
    )


_REFUSING = frozenset({"refuse", "decline"})


def _refused(verb: Token) -> bool:
    """Whether a verb is what a refusal verb turns down ("refused to meet", "declined to
    attend"); "failed to meet" is no refusal."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _REFUSING


def _constructions(ctx: Context) -> list[tuple[Token, EventEntry]]:
    """The verbs of the document (its headline aside) that state an act by a construction
    (:mod:`~zopa.extract.events._constructions`): a deadline given, a conditional act."""
    found: list[tuple[Token, EventEntry]] = []
    for token in ctx.doc[ctx.headline_end :]:
        if token.pos_ != "VERB":
            continue
        entry = DEADLINE if deadline_verb(token) else THREAT if conditional(token) else None
        if entry is not None:
            found.append((token, entry))
    return found


def _halted(trigger: Trigger, halts: set[int]) -> bool:
    """Whether a meeting noun names talks a coded act breaks off, cancels or leaves ("broke
    off the talks with Peru", "walked out of the negotiations"): the halt is the event (the
    team's convention: SANCTION 164), the talks add none of their own."""
    if trigger.entry.type != "CONSULT" or trigger.root.pos_ not in ("NOUN", "PROPN"):
        return False
    head = trigger.root
    for _ in range(3):  # "walked out of the talks": talks <- of <- out <- walked
        if head.dep_ not in ("dobj", "pobj", "prep", "nsubjpass") or head.head is head:
            return False
        head = head.head
        if head.i in halts:
            return True
    return False


def _deduplicate(spans: list[Span], ctx: Context) -> list[Span]:
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


@Language.factory(
    "zopa_events",
    default_config={"lexicon": None, "type_model": None, "classify": True},
    requires=["token.dep", "token.lemma"],
)
def make_event_extractor(
    nlp: Language, name: str, lexicon: str | None, type_model: str | None, classify: bool
) -> EventExtractor:
    """Build the ``zopa_events`` component.

    ``lexicon``: a path to a user event lexicon; ``type_model``: a path to a trained type
    classifier (default: the shipped one); ``classify``: false runs the rules alone.
    """
    classifier = load_type_classifier(type_model) if classify else None
    return EventExtractor(nlp, name, load_event_lexicon(lexicon), classifier)


def iter_event_fields(doc: Doc) -> Iterable[dict[str, Any]]:
    """The events of ``doc`` as plain dicts with ``start``/``end`` character offsets."""
    for span in doc.spans.get(EVENTS, []):
        yield {"start": span.start_char, "end": span.end_char, **span._.get(FIELDS)}

"""Argument finding: the source and target of an event from the dependency parse.

The subject (or the "by" agent) is the source, the object or a "with/to/on/against"
phrase the target; control verbs pass their subject or object down; a noun event takes
its possessor, "between X and Y", or the subject of a light verb. Mediators and hosts
(mode mediate/host) are the source of their event and the parties they bring together its
targets. Tokens become actor keys through :class:`~zopa.extract.events._resolve.ActorResolver`.
The rules are listed in docs/extraction-events.md ("Actors", "Mediation and hosting").
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from spacy.tokens import Token

from zopa.extract.events._context import Context, lemma_of
from zopa.extract.events._lexicon import EventLexicon
from zopa.extract.events._resolve import (
    PLURAL_PRONOUNS,
    ActorResolver,
    entity_text,
    unnamed_key,
)
from zopa.extract.events._status import CONDITIONS
from zopa.extract.events._words import WORDS

__all__ = ["ArgumentFinder", "role_verb"]

_TARGET_PREPS = frozenset({"with", "to", "on", "against", "toward", "towards", "into", "upon"})

_ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})


class ArgumentFinder:
    """Finds the source and target actors of an event (see the module docstring)."""

    def __init__(
        self,
        lexicon: EventLexicon,
        resolver: ActorResolver,
        event_nouns: frozenset[str],
        hostile_words: frozenset[str],
    ) -> None:
        self.lexicon = lexicon
        self.resolver = resolver
        self.event_nouns = event_nouns
        self.hostile_words = hostile_words
        noun_types: dict[str, set[str]] = {}
        for entry_id, kind, lemmas in lexicon.phrases:
            if kind == "nouns" and len(lemmas) == 1:
                noun_types.setdefault(lemmas[0], set()).add(lexicon.entry(entry_id).type)
        #: the PLOVER types a one-word event noun names ("crackdown": COERCE)
        self.noun_types = {k: frozenset(v) for k, v in noun_types.items()}

    # ------------------------------------------------------------------ arguments
    def sources(
        self, token: Token, ctx: Context, loose: bool = False
    ) -> tuple[list[str], Token | None]:
        """Actor keys of the event's doer, and the token naming it.

        ``loose``: the event is known to be one (the type classifier found it), so a
        subject noun no rule resolves still names its doer: its owner ("Guinea's junta",
        "Jordanian aircraft", "a UN convoy"), else a plural or a body as an unresolved
        actor ("Inmates rioted", "the government blocked"); not a singular thing ("the
        document commits").
        """
        args = list(self._source_tokens(token, depth=0))
        for arg in args:
            if arg.i in ctx.ignored or (arg.pos_ == "NOUN" and arg.i not in ctx.by_token):
                # "DOHA, January 14 — Negotiators for Israel ... held": the parser made the
                # dateline's place the subject and the real one its apposition; "Georgia's
                # president, Mikheil Kavelashvili, accused": the person named, not the office
                dateline = arg.i in ctx.ignored
                arg = next(
                    (c for c in arg.children if c.dep_ == "appos" and (dateline or _named(c, ctx))),
                    arg,
                )
            keys = self.resolver.actors(arg, ctx, exclude=set())
            if keys:
                return keys, arg
        for arg in args if loose else ():
            if arg.pos_ != "NOUN" or arg.lemma_.lower() in self.event_nouns:
                continue
            key = self.resolver.owner(arg, ctx)
            if key is None and (arg.tag_ == "NNS" or lemma_of(arg) in self.lexicon.proxy_nouns):
                key = unnamed_key(arg)  # people named by a plural: "Inmates rioted"
            if key is not None:
                return [key], arg
        return [], None

    def participant(self, noun: Token, ctx: Context) -> tuple[list[str], Token | None]:
        """The other side of "a meeting with X" when the noun names no owner.

        The doer of the clause the phrase sits in: "Zelensky at a meeting with Putin",
        "what should Zelensky watch out for during negotiations with Putin", "in talks
        with Trump, Putin will ...", "prepare Zelensky for talks with Putin"; or who a
        meeting matters to ("a meeting with Zelensky would be interesting to Putin").
        Only with a named partner ("with X"), never through a verb of saying or thinking
        ("Peskov said a meeting with Kyiv ..."): there the speaker is no participant, unless
        the saying took place in it ("Merz said in a call with von der Leyen").
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
                if head.lemma_.lower() in self.lexicon.reporting_verbs and not (
                    tok.dep_ == "prep" and tok.lower_ in ("in", "during")
                ):
                    break  # "Merz said in a call with X": the speaker was in the call
                candidates = [c for c in head.children if c.dep_ == "nsubj" and c is not tok]
                candidates = candidates or [c for c in head.children if c.dep_ == "dobj"]
            elif head.pos_ == "PROPN" and head.i in ctx.by_token and tok.dep_ == "prep":
                candidates = [head]
            elif tok.dep_ in ("pobj", "prep", "dobj", "appos"):
                tok = head
                continue
            for cand in candidates:
                keys = self.resolver.actors(cand, ctx, exclude=set())
                if keys:
                    return keys, cand
            break
        return [], None

    def named_pair(self, noun: Token, ctx: Context) -> tuple[str, str] | None:
        """The two sides an event noun names in its own modifiers: two names or adjectives
        of nationality before it ("the Chile-Peru summit", "the US–Iran talks"), or
        coordinated owners in its "of" phrase ("a meeting of Chilean and Peruvian
        negotiators", "talks of Ghana and Togo"); None unless two different actors."""
        words = list(_modifiers(noun))
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    if pobj.conjuncts:
                        words += [pobj, *pobj.conjuncts]
                    for mod in pobj.children:
                        if mod.dep_ in ("amod", "compound", "nmod") and mod.conjuncts:
                            words += [mod, *mod.conjuncts]
        keys: list[str] = []
        for word in words:
            key = self.resolver.actor(word, ctx, set(keys), depth=1, unnamed=False)
            if key and key not in keys:
                keys.append(key)
        return (keys[0], keys[1]) if len(keys) == 2 else None

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
            if _agentless_passive(token):
                return  # "before a deal was signed": signed by no one named
            if not (token.dep_ == "ccomp" and head.lemma_.lower() in self.lexicon.reporting_verbs):
                yield from self._source_tokens(head, depth + 1)
        elif (token.dep_ in ("acl", "relcl") and token.pos_ == "VERB" and token.tag_ != "VBN") or (
            token.pos_ == "ADJ" and token.dep_ == "amod"
        ):
            yield token.head

    def targets(
        self,
        token: Token,
        ctx: Context,
        exclude: set[str],
        instruments: frozenset[str] = frozenset(),
        places: bool = False,
    ) -> tuple[list[str], Token | None]:
        """Actor keys of the event's recipient, and the token naming it.

        ``instruments``: object lemmas that name what the act moves or cuts ("withdrew its
        troops from Niger"): such an object is no target, only its owner may be.
        ``places``: a city or country named as the target stands for its state ("Russia hit
        Odesa", "sent food to Gaza", "launched drones at Kharkiv"): for acts done to a place,
        not meetings held there.
        """
        for arg in self._target_tokens(token, places):
            if places and (key := self._place_state(arg, ctx)) and key not in exclude:
                return [key], arg  # "Kharkiv was shelled": the state, not a name unresolved
            if (key := self._nationals_state(arg)) and key not in exclude:
                return [key], arg  # "released four Armenian prisoners": Armenia
            if arg.dep_ == "amod":  # "condemned American airstrikes": the owner of the act
                key = self.resolver.actor(arg, ctx, exclude, depth=1)
                keys = [key] if key and key not in exclude else []
            else:
                # "deployed police officers to Haiti": the officers are sent, not targeted
                moved = arg.dep_ == "dobj" and arg.lemma_.lower() in instruments
                keys = self.resolver.actors(
                    arg, ctx, exclude=exclude, target=True, unnamed=not moved
                )
            if keys:
                return keys, arg
        for arg in self._target_tokens(token, places):
            # "imposed duties on Chinese electric cars": the owner the object's words name;
            # for acts done to places also its possessor ("strikes on its nuclear sites")
            key = self.resolver.owner(arg, ctx, places) if arg.pos_ == "NOUN" else None
            if key and key not in exclude:
                return [key], arg
        return [], None

    def _nationals_state(self, arg: Token) -> str | None:
        """The state whose nationals a noun of people names by a demonym ("four Armenian
        prisoners", "Azerbaijani soldiers"): the side an act done to them is done to."""
        if arg.pos_ != "NOUN" or lemma_of(arg) not in WORDS.state_nationals:
            return None
        for child in arg.children:
            if child.dep_ == "amod" and child.ent_type_ == "NORP":
                key = self.resolver.state_named(child.text)
                if key and ":" not in key:
                    return key
        return None

    def _place_state(self, arg: Token, ctx: Context) -> str | None:
        """The state of a city or country named where an act is done to a place ("Russia
        hit Odesa", "sent aid to Gaza", "Kharkiv was shelled"); None for an actor named."""
        named = ctx.by_token.get(arg.i)
        place = arg.ent_type_ in ("GPE", "LOC") or (arg.pos_ == "PROPN" and not arg.ent_type_)
        if not place or (named is not None and named.kb_id_):
            return None
        return self.resolver.state_at(entity_text(arg))

    def _target_tokens(self, token: Token, places: bool = False) -> Iterator[Token]:
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
            if c.dep_ == "dative" and c.pos_ == "ADP":
                # "granted asylum to a dissident": the parser's dative "to" holds the party
                yield from (g for g in c.children if g.dep_ == "pobj")
                continue
            if c.dep_ in ("dobj", "dative", "iobj") and not any(
                g.dep_ == "acl" and g.pos_ == "VERB" for g in c.children
            ):  # "rule out [the US withdrawing]": the object is the inner event's doer
                yield c
                yield from self.noun_targets(c)
                yield from self._object_parties(c, token)
        # "took aim at X", "launched drones at Odesa": the "at" of a hostile act
        hostile = token.lemma_.lower() in self.hostile_words or places
        away = token.lemma_.lower() in WORDS.from_target_verbs
        backing = token.lemma_.lower() in WORDS.for_target_words
        for c in children:
            if c.dep_ == "prep" and (
                c.lower_ in _TARGET_PREPS
                or (c.lower_ == "of" and token.pos_ == "NOUN")
                or (c.lower_ == "at" and hostile)  # "took aim at X", "fired at X"
                or (c.lower_ == "from" and away)  # "withdrew its troops from Niger"
                or (c.lower_ == "for" and backing)  # "expressed support for Bangladesh"
            ):
                for g in c.children:
                    if g.dep_ == "pobj":
                        yield g
                        yield from _owners(g)  # "agreed to Chile's proposal"
            if c.dep_ == "prep" and c.lower_ == "between":
                for g in c.children:
                    yield from g.conjuncts
                    if g.lower_ in PLURAL_PRONOUNS:
                        yield g  # "carried messages between them"
        for c in children:
            if c.dep_ in ("xcomp", "acl") and c.pos_ == "VERB":
                yield from self._target_tokens(c, places)
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass"):
            verb = token.head
            if verb.lemma_.lower() in self.lexicon.light_verbs:
                for c in verb.children:
                    if c.dep_ == "prep" and (
                        c.lower_ in _TARGET_PREPS or (c.lower_ == "at" and hostile)
                    ):
                        yield from (g for g in c.children if g.dep_ == "pobj")
        for c in children:
            if c.dep_ == "dobj":
                # "welcomed Sudan's decision to reopen ...", "rejected Russia's terms": the
                # owner of what the act is about, when nothing else names the other side
                yield from _owners(c)

    def _object_parties(self, noun: Token, verb: Token) -> Iterator[Token]:
        """Who an object names as the other side: "asylum to a dissident", "a loan for
        Kenya", "support for Bolivia's bid", "help from Kenya", "its ambassador from
        Argentina"; else the nationality of the object ("seized a Greek tanker")."""
        backing = verb.lemma_.lower() in WORDS.for_target_words or (
            noun.lemma_.lower() in WORDS.for_target_words
        )
        away = verb.lemma_.lower() in WORDS.from_target_verbs
        for prep in noun.children:
            if prep.dep_ == "prep" and (
                (prep.lower_ in ("to", "for") and (backing or prep.lower_ == "to"))
                or (prep.lower_ == "from" and away)
            ):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    yield pobj
                    yield from _owners(pobj)
        yield from (c for c in noun.children if c.dep_ == "amod" and c.pos_ == "ADJ")

    def noun_targets(self, noun: Token) -> Iterator[Token]:
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

    def third_party(self, anchor: Token, ctx: Context) -> tuple[list[str], Token | None]:
        """The mediators or hosts: the noun a relative clause qualifies ("Qatar, which is
        mediating ..."), else the doer found as for any event ("mediated by the United
        States and Qatar", "Qatar hosted ...") unless it is a "between" party, else the
        actor the noun stands beside ("the mediator, Norway," or "Norway, the mediator,");
        the noun "mediator" only so ("an Egyptian mediator said" names no mediation)."""
        if anchor.lemma_.lower() in WORDS.role_nouns and any(
            prep.lower_ == "of" and pobj.lemma_.lower() in WORDS.ally_guarantees
            for prep in anchor.children
            for pobj in prep.children
        ):
            return [], None  # "guarantors of Ukraine's security" take a side
        if (
            anchor.dep_ == "pobj"
            and anchor.head.lower_ == "to"
            and anchor.head.head.lower_ == ("according")
        ):
            return [], None  # "according to the mediator, X": a source of words, no act
        if anchor.lower_ == "auspices":  # "under the auspices of X" (lemma: "auspex")
            for pobj in (g for c in anchor.children if c.lower_ == "of" for g in c.children):
                keys = self.resolver.actors(pobj, ctx, exclude=set())
                if keys:
                    return keys, pobj
            return [], None
        near: list[Token] = [anchor.head] if anchor.dep_ == "relcl" else []
        role_of = role_verb(anchor)
        if role_of is not None:  # "Oman will remain the mediator", "Norway acted as mediator"
            near += [c for c in role_of.children if c.dep_ in ("nsubj", "nsubjpass")]
        for token in near:
            keys = self.resolver.actors(token, ctx, exclude=set())
            if keys:
                return keys, token
        if (
            anchor.lemma_.lower() not in WORDS.role_nouns
        ):  # "an Egyptian mediator said": who, unsure
            sources, source_tok = self.sources(anchor, ctx)
            if sources and source_tok is not None and source_tok.head.lower_ != "between":
                return sources, source_tok
        near = [c for c in anchor.children if c.dep_ == "appos"]
        if anchor.dep_ == "appos":
            near.append(anchor.head)
        for token in near:
            keys = self.resolver.actors(token, ctx, exclude=set())
            if keys:
                return keys, token
        return [], None

    def parties(
        self, anchor: Token, ctx: Context, exclude: set[str]
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
        role_of = role_verb(anchor)
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
                if prep.lower_ == "of" and holder.lemma_.lower() not in WORDS.party_nouns:
                    continue
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    keys = self.resolver.actors(obj, ctx, exclude, target=True)
                    if keys:
                        return keys, obj
        for noun in (c for c in anchor.children if c.dep_ == "dobj"):
            # "hosted Israeli and Hamas negotiators", "hosted a Somali delegation"
            keys = self.resolver.actors(noun, ctx, exclude, target=True, unnamed=False)
            if keys:
                return keys, noun
        sent = ctx.sent(anchor.i)
        named = [
            (position, first, second)
            for position, first, second in ctx.pairs
            if sent.start <= position < sent.end and not {first, second} & exclude
        ]
        # the latest pair named before it, else the first after ("mediated by Qatar and
        # ended with a deal between Israel and Hamas")
        before = [p for p in named if p[0] < anchor.i]
        # after it, only a "between" pair: co-mediators named after a host are no parties
        # ("hosted by Oman and co-chaired by the U.N. and the Red Cross")
        after = [p for p in named if p[0] > anchor.i and _parties_phrase(ctx.doc[p[0]])]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None:
            return [chosen[1], chosen[2]], None
        for tok in sent:
            # a coordinated subject whose second part the actor spans did not pair
            # ("Congo and the M23 rebels met")
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.conjuncts and tok.i != anchor.i:
                keys = self.resolver.actors(tok, ctx, exclude, target=True)
                if len(keys) > 1:
                    return keys, tok
        return [], None

    @staticmethod
    def pairs(
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
    def bare(verb: Token) -> bool:
        """A demand verb naming neither whom it asks nor, in a for/on phrase, what for.

        "Israel demanded a full list", "X insisted that the format was the only one": an
        accusation or demand whose addressee the parse missed is not coded (an unsure
        event is worse than none); "Ukraine insists on X", "calls for a ceasefire" are.
        """
        return verb.pos_ in ("VERB", "ADJ") and not any(
            c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in verb.children
        )

    def clause_doer(self, verb: Token, ctx: Context, exclude: set[str]) -> list[str]:
        """Who must act in a demand's that-clause: its subject, or the owner of the act."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            # the tagger often reads a subjunctive ("that Armenia remove") as a noun
            roles = (
                ("nsubj", "nsubjpass", "compound")
                if clause.pos_ == "NOUN"
                else ("nsubj", "nsubjpass")
            )
            for subj in (c for c in clause.children if c.dep_ in roles):
                keys = self.resolver.actors(subj, ctx, exclude, target=True)
                if not keys and subj.lemma_.lower() in self.event_nouns:
                    for owner in self.noun_targets(subj):
                        key = self.resolver.actor(owner, ctx, exclude, depth=1)
                        keys = [key] if key and key not in exclude else []
                        if keys:
                            break
                if keys:
                    return keys
        return []

    def unspecified(self, anchor: Token) -> bool:
        """Whether an answer names nothing of its own: no object, or one that only points
        back ("Peru refused.", "Kyiv agreed", "rejected the list", "made concessions"), and
        no phrase naming a party ("with", "to", "on", "against", "for", "of"); a relative
        clause's head is its object ("something Moscow has rejected")."""
        if anchor.dep_ in ("relcl", "acl"):
            return False
        if anchor.pos_ in ("NOUN", "PROPN"):
            holder = self.light_verb(anchor)
            words = list(anchor.children) + (list(holder.children) if holder is not None else [])
            return not any(
                c.dep_ in ("poss", "dative") or (c.dep_ == "prep" and c.lower_ != "in")
                for c in words
            )
        for child in anchor.children:
            if child.dep_ in ("dative", "iobj", "xcomp", "ccomp") or (
                child.dep_ == "prep" and (child.lower_ in _TARGET_PREPS or child.lower_ == "for")
            ):
                return False
            if child.dep_ == "dobj" and not (
                child.pos_ == "NOUN"
                and any(d.dep_ == "det" and d.lower_ in _ANAPHORIC_DETS for d in child.children)
                and not any(
                    d.dep_ in ("poss", "prep", "acl", "relcl", "amod") for d in child.children
                )
            ):
                return False
        return True

    def act_doer(self, verb: Token, ctx: Context, sources: list[str]) -> str | None:
        """Who did the act a verb's object names back ("Washington condemned the arrests",
        "Moscow welcomed the crackdown"): the doer of the latest event of that word or
        type coded in the sentence or the two before, when the object has no owner."""
        for noun in verb.children:
            if not (
                noun.dep_ == "dobj"
                and noun.pos_ == "NOUN"
                and any(d.dep_ == "det" and d.lower_ in _ANAPHORIC_DETS for d in noun.children)
                and not any(d.dep_ in ("poss", "prep", "acl", "relcl") for d in noun.children)
            ):
                continue
            lemma = noun.lemma_.lower()
            types = self.noun_types.get(lemma, frozenset())
            for source, act, etype in ctx.acts_before(noun.i):
                if (act == lemma or etype in types) and source not in sources:
                    return self.resolver.level(source, sources)
        return None

    def answered(self, verb: Token, ctx: Context, sources: list[str]) -> tuple[str, str] | None:
        """Who made the proposal a verb answers, and its topic, when its object points
        back to one ("rejected the idea", "accepted the offer") with no owner of its own.

        The latest proposal, demand or threat coded in the sentence or the two before it
        whose maker is not the one answering.
        """
        objects = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "nsubjpass")
            and c.lemma_.lower() in WORDS.anaphoric_proposals
            and any(d.dep_ == "det" and d.lower_ in _ANAPHORIC_DETS for d in c.children)
            and not any(d.dep_ in ("poss", "prep", "acl", "relcl", "amod") for d in c.children)
        ]
        if not objects:
            return None
        for source, topic in ctx.proposals_before(objects[0].i):
            if source not in sources and self.resolver.state_of(source) not in sources:
                return self.resolver.level(source, sources), topic
        return None

    def condition_doer(
        self,
        tokens: tuple[Token, ...],
        ctx: Context,
        exclude: set[str],
        marks: frozenset[str] = CONDITIONS,
    ) -> list[str]:
        """The subject of an if/unless clause (``marks``) on a threat: the one who must
        comply ("tariffs could rise again if Beijing does not open its market")."""
        seen: set[int] = set()
        for tok in tokens:
            for word in (tok, tok.head, *(c for c in tok.children if c.dep_ == "ccomp")):
                if word.i in seen:
                    continue
                seen.add(word.i)
                for clause in word.children:
                    if clause.dep_ != "advcl" or not any(
                        m.dep_ == "mark" and m.lower_ in marks for m in clause.children
                    ):
                        continue
                    for subj in clause.children:
                        if subj.dep_ in ("nsubj", "nsubjpass") and subj.pos_ != "PRON":
                            keys = self.resolver.actors(subj, ctx, exclude, target=True)
                            if keys:
                                return keys
        return []

    def counterpart(self, sources: list[str], i: int, ctx: Context) -> list[str]:
        """The other party of the latest pair a lone source was named in before token ``i``
        (at the source's level: a state's counterpart is a state)."""
        if len(sources) != 1:
            return []
        source = sources[0]
        for first, second in ctx.pairs_before(i):
            levels = (self.resolver.level(first, sources), self.resolver.level(second, sources))
            if source in levels and levels[0] != levels[1]:
                return [levels[1] if levels[0] == source else levels[0]]
        return []

    def under_light_verb(self, token: Token) -> bool:
        """Whether an event noun is the object of a light verb ("held talks")."""
        return self.light_verb(token) is not None

    def light_verb(self, token: Token) -> Token | None:
        """The light verb an event noun is the object of ("held talks", "signed a deal",
        "a third day of talks", "answered with tariffs"), or None."""
        token = self._carrier(token)
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        elif token.dep_ not in ("dobj", "nsubjpass", "attr", "conj"):
            return None
        if token.dep_ == "conj":
            return self.light_verb(head)
        if head.lemma_.lower() in self.lexicon.light_verbs and not any(
            c.dep_ == "prt" for c in head.children
        ):
            return head
        return None


def _parties_phrase(conj: Token) -> bool:
    """Whether a coordinated actor names the parties: in a "between"/"among" phrase, or as
    the doers of a party's act ("was signed by Russia and Ukraine"; ``party_verbs``)."""
    for ancestor in islice(conj.ancestors, 4):
        if ancestor.lower_ in ("between", "among"):
            return True
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.lemma_.lower() in WORDS.party_verbs
    return False


def _agentless_passive(verb: Token) -> bool:
    """Whether a verb is a passive with a subject of its own and no "by" agent ("a deal
    was signed"): its doer is unnamed, not the subject of the clause it hangs on."""
    children = list(verb.children)
    return any(c.dep_ == "nsubjpass" for c in children) and not any(
        c.dep_ == "agent" for c in children
    )


def _modifiers(noun: Token) -> Iterator[Token]:
    """The names and adjectives before a noun, and theirs ("Chile-Peru summit": the parser
    hangs "Chile" on "Peru")."""
    for c in noun.children:
        if c.dep_ in ("compound", "nmod", "amod") and c.pos_ in ("PROPN", "ADJ"):
            yield c
            yield from _modifiers(c)


def _named(token: Token, ctx: Context) -> bool:
    """Whether a token names an actor (an actor mention or a named entity)."""
    return token.i in ctx.by_token or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _owners(noun: Token) -> Iterator[Token]:
    """The possessor of a noun of another's position or act (``owned_nouns``: "Russia's
    terms"), or a name compounded with it ("a Security Council resolution")."""
    if noun.lemma_.lower() not in WORDS.owned_nouns:
        return
    for child in noun.children:
        if (child.dep_ == "poss" and child.pos_ != "PRON") or (
            child.dep_ == "compound" and child.pos_ == "PROPN"
        ):
            yield child


def role_verb(noun: Token) -> Token | None:
    """The verb a noun names its subject's role with: "Oman will remain the mediator",
    "Norway acted as mediator"."""
    if noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None

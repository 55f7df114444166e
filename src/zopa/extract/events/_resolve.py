"""Actor resolution for event arguments: from a token to the actor keys it names.

Through ``doc.spans["zopa_actors"]``, adjectives of nationality and proxy nouns ("Ukrainian
cities") through the gazetteer, definite offices ("the Russian leader") to the single
holder of the role, plural offices with coordinated owners ("the presidents of Ukraine and
Russia") to each holder, pair nouns ("the two sides") to the latest pair named, "they" to
a coordinated subject, and third-person pronouns to the nearest fitting actor before them
(rules in docs/extraction-events.md, "Actors").
"""

from __future__ import annotations

from itertools import islice

from spacy.language import Language
from spacy.tokens import Span, Token

from zopa.extract._actors import get_gazetteer
from zopa.extract._gazetteer import held_role, unresolved_key
from zopa.extract._places import city_countries
from zopa.extract.events._context import WINDOW, Context, is_person, lemma_of
from zopa.extract.events._lexicon import EventLexicon
from zopa.extract.events._words import WORDS

__all__ = ["PLURAL_PRONOUNS", "THING_PRONOUNS", "ActorResolver", "entity_text", "unnamed_key"]

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})

FIRST_PERSON = frozenset({"i", "me", "my", "myself"})

THING_PRONOUNS = frozenset({"it", "its", "itself"})

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})


def unnamed_key(token: Token) -> str:
    """The unresolved key of people named by a common noun and its compounds:
    "Police" -> unresolved:police, "opposition activists" -> unresolved:opposition-activists."""
    words = [c.text for c in token.children if c.dep_ == "compound" and c.i < token.i]
    return unresolved_key(" ".join([*words, token.text]))


def entity_text(token: Token) -> str:
    """The text of the named entity a token is part of (the token's own if none)."""
    if token.ent_iob_ not in ("B", "I"):
        return token.text
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def _bare_definite(noun: Token) -> bool:
    """Whether a noun is "the <noun>" alone, with no word naming whose it is."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and not any(
        c.dep_ in ("compound", "amod", "poss", "nmod", "prep") for c in noun.children
    )


def _definite(noun: Token) -> bool:
    """Whether a noun is "the ..." with no possessor and no phrase naming whose it is."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and not any(
        c.dep_ in ("poss", "prep") for c in noun.children
    )


_DESCRIBING = frozenset({"NOUN", "PROPN", "ADJ"})


def _descriptors(span: Span) -> set[str]:
    """The lemmas of the words that describe a name where it is introduced: the nouns and
    adjectives right before it ("the copper miner Andina Resources", "Prime Minister X"),
    the noun it stands in apposition to ("the Cypriot leader, X") or in apposition to it
    ("X, the Faroese fisheries minister,"), with their modifiers."""
    doc = span.doc
    words: set[str] = set()
    i = span.start - 1
    while i >= 0 and span.start - i <= 4 and doc[i].pos_ in _DESCRIBING:
        words.add(lemma_of(doc[i]))
        i -= 1
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    for noun in nouns:
        if noun.pos_ == "NOUN":
            words.add(lemma_of(noun))
            words.update(
                lemma_of(c) for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
            )
    return words


#: Demonym endings and the country-name endings they replace ("Ecuadorian" -> "Ecuador",
#: "Chilean" -> "Chile", "Sudanese" -> "Sudan", "Bahraini" -> "Bahrain").
_DEMONYM_ENDINGS = (("ian", ""), ("ian", "ia"), ("ean", "e"), ("ese", ""), ("i", ""), ("n", ""))

#: The smallest city whose name stands for its country as a place attacked or aided (a
#: town's name is too often shared: "Odessa" is also a city in Texas).
_CITY_FLOOR = 200_000


class ActorResolver:
    """Resolves tokens to actor keys (see the module docstring)."""

    def __init__(self, nlp: Language, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon
        self.gazetteer = get_gazetteer(nlp)
        holders: dict[tuple[str, str], list[str]] = {}
        for info in self.gazetteer.actors.values():
            role = held_role(info, None)  # a term that has ended holds no office
            if info.kind == "person" and info.country and role:
                holders.setdefault((info.country, role.lower()), []).append(info.key)
        # a role held by exactly one known person of a state ("the Russian leader")
        self.office_holders = {k: v[0] for k, v in holders.items() if len(v) == 1}

    def actors(
        self,
        token: Token,
        ctx: Context,
        exclude: set[str],
        target: bool = False,
        unnamed: bool = True,
    ) -> list[str]:
        """The actors a token names, with its conjuncts ("Armenia and Azerbaijan").

        ``unnamed``: people named by a common noun ("protesters") count as unresolved actors.
        """
        keys: list[str] = []
        for tok in (token, *token.conjuncts):
            if target and tok.lower_ in THING_PRONOUNS:
                continue  # "agree to end it": a thing, not an actor
            if tok.lower_ in PLURAL_PRONOUNS:
                found = self._plural(tok, ctx, exclude)
            else:
                found = self._group(tok, ctx, exclude) or self._pair(tok, ctx)
            if not found:
                key = self.actor(tok, ctx, exclude, depth=0, unnamed=unnamed)
                found = [key] if key else []
            keys.extend(k for k in found if k not in keys and k not in exclude)
        return keys

    def _group(self, token: Token, ctx: Context, exclude: set[str]) -> list[str]:
        """Several actors named by one noun with coordinated owners.

        "the Russian and Ukrainian presidents", "the presidents of Ukraine and Russia"
        (each state's holder of the office), "Ukrainian and Russian delegations",
        "negotiators for Israel and Hamas" (each owner). Empty unless two or more resolve.
        """
        lemma = lemma_of(token)
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
            key = self.actor(owner, ctx, exclude, depth=1, unnamed=False)
            if key is None:
                continue
            if lemma in WORDS.offices:
                roles = WORDS.offices[lemma]
                key = next((h for r in roles if (h := self.office_holders.get((key, r)))), None)
                if key is None:
                    return []  # an office whose holder is unknown: name no one
            if key not in keys:
                keys.append(key)
        return keys if len(keys) > 1 else []

    def actor(
        self,
        token: Token,
        ctx: Context,
        exclude: set[str],
        depth: int,
        unnamed: bool = True,
        names: bool = True,
    ) -> str | None:
        """The actor key a token names, or None (``unnamed``: see :meth:`actors`; ``names``:
        a name the actors step left out counts, see :meth:`_name`)."""
        span = ctx.by_token.get(token.i)
        if span is not None:
            return span.kb_id_ or None
        if token.tag_ in ("WDT", "WP", "WP$") and token.head.dep_ in ("relcl", "acl"):
            return self.actor(token.head.head, ctx, exclude, depth + 1)
        if token.pos_ == "PRON":
            return self._pronoun(token, ctx, exclude)
        if token.pos_ in ("ADJ", "PROPN") and (depth > 0 or token.dep_ in ("amod", "compound")):
            key = self.state_named(token.text)
            if key:
                return key  # "Ukrainian cities", "Russian delegation"
        lemma = lemma_of(token)
        if token.pos_ == "NOUN" and _definite(token):
            key = self._introduced(token, ctx)
            if key is not None and key not in exclude:
                return key  # "the miner" after "the copper miner Andina Resources"
        if lemma in WORDS.offices and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            for c in token.children
        ):
            state = next(
                (
                    key
                    for c in token.children
                    if c.dep_ in ("amod", "compound", "poss", "nmod")
                    for key in [self.actor(c, ctx, exclude, depth + 1)]
                    if key and ":" not in key
                ),
                None,
            )
            for role in WORDS.offices[lemma]:
                holder = self.office_holders.get((state or "", role))
                if holder and holder not in exclude:
                    return holder
        if depth < 2 and lemma in self.lexicon.proxy_nouns:
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound", "nmod"):
                    # "opposition leaders" are no opposition: people name no owner
                    key = self.actor(child, ctx, exclude, depth + 1, unnamed=False)
                    if key:
                        return key
                if child.dep_ == "prep" and child.lower_ in ("of", "from", "for"):
                    # "delegations of Sudan", "negotiators for Colombia's government"
                    for pobj in child.children:
                        key = self.actor(pobj, ctx, exclude, depth + 1)
                        if key:
                            return key
        if depth < 2 and lemma in self.lexicon.proxy_nouns | WORDS.people_nouns:
            # "authorities in Tunisia", "police in Nairobi": the state of the place named
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    for pobj in prep.children:
                        if pobj.pos_ == "PROPN" and pobj.i not in ctx.ignored:
                            key = self.state_at(entity_text(pobj))
                            if key and key not in exclude:
                                return key
        if depth < 2 and lemma in WORDS.quantity_nouns:
            # "thousands of farmers", "dozens of Chinese firms": what is counted
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        key = self.actor(pobj, ctx, exclude, depth + 1)
                        if key:
                            return key
        if token.pos_ == "NOUN" and _bare_definite(token):
            key = self._antecedent(token, ctx)
            if key is None and lemma in WORDS.state_organs:
                key = self._latest_state(token, ctx)  # "the government", "the army"
            if key is not None and key not in exclude:
                return key  # "the association" after "the Maritime Employers Association"
        people = lemma in WORDS.people_nouns or (
            lemma in WORDS.group_heads
            and any(
                c.dep_ == "compound" and lemma_of(c) in WORDS.people_nouns for c in token.children
            )
        )  # "protesters", "opposition leaders"
        if (
            unnamed
            and token.pos_ in ("NOUN", "PROPN")
            and people
            and not any(c.dep_ == "poss" for c in token.children)
        ):  # "its soldiers" whose owner is unknown are nobody named
            for child in token.children:
                # "Houthi rebels", "M23 fighters", "Wazalendo militias": the named group
                # they belong to
                group = self._group_name(child, ctx) if child.dep_ == "compound" else None
                if group is not None:
                    return group
            return unnamed_key(token)
        if (
            unnamed
            and lemma in self.lexicon.proxy_nouns
            and token.tag_ == "NNS"
            and (token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ == "agent")
            and any(c.dep_ == "compound" for c in token.children)
        ):  # "Business groups have urged": doers with no owner, named by a description
            return unnamed_key(token)
        if names and token.pos_ == "PROPN" and token.i not in ctx.ignored:
            # a name the actor component left out ("Human Rights Watch accused ...")
            return self._name(token)
        return None

    def _name(self, token: Token) -> str | None:
        """The key of a person's, organisation's or group's name the actors step left out:
        a person, an organisation that is the doer (subject or agent), or a capitalised
        doer with its compounds that names no date, place or quantity."""
        first = token
        while first.dep_ == "conj" and first.head is not first:
            first = first.head  # "Negotiators for Colombia and the ELN": ELN is a doer too
        doer = first.dep_ in ("nsubj", "nsubjpass") or first.head.dep_ == "agent"
        if token.ent_type_ == "NORP":
            return self.state_named(entity_text(token))  # "Europeans" name no one actor
        if token.ent_type_ == "PERSON" or (token.ent_type_ == "ORG" and doer):
            text = entity_text(token)  # the tagger takes places for organisations elsewhere
        elif doer and not token.ent_type_:
            if not token.text[:1].isupper():
                return None
            doc, start = token.doc, token.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
                start -= 1
            if any(t.ent_type_ for t in doc[start : token.i]):
                return None
            text = doc[start : token.i + 1].text
        else:
            return None
        return self.state_named(text) or unresolved_key(text)

    def _group_name(self, word: Token, ctx: Context) -> str | None:
        """The group a name before a noun of people names ("M23 fighters", "Wazalendo
        militias"): an actor mention, or a capitalised name that is no place (a first word
        the tagger knows no entity of is only capitalised, "Dock workers")."""
        if word.pos_ != "PROPN":
            return None  # "opposition leaders" are no group of the opposition's
        span = ctx.by_token.get(word.i)
        if span is not None:
            return str(span.kb_id_) if span.kb_id_ else None
        if word.is_sent_start and not word.ent_type_:
            return self.state_named(word.text)  # "Dock workers went on strike": capitalised
        if word.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME"):
            return self.state_named(word.text) or unresolved_key(word.text)
        return None

    @staticmethod
    def _antecedent(noun: Token, ctx: Context) -> str | None:
        """The latest actor named before a definite noun whose name ends in that noun
        ("the union" -> the Longshore Workers' Union), within the look-back window."""
        lemma = lemma_of(noun)
        for span in ctx.actors_in(max(0, noun.i - 2 * WINDOW), noun.i):
            if span.kb_id_ and span.end - span.start > 1 and lemma_of(span[-1]) == lemma:
                return str(span.kb_id_)
        return None

    @staticmethod
    def _introduced(noun: Token, ctx: Context) -> str | None:
        """The latest actor named before a definite description that the same words
        introduced: "the miner" after "the copper miner Andina Resources", "the fisheries
        minister" after "Nils Berg, the Faroese fisheries minister," (the noun and each of
        its modifiers among the words beside the name), within the look-back window."""
        words = {lemma_of(noun)} | {
            lemma_of(c) for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
        }
        for span in ctx.actors_in(max(0, noun.i - 2 * WINDOW), noun.i):
            if not span.kb_id_:
                continue
            described = ctx.descriptions.get(span.start)
            if described is None:
                described = ctx.descriptions[span.start] = _descriptors(span)
            if words <= described:
                return str(span.kb_id_)
        return None

    @staticmethod
    def _latest_state(noun: Token, ctx: Context) -> str | None:
        """The latest state named before a state organ named alone ("the government"),
        within the look-back window: the state whose organ it is in a news story."""
        for span in ctx.actors_in(max(0, noun.i - 2 * WINDOW), noun.i):
            if span.kb_id_ and ":" not in span.kb_id_:
                return str(span.kb_id_)
        return None

    def owner(self, noun: Token, ctx: Context, possessor: bool = True) -> str | None:
        """The actor owning a noun, named by its adjective or compound ("Jordanian
        aircraft", "a UN convoy") or, with ``possessor``, its possessor, a pronoun too
        ("Guinea's junta", "its nuclear sites"); None if none is an actor."""
        for child in noun.children:
            if child.dep_ == "poss" and possessor:
                key = self.actor(child, ctx, set(), depth=1, unnamed=False)
            elif child.dep_ in ("amod", "compound", "nmod"):
                key = self.actor(child, ctx, set(), depth=1, unnamed=False, names=False)
            else:
                continue
            if key:
                return key
        return None

    def state_named(self, word: str) -> str | None:
        """The actor a name or adjective stands for in the gazetteer, also for demonyms
        it lacks that are formed from a country's name ("Ecuadorian" -> ECU)."""
        alias = self.gazetteer.resolve(word)
        if alias is not None and alias.key:
            return alias.key
        for suffix, ending in _DEMONYM_ENDINGS:
            if word.endswith(suffix) and len(word) > len(suffix) + 3:
                alias = self.gazetteer.resolve(word[: -len(suffix)] + ending)
                if alias is not None and alias.key and ":" not in alias.key:
                    return alias.key
        return None

    def _pronoun(self, token: Token, ctx: Context, exclude: set[str], depth: int = 0) -> str | None:
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
        if word in FIRST_PERSON:
            # "I have asked both parties ...", said Hajdu: the speaker of the quotation
            speakers = ctx.speakers.get(token.i, frozenset())
            return next(iter(speakers)) if len(speakers) == 1 else None
        if word in PERSON_PRONOUNS:
            want_person = True
        elif word in THING_PRONOUNS:
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
                if depth > 2 or tok.lower_ not in (PERSON_PRONOUNS | THING_PRONOUNS):
                    return None
                key = self._pronoun(tok, ctx, exclude, depth + 1)
                same_kind = (tok.lower_ in PERSON_PRONOUNS) == want_person
                return key if same_kind else None
            span = ctx.by_token.get(tok.i)
            if span is None or not span.kb_id_ or span.kb_id_ in exclude:
                return None
            if is_person(span) != want_person or self._commentator(span.kb_id_):
                return None
            if span.kb_id_ in speakers:
                return None
            return str(span.kb_id_)

        # 1. the subject of a clause the pronoun sits in (its own clause only for subjects
        #    and possessors: "Putin told him" cannot mean Putin)
        own = token.head if token.dep_ not in ("poss",) else None
        for anc in token.ancestors:
            if abs(anc.i - token.i) > WINDOW:
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
        before = ctx.actors_in(max(sent.start, token.i - WINDOW), token.i)
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
        for span in ctx.actors_in(max(sent.start, token.i - WINDOW), token.i):
            if span.root.dep_ in ("nsubj", "nsubjpass", "poss"):
                key = fits(span.root)
                if key is not None:
                    return key
        return None

    def _plural(self, token: Token, ctx: Context, exclude: set[str]) -> list[str]:
        """The actors "they"/"them" stands for: the coordinated subject of a clause it sits
        in ("Britain, France and Germany warned that they ..."), or for "between them" the
        latest pair named before it."""
        for anc in islice(token.ancestors, 6):
            for child in anc.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < token.i and child.conjuncts:
                    keys = [
                        k
                        for t in (child, *child.conjuncts)
                        if (k := self.actor(t, ctx, exclude, depth=1)) is not None
                    ]
                    if len(keys) > 1:
                        return keys
        if token.head.lower_ in ("between", "among"):
            for first, second in ctx.pairs_before(token.i):
                return [first, second]
        return []

    def _pair(self, token: Token, ctx: Context) -> list[str]:
        """The two parties "the two sides", "both countries", "the two men" stand for: the
        latest pair named before (two people for nouns of people, else two states or
        groups), in the order they were named."""
        lemma = lemma_of(token)
        if lemma not in WORDS.pair_nouns and lemma not in WORDS.pair_persons:
            return []
        if not any(
            (c.dep_ == "nummod" and c.lower_ == "two")
            or (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
            for c in token.children
        ):
            return []
        persons = lemma in WORDS.pair_persons
        for first, second in ctx.pairs_before(token.i):
            if persons:
                if first.startswith("person:") and second.startswith("person:"):
                    return [first, second]
                continue
            pair = [self.state_of(first), self.state_of(second)]
            if pair[0] != pair[1] and not any(k.startswith("person:") for k in pair):
                return pair
        return []

    def audience(self, key: str, token: Token | None) -> bool:
        """Whether an event's target is the press it is said to: a media outlet ("told the
        BBC") or reporters ("warned reporters", "speaking to journalists")."""
        info = self.gazetteer.actor(key)
        if info is not None:
            return info.sector in ("MED", "JRN")
        return token is not None and lemma_of(token) in WORDS.audience_nouns

    def _commentator(self, key: str) -> bool:
        info = self.gazetteer.actor(key)
        if info is None:
            return False
        role = (info.role or "").lower()
        if info.role and held_role(info, None) is None:
            role = f"former {role}"  # a term that has ended
        return info.sector in WORDS.commentator_sectors or any(
            w in role for w in WORDS.commentator_roles
        )

    def state_at(self, place: str) -> str | None:
        """The state a place lies in: a country or capital the gazetteer knows, else a city
        of at least 200,000 people in GeoNames ("Odesa" -> UKR); None when unsure."""
        alias = self.gazetteer.resolve(place)
        key = alias.key if alias is not None else None
        if key and ":" not in key:
            return key
        countries = city_countries(place, min_population=_CITY_FLOOR)
        return next(iter(countries)) if len(countries) == 1 else None

    def state_of(self, key: str) -> str:
        """The state an actor acts for (a person's or organisation's country), else itself."""
        info = self.gazetteer.actor(key)
        return info.country if info is not None and info.country else key

    def level(self, key: str, like: list[str]) -> str:
        """``key`` at the level of ``like``: a state answers a state ("Baku rejected the
        idea" of Armenia's prime minister answers Armenia)."""
        if like and all(":" not in k for k in like):
            return self.state_of(key)
        return key

"""Who said it: the one speaker resolver of quotes, claims and estimates.

The quotes, claims and estimates components ask the same question of a parsed ``Doc``
whose actor mentions are set: which actor (or which unnamed source) does the word naming
the speaker of a reported item stand for? They all answer it here, so a quotation, the
claim read from it and the probability statement inside it get the same speaker.

API (everything else is private):

- :class:`KnownActors` ``.from_gazetteer(gazetteer)``: what the gazetteer tells about
  people (offices, parties), demonyms, seats of government and news outlets; built once
  per component.
- :meth:`Speakers.of` ``(doc, known)``: the resolver of one document (kept for the last
  document, so components called one after the other share it; nothing is parsed again).
- :meth:`Speakers.resolve` ``(head, qualified=False, previous=None)`` → :class:`Holder`:
  the speaker named by ``head``, the head word of the phrase that names a speaker (the
  subject of a speech verb, the object of "according to", a pronoun, "the statement").
  ``Holder.start``/``Holder.end`` are the character offsets of the words as written;
  ``Holder.actor`` is ``None`` for an unnamed source, whose words are kept.
  ``qualified=True`` is for callers whose holders are parties (claims, estimates): an
  unnamed official or body qualified by an actor ("a U.S. official", "Iranian officials",
  "officials in Kigali", "his government") holds for that actor, and outlets never hold;
  quotes keep such a speaker unnamed, as the gold rules want. ``previous`` is the speaker
  of the quotation just before (a pronoun's fallback).
- :meth:`Speakers.resolve_all`: the same for a subject and its conjuncts.
- :meth:`Speakers.statement_author` ``(noun)``: who a statement, letter or communiqué is by.
- :meth:`Speakers.key` ``(mention)``: the key a mention stands for (honorifics joined).

Rules, in order (each tested in ``tests/extract/test_speakers.py``):

1. **Names.** The actor mention that is the phrase's head or its apposition ("Kremlin
   spokesman Dmitry Peskov", "Brazil's adviser, Celso Amorim", "the newspaper The New York
   Times"); a person written with an honorific ("Mr. Gil", "Ms. Alleyne") is the person
   named in full before whose name ends the same way.
2. **Statements speak for their author, not their host.** "The statement said", "it said"
   after "In a statement read out by her spokeswoman, President X said" is X's: the author
   is the statement's possessor, its "from"/"by"/"of" object, the subject of the clause it
   is "in" or that issued it; who reads it out is never the author.
3. **Offices.** A definite office with no owner ("the Kremlin aide", "the minister", "the
   Cambodian leader") is the latest person named before it who holds that office (by the
   gazetteer, the document's titles and appositions; "leader" covers presidents, prime
   ministers, chancellors and monarchs), of the state a nationality or seat qualifier
   names; with a qualifier and no such holder, the latest person of that state whose office
   the text never gave ("Her Rwandan counterpart, X ... the Rwandan minister"). "The
   group", "the rebels" are the latest armed group named, else the organisation acting
   in the sentence or the two before ("The ELN answered. ... the group said"); "the
   publication", "the agency" the latest outlet; "its government", "the Trump
   administration" the state.
4. **Pronouns.** he/she/they/it take, in order: the speaker a quotation already gave the
   same word ("…,” he said"); the subject of the reporting verb whose clause the pronoun
   opens ("X said he would ..."); the main subject after it in its sentence ("After months
   in which he ..., Trump said"); the latest subject or possessor before it in its own
   sentence (only a possessor for a speech verb's own pronoun: "Trump, he added, is ..."
   reports Trump); for it, a statement's author; the subjects of the sentence before
   (for a pronoun after a quotation of several sentences, the sentence before the
   quotation opened), speech verbs' first, each resolved by these rules (so an unnamed
   "senior diplomat" is "she" in the next sentence, kept unnamed); the previous
   quotation's speaker; the latest
   person (he/she) or known state, organisation or group (it/they) named before. Names
   inside quotations count only for a pronoun inside one. A candidate must agree in
   **number** (he/she one person or one unnamed source; they a body or several people)
   and **gender**: a person's gender is known from an honorific (Mr, Ms, Mrs, Sir,
   Dame…), a gendered title (spokeswoman, chairman…), or the person reported speaking of
   himself or herself, the only person of the sentence ("X said he would ...", "X told
   Reuters that her side ..."); otherwise it is unknown and agrees with both. First names
   are never used to guess.
5. **Unnamed sources** keep their words ("a Western diplomat familiar with the talks",
   "two people with knowledge of the draft"); ``actor`` is ``None``.

Nested attribution ("X told Reuters", "according to the ministry, X said", "Reuters quoted
X as saying") is the callers' part: they pass the speaker's word, never the medium's or
the "according to" source's of a clause a named speaker says.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from zopa.extract._attribution import (
    REPORTING_LEMMAS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    Holder,
    names_head,
    quote_of,
    subjects_of,
)
from zopa.extract._bodies import STATE_FORMS, body_owner
from zopa.extract._doc import ACTOR_INFO, ACTORS, FIELDS, QUOTES
from zopa.extract._gazetteer import Gazetteer
from zopa.extract._org_nouns import acting_body_before

__all__ = ["KnownActors", "Speakers"]

_MALE, _FEMALE = "m", "f"
#: Honorifics and titles that say a person's gender.
_HONORIFICS = {
    "mr": _MALE, "sir": _MALE, "lord": _MALE, "king": _MALE, "prince": _MALE,
    "sheikh": _MALE, "monsieur": _MALE, "herr": _MALE, "señor": _MALE,
    "ms": _FEMALE, "mrs": _FEMALE, "miss": _FEMALE, "madam": _FEMALE, "madame": _FEMALE,
    "dame": _FEMALE, "lady": _FEMALE, "queen": _FEMALE, "princess": _FEMALE,
    "sheikha": _FEMALE, "frau": _FEMALE, "señora": _FEMALE,
}  # fmt: skip
#: Role nouns that say a person's gender ("spokeswoman X", "X, the chairman").
_GENDERED_NOUNS = {
    "spokesman": _MALE, "chairman": _MALE, "congressman": _MALE, "businessman": _MALE,
    "statesman": _MALE, "councilman": _MALE, "husband": _MALE, "father": _MALE, "son": _MALE,
    "spokeswoman": _FEMALE, "chairwoman": _FEMALE, "congresswoman": _FEMALE,
    "businesswoman": _FEMALE, "stateswoman": _FEMALE, "councilwoman": _FEMALE,
    "wife": _FEMALE, "mother": _FEMALE, "daughter": _FEMALE,
}  # fmt: skip
_PRONOUN_GENDER = {
    "he": _MALE, "him": _MALE, "his": _MALE, "himself": _MALE,
    "she": _FEMALE, "her": _FEMALE, "hers": _FEMALE, "herself": _FEMALE,
}  # fmt: skip
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
#: Nouns for what is said in writing on someone's behalf: the author speaks, not the host.
_STATEMENT_NOUNS = frozenset(
    {"statement", "communique", "communiqué", "letter", "message", "readout", "post"}
)
#: Verbs by which someone other than the author delivers a statement ("read out by").
_HOSTING_VERBS = frozenset({"read", "deliver", "relay", "present"})
#: Verbs by which an author puts out a statement ("X issued a statement").
_ISSUING_VERBS = frozenset({"issue", "release", "publish", "post", "send", "put", "sign"})
#: Nouns that stand for the latest armed group named ("the rebels said").
_GROUP_NOUNS = frozenset(
    {"group", "rebel", "movement", "militia", "insurgent", "faction", "guerrilla"}
)
#: Offices that a general word stands for ("the Cambodian leader" is its prime minister).
_OFFICE_WORDS = {
    "leader": frozenset(
        {"leader", "president", "prime", "premier", "chancellor", "king", "emir", "sultan"}
    )
}
#: Words naming an office: a person the text gives one of them is not "of unknown office".
_OFFICES = ROLE_NOUNS | frozenset(
    {"prime", "ambassador", "general", "governor", "mayor", "king", "emir", "analyst",
     "researcher", "professor", "director", "correspondent", "journalist"}
)  # fmt: skip
#: Unnamed sources a he/she can stand for ("a senior diplomat ... she said").
_SOURCE_NOUNS = ROLE_NOUNS | frozenset(
    {"source", "person", "officer", "analyst", "expert", "witness", "resident", "member"}
)
#: Bodies that stand for their state or party as speakers ("its government said").
_GOVERNING_BODIES = STATE_FORMS | {"government", "administration", "cabinet", "party"}
#: Groups that speak for the government whose seat they are placed in ("officials in Kigali").
_SEATED = frozenset({"official", "authority", "government", "leadership", "negotiator"})
#: Words for a news outlet named before ("the publication said").
_MEDIA_NOUNS = frozenset(
    {"publication", "newspaper", "paper", "daily", "weekly", "outlet", "broadcaster", "agency"}
)
#: How a modifier of a speaker's head is cut from the speaker's words.
_SPEAKER_CUT = frozenset({"appos", "relcl", "punct", "advcl"})
_DEFINITE = frozenset({"the", "this", "that"})
_MAX_CHAIN = 4  # pronouns followed back through at most this many sentences


@dataclass(frozen=True)
class KnownActors:
    """What the gazetteer says that helps find a speaker or holder.

    ``nationalities``: state keys by the demonyms and names that can qualify a group
    ("Iranian", "US"); ``seats``: state keys by the capitals and seats standing for them
    ("Kigali", "Kremlin"); ``roles``: the office words of each person ("foreign minister");
    ``parties``: the state or organisation each person belongs to; ``outlets``: news
    outlets and agencies (sector MED), which report what others say.
    """

    nationalities: Mapping[str, str] = field(default_factory=dict)
    seats: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    parties: Mapping[str, str] = field(default_factory=dict)
    outlets: frozenset[str] = frozenset()
    #: the words of each state's names that a text may call it by ("kingdom", "republic")
    state_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> KnownActors:
        """What ``gazetteer`` tells (one object per gazetteer, so the components of a
        pipeline share one :class:`Speakers` per document)."""
        if _KNOWN and _KNOWN[0][0] is gazetteer:
            return _KNOWN[0][1]
        known = cls._read(gazetteer)
        _KNOWN[:] = [(gazetteer, known)]
        return known

    @classmethod
    def _read(cls, gazetteer: Gazetteer) -> KnownActors:
        nationalities: dict[str, str] = {}
        seats: dict[str, str] = {}
        forms: dict[str, set[str]] = {}
        for surface, target in gazetteer.aliases.items():
            info = gazetteer.actor(target.key) if target.key else None
            if info is None or info.kind != "state":
                continue
            if target.cls in ("demonym", "name"):
                nationalities[surface] = info.key
            if target.cls == "name":
                forms.setdefault(info.key, set()).update(
                    w for w in surface.casefold().split() if w in STATE_FORMS
                )
            if target.cls == "metonym":
                seats[surface] = info.key
        people = [a for a in gazetteer.actors.values() if a.kind == "person"]
        return cls(
            nationalities=nationalities,
            seats=seats,
            roles={
                a.key: frozenset(a.role.casefold().split())
                for a in people
                if a.role and not a.role.casefold().startswith(("former", "ex-"))
            },
            parties={
                a.key: party for a in people if (party := a.country or a.affiliation) is not None
            },
            outlets=frozenset(k for k, a in gazetteer.actors.items() if a.sector == "MED"),
            state_forms={key: frozenset(words) for key, words in forms.items() if words},
        )


@dataclass
class _Person:
    """What the document says about one person: gender votes, offices, state."""

    genders: set[str] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)
    country: str | None = None

    @property
    def gender(self) -> str | None:
        return next(iter(self.genders)) if len(self.genders) == 1 else None


_LAST: list[Speakers] = []  # the resolver of the last document (one per process)
_KNOWN: list[tuple[Gazetteer, KnownActors]] = []  # the last gazetteer read


class Speakers:
    """Speaker resolution over one document (see the module docstring)."""

    def __init__(self, doc: Doc, known: KnownActors, quoted: frozenset[int] | None = None) -> None:
        """``quoted``: the tokens inside quotations (by default the direct quotes found)."""
        self.doc = doc
        self.known = known
        self.mentions = sorted(doc.spans.get(ACTORS, []), key=_start)
        self._starts = [m.start for m in self.mentions]
        self._longest = max((len(m) for m in self.mentions), default=0)
        self.kinds = {m.kb_id_: m.label_ for m in self.mentions if m.kb_id_}
        self.quoted = _quoted_tokens(doc) if quoted is None else quoted
        self.same = self._honorific_forms()
        self.people = self._people()
        self._pronouns: dict[tuple[int, bool], Holder | None] = {}
        self._active: set[int] = set()  # heads being resolved, to stop at a cycle
        self._quoted_speakers = {
            fields["speaker_start"]: fields["speaker_actor"]
            for span in doc.spans.get(QUOTES, [])
            if (fields := span._.get(FIELDS) or {}).get("speaker_actor")
            and fields.get("speaker_start") is not None
        }

    @classmethod
    def of(cls, doc: Doc, known: KnownActors) -> Speakers:
        """The resolver of ``doc``, shared with the other components of the pipeline."""
        if _LAST and _LAST[0].doc is doc and _LAST[0].known is known:
            return _LAST[0]
        speakers = cls(doc, known)
        _LAST[:] = [speakers]
        return speakers

    def _in(self, start: int, end: int) -> list[Span]:
        """Actor mentions overlapping tokens ``start``–``end`` (exclusive), in text order."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [m for m in self.mentions[low:high] if m.end > start]

    # --- what the document says about its people ----------------------------------------

    def _honorific_forms(self) -> dict[str, str]:
        """``unresolved:`` keys of a person written with an honorific ("Mr. Gil") → the key
        of the person named before whose name ends in the same words ("Yván Gil")."""
        same: dict[str, str] = {}
        for index, mention in enumerate(self.mentions):
            words = mention.text.split()
            key = mention.kb_id_
            if len(words) < 2 or not key.startswith("unresolved:") or key in same:
                continue
            if words[0].lower().rstrip(".") not in _HONORIFICS:
                continue
            rest = [w.casefold() for w in words[1:]]
            for earlier in reversed(self.mentions[:index]):
                names = earlier.text.casefold().split()
                if (
                    earlier.label_ == "person"
                    and earlier.kb_id_ != key
                    and len(names) > len(rest)
                    and names[-len(rest) :] == rest
                ):
                    same[key] = earlier.kb_id_
                    break
        return same

    def key(self, mention: Span) -> str | None:
        """The actor key a mention stands for (a person written with an honorific is the
        person named before)."""
        key = mention.kb_id_ or None
        return self.same.get(key, key) if key else None

    def _people(self) -> dict[str, _Person]:
        people: dict[str, _Person] = {}
        info: Mapping[str, Mapping[str, str]] = self.doc._.get(ACTOR_INFO) or {}
        for mention in self.mentions:
            key = self.key(mention)
            if mention.label_ != "person" or key is None:
                continue
            person = people.setdefault(key, _Person())
            titles = _titles(mention)
            person.offices |= titles
            person.offices |= set(self.known.roles.get(key, frozenset()))
            fields = info.get(key) or info.get(mention.kb_id_) or {}
            person.offices |= set((fields.get("role") or "").casefold().split())
            person.country = person.country or self.known.parties.get(key) or fields.get("country")
            before = self.doc[mention.start - 1].lower_.rstrip(".") if mention.start else ""
            first = mention[0].lower_.rstrip(".")
            for word in (before, first, *titles):
                if word in _HONORIFICS:
                    person.genders.add(_HONORIFICS[word])
                elif word in _GENDERED_NOUNS:
                    person.genders.add(_GENDERED_NOUNS[word])
        self._pronoun_evidence(people)
        return people

    def _pronoun_evidence(self, people: dict[str, _Person]) -> None:
        """A person reported as saying something about himself or herself tells the
        gender: "X said he would ...", "X told Reuters that his side ..." (the pronoun the
        subject or its possessor of the clause that X, the only person of the sentence,
        reports)."""
        by_token = {t.i: m for m in self.mentions if m.label_ == "person" for t in m}
        for token in self.doc:
            if token.lower_ not in _PRONOUN_GENDER or token.i in self.quoted:
                continue
            reporting = _reporting_subject(token)
            mention = by_token.get(reporting.i) if reporting is not None else None
            key = self.key(mention) if mention is not None else None
            if key is None:
                continue
            persons = {self.key(m) for m in self._in(token.sent.start, token.sent.end)} & set(
                people
            )
            if persons == {key}:
                people[key].genders.add(_PRONOUN_GENDER[token.lower_])

    # --- resolution -------------------------------------------------------------------------

    def resolve_all(self, subject: Token, *, qualified: bool = False) -> list[Holder]:
        """The speakers a subject and its conjuncts name ("Russia and Belarus said")."""
        heads = [subject, *subject.conjuncts]
        if len(heads) == 1:
            return [self.resolve(subject, qualified=qualified)]
        return [self.resolve(head, qualified=qualified, alone=True) for head in heads]

    def resolve(
        self,
        head: Token,
        *,
        qualified: bool = False,
        previous: Holder | None = None,
        alone: bool = False,
    ) -> Holder:
        """The speaker the phrase headed by ``head`` names (see the module rules).

        ``qualified``: the caller reads an unnamed official qualified by an actor ("a U.S.
        official", "Kremlin aides") as that actor and leaves outlets out (claims and
        estimates, whose holders are parties); otherwise such a speaker stays unnamed, with
        its words (quotes). ``previous`` is the speaker of the quotation just before, for
        a pronoun; ``alone`` cuts the phrase at the head (a conjunct of a subject).
        """
        if head.lower_ in ("who", "that") and head.head.dep_ == "relcl":
            head = head.head.head  # "Trump, who has hinted ...": the noun the clause describes
        if head.i in self._active:  # a cycle ("his government" ... "its leader" ... "he")
            return self._written(head, None, alone=True)
        self._active.add(head.i)
        try:
            return self._resolve(head, qualified, previous, alone)
        finally:
            self._active.discard(head.i)

    def _resolve(
        self, head: Token, qualified: bool, previous: Holder | None, alone: bool
    ) -> Holder:
        lower = head.lower_
        if lower in _FIRST_PERSON:
            quote = quote_of(self.doc, head.i, head.i + 1)
            fields = quote._.get(FIELDS) if quote is not None else None
            if fields:
                return Holder(fields.get("speaker_actor"), fields.get("speaker_text"), head)
            return Holder(None, None, head)
        if _is_pronoun(head):
            found = self.pronoun(head, previous=previous, qualified=qualified)
            return found if found is not None else self._written(head, None, alone=True)
        named, qualifier = self._naming(head, qualified=qualified, alone=alone)
        if named is not None:
            return self._written(head, self.key(named), mention=named, alone=alone)
        if head.lemma_.lower() in _STATEMENT_NOUNS:
            author = self.statement_author(head, qualified=qualified)
            if author is not None:
                return self._written(head, author.actor, alone=alone)
        office = self._by_office(head)
        if office is not None:
            return self._written(head, office, alone=alone)
        if qualified:
            if qualifier is not None:
                return self._written(head, self.key(qualifier), alone=alone)
            state = self._by_demonym(head) or self._by_body(head, qualified)
            return self._written(head, state, alone=alone)
        # A speaker of a quotation: a government named by what it is ("its government",
        # "the Trump administration") is its state; an unnamed official or body qualified by
        # an actor ("a U.S. official", "Serbia's foreign ministry") keeps its words.
        if head.lemma_.lower() in _GOVERNING_BODIES:
            owner = self._by_body(head, qualified)
            if owner is None and qualifier is not None:  # "the Trump administration"
                owner = self._state_of(self.key(qualifier))
            return self._written(head, owner, alone=alone)
        return self._written(head, self._outlet(head), alone=alone)

    def _naming(
        self, head: Token, *, qualified: bool, alone: bool
    ) -> tuple[Span | None, Span | None]:
        """The actor mention that is the phrase headed by ``head`` (the head's own name or
        its apposition's), and else the one that qualifies or owns it ("Rwanda's foreign
        ministry", "a U.S. official")."""
        end = head.i + 1 if alone else head.right_edge.i + 1
        skip = self.known.outlets if qualified else frozenset()
        mentions = [
            mention
            for mention in self._in(head.left_edge.i, end)
            if mention.kb_id_ not in skip and names_head(mention, head)
        ]
        for mention in mentions:
            if mention.start <= head.i < mention.end:
                return mention, None
        appositions = {c.i for c in head.children if c.dep_ == "appos"}
        for mention in mentions:
            if mention.root.i in appositions:
                return mention, None
        if not mentions:
            return None, None
        return None, min(mentions, key=lambda span: abs(span.start - head.i))

    def _by_body(self, head: Token, qualified: bool) -> str | None:
        """A body named by what it is ("the government", "its government"): its owner."""

        def owner(token: Token) -> str | None:
            return self.resolve(token, qualified=qualified).actor

        return body_owner(
            self.doc,
            head,
            resolve=owner,
            parties=self.known.parties,
            nationalities=self.known.nationalities,
            state_forms=self.known.state_forms,
            offices=lambda mention: _titles(mention) | self._offices_of(mention),
        )

    def _by_demonym(self, head: Token) -> str | None:
        """An unnamed group described by nationality ("Iranian officials", "the Azerbaijani
        side") or placed in a seat of government ("officials in Kigali"): its state."""
        if head.lemma_.lower() not in ROLE_NOUNS:
            return None
        doc = self.doc
        for child in head.children:
            if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
                continue
            if child.i > 0 and doc[child.i - 1].text in ("-", "pro", "anti"):
                continue
            state = self.known.nationalities.get(child.text)
            if state is not None:
                return state
        if head.lemma_.lower() not in _SEATED:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for place in (c for c in prep.children if c.dep_ == "pobj"):
                    name = doc[place.left_edge.i : place.i + 1].text
                    state = self.known.seats.get(name) or self.known.seats.get(place.text)
                    if state is not None:
                        return state
        return None

    def _state_of(self, key: str | None) -> str | None:
        """A state's own key, or the state a person serves."""
        if key is None or self.kinds.get(key, _kind_of(key)) != "person":
            return key
        return self.people[key].country if key in self.people else None

    def _outlet(self, head: Token) -> str | None:
        """ "The publication", "the newspaper", "the agency": the latest outlet named before."""
        if head.lemma_.lower() not in _MEDIA_NOUNS or not any(
            c.lower_ in _DEFINITE for c in head.children
        ):
            return None
        info: Mapping[str, Mapping[str, str]] = self.doc._.get(ACTOR_INFO) or {}
        for mention in reversed(self._in(0, head.left_edge.i)):
            key = mention.kb_id_
            if key in self.known.outlets or (info.get(key) or {}).get("sector") == "MED":
                return key
        return None

    def _offices_of(self, mention: Span) -> set[str]:
        key = self.key(mention)
        return set(self.people[key].offices) if key in self.people else set()

    def _written(
        self,
        head: Token,
        actor: str | None,
        *,
        mention: Span | None = None,
        alone: bool = False,
    ) -> Holder:
        """A holder with the speaker's words as written: the head's phrase without its
        appositions, relative clauses and asides (the whole name when a mention names it)."""
        doc = self.doc
        if head.lower_ in _PRONOUN_GENDER or head.lower_ in _PLURAL_PRONOUNS | _THING_PRONOUNS:
            start, end = head.i, head.i + 1
        else:
            start, end = head.left_edge.i, head.i + 1
            if not alone:
                for child in head.rights:
                    if child.dep_ not in _SPEAKER_CUT and child.dep_ != "cc":
                        end = max(end, child.right_edge.i + 1)
            while start < end and (doc[start].is_punct or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if start >= end:
                start, end = head.i, head.i + 1
            if mention is not None and mention.start <= head.i < mention.end:
                start, end = min(start, mention.start), max(end, mention.end)
        words = doc[start:end]
        text = " ".join(words.text.split())
        return Holder(actor, text or None, head, words.start_char, words.end_char)

    # --- pronouns ---------------------------------------------------------------------------

    def pronoun(
        self,
        pronoun: Token,
        *,
        previous: Holder | None = None,
        qualified: bool = False,
        depth: int = 0,
    ) -> Holder | None:
        """The speaker a third-person pronoun stands for (module rule 4), or None."""
        cached = previous is None and self._active <= {pronoun.i}  # not cut short by a cycle
        if cached and (pronoun.i, qualified) in self._pronouns:
            return self._pronouns[pronoun.i, qualified]
        found = self._pronoun(pronoun, previous, qualified, depth)
        if found is not None:
            found = Holder(
                found.actor, pronoun.text, pronoun, pronoun.idx, pronoun.idx + len(pronoun)
            )
        if cached:
            self._pronouns[pronoun.i, qualified] = found
        return found

    def _pronoun(
        self, pronoun: Token, previous: Holder | None, qualified: bool, depth: int
    ) -> Holder | None:
        holder: Holder | None
        said = self._quoted_speakers.get(pronoun.idx)
        if said is not None:  # the speaker a quotation gives the pronoun ("…,” he said)
            return Holder(said, pronoun.text, pronoun)
        reporting = _reporting_subject(pronoun)
        root = pronoun.sent.root
        main = subjects_of(root)
        if not (main and pronoun.i < main[0].left_edge.i and main[0].i < root.i):
            main = []
        # "X said he would ...", then "After months in which he blamed Kyiv, Trump ...": the
        # main clause's subject
        for subject in (reporting, *main[:1]):
            if subject is not None and not _is_pronoun(subject):
                holder = self.resolve(subject, qualified=qualified)
                if self._fits(holder, pronoun):
                    return holder
        holder = self._earlier_in_sentence(pronoun)
        if holder is not None:
            return holder
        if pronoun.lower_ in _THING_PRONOUNS:
            author = self._statement_before(pronoun, qualified)
            if author is not None:
                return author
        for subject in self._subjects_before(pronoun):
            if not _is_pronoun(subject):
                holder = self.resolve(subject, qualified=qualified)
            elif depth < _MAX_CHAIN:  # "He said ... . He added ...": the same person
                holder = self.pronoun(subject, qualified=qualified, depth=depth + 1)
            else:
                holder = None
            if holder is not None and self._fits(holder, pronoun):
                return holder
        if previous is not None and previous.actor is not None and self._fits(previous, pronoun):
            return previous
        return self._latest(pronoun, qualified)

    def _fits(self, holder: Holder, pronoun: Token) -> bool:
        """Whether ``holder`` agrees with ``pronoun`` in number, kind and gender."""
        lower = pronoun.lower_
        if holder.actor is None:
            head = holder.token
            if head is None or holder.text is None or _is_pronoun(head):
                return False
            if head.lemma_.lower() not in _SOURCE_NOUNS:
                return False
            plural = (
                head.tag_ in ("NNS", "NNPS")
                or any(c.dep_ == "nummod" for c in head.children)
                or head.lower_ in ("them", "both")
            )
            return plural if lower in _PLURAL_PRONOUNS else lower in _PRONOUN_GENDER and not plural
        kind = self.kinds.get(holder.actor) or _kind_of(holder.actor)
        if lower in _PRONOUN_GENDER:
            if kind != "person":
                return False
            gender = self.people.get(holder.actor, _Person()).gender
            return gender is None or gender == _PRONOUN_GENDER[lower]
        if lower in _PLURAL_PRONOUNS:
            return kind != "person"
        return kind in ("state", "organisation", "group")

    def _earlier_in_sentence(self, pronoun: Token) -> Holder | None:
        """A pronoun first takes the latest subject or possessor named before it in its own
        sentence ("concerned that he cannot be trusted", "X's goal is Y, which is why he
        proposed ..."); a speech verb's own pronoun only a possessor: a subject before it is
        what it reports ("Trump, he added, is willing ...")."""
        deps = {"nsubj", "nsubjpass", "poss"}
        if pronoun.dep_ in ("nsubj", "nsubjpass") and _reports(pronoun.head):
            deps = {"poss"}
        inside = pronoun.i in self.quoted
        for mention in reversed(self._in(pronoun.sent.start, pronoun.i)):
            if mention.end > pronoun.i or mention.root.dep_ not in deps:
                continue
            if (mention.start in self.quoted) != inside or mention.kb_id_ in self.known.outlets:
                continue
            holder = Holder(self.key(mention), mention.text, mention.root)
            if self._fits(holder, pronoun):
                return holder
        return None

    def _subjects_before(self, pronoun: Token) -> Iterator[Token]:
        """Subjects of the sentence before the pronoun's, outside quotations: of speech
        verbs first, then of the main clause, then the others."""
        sentence = pronoun.sent
        if sentence.start == 0:
            return
        before = self.doc[sentence.start - 1].sent
        inside = pronoun.i in self.quoted  # a pronoun in a quotation may refer inside it
        for _ in range(_MAX_CHAIN):
            # '"... . We now have it in writing," he said': the sentence before the
            # quotation opened, not its own first sentence
            if inside or before.start == 0 or not self._all_quoted(before):
                break
            before = self.doc[before.start - 1].sent
        subjects = [
            t
            for t in before
            if t.dep_ in ("nsubj", "nsubjpass")
            and (inside or t.i not in self.quoted)
            and t.lower_ not in ("it", "there", "this", "that", "which", "what")
        ]
        speaking = [s for s in subjects if _reports(s.head)]
        main = [s for s in subjects if s.head.i == before.root.i and s not in speaking]
        rest = [s for s in subjects if s not in speaking and s not in main]
        yield from (*speaking, *main, *rest)

    def _all_quoted(self, sentence: Span) -> bool:
        """Whether every word of ``sentence`` is inside a quotation."""
        return all(t.i in self.quoted for t in sentence if not (t.is_punct or t.is_space))

    def _latest(self, pronoun: Token, qualified: bool) -> Holder | None:
        """The latest actor of a fitting kind named before the pronoun outside quotations
        (persons for he/she within the document; bodies for it/they within two sentences)."""
        people = pronoun.lower_ in _PRONOUN_GENDER
        inside = pronoun.i in self.quoted  # a pronoun in a quotation may refer inside it
        window = pronoun.sent.start
        if window > 0:
            window = self.doc[window - 1].sent.start
        for mention in reversed(self._in(0, pronoun.i)):
            if (
                mention.start in self.quoted and not inside
            ) or mention.kb_id_ in self.known.outlets:
                continue
            if not people and (mention.start < window or mention.kb_id_.startswith("unresolved:")):
                continue
            holder = Holder(self.key(mention), mention.text, mention.root)
            if self._fits(holder, pronoun):
                return holder
        return None

    # --- statements -------------------------------------------------------------------------

    def statement_author(self, noun: Token, *, qualified: bool = False) -> Holder | None:
        """Who a statement (letter, communiqué, message) is by (module rule 2): its own
        author, else, for "the statement", the author of the latest statement before it."""
        own = self._author(noun, qualified)
        if own is not None:
            return own
        if not any(c.lower_ in _DEFINITE for c in noun.children):
            return None
        return self._statement_before(noun, qualified)

    def _statement_before(self, token: Token, qualified: bool) -> Holder | None:
        """The author of the latest statement named in the token's sentence (before it) or
        the two sentences before."""
        start = token.sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        for candidate in reversed(self.doc[start : token.i]):
            if candidate.lemma_.lower() in _STATEMENT_NOUNS and candidate.pos_ == "NOUN":
                author = self._author(candidate, qualified)
                if author is not None:
                    return author
        return None

    def _author(self, noun: Token, qualified: bool) -> Holder | None:
        owners = [c for c in noun.children if c.dep_ == "poss"]
        owners += [
            obj
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of")
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        owners += [
            obj
            for acl in noun.children
            if acl.dep_ == "acl" and acl.lemma_ not in _HOSTING_VERBS
            for agent in acl.children
            if agent.dep_ == "agent"
            for obj in agent.children
            if obj.dep_ == "pobj"
        ]
        if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "through", "via"):
            verb = noun.head.head
            owners += subjects_of(verb) if verb.pos_ in ("VERB", "AUX") else []
        if noun.dep_ == "dobj" and noun.head.lemma_ in _ISSUING_VERBS:
            owners += subjects_of(noun.head)
        for owner in owners:
            if owner.lemma_.lower() in _STATEMENT_NOUNS:
                continue
            holder = self.resolve(owner, qualified=qualified)
            if holder.actor is not None:
                return holder
        return None

    # --- offices ----------------------------------------------------------------------------

    def _by_office(self, head: Token) -> str | None:
        """A definite office with no owner: the person holding it (module rule 3)."""
        if not any(c.lower_ in _DEFINITE and c.dep_ == "det" for c in head.children):
            return None
        office = head.lemma_.lower()
        if office in _GROUP_NOUNS:
            return self._latest_group(head)
        if office not in ROLE_NOUNS or head.tag_ != "NN":
            return None
        if any(c.dep_ in ("poss", "prep") for c in head.children):
            return None  # "Rwanda's envoy", "the envoy of ...": owned, not someone named before
        state = next(
            (
                found
                for c in head.children
                if c.dep_ in ("amod", "compound", "nmod")
                and (found := self.known.nationalities.get(c.text) or self.known.seats.get(c.text))
            ),
            None,
        )
        wanted = _OFFICE_WORDS.get(office, frozenset({office}))
        unknown_office: str | None = None
        for mention in reversed(self._in(0, head.left_edge.i)):
            key = self.key(mention)
            if mention.label_ != "person" or key is None or key in self.known.outlets:
                continue
            person = self.people.get(key, _Person())
            if state is not None and person.country != state:
                continue
            if wanted & person.offices:
                return key
            if state is not None and unknown_office is None and not person.offices & _OFFICES:
                unknown_office = key
        return unknown_office

    def _latest_group(self, head: Token) -> str | None:
        """The latest armed group named, else the body acting just before
        (:func:`~zopa.extract._org_nouns.acting_body_before`)."""
        mentions = [m for m in self.mentions if m.kb_id_ not in self.known.outlets]
        found = acting_body_before(self.doc, mentions, head.left_edge.i)
        return found.kb_id_ if found is not None else None


def _start(span: Span) -> int:
    return span.start


def _kind_of(key: str) -> str:
    """An actor's kind from its key, for an actor not mentioned in the document."""
    if key.startswith("person:"):
        return "person"
    if key.startswith(("org:", "group:")):
        return "organisation" if key.startswith("org:") else "group"
    return "state" if key.isupper() else "unknown"


def _is_pronoun(token: Token) -> bool:
    lower = token.lower_
    return lower in _PRONOUN_GENDER or lower in _PLURAL_PRONOUNS or lower in _THING_PRONOUNS


def _reports(verb: Token) -> bool:
    return verb.lemma_ in SPEECH_VERBS or verb.lemma_ in REPORTING_LEMMAS


def _reporting_subject(pronoun: Token) -> Token | None:
    """Subject of the reporting verb whose that-clause the pronoun is the subject or
    possessor of ("the president has stated that he supports ...", "X said his side")."""
    node = pronoun
    if pronoun.dep_ == "poss":
        node = pronoun.head
        if node.dep_ not in ("nsubj", "nsubjpass"):
            return None
    elif pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = node.head
    if clause.dep_ != "ccomp" or not _reports(clause.head):
        return None
    subjects = subjects_of(clause.head)
    return subjects[0] if subjects else None


def _titles(mention: Span) -> set[str]:
    """Office words written with a person's name: before it in its phrase ("Foreign
    Minister X") or in an apposition ("X, the envoy", "the envoy, X")."""
    doc = mention.doc
    root = mention.root
    words = {t.lemma_.lower().rstrip(".") for t in doc[root.left_edge.i : mention.start]}
    related = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        related.append(root.head)
    for other in related:
        words.update(t.lemma_.lower() for t in doc[other.left_edge.i : other.i + 1])
    return words


def _quoted_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside the document's direct quotations (once the quotes component ran)."""
    if QUOTES not in doc.spans:
        return frozenset()
    return frozenset(
        i
        for span in doc.spans[QUOTES]
        if (span._.get(FIELDS) or {}).get("kind") == "direct"
        for i in range(span.start, span.end)
    )

"""Roles: a speaker named by office, group, body, nationality or medium rather than by name.

- A definite office with no owner ("the Kremlin aide", "the minister", "the Cambodian
  leader", or any title the text gave a person before: "the commissioner") is a person named
  before who holds that office (by the gazetteer, the document's titles and appositions; a
  general word covers the offices of its family: "leader" presidents, prime ministers,
  chancellors and monarchs, "envoy" advisers and representatives, "chief" heads and
  directors, "aide" spokespeople and advisers; "official" any office, but only with a
  nationality or seat: "the Kyrgyz official"), of the state a nationality or seat
  qualifier names: of several holders, the latest that is the subject of its own sentence
  or the two before (subjects are what a text is about: the centering of Grosz, Joshi &
  Weinstein, 1995), else the latest named.
  With a qualifier and no holder, the latest person of that state whose office the text
  never gave ("Her Rwandan counterpart, X ... the Rwandan minister").
- "The group", "the rebels" are the latest armed group named; "the publication", "the
  agency" the latest outlet.
- A body named by what it is ("its government", "the government") is its owner
  (:func:`zopa.extract._bodies.body_owner`).
- An organ of a state or organisation speaking with no person named ("Peru's foreign
  ministry", "the Chilean embassy", "her office", "the UN refugee agency", "a spokeswoman
  for the Chilean foreign ministry", "a Treasury spokesman") is its owner: the actor its
  possessor, a name or a nationality written with it stands for (a person's state for a
  person's office). A government organ with nothing written to own it ("the interior
  ministry said", "the presidency said") is the state of "the government" there
  (:func:`zopa.extract._bodies.government_of`: the latest government named with its state,
  else the state of the latest office-holder named). Several organs ("UN agencies") stay
  unnamed.
- An unnamed group described by nationality ("Iranian officials") or placed in a seat of
  government ("officials in Kigali") is that state (for callers whose holders are parties).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span, Token

from zopa.extract._attribution import ROLE_NOUNS
from zopa.extract._bodies import body_owner, government_of
from zopa.extract._doc import ACTOR_INFO
from zopa.extract._org_nouns import acting_body_before
from zopa.extract.speakers._cast import Cast
from zopa.extract.speakers._people import titles
from zopa.extract.speakers._pronouns import Resolve
from zopa.extract.speakers._words import DEFINITE, WORDS

__all__ = ["Roles"]

#: Words naming an office: a person the text gives one of them is not "of unknown office".
_OFFICES = ROLE_NOUNS | WORDS.offices


#: Sentences before an office's own in which a holder that is a subject is preferred.
_SALIENT_SENTENCES = 2


def _definite(noun: Token) -> bool:
    """ "The interior ministry", not "a ministry" or "ministries"."""
    return noun.tag_ in ("NN", "NNP") and any(
        c.dep_ == "det" and c.lower_ == "the" for c in noun.children
    )


def _is_subject(mention: Span) -> bool:
    """Whether a mention is a clause's subject or the apposition of one ("Austria's foreign
    minister, X, flew to ...")."""
    root = mention.root
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


class Roles:
    """Speakers named by role over one document (the module rules)."""

    def __init__(self, cast: Cast, resolve: Resolve) -> None:
        self.cast = cast
        self.resolve = resolve

    def by_office(self, head: Token) -> str | None:
        """A definite office or group noun with no owner: the person holding it, or the
        latest armed group named."""
        if not any(c.lower_ in DEFINITE and c.dep_ == "det" for c in head.children):
            return None
        office = head.lemma_.lower()
        if office in WORDS.group_nouns:
            return self._latest_group(head)
        cast = self.cast
        hyphenated = head.i > 0 and head.doc[head.i - 1].tag_ == "HYPH"  # "director-general"
        if not (head.tag_ == "NN" or hyphenated) or not (
            office in ROLE_NOUNS or office in cast.titles
        ):
            return None
        if any(c.dep_ in ("poss", "prep") for c in head.children):
            return None  # "Rwanda's envoy", "the envoy of ...": owned, not someone named before
        known = cast.known
        state = next(
            (
                found
                for c in head.children
                if c.dep_ in ("amod", "compound", "nmod")
                and (found := known.nationalities.get(c.text) or known.seats.get(c.text))
            ),
            None,
        )
        general = office in WORDS.any_office  # "the Kyrgyz official": any office of the state
        if general and state is None:
            return None
        wanted = WORDS.office_families.get(office, frozenset()) | {office}
        holders: list[Span] = []
        unknown_office: str | None = None
        for mention in reversed(cast.between(0, head.left_edge.i)):
            key = cast.key(mention)
            if mention.label_ != "person" or key is None or key in known.outlets:
                continue
            person = cast.person(key)
            if state is not None and person.country != state:
                continue
            if wanted & person.offices or (general and person.offices):
                holders.append(mention)
            if state is not None and unknown_office is None and not person.offices & _OFFICES:
                unknown_office = key
        if not holders:
            return unknown_office
        recent = head.sent.start
        for _ in range(_SALIENT_SENTENCES):
            if recent > 0:
                recent = cast.doc[recent - 1].sent.start
        salient = [m for m in holders if m.start >= recent and _is_subject(m)]
        return cast.key((salient or holders)[0])

    def _latest_group(self, head: Token) -> str | None:
        """The latest armed group named, else the body acting in the sentence or the two
        before ("The ELN answered. ... the group said";
        :func:`~zopa.extract._org_nouns.acting_body_before`)."""
        cast = self.cast
        mentions = [m for m in cast.mentions if m.kb_id_ not in cast.known.outlets]
        found = acting_body_before(cast.doc, mentions, head.left_edge.i)
        return found.kb_id_ if found is not None else None

    def outlet(self, head: Token) -> str | None:
        """ "The publication", "the newspaper", "the agency": the latest outlet named before."""
        if head.lemma_.lower() not in WORDS.media_nouns or not any(
            c.lower_ in DEFINITE for c in head.children
        ):
            return None
        cast = self.cast
        info: Mapping[str, Mapping[str, str]] = cast.doc._.get(ACTOR_INFO) or {}
        for mention in reversed(cast.between(0, head.left_edge.i)):
            key = mention.kb_id_
            if key in cast.known.outlets or (info.get(key) or {}).get("sector") == "MED":
                return key
        return None

    def by_organ(self, head: Token) -> str | None:
        """An organ speaking by its name, or a spokesperson for one: its owner (see the module
        docstring); ``None`` when nothing written with it names one."""
        organ = head
        spokesperson = head.lemma_.lower() in WORDS.office_families["spokesperson"]
        if spokesperson:
            organ = next(
                (
                    pobj
                    for prep in head.children
                    if prep.dep_ == "prep" and prep.lower_ in ("for", "of")
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                ),
                head,
            )
        if organ.tag_ in ("NNS", "NNPS"):
            return None  # "UN agencies": several bodies, not one speaking
        if organ.lemma_.lower() not in WORDS.organ_nouns and not spokesperson:
            return None
        cast = self.cast
        for child in organ.children:
            if child.dep_ == "poss":  # "Peru's ministry", "her office", "the Chilean
                # prosecutor's office" (the possessor's own nationality)
                owner = cast.state_of(self.resolve(child, qualified=True).actor)
                return owner or self._nationality(child)
        for mention in cast.between(organ.left_edge.i, organ.i):
            if mention.end <= organ.i:
                return cast.state_of(cast.key(mention))
        state = self._nationality(organ)
        if state is None and organ.lemma_.lower() in WORDS.government_organs and _definite(organ):
            state = government_of(
                cast.doc,
                organ,
                cast.known.parties,
                cast.known.nationalities,
                lambda mention: titles(mention) | self._offices_of(mention),
            )
        return state

    def _nationality(self, noun: Token) -> str | None:
        """The state a nationality written before ``noun`` names ("the Chilean embassy")."""
        return next(
            (
                state
                for child in noun.children
                if child.dep_ in ("amod", "compound")
                and child.i < noun.i
                and (state := self.cast.known.nationalities.get(child.text))
            ),
            None,
        )

    def by_body(self, head: Token, qualified: bool) -> str | None:
        """A body named by what it is ("the government", "its government"): its owner."""
        cast = self.cast

        def owner(token: Token) -> str | None:
            return self.resolve(token, qualified=qualified).actor

        return body_owner(
            cast.doc,
            head,
            resolve=owner,
            parties=cast.known.parties,
            nationalities=cast.known.nationalities,
            state_forms=cast.known.state_forms,
            offices=lambda mention: titles(mention) | self._offices_of(mention),
        )

    def _offices_of(self, mention: Span) -> set[str]:
        key = self.cast.key(mention)
        return set(self.cast.people[key].offices) if key in self.cast.people else set()

    def by_demonym(self, head: Token) -> str | None:
        """An unnamed group described by nationality ("Iranian officials", "the Azerbaijani
        side") or placed in a seat of government ("officials in Kigali"): its state."""
        if head.lemma_.lower() not in ROLE_NOUNS:
            return None
        doc = self.cast.doc
        known = self.cast.known
        for child in head.children:
            if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
                continue
            if child.i > 0 and doc[child.i - 1].text in ("-", "pro", "anti"):
                continue
            state = known.nationalities.get(child.text)
            if state is not None:
                return state
        if head.lemma_.lower() not in WORDS.seated:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for place in (c for c in prep.children if c.dep_ == "pobj"):
                    name = doc[place.left_edge.i : place.i + 1].text
                    state = known.seats.get(name) or known.seats.get(place.text)
                    if state is not None:
                        return state
        return None

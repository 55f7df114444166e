"""The ``zopa_actors`` component: actor mentions resolved through the gazetteer.

The domain layer wins over the statistical NER: every gazetteer alias is
matched first (a :class:`~spacy.matcher.PhraseMatcher` on exact token text,
longest match first), and NER entities (PERSON, ORG, GPE) are used only for
names the gazetteer does not know, which are kept as unresolved actors. So
"Kyiv" is Ukraine even where the small English model tags it PERSON.

Rules, all over parse attributes rather than wording (the word lists in
:mod:`._name_words`, a name's forms in :mod:`._name_forms`, its kind in
:mod:`._name_kinds`, places in :mod:`._place_names`, back references in
:mod:`._back_references`):

- a demonym is a mention only as a noun ("the Russians"), not as an adjective
  ("Russian energy");
- a metonym (capital, seat of government or of an organisation) used as a
  location ("talks in Moscow", "coming to Kyiv", "back from Brussels", "the
  Doha talks") is a place, not a mention; acting ("Riyadh urged", "urged
  Riyadh", "Brussels' offer") it is the actor;
- a state name strictly inside a longer NER organisation or person name
  ("the Kings Russia Institute") belongs to that name;
- a person's title is not part of the name ("Kosovo Prime Minister Albin
  Kurti": the state and the person are two mentions);
- a short form of an unknown person named earlier (the last name, hyphenated
  or not, or the last part of a hyphenated one: "Marković-Hale" after "Jelena
  Marković-Hale") is the same actor, even where the NER misses or mislabels it;
- a capitalised multi-word name ending in an organisation's head noun
  ("Sudanese Armed Forces", "Mayo Emergency Room") is an organisation or group
  even where the small NER misses it, and "the army", "the paramilitaries",
  "the force(s)" refer back to the last such group they fit;
- names split by a line break (hard-wrapped text) still match.

In context (each in its own module):

- datelines, bylines and picture or agency credits name no actor (:mod:`._credits`);
- a place the gazetteer does not know (an NER GPE, a GeoNames city) is no actor
  (:mod:`._places`);
- an ambiguous name ("Congo") is resolved from the document's other evidence, an unsure
  choice keeping its reason in the mention's fields (:mod:`._context`);
- an organisation's one-word alias used as a person's surname ("Foreign Minister Thérèse
  Kayikwamba Wagner") is the person;
- a demonym before an institution ("the Congolese presidency") is the state, with a sector
  (:mod:`._descriptors`);
- titles and appositions give unknown people and organisations their country, role,
  affiliation and sector, in ``doc._.zopa_actor_info`` (:mod:`._roles`);
- an acronym introduced with its long form, called rebels or acting as a party is an
  actor in every use (:mod:`._acronyms`);
- names the NER mislabels: seas, shoals and regions are places; a "person" ending in
  "Institute" or after "the" is an organisation; a name it missed is a person when it
  speaks or has a role apposition ("Ana Lucero, a researcher,"), or follows a lower-case
  role noun ("chairperson Diallo").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from zopa.extract._acronyms import Acronym, find_acronyms
from zopa.extract._back_references import back_references
from zopa.extract._context import choose, collect_evidence
from zopa.extract._credits import credit_ranges
from zopa.extract._descriptors import describe
from zopa.extract._doc import ACTOR_INFO, ACTORS, FIELDS
from zopa.extract._gazetteer import AliasMatch, Gazetteer, load_gazetteer, unresolved_key
from zopa.extract._name_forms import (
    body_short_forms,
    content_view,
    hyphenated,
    short_forms,
    surname_of,
    trim,
    words,
)
from zopa.extract._name_kinds import (
    described_as_person,
    is_nominal,
    listed_with,
    named_person,
    not_a_person,
    org_kind,
    referred_to_as_person,
    speaks_or_has_role,
    title_word,
    titled,
)
from zopa.extract._name_words import (
    BODY_HEADS,
    GROUP_HEADS,
    HONORIFICS,
    LEADING,
    NAME_LINKS,
    PERSON_ROLES,
)
from zopa.extract._parties import PARTY_SECTOR, party_names
from zopa.extract._place_names import (
    FEATURES,
    a_city,
    a_feature,
    a_venue,
    is_location,
    venue_of,
)
from zopa.extract._places import city_countries, is_subdivision
from zopa.extract._roles import introduced_as_person, link_actors
from zopa.registry import extractors

__all__ = ["ActorRecognizer", "get_gazetteer"]

_NER_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "state"}
_CONTAINER_LABELS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"}
_NOT_NAMES_OF_ACTORS = {"WORK_OF_ART", "PRODUCT"}
"""NER labels a body's name ending on a body noun ("the Unitary Platform") overrides."""


def _credit_tokens(doc: Doc) -> set[int]:
    """Tokens in datelines, bylines and picture or agency credits (no mentions there)."""
    tokens: set[int] = set()
    for start, end in credit_ranges(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


def _party_mentions(doc: Doc, blocked: list[tuple[int, int]], gazetteer: Gazetteer) -> list[Span]:
    """Parties named by their members' plural or a bloc's one word ("the Greens", "the
    Union"): organisations with sector PTY (:mod:`._parties`). A people's name ("the
    Germans", "other Europeans") is no party."""
    spans: list[Span] = []
    for start, end in party_names(doc, {i for s, e in blocked for i in range(s, e)}):
        if _a_people(doc[start:end].text, gazetteer):
            continue
        key = unresolved_key(doc[start:end].text)
        span = Span(doc, start, end, label="organisation", kb_id=key)
        span._.set(FIELDS, {"sector": PARTY_SECTOR})
        spans.append(span)
    return spans


#: Capitalised words of a title before a name ("Prime Minister", "Vice President").
_TITLE_WORDS = PERSON_ROLES | {"prime", "vice", "deputy", "foreign", "defence", "defense"}

#: Peoples named by a plural that is no state's demonym: never a party's name.
_PEOPLES = frozenset(
    {"Europeans", "Africans", "Asians", "Americans", "Arabs", "Westerners", "Scandinavians"}
)


def _a_people(name: str, gazetteer: Gazetteer) -> bool:
    """Whether ``name`` is a people ("Germans", "Europeans"), not a party."""
    if name in _PEOPLES:
        return True
    for form in (name, name.removesuffix("s")):
        target = gazetteer.resolve(form)
        if target is not None and target.cls == "demonym":
            return True
    return False


class ActorRecognizer:
    """Marks actor mentions in ``doc.spans["zopa_actors"]`` (kb_id = actor key, label = kind).

    Parameters
    ----------
    nlp:
        The pipeline (its vocabulary and tokenizer build the alias patterns).
    gazetteer:
        The gazetteer to resolve mentions with.
    use_ner:
        Keep NER names unknown to the gazetteer as unresolved actors.
    """

    # 9: bodies by a common noun ("union president X", "the union"), "X of the Y";
    # 10: a name its clause calls he/she is a person's throughout the document;
    # 11: unresolved keys spell letters with no ASCII base ("Næss" → "naess"), a body's head
    # noun qualifying its staff is the body ("a Fund spokesperson"); 12: company names
    # ("Kestrel Terminals", and "Kestrel" after it), forms of address ("Dr", "Sir") dropped
    version = "12"

    def __init__(
        self, nlp: Language, name: str, *, gazetteer: Gazetteer, use_ner: bool = True
    ) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.use_ner = use_ner
        self.names: dict[str, list[str]] = {}  # an organisation's names, by key
        for alias, target in gazetteer.aliases.items():
            if target.cls == "name":
                self.names.setdefault(target.key, []).append(alias)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        aliases = sorted(gazetteer.aliases)
        for alias in aliases:
            patterns = [nlp.make_doc(alias)]
            if alias[:1].islower():  # "von der Leyen" opening a sentence
                patterns.append(nlp.make_doc(alias[:1].upper() + alias[1:]))
            self.matcher.add(alias, patterns)
        self.person_matcher = Matcher(nlp.vocab)
        self.person_matcher.add(
            "PERSON_NAME",
            [
                [{"IS_TITLE": True, "POS": "PROPN"}] * 2
                + [{"IS_TITLE": True, "POS": "PROPN", "OP": "?"}] * 2
            ],
            greedy="LONGEST",
        )
        self.org_matcher = Matcher(nlp.vocab)
        heads = sorted(GROUP_HEADS | BODY_HEADS)
        self.org_matcher.add(
            "ORG_NAME",
            [
                [{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": heads}}],
                # "the Centre for Strategic Dialogue", "the Coalition for Change"
                [
                    {"IS_TITLE": True, "OP": "*"},
                    {"ORTH": {"IN": heads}},
                    {"LOWER": {"IN": sorted(NAME_LINKS)}},
                    {"IS_TITLE": True, "OP": "+"},
                ],
            ],
            greedy="LONGEST",
        )

    def __call__(self, doc: Doc) -> Doc:
        names = self._names(doc)
        credits = _credit_tokens(doc)
        names = [n for n in names if not any(i in credits for i in range(n.start, n.end))]
        introduced = find_acronyms(doc, self.gazetteer) if self.use_ner else {}
        mentions, found = self._gazetteer_mentions(doc, names, credits, set(introduced))
        blocked = [(c.start, c.end) for c in found]
        blocked += [(m.start, m.end) for m in mentions]
        blocked += [(i, i + 1) for i in sorted(credits)]
        if self.use_ner:
            acronyms = self._acronym_mentions(doc, introduced, blocked)
            blocked += [(m.start, m.end) for m in acronyms]
            # Not a bloc's one word inside a longer name ("the Coalition for Change").
            longer = [(n.start, n.end) for n in names if n.label_ == "ORG" and len(n) > 1]
            acronyms += _party_mentions(doc, blocked + longer, self.gazetteer)
            blocked += [(m.start, m.end) for m in acronyms]
            mentions += acronyms + self._unresolved_mentions(doc, names, blocked, mentions)
        mentions, choices = self._resolve_ambiguous(doc, mentions, found, names)
        references = back_references(doc, mentions, self._name_of)
        referred = {i for span in references for i in range(span.start, span.end)}
        # "the Commission": the NER's lone word gives way to the body it refers back to
        mentions = [m for m in mentions if not _lone_unresolved(m, referred)] + references
        mentions += describe(doc, mentions, found, self.gazetteer, choices)
        mentions.sort(key=lambda span: span.start)
        doc.spans[ACTORS] = mentions
        doc._.set(ACTOR_INFO, link_actors(doc, mentions, found, self.gazetteer, choices))
        return doc

    def _names(self, doc: Doc) -> list[Span]:
        """The NER's names, trimmed, with organisation names it missed or cut short
        ("Sudanese Armed Forces") added as ORG, in text order."""
        ents = [_body_as_org(trim(ent)) for ent in doc.ents]
        ents = [ent for ent in ents if len(ent)]
        for match in filter_spans([doc[s:e] for _, s, e in self.org_matcher(doc)]):
            start = match.start
            # Sentence-initial words that are not part of the name ("The", "Yesterday").
            while start < match.end - 1 and (
                doc[start].text in LEADING or doc[start].pos_ not in {"PROPN", "ADJ", "NOUN"}
            ):
                start += 1
            start = _joined_name_start(doc, start)
            span = Span(doc, start, match.end, label="ORG")
            overlapping = [e for e in ents if e.start < span.end and span.start < e.end]
            # "the Unitary Platform" tagged as a work of art: a body's name all the same
            overlapping = [
                e for e in overlapping if e.label_ not in _NOT_NAMES_OF_ACTORS or len(e) > len(span)
            ]
            if len(span) < 2 or any(
                e.start < span.start or e.end > span.end or len(e) == len(span) for e in overlapping
            ):
                continue  # already an entity, or inside a longer one
            ents = [e for e in ents if e.end <= span.start or span.end <= e.start] + [span]
        ents += self._people_missed(doc, ents)
        return sorted(ents, key=lambda e: e.start)

    def _people_missed(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Names of two to four capitalised proper nouns the NER missed or cut short
        ("Ana Lucero" where it saw only "Lucero") that a title before them, a speech verb or
        a role apposition shows to be a person's ("Prime Minister Ana Lucero", "Ana Lucero
        said", "Ana Lucero, a senior researcher")."""
        found: list[Span] = []
        for match in filter_spans([doc[s:e] for _, s, e in self.person_matcher(doc)]):
            start = match.start
            while start < match.end and (
                doc[start].lower_ in _TITLE_WORDS or doc[start].lower_.rstrip(".") in HONORIFICS
            ):
                start += 1  # "Prime Minister Mark Carney", "Dr Ana Ruiz": no part of the name
            titled_name = start > match.start and match.end - start >= 2
            match = doc[start : match.end]
            if not (titled_name or speaks_or_has_role(match)) or any(
                t.lower_ in PERSON_ROLES
                or t.text in GROUP_HEADS | BODY_HEADS
                or self.gazetteer.resolve(t.text) is not None
                for t in match
            ):
                continue
            overlapping = [e for e in ents if e.start < match.end and match.start < e.end]
            if any(e.start < match.start or e.end > match.end for e in overlapping):
                continue  # inside a longer name
            if any(e.label_ == "PERSON" and len(e) == len(match) for e in overlapping):
                continue  # the NER has it
            ents[:] = [e for e in ents if e not in overlapping]
            found.append(Span(doc, match.start, match.end, label="PERSON"))
        return found

    def _gazetteer_mentions(
        self, doc: Doc, names: list[Span], credits: set[int], respelled: set[str]
    ) -> tuple[list[Span], list[AliasMatch]]:
        """Mentions of the gazetteer's aliases, and every alias match; an acronym in
        ``respelled`` the document spells out as another body (:mod:`._acronyms`) is not
        the gazetteer's."""
        view, index = content_view(doc)
        candidates: list[Span] = []
        for match_id, start, end in self.matcher(view):
            alias = doc.vocab.strings[match_id]
            if index is not None:
                start, end = index[start], index[end - 1] + 1
            candidates.append(Span(doc, start, end, label=alias))
        found: list[AliasMatch] = []
        mentions: list[Span] = []
        container: dict[int, Span] = {}  # token → the NER name holding it
        for name in names:
            if name.label_ in _CONTAINER_LABELS:
                for i in range(name.start, name.end):
                    container[i] = name
        # Last words of the people named so far ("Wagner" after "Thérèse Kayikwamba Wagner").
        surnames: dict[str, str] = {}
        people = [n for n in names if n.label_ == "PERSON" and len(n) > 1]
        for span in filter_spans(candidates):
            while people and people[0].end <= span.start:
                person = people.pop(0)
                for form in short_forms(person.text):
                    surnames.setdefault(form, unresolved_key(person.text))
            if span.label_ in respelled:
                continue
            target = self.gazetteer.aliases[span.label_]
            found.append(AliasMatch(span.start, span.end, target))
            if span.start in credits:
                continue
            holder = container.get(span.start)
            in_name = holder is not None and holder.label_ == "ORG" and len(holder) > len(span)
            if target.cls == "place" or (target.cls == "demonym" and not is_nominal(span)):
                if in_name:
                    found.pop()  # "the Malian Foreign Ministry", "Radio Sahel": the name stands
                continue
            if (target.cls == "metonym" and is_location(span)) or (
                target.cls == "name" and venue_of(span) and self._state(target.key)
            ):
                if in_name:
                    found.pop()  # "Cairo University": the name stands
                continue  # "talks in Moscow", "the Mexico round"
            if span.end < len(doc) and doc[span.end].text in FEATURES:
                found.pop()  # "the South China Sea", "the Taiwan Strait": a place's name
                continue
            actor = self.gazetteer.actor(target.key)
            assert actor is not None
            if (
                holder is not None
                and (
                    actor.kind == "state" or (holder.label_ == "PERSON" and actor.kind != "person")
                )
                and span.end <= holder.end
                and len(holder) > len(span)
            ):
                found.pop()  # part of a longer name: let the NER name stand
                continue
            tail = container.get(span.end - 1)  # the name holding the alias's last word
            if (
                tail is not None
                and tail.label_ == "ORG"
                and tail.end > span.end
                and doc[span.end].lower_ in NAME_LINKS
            ):
                found.pop()  # "the Alliance for Rural Futures" is not NATO's "the Alliance"
                continue
            if (
                holder is not None
                and holder.label_ != "PERSON"
                and actor.kind == "person"
                and holder.start < span.start
                and span.end == holder.end
                and not holder.text.endswith(actor.name)
            ):
                found.pop()  # "Parliament Hill" is no "Hill": a person's word ending a name
                continue
            if (
                holder is not None
                and holder.label_ == "ORG"
                and actor.kind == "organisation"
                and holder.start < span.start
                and span.end == holder.end
                and all(
                    t.text[:1].isupper() and self.gazetteer.resolve(t.text) is None
                    for t in doc[holder.start : span.start]
                )
            ):
                found.pop()  # "the National Security Council" is not the UN's Security Council
                continue
            if _other_first_name(span, holder, actor.kind):
                found.pop()  # "Minister Yasir Abbas" is not the gazetteer's Mahmoud Abbas
                continue
            if actor.kind in {"organisation", "group"}:
                named = surname_of(span, surnames, self.gazetteer)
                if named is not None:  # "Foreign Minister Thérèse Kayikwamba Wagner"
                    found.pop()
                    mentions.append(named)
                    for form in short_forms(named.text):
                        surnames.setdefault(form, named.kb_id_)
                    continue
            mentions.append(Span(doc, span.start, span.end, label=actor.kind, kb_id=actor.key))
        return mentions, found

    def _resolve_ambiguous(
        self, doc: Doc, mentions: list[Span], found: list[AliasMatch], names: list[Span]
    ) -> tuple[list[Span], dict[str, tuple[str, str | None]]]:
        """Ambiguous names ("Congo") resolved from the document's other evidence, and the
        choice made for each ambiguous alias (key, reason when unsure); an unsure mention
        keeps the reason in its fields (``unsure``)."""
        ambiguous = self.gazetteer.ambiguous
        surfaces = [" ".join(doc[c.start : c.end].text.split()) for c in found]
        if not any(alias in ambiguous for alias in surfaces):
            return mentions, {}
        resolved = [
            (alias, c.target.key)
            for alias, c in zip(surfaces, found, strict=True)
            if alias not in ambiguous
        ]
        known = {i for c in found for i in range(c.start, c.end)}
        others = [" ".join(n.text.split()) for n in names if n.start not in known]
        evidence = collect_evidence(resolved, others, self.gazetteer)
        choices = {
            alias: choose(alias, keys, evidence)
            for alias, keys in ambiguous.items()
            if alias in surfaces
        }
        out: list[Span] = []
        for span in mentions:
            alias = " ".join(span.text.split())
            if alias not in choices or span.kb_id_ not in ambiguous[alias]:
                out.append(span)
                continue
            key, reason = choices[alias]
            new = Span(doc, span.start, span.end, label=span.label_, kb_id=key)
            if reason is not None:
                new._.set(FIELDS, {"unsure": reason})
            out.append(new)
        return out, choices

    def _acronym_mentions(
        self, doc: Doc, acronyms: dict[str, Acronym], blocked: list[tuple[int, int]]
    ) -> list[Span]:
        """Acronyms the document introduces ("the Andean Liberation Front (ALF)") or calls a
        group ("ALF rebels"), each use and the long form (:mod:`._acronyms`)."""
        if not acronyms:
            return []
        taken = {i for s, e in blocked for i in range(s, e)}
        spans: list[Span] = []
        for acronym in acronyms.values():
            ranges = [(t.i, t.i + 1) for t in doc if t.text == acronym.text]
            if acronym.long_form is not None:
                ranges.append(acronym.long_form)
            ranges.extend(r for r in acronym.spelled_out if r != acronym.long_form)
            for start, end in ranges:
                if not any(i in taken for i in range(start, end)):
                    spans.append(Span(doc, start, end, label=acronym.kind, kb_id=acronym.key))
                    taken.update(range(start, end))
        return spans

    def _unresolved_mentions(
        self, doc: Doc, names: list[Span], blocked: list[tuple[int, int]], known: list[Span]
    ) -> list[Span]:
        # Short form of a person named earlier → (key, kind, where the full name ends).
        people: dict[str, tuple[str, str, int]] = {}
        for span in known:
            if span.label_ == "person" and len(span) > 1:
                for form in short_forms(span.text):
                    people.setdefault(form, (span.kb_id_, "person", span.end))
        spans: list[Span] = []
        taken = {i for s, e in blocked for i in range(s, e)}
        people_at = {  # tokens of the people named ("Merz" in "Merz, Söder and X")
            i
            for span in [*known, *names]
            if span.label_ == "person"
            or (span.label_ == "PERSON" and not city_countries(span.text))
            for i in range(span.start, span.end)
        }
        # One name, one sense in a document: a name shown to be a place's anywhere ("the
        # Catatumbo region") is a place's everywhere ("the Catatumbo violence").
        places = {" ".join(n.text.split()) for n in names if a_feature(n)}
        for name in names:
            if any(i in taken for i in range(name.start, name.end)):
                continue
            if " ".join(name.text.split()) in places:
                continue
            start, end = hyphenated(doc, name.start, name.end, taken)
            span = Span(doc, start, end, label=name.label)
            text = " ".join(span.text.split())
            short = people.get(text)
            if short is not None and short[2] <= start:
                # "Marković-Hale" after "Jelena Marković-Hale", whatever the NER calls it.
                spans.append(Span(doc, start, end, label=short[1], kb_id=short[0]))
                continue
            body = body_short_forms([*known, *spans], start, self.names).get(text)
            if body is not None and name.label_ in {"ORG", "PERSON", "GPE"}:
                # "the Commission" after "the European Commission", "the State Bank"
                spans.append(Span(doc, start, end, label=body.label_, kb_id=body.kb_id_))
                continue
            kind = _NER_KINDS.get(name.label_)
            if kind is None or not text[:1].isupper() or title_word(span):
                continue
            if (
                kind == "state"
                and not city_countries(text)
                and not is_subdivision(text)
                and (titled(span) or named_person(span) or listed_with(span, people_at))
            ):
                kind = "person"  # "chairperson Diallo", "Merz, Söder and X": not a place
            elif kind == "state" or a_city(span, text):
                continue  # a place the gazetteer does not know ("Goma"), not a new state
            after_title = start > 0 and doc[start - 1].lower_ in _TITLE_WORDS
            if name.label_ == "PERSON" and is_location(span) and not after_title:
                continue  # "across the plateau and Maniema": a place the NER took for a person
            if a_feature(span) or a_venue(span):
                continue  # "Lanka Shoal", "the Rio Verde region", "at Government House"
            if kind == "organisation" and (
                described_as_person(span)
                or introduced_as_person(doc, start)
                or titled(span)
                or referred_to_as_person(span)
            ):
                kind = "person"
            if kind == "person" and not_a_person(span):
                kind = "organisation"  # "the Lowy Institute", "for the Harbour Courier"
            if kind == "organisation":
                kind = org_kind(text)
            key = unresolved_key(text)
            if kind == "person":
                for form in short_forms(text):
                    people.setdefault(form, (key, kind, end))
            spans.append(Span(doc, start, end, label=kind, kb_id=key))
        # A short form the NER missed after the full name was seen ("Liik expects nothing").
        taken |= {i for span in spans for i in range(span.start, span.end)}
        for start, end in words(doc):
            short = people.get(doc[start:end].text)
            if (
                short is None
                or short[2] > start
                or not short[0].startswith("unresolved:")  # the gazetteer matches its own
                or doc[end - 1].pos_ != "PROPN"
                or any(i in taken for i in range(start, end))
            ):
                continue
            spans.append(Span(doc, start, end, label=short[1], kb_id=short[0]))
        spans += _body_heads_missed(doc, [*known, *spans], taken, self.names)
        # One name, one kind in a document: a name shown to be a person's anywhere in it
        # ("Machado said she would appeal") is a person's where the NER called it an
        # organisation too.
        persons = {span.kb_id_ for span in spans if span.label_ == "person"}
        return [
            Span(doc, span.start, span.end, label="person", kb_id=span.kb_id_)
            if span.label_ == "organisation" and span.kb_id_ in persons
            else span
            for span in spans
        ]

    def _state(self, key: str) -> bool:
        actor = self.gazetteer.actor(key)
        return actor is not None and actor.kind == "state"

    def _name_of(self, mention: Span) -> str:
        actor = self.gazetteer.actor(mention.kb_id_)
        return actor.name if actor is not None else " ".join(mention.text.split())


@Language.factory(
    "zopa_actors",
    default_config={"gazetteer_paths": [], "use_ner": True},
    assigns=["doc.spans"],
    requires=["token.tag", "token.dep", "doc.ents"],
)
def make_actor_recognizer(
    nlp: Language, name: str, gazetteer_paths: list[str], use_ner: bool
) -> ActorRecognizer:
    """spaCy factory of :class:`ActorRecognizer` (shipped gazetteer + ``gazetteer_paths``)."""
    return ActorRecognizer(nlp, name, gazetteer=load_gazetteer(gazetteer_paths), use_ner=use_ner)


extractors.register("zopa.actors.v1")("zopa_actors")


def get_gazetteer(nlp: Language) -> Gazetteer:
    """The gazetteer of ``nlp``'s ``zopa_actors`` component (the shipped one if it has none)."""
    if "zopa_actors" in nlp.pipe_names:
        component = nlp.get_pipe("zopa_actors")
        if isinstance(component, ActorRecognizer):
            return component.gazetteer
    return load_gazetteer()


def _other_first_name(span: Span, holder: Span | None, kind: str) -> bool:
    """Whether a gazetteer person's short form ``span`` ("Abbas") ends a longer name the NER
    calls a person, whose words before it are other given names ("Yasir Abbas"), not a
    title ("President Abbas"): another person of the same surname."""
    if kind != "person" or holder is None or holder.label_ != "PERSON":
        return False
    before = span.doc[holder.start : span.start]
    return (
        span.end == holder.end
        and len(before) > 0
        and all(t.is_alpha and t.text[:1].isupper() for t in before)
        and not any(t.lower_ in PERSON_ROLES | _HONORIFICS for t in before)
    )


#: Words before a surname that make no other given name ("Mr Abbas", "Sheikh Tamim").
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sheikh", "sir", "dame", "prince", "king"})


def _lone_unresolved(mention: Span, referred: set[int]) -> bool:
    """A one-word name the gazetteer does not know, inside a back reference."""
    return (
        len(mention) == 1
        and mention.start in referred
        and mention.kb_id_.startswith("unresolved:")
        and not mention._.get(FIELDS)
    )


def _body_heads_missed(
    doc: Doc, mentions: list[Span], taken: set[int], names: Mapping[str, Sequence[str]]
) -> list[Span]:
    """A body named in full and later by its head noun after "the", where the NER saw no
    name ("the Fund's resident representative" after "the International Monetary Fund")."""
    found: list[Span] = []
    for token in doc:
        if (
            token.i == 0
            or token.i in taken
            or doc[token.i - 1].lower_ != "the"
            or not token.is_title
            or token.pos_ not in {"PROPN", "NOUN"}
        ):
            continue
        body = body_short_forms(mentions, token.i, names).get(token.text)
        if body is not None:
            found.append(Span(doc, token.i, token.i + 1, label=body.label_, kb_id=body.kb_id_))
    return found


def _body_as_org(ent: Span) -> Span:
    """A name the NER calls a building that has a body's head noun ("the Gulf Peace Studies
    Centre", "the Institut Atlantique"): an organisation, as a think tank is."""
    if ent.label_ == "FAC" and any(t.text in BODY_HEADS for t in ent):
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    return ent


def _joined_name_start(doc: Doc, start: int) -> int:
    """Start of "the Federal Mediation and Conciliation Service" whose matched name begins at
    ``start`` ("Conciliation Service"): capitalised words and "and" back to a "the"."""
    if start < 3 or doc[start - 1].lower_ != "and":
        return start
    first = start - 1
    while first > 0 and doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN":
        first -= 1
    if first == start - 1 or first == 0 or doc[first - 1].lower_ != "the":
        return start
    return first

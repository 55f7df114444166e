"""The ``zopa_actors`` component: actor mentions resolved through the gazetteer.

The domain layer wins over the statistical NER: every gazetteer alias is
matched first (a :class:`~spacy.matcher.PhraseMatcher` on exact token text,
longest match first), and NER entities (PERSON, ORG, GPE) are used only for
names the gazetteer does not know, which are kept as unresolved actors. So
"Kyiv" is Ukraine even where the small English model tags it PERSON.

Rules, all over parse attributes rather than wording:

- a demonym is a mention only as a noun ("the Russians"), not as an adjective
  ("Russian energy");
- a metonym (capital, seat of government) used as a location ("talks in
  Moscow", "coming to Kyiv") is a place, not a mention;
- a state name strictly inside a longer NER organisation or person name
  ("the Kings Russia Institute") belongs to that name;
- a one-word person name after a fuller one ends ("Liik" after "Kadri Liik")
  is the same actor;
- names split by a line break (hard-wrapped text) still match.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from zopa.extract._doc import ACTORS
from zopa.extract._gazetteer import AliasTarget, Gazetteer, load_gazetteer, unresolved_key
from zopa.registry import extractors

__all__ = ["ActorRecognizer", "get_gazetteer"]

_NER_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "state"}
_CONTAINER_LABELS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"}
_LOCATIVE = {"in", "at", "near", "inside", "outside", "within", "throughout", "across"}
_DIRECTIONAL = {"to", "into"}
_MOTION = {"come", "go", "return", "travel", "fly", "arrive", "move", "head", "visit", "bring"}
_LEADING = {"the", "The", "a", "an"}
# Nouns that make a name they describe a person's ("Marta Quillfeather, an analyst").
_PERSON_ROLES = {
    "analyst", "professor", "researcher", "fellow", "director", "economist", "expert",
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "official",
    "diplomat", "envoy", "negotiator", "adviser", "advisor", "aide", "ambassador", "chief",
    "leader", "general", "commander", "lawmaker", "senator", "secretary", "scholar", "author",
    "journalist", "correspondent", "head", "chairman", "chairwoman", "premier", "mediator",
    "representative", "governor", "mayor", "speaker",
}  # fmt: skip


def _is_location(span: Span) -> bool:
    """True when the span names a location: "in Moscow", "coming to Kyiv", "Yerevan-based"."""
    doc = span.doc
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ == "based"
    ):
        return True
    root = span.root
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in _LOCATIVE:
        return True
    return prep.lower_ in _DIRECTIONAL and prep.head.lemma_ in _MOTION


def _is_nominal(span: Span) -> bool:
    """True when a demonym is used as a noun ("the Russians"), not as a modifier."""
    root = span[-1]
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "-":
        return False  # "Russian-speaking"
    if root.tag_ in {"NNPS", "NNS"}:
        return True
    return root.tag_ in {"NNP", "NN"} and root.dep_ not in {"amod", "compound", "nmod"}


def _described_as_person(span: Span) -> bool:
    """A name with a person's role noun as apposition or title ("analyst X", "X, an aide")."""
    root = span.root
    roles = [c for c in root.children if c.dep_ in {"appos", "compound"} and c.i < span.start]
    roles += [c for c in root.children if c.dep_ == "appos"]
    return any(c.lemma_.lower() in _PERSON_ROLES for c in roles)


def _title_word(span: Span) -> bool:
    """Part of a person's title, not an organisation: "National Security Minister X",
    "Secretary of State"."""
    root = span.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in _PERSON_ROLES:
        return True
    return (
        len(span) == 1
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in _PERSON_ROLES
    )


def _content_view(doc: Doc) -> tuple[Doc, list[int] | None]:
    """``doc`` without single-line-break tokens, and the map back to ``doc``'s token indices."""
    keep = [t.i for t in doc if not (t.is_space and t.text.count("\n") <= 1)]
    if len(keep) == len(doc):
        return doc, None
    view = Doc(doc.vocab, words=[doc[i].text for i in keep], spaces=[True] * len(keep))
    return view, keep


def _trim(ent: Span) -> Span:
    """``ent`` without a leading article or punctuation and a trailing possessive or punctuation."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and (doc[start].text in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    return Span(doc, start, end, label=ent.label)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    target: AliasTarget


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

    version = "1"

    def __init__(
        self, nlp: Language, name: str, *, gazetteer: Gazetteer, use_ner: bool = True
    ) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.use_ner = use_ner
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        aliases = sorted(gazetteer.aliases)
        for alias in aliases:
            self.matcher.add(alias, [nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        gazetteer_spans = self._gazetteer_mentions(doc)
        blocked = [(c.start, c.end) for c in gazetteer_spans[1]]
        mentions = gazetteer_spans[0]
        if self.use_ner:
            mentions += self._unresolved_mentions(doc, blocked, mentions)
        mentions.sort(key=lambda span: span.start)
        doc.spans[ACTORS] = mentions
        return doc

    def _gazetteer_mentions(self, doc: Doc) -> tuple[list[Span], list[_Candidate]]:
        view, index = _content_view(doc)
        candidates: list[Span] = []
        for match_id, start, end in self.matcher(view):
            alias = doc.vocab.strings[match_id]
            if index is not None:
                start, end = index[start], index[end - 1] + 1
            candidates.append(Span(doc, start, end, label=alias))
        found: list[_Candidate] = []
        mentions: list[Span] = []
        container: dict[int, Span] = {}  # token → the trimmed NER name holding it
        for ent in doc.ents:
            if ent.label_ in _CONTAINER_LABELS:
                trimmed = _trim(ent)
                for i in range(trimmed.start, trimmed.end):
                    container[i] = trimmed
        for span in filter_spans(candidates):
            target = self.gazetteer.aliases[span.label_]
            found.append(_Candidate(span.start, span.end, target))
            if target.cls == "place":
                continue
            if target.cls == "demonym" and not _is_nominal(span):
                continue
            if target.cls == "metonym" and _is_location(span):
                continue
            actor = self.gazetteer.actor(target.key)
            assert actor is not None
            holder = container.get(span.start)
            if (
                actor.kind == "state"
                and holder is not None
                and span.end <= holder.end
                and len(holder) > len(span)
            ):
                found.pop()  # part of a longer name: let the NER name stand
                continue
            mentions.append(Span(doc, span.start, span.end, label=actor.kind, kb_id=actor.key))
        return mentions, found

    def _unresolved_mentions(
        self, doc: Doc, blocked: list[tuple[int, int]], known: list[Span]
    ) -> list[Span]:
        people: dict[str, tuple[str, str]] = {}  # last word of a person name → (key, kind)
        for span in known:
            if span.label_ == "person" and len(span) > 1:
                people.setdefault(span[-1].text, (span.kb_id_, "person"))
        spans: list[Span] = []
        taken = {i for s, e in blocked for i in range(s, e)}
        for ent in doc.ents:
            kind = _NER_KINDS.get(ent.label_)
            if kind is None or any(i in taken for i in range(ent.start, ent.end)):
                continue
            span = _trim(ent)
            if not span or not span[0].text[:1].isupper() or _title_word(span):
                continue
            if kind == "state" and span.text.isupper():
                continue  # a dateline ("DOHA, January 14 —"), not an actor
            start, end = span.start, span.end
            if kind == "organisation" and _described_as_person(span):
                kind = "person"
            if kind == "state" and _is_location(span):
                continue
            text = " ".join(span.text.split())
            if len(span) == 1 and span.text in people:
                key, kind = people[span.text]
            else:
                key = unresolved_key(text)
                if kind == "person" and len(span) > 1:
                    people.setdefault(span[-1].text, (key, kind))
            spans.append(Span(doc, start, end, label=kind, kb_id=key))
        # A surname the NER missed after the full name was seen ("Liik expects nothing").
        taken |= {i for span in spans for i in range(span.start, span.end)}
        for token in doc:
            if token.i not in taken and token.pos_ == "PROPN" and token.text in people:
                key, kind = people[token.text]
                if not key.startswith("unresolved:"):
                    continue  # gazetteer short forms are matched by the gazetteer already
                spans.append(Span(doc, token.i, token.i + 1, label=kind, kb_id=key))
        return spans


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

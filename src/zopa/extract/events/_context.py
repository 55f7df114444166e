"""Per-document look-ups shared by the event rules: actors by token, sentences, entities.

:class:`Context` is built once per document so that the cost of an event does not grow
with the length of its sentence; it also records the pairs of parties named so far ("the
two sides") and the proposals coded so far ("rejected the idea"). Datelines and headlines
are found here: they name no participant and code no event.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Span, Token

from zopa.extract._doc import ACTORS, FIELDS, QUOTES

__all__ = ["WINDOW", "Context", "is_person", "lemma_of"]

# How far (in tokens) a rule climbs the parse or looks back for an antecedent. Longer than
# any sentence of ordinary prose, so it only matters for run-on input (a file without full
# stops), where it keeps the cost per event constant instead of growing with the sentence.
WINDOW = 200


@dataclass
class Context:
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
    # events coded so far that a later object may name ("condemned the arrests"): position,
    # source, trigger lemma and type
    acts: list[tuple[int, str, str, str]] = field(default_factory=list)
    # the mediators and hosts coded so far: third parties, never one of a pair of parties
    third_parties: set[str] = field(default_factory=set)
    _main_subjects: dict[int, list[Token]] = field(default_factory=dict)
    #: per actor span (by its first token): the words describing it where it is named
    descriptions: dict[int, set[str]] = field(default_factory=dict)

    def add_pair(self, position: int, first: str, second: str) -> None:
        """Record that ``first`` and ``second`` were named together at ``position``."""
        if first != second:
            insort(self.pairs, (position, first, second))

    def pairs_before(self, i: int) -> Iterator[tuple[str, str]]:
        """The pairs of parties named before token ``i``, latest first, within the look-back
        window; a pair with a mediator or host in it is no pair of parties ("mediated by
        Norway and Switzerland")."""
        for position, first, second in reversed(self.pairs[: bisect_left(self.pairs, (i,))]):
            if i - position > 2 * WINDOW:
                return
            if first not in self.third_parties and second not in self.third_parties:
                yield first, second

    def story_pair(self, i: int) -> tuple[str, str] | None:
        """The pair of parties the story is about, before token ``i``: the pair named most
        often so far (in either order), the latest of equals, in the order first named;
        mediators and hosts excluded."""
        counts: dict[frozenset[str], int] = {}
        latest: dict[frozenset[str], int] = {}
        named: dict[frozenset[str], tuple[str, str]] = {}
        for position, first, second in self.pairs[: bisect_left(self.pairs, (i,))]:
            if first in self.third_parties or second in self.third_parties:
                continue
            key = frozenset((first, second))
            counts[key] = counts.get(key, 0) + 1
            latest[key] = position
            named.setdefault(key, (first, second))
        if not counts:
            return None
        return named[max(counts, key=lambda k: (counts[k], latest[k]))]

    def proposals_before(self, i: int) -> Iterator[tuple[str, str]]:
        """Events another may answer, coded before token ``i`` in its or the two previous
        sentences, latest first."""
        first_sentence = max(0, self.sent_of[i] - 2)
        for position, source, topic in reversed(
            self.proposals[: bisect_left(self.proposals, (i,))]
        ):
            if self.sent_of[position] < first_sentence or i - position > 2 * WINDOW:
                return
            yield source, topic

    def acts_before(self, i: int) -> Iterator[tuple[str, str, str]]:
        """Events coded before token ``i`` in its or the two previous sentences, latest
        first: source, trigger lemma and type."""
        first_sentence = max(0, self.sent_of[i] - 2)
        for position, source, lemma, etype in reversed(self.acts[: bisect_left(self.acts, (i,))]):
            if self.sent_of[position] < first_sentence or i - position > 2 * WINDOW:
                return
            yield source, lemma, etype

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
    def of(cls, doc: Doc) -> Context:
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


def lemma_of(token: Token) -> str:
    """The lower-case lemma; a capitalised plural the tagger took for a name
    ("Negotiators for Israel") loses its plural ending."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s"):
        return lemma[:-1]
    return lemma


def is_person(span: Span) -> bool:
    return span.kb_id_.startswith("person:") or span.label_ == "person"
